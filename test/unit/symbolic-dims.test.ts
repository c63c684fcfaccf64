// The symbolic batch dimension n: shape rules, broadcasting, hash-consing,
// the text dump, verification and the interpreter with n bound to a size.
import { describe, expect, it } from 'vitest';
import { Graph, IrError, type IrNode, dumpGraph, verifyGraph } from '../../src/ir/graph.js';
import { BATCH, STEPS, type Shape, broadcastShapes, concreteShape, formatShape, sameSize } from '../../src/ir/shape.js';
import { evaluateGraph, evaluateScalars } from '../../src/ir/evaluate.js';
import { differentiate } from '../../src/passes/differentiate.js';
import { compileNetwork } from '../../src/compile/network/compile-network.js';
import { validateNetwork } from '../../src/compile/network/validate.js';
import { dense, network } from '../../src/dsl/network.js';

const n = BATCH;

describe('shapes with a symbolic dimension', () => {
  it('broadcasting: n matches n or 1, never a number', () => {
    expect(broadcastShapes([n, 4], [4])).toEqual([n, 4]);
    expect(broadcastShapes([n, 1], [1, 4])).toEqual([n, 4]);
    expect(broadcastShapes([1], [n])).toEqual([n]);
    expect(broadcastShapes([n, 4], [n, 4])).toEqual([n, 4]);
    expect(broadcastShapes([n, 4], [3, 4])).toBeUndefined();
    expect(broadcastShapes([4], [n])).toBeUndefined();
  });

  it('sizes: equal element counts for every n, and n bound to a number', () => {
    expect(sameSize([n], [n, 1])).toBe(true);
    expect(sameSize([n, 4], [4, n])).toBe(true);
    expect(sameSize([n, 4], [4])).toBe(false);
    expect(sameSize([n, 4], [n, 2])).toBe(false);
    expect(concreteShape([n, 4], { n: 7 })).toEqual([7, 4]);
    expect(() => concreteShape([n, 4], {})).toThrow(/symbolic dimension n has no size/);
  });

  it('op shape rules carry n through products, reductions and reshapes', () => {
    const g = new Graph();
    const X = g.variable('X', [n, 4]);
    const W = g.variable('W', [3, 4]);
    const Z = g.apply('matmul_nt', [X, W]);
    expect(g.shapeOf(Z)).toEqual([n, 3]);
    expect(g.shapeOf(g.apply('matmul_tn', [X, Z]))).toEqual([4, 3]); // the batch is summed away
    expect(g.shapeOf(g.add(Z, g.variable('b', [3])))).toEqual([n, 3]);
    expect(g.shapeOf(g.apply('softmax_ce', [Z, g.variable('Y', [n, 3])]))).toEqual([n]);
    expect(g.shapeOf(g.apply('sum', [Z]))).toEqual([]);
    expect(g.shapeOf(g.apply('reshape', [g.apply('sum', [Z])], { shape: [1] }))).toEqual([1]);
    const column = g.apply('sum_to', [Z], { shape: [n, 1] });
    expect(g.shapeOf(g.apply('reshape', [column], { shape: [n] }))).toEqual([n]);
    expect(() => g.apply('matmul_tn', [X, W])).toThrow(/inner dimensions differ/);
    expect(() => g.add(X, W)).toThrow(/do not broadcast/);
    expect(() => g.apply('reshape', [X], { shape: [4] })).toThrow(/has 4n elements, f64\[4\] has 4/);
    expect(() => g.apply('sum_to', [X], { shape: [3, 4] })).toThrow(IrError);
  });

  it('a mean over n is refused when differentiated (its count is a run-time number)', () => {
    const g = new Graph();
    const m = g.apply('mean', [g.variable('X', [n, 2])]);
    expect(() => differentiate(g, m, [0])).toThrow(/known only at run time/);
  });

  it('hash-consing and the text dump', () => {
    const g = new Graph();
    const X = g.variable('X', [n, 4]);
    expect(g.variable('X', [n, 4])).toBe(X);
    expect(() => g.variable('X', [3, 4])).toThrow(/already exists with shape f64\[n,4\]/);
    const t = g.call('tanh', X);
    expect(g.call('tanh', X)).toBe(t);
    expect(dumpGraph(g)).toBe('%0:f64[n,4] = var X\n%1:f64[n,4] = tanh %0');
    verifyGraph(g);
  });

  it('the sequence length T is a symbol beside n: its own size, never equal to n or a number', () => {
    const g = new Graph();
    const X = g.variable('X', [n, STEPS, 4]);
    expect(formatShape(g.shapeOf(X))).toBe('f64[n,T,4]');
    expect(() => verifyGraph(g)).not.toThrow();
    expect(sameSize([n, STEPS], [STEPS, n])).toBe(true);
    expect(sameSize([n, STEPS], [n, n])).toBe(false);
    expect(broadcastShapes([n, STEPS], [n, 4])).toBeUndefined();
    expect(concreteShape([STEPS, n, 4], { n: 2, T: 7 })).toEqual([7, 2, 4]);
    expect(() => concreteShape([STEPS, 4], { n: 2 })).toThrow(/symbolic dimension T has no size/);
  });

  it('verify rejects an unknown symbol and a shape that disagrees with the rule', () => {
    expect(() => new Graph().variable('X', ['m' as typeof n, 4])).toThrow(/'m' is not a symbolic dimension/);
    const withScalar = new Graph();
    const s = withScalar.variable('s');
    expect(() => withScalar.apply('broadcast_to', [s], { shape: [2.5] })).toThrow(/target shape f64\[2.5\]: size 2.5 is not a non-negative integer/);
    const unknown = new Graph();
    unknown.variable('X', [n, 4]);
    (unknown.nodes as IrNode[]).push({ id: 1, op: 'var', args: [], shape: ['S' as typeof n], attrs: { name: 'Y' } });
    expect(() => verifyGraph(unknown)).toThrow(/%1: shape f64\[S\]: 'S' is not a symbolic dimension \(known: n, T\)/);
    const mismatched = new Graph();
    const X = mismatched.variable('X', [n, 4]);
    (mismatched.nodes as IrNode[]).push({ id: 1, op: 'tanh', args: [X], shape: [3, 4] as Shape, attrs: {} });
    expect(() => verifyGraph(mismatched)).toThrow(/%1: shape f64\[3,4\] but rule gives f64\[n,4\]/);
  });
});

