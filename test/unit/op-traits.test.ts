// The traits on the op records are what the lowering stage decides by
// (fusion, recomputation), so they are checked against the ops themselves:
// an element-wise op evaluated on tensors is the op on each element.
import { describe, expect, it } from 'vitest';
import { Graph } from '../../src/ir/graph.js';
import { evaluateGraph, evaluateScalars } from '../../src/ir/evaluate.js';
import { OPS, type OpName } from '../../src/ops/registry.js';
import { seededRandom, uniform } from '../helpers/random.js';

const ALL = Object.keys(OPS) as OpName[];
const attrsOf = (op: OpName) => (op === 'leaky_relu' ? { value: 0.2 } : {});

describe('op traits', () => {
  it('element-wise ops compute each element from the arguments\' elements at that position', () => {
    const random = seededRandom(3);
    for (const op of ALL.filter((o) => OPS[o].traits.elementwise)) {
      const arity = OPS[op].arity;
      const g = new Graph();
      const args = Array.from({ length: arity }, (_, i) => g.variable(`x${i}`, op === 'broadcast_to' ? [3] : [2, 3]));
      const node = g.apply(op, args, op === 'broadcast_to' ? { shape: [2, 3] } : attrsOf(op));
      const positive = ['log', 'sqrt', 'pow'].includes(op);
      const inputs = Object.fromEntries(args.map((_, i) => [`x${i}`, Array.from({ length: op === 'broadcast_to' ? 3 : 6 }, () =>
        (op === 'pow' && i === 1 ? 2 : positive ? uniform(random, 0.1, 3) : uniform(random, -3, 3)))]));
      const values = evaluateGraph(g, [node], inputs).get(node)?.data ?? [];
      for (let k = 0; k < 6; k++) {
        const s = new Graph();
        const scalarArgs = args.map((_, i) => s.variable(`x${i}`));
        const at = op === 'broadcast_to' ? k % 3 : k; // the broadcast source of element k
        const [expected] = evaluateScalars(s, [op === 'broadcast_to' ? scalarArgs[0] : s.apply(op, scalarArgs, attrsOf(op))],
          Object.fromEntries(args.map((_, i) => [`x${i}`, inputs[`x${i}`][at]])));
        expect(values[k], `${op} element ${k}`).toBe(expected);
      }
    }
  });

  it('costs: whole-array work (reductions, products) is never element-wise; data movement is free', () => {
    for (const op of ALL) {
      const { elementwise, cost } = OPS[op].traits;
      if (cost === 'reduction' || cost === 'product') expect(elementwise, op).toBe(false);
      if (!elementwise) expect(['free', 'reduction', 'product'], op).toContain(cost);
    }
    expect(OPS.broadcast_to.traits).toEqual({ elementwise: true, cost: 'free' });
    expect(OPS.reshape.traits).toEqual({ elementwise: false, cost: 'free' });
    expect(['add', 'sub', 'mul', 'neg'].map((op) => OPS[op as OpName].traits.cost)).toEqual(Array(4).fill('arithmetic'));
  });
});
