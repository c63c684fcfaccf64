// passes/sink-selects.ts: arithmetic moved into the branches of selects
// gives the same values (the gradient of an if / else if / else included),
// and a sum of a branch's adjoints becomes one select per condition.
import { describe, expect, it } from 'vitest';
import { Graph, verifyGraph } from '../src/ir/graph.js';
import { evaluateScalars } from '../src/ir/evaluate.js';
import { differentiate } from '../src/passes/differentiate.js';
import { sinkSelects } from '../src/passes/sink-selects.js';
import { expectClose } from './helpers/numeric.js';
import { seededRandom, uniform } from './helpers/random.js';

/** Huber's piecewise loss of r = y − w x: 0.5 (r − 0.25) above 0.5, 0.5 (−r − 0.25) below −0.5, 0.5 r² between. */
function huber(): { g: Graph; out: number; wrt: number[] } {
  const g = new Graph();
  const [w, x, y] = ['w', 'x', 'y'].map((n) => g.variable(n));
  const r = g.sub(y, g.mul(w, x));
  const half = g.constant(0.5);
  const quarter = g.constant(0.25);
  const middle = g.apply('select_lt', [r, g.constant(-0.5), g.mul(half, g.sub(g.neg(r), quarter)), g.mul(g.mul(half, r), r)]);
  const out = g.apply('select_lt', [half, r, g.mul(half, g.sub(r, quarter)), middle]);
  return { g, out, wrt: [w, x] };
}

describe('sinkSelects', () => {
  it('keeps the values of the gradient of an if / else if / else, in every branch', () => {
    const { g, out, wrt } = huber();
    const d = differentiate(g, out, wrt);
    const { graph, map } = sinkSelects(d.graph);
    verifyGraph(graph);
    const random = seededRandom(5);
    for (let trial = 0; trial < 30; trial++) {
      const inputs = { w: uniform(random, -2, 2), x: uniform(random, -2, 2), y: uniform(random, -2, 2) };
      const before = evaluateScalars(d.graph, [d.output, ...d.gradient], inputs);
      const after = evaluateScalars(graph, [map[d.output], ...d.gradient.map((id) => map[id])], inputs);
      expectClose(after, before, 1e-15, 1e-15, JSON.stringify(inputs));
    }
  });

  it('makes ∂/∂w one select per condition (the adjoints of the three branches summed inside them)', () => {
    const { g, out, wrt } = huber();
    const d = differentiate(g, out, wrt);
    const { graph, map } = sinkSelects(d.graph);
    // ∂L/∂w = −x ∂L/∂r: the first select under the products and negations is ∂L/∂r
    const firstSelect = (id: number): number | undefined => (graph.node(id).op.startsWith('select_') ? id
      : graph.node(id).args.map(firstSelect).find((a) => a !== undefined));
    const tree = graph.node(firstSelect(map[d.gradient[0]]) ?? -1);
    expect(tree.op).toBe('select_lt');
    const inner = graph.node(tree.args[3]);
    expect(inner.op).toBe('select_lt');
    expect(graph.node(inner.args[3]).op.startsWith('select_')).toBe(false);
  });

  it('terminates when a branch\'s adjoint is 0 in both of an inner select\'s sides (a sum of lanes divided by 8: the hoist and the zero rule used to undo each other)', () => {
    const g = new Graph();
    const w = g.variable('w');
    const [x, y] = ['x', 'y'].map((name) => g.variable(name, [8]));
    const r = g.sub(y, g.mul(w, x));
    const half = g.constant(0.5);
    const middle = g.apply('select_lt', [r, g.constant(-0.5), g.mul(half, g.sub(g.neg(r), g.constant(0.25))), g.mul(g.mul(half, r), r)]);
    const terms = g.apply('select_lt', [half, r, g.mul(half, g.sub(r, g.constant(0.25))), middle]);
    const out = g.div(g.apply('sum', [terms]), g.constant(8));
    const d = differentiate(g, out, [w]);
    const { graph, map } = sinkSelects(d.graph);
    const random = seededRandom(9);
    for (let trial = 0; trial < 10; trial++) {
      const lanes = () => Float64Array.from({ length: 8 }, () => uniform(random, -2, 2));
      const inputs = { w: uniform(random, -1, 1), x: lanes(), y: lanes() };
      expectClose(evaluateScalars(graph, [map[d.gradient[0]]], inputs), evaluateScalars(d.graph, [d.gradient[0]], inputs), 1e-15, 1e-15);
    }
  });
});
