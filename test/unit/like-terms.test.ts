// Like terms are combined as nodes are built (issue 13, "Also measured"):
// c·x ± d·x = (c ± d)·x with the constants folded, so the derivative of ½e²
// is invN·e, not invN·0.5·e + invN·0.5·e. Property: over random sums of
// scaled random terms the built graph computes the same value and holds no
// sum of like terms.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Graph, type NodeId } from '../../src/ir/graph.js';
import { evaluateGraph, evaluateScalars } from '../../src/ir/evaluate.js';
import { differentiate } from '../../src/passes/differentiate.js';
import { expectClose } from '../helpers/numeric.js';

/** The term's rest after its constant factor (c·x and x·c are x). */
function rest(g: Graph, id: NodeId): NodeId {
  const n = g.node(id);
  if (n.op !== 'mul') return id;
  const [p, q] = n.args;
  if (g.constantValue(p) !== undefined) return q;
  if (g.constantValue(q) !== undefined) return p;
  return id;
}

/** Sums and differences in the graph whose two terms are like terms. */
function likeSums(g: Graph): string[] {
  return g.nodes
    .filter((n) => (n.op === 'add' || n.op === 'sub') && rest(g, n.args[0]) === rest(g, n.args[1]))
    .map((n) => `%${n.id} = ${n.op}(%${n.args[0]}, %${n.args[1]})`);
}

type Term = { readonly kind: 'leaf'; readonly name: 'x' | 'y' } | { readonly kind: 'op'; readonly op: 'add' | 'sub' | 'mul'; readonly a: Term; readonly b: Term }
  | { readonly kind: 'scale'; readonly c: number; readonly a: Term; readonly right: boolean };

const { term } = fc.letrec<{ term: Term }>((tie) => ({
  term: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('x', 'y').map((name) => ({ kind: 'leaf' as const, name })),
    fc.record({ kind: fc.constant('op' as const), op: fc.constantFrom('add' as const, 'sub' as const, 'mul' as const), a: tie('term'), b: tie('term') }),
    fc.record({ kind: fc.constant('scale' as const), c: fc.constantFrom(0.5, 2, -3, 0.25, 1, 1e-5), a: tie('term'), right: fc.boolean() }),
  ),
}));

function build(g: Graph, t: Term): NodeId {
  switch (t.kind) {
    case 'leaf': return g.variable(t.name);
    case 'scale': return t.right ? g.mul(build(g, t.a), g.constant(t.c)) : g.mul(g.constant(t.c), build(g, t.a));
    case 'op': return g[t.op](build(g, t.a), build(g, t.b));
  }
}

function value(t: Term, x: number, y: number): number {
  switch (t.kind) {
    case 'leaf': return t.name === 'x' ? x : y;
    case 'scale': return t.c * value(t.a, x, y);
    case 'op': {
      const a = value(t.a, x, y);
      const b = value(t.b, x, y);
      return t.op === 'add' ? a + b : t.op === 'sub' ? a - b : a * b;
    }
  }
}

describe('like terms', () => {
  it('c·x + d·x, c·x − d·x, x + x and their mirror orders are one product with a folded constant', () => {
    const g = new Graph();
    const x = g.variable('x');
    const e = g.variable('e');
    const c = (v: number) => g.constant(v);
    expect(g.add(g.mul(c(3), x), g.mul(x, c(4)))).toBe(g.mul(c(7), x));
    expect(g.sub(g.mul(c(3), x), g.mul(c(5), x))).toBe(g.mul(c(-2), x));
    expect(g.add(x, x)).toBe(g.mul(c(2), x));
    expect(g.add(g.mul(c(0.5), x), g.mul(c(0.5), x))).toBe(x); // 1·x = x
    expect(g.sub(x, g.mul(c(0.25), x))).toBe(g.mul(c(0.75), x));
    // the derivative of ½e² scaled by 1/n: (invN·0.5)·e twice is invN·e
    const invN = g.variable('invN');
    const t = g.mul(g.mul(invN, c(0.5)), e);
    expect(g.add(t, t)).toBe(g.mul(invN, e));
    // c·(d·x) = (cd)·x
    expect(g.mul(c(2), g.mul(x, c(3)))).toBe(g.mul(c(6), x));
  });

  it('keeps a tensor a tensor: 0.5·W + 0.5·W is W, 2·W − 2·W of a tensor is 0·W with W\'s shape', () => {
    const g = new Graph();
    const W = g.variable('W', [3, 4]);
    const half = g.mul(g.constant(0.5), W);
    expect(g.add(half, half)).toBe(W);
    // the L2 penalty's fan-out sum: (λ/2 spread over W)∘W twice is λ·W
    const spread = g.apply('broadcast_to', [g.constant(0.00005)], { shape: [3, 4] });
    const term = g.mul(spread, W);
    expect(g.add(term, term)).toBe(g.mul(g.constant(0.0001), W));
    const twice = g.mul(g.constant(2), W);
    const none = g.sub(g.add(twice, g.constant(0)), g.mul(W, g.constant(2)));
    expect(g.shapeOf(none)).toEqual([3, 4]);
    const values = evaluateGraph(g, [none], { W: Array.from({ length: 12 }, (_, i) => i) });
    expect(Array.from(values.get(none)?.data ?? [])).toEqual(new Array(12).fill(0));
  });

  it('random sums of scaled terms: same value, no sum of like terms left (and none in their gradients)', () => {
    fc.assert(
      fc.property(term, fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), (t, x, y) => {
        const g = new Graph();
        const root = build(g, t);
        const [got] = evaluateScalars(g, [root], { x, y });
        expectClose(got, value(t, x, y), 1e-9, 1e-9);
        expect(likeSums(g)).toEqual([]);
        const d = differentiate(g, root, [g.variable('x'), g.variable('y')]);
        expect(likeSums(d.graph)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
