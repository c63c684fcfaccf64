// passes/hoist-scales.ts: a constant scale of every lane of a loop sum is
// applied once to the sum (Σ_k c·y_k = c·Σ_k y_k), with the same values; a
// sum whose terms have no common scale is left as it is.
import { describe, expect, it } from 'vitest';
import { Graph, type NodeId, verifyGraph } from '../../src/ir/graph.js';
import { evaluateScalars } from '../../src/ir/evaluate.js';
import { differentiate } from '../../src/passes/differentiate.js';
import { sinkSelects } from '../../src/passes/sink-selects.js';
import { hoistScales } from '../../src/passes/hoist-scales.js';
import { expectClose } from '../helpers/numeric.js';
import { seededRandom, uniform } from '../helpers/random.js';

const N = 8;

/** The Huber loss of r_k = y_k − w x_k over 8 lanes, divided by 8: the benchmark's (c) as lane vectors. */
function laneHuber(): { g: Graph; out: NodeId; w: NodeId } {
  const g = new Graph();
  const w = g.variable('w');
  const x = g.variable('x', [N]);
  const y = g.variable('y', [N]);
  const r = g.sub(y, g.mul(w, x));
  const half = g.constant(0.5);
  const quarter = g.constant(0.25);
  const middle = g.apply('select_lt', [r, g.constant(-0.5), g.mul(half, g.sub(g.neg(r), quarter)), g.mul(g.mul(half, r), r)]);
  const terms = g.apply('select_lt', [half, r, g.mul(half, g.sub(r, quarter)), middle]);
  return { g, out: g.div(g.apply('sum', [terms]), g.constant(N)), w };
}

function inputs(random: () => number) {
  const lanes = () => Float64Array.from({ length: N }, () => uniform(random, -2, 2));
  return { w: uniform(random, -1, 1), x: lanes(), y: lanes() };
}

/** The nodes `root` needs. */
function reached(g: Graph, root: NodeId): Set<NodeId> {
  const seen = new Set<NodeId>();
  const visit = (id: NodeId): void => {
    if (seen.has(id)) return;
    seen.add(id);
    g.node(id).args.forEach(visit);
  };
  visit(root);
  return seen;
}

describe('hoistScales', () => {
  it('moves the −1/8 of every lane of ∂L/∂w out of the sum: one product after it, the branches unscaled, same values', () => {
    const { g, out, w } = laneHuber();
    const d = differentiate(g, out, [w]);
    const sunk = sinkSelects(d.graph);
    const { graph, map } = hoistScales(sunk.graph);
    verifyGraph(graph);
    const dw = map[sunk.map[d.gradient[0]]];
    const top = graph.node(dw);
    expect(top.op).toBe('mul');
    expect(graph.constantValue(top.args[0])).toBe(-1 / N);
    expect(graph.node(top.args[1]).op).toBe('sum_to');
    // no lane is multiplied by a constant other than the function's own 0.5 any more
    const laneScales = [...reached(graph, dw)].filter((id) => {
      const n = graph.node(id);
      return n.op === 'mul' && n.shape.length === 1 && n.args.some((a) => graph.constantValue(a) !== undefined && graph.constantValue(a) !== 0.5);
    });
    expect(laneScales).toEqual([]);
    const random = seededRandom(11);
    for (let trial = 0; trial < 30; trial++) {
      const at = inputs(random);
      const before = evaluateScalars(d.graph, [d.output, ...d.gradient], at);
      const after = evaluateScalars(graph, [map[sunk.map[d.output]], dw], at);
      expectClose(after, before, 1e-14, 1e-15, JSON.stringify(at));
    }
  });

  it('leaves a sum alone when its terms have no common scale: Σ (2 x_k + 3 y_k)', () => {
    const g = new Graph();
    const x = g.variable('x', [N]);
    const y = g.variable('y', [N]);
    const sum = g.apply('sum', [g.add(g.mul(g.constant(2), x), g.mul(g.constant(3), y))]);
    const { graph, map } = hoistScales(g);
    expect(graph.node(map[sum]).op).toBe('sum');
    const at = inputs(seededRandom(3));
    expect(evaluateScalars(graph, [map[sum]], at)).toEqual(evaluateScalars(g, [sum], at));
  });

  it('takes a common scale through sums, differences, quotients and the constants of branches: Σ (4x − 4y)/y', () => {
    const g = new Graph();
    const x = g.variable('x', [N]);
    const y = g.variable('y', [N]);
    const four = g.constant(4);
    const sum = g.apply('sum', [g.div(g.sub(g.mul(four, x), g.mul(four, y)), y)]);
    const { graph, map } = hoistScales(g);
    const top = graph.node(map[sum]);
    expect([top.op, graph.constantValue(top.args[0])]).toEqual(['mul', 4]);
    const at = inputs(seededRandom(4));
    expectClose(evaluateScalars(graph, [map[sum]], at), evaluateScalars(g, [sum], at), 1e-14);
  });
});