describe('evaluating with n bound', () => {
  const g = new Graph();
  const X = g.variable('X', [n, 2]);
  const b = g.variable('b', [2]);
  const Z = g.add(g.call('tanh', X), b);
  const L = g.apply('sum', [g.mul(Z, Z)]);
  const x = [0.1, -0.4, 0.7, 0.3, -1.2, 2];
  const inputs = { X: x, b: [0.5, -0.25] };

  it('the same graph runs for any n: Σ (tanh x + b)² over the given rows', () => {
    for (const rows of [1, 2, 3]) {
      const expected = x.slice(0, 2 * rows).reduce((s, v, i) => s + (Math.tanh(v) + inputs.b[i % 2]) ** 2, 0);
      const [value] = evaluateScalars(g, [L], { X: x.slice(0, 2 * rows), b: inputs.b }, { n: rows });
      expect(value).toBeCloseTo(expected, 14);
      expect(evaluateGraph(g, [Z], { X: x.slice(0, 2 * rows), b: inputs.b }, { n: rows }).get(Z)?.shape).toEqual([rows, 2]);
    }
  });

  it('the gradient sums over the rows: ∂L/∂b_k = Σ_i 2 (tanh x_ik + b_k)', () => {
    const d = differentiate(g, L, [b]);
    const [grad] = d.gradient.map((id) => [...(evaluateGraph(d.graph, [id], inputs, { n: 3 }).get(id)?.data ?? [])]);
    const expected = [0, 1].map((k) => [0, 1, 2].reduce((s, i) => s + 2 * (Math.tanh(x[2 * i + k]) + inputs.b[k]), 0));
    expect(grad[0]).toBeCloseTo(expected[0], 13);
    expect(grad[1]).toBeCloseTo(expected[1], 13);
  });

  it('an unbound n or a wrong number of values is an error', () => {
    expect(() => evaluateGraph(g, [L], inputs)).toThrow(/symbolic dimension n has no size/);
    expect(() => evaluateGraph(g, [L], inputs, { n: 2 })).toThrow(/'X' needs 4 values, got 6/);
  });
});

describe('networks are built for the symbolic batch', () => {
  it('the batch is axis 0 of X, Y, masks and activations, and no other axis', () => {
    const spec = network({ inputs: 3, layers: [dense(3, 'relu', { dropout: 0.5 }), dense(2, 'softmax')], loss: 'cce', optimizer: { kind: 'sgd', lr: 0.1 } });
    const c = compileNetwork('net', validateNetwork(spec));
    verifyGraph(c.gradient.graph);
    const g = c.train.graph;
    expect(g.shapeOf(c.train.X)).toEqual([n, 3]);
    expect(g.shapeOf(c.train.Y)).toEqual([n, 2]);
    expect(g.shapeOf(c.train.layers[0].mask as number)).toEqual([n, 3]);
    expect(g.shapeOf(c.train.layers[1].z)).toEqual([n, 2]);
    for (const node of c.gradient.graph.nodes) expect(node.shape.slice(1)).not.toContain(n);
    for (const p of c.train.params) expect(c.gradient.graph.shapeOf(p)).not.toContain(n);
  });
});
