import { describe, expect, it } from 'vitest';
import { Graph, IrError, type NodeId, dumpGraph, verifyGraph } from '../src/ir/graph.js';
import type { ConcreteShape, Shape } from '../src/ir/shape.js';
import { OPS, SCALAR_OPS, TENSOR_OPS } from '../src/ops/registry.js';
import { differentiate } from '../src/passes/differentiate.js';
import { simplify } from '../src/passes/simplify.js';
import { printExpression } from '../src/backends/print/print-expression.js';
import { expectClose } from './helpers/numeric.js';
import {
  type Build,
  type Shapes,
  type Values,
  buildGraph,
  checkGradient,
  checkHessianVector,
  randomValues,
  valueOf,
  weightedLoss,
} from './helpers/tensor-fd.js';

// ---------------------------------------------------------------------------
// Independent references, plain loops over row-major data.

/** A[i,j] of a row-major matrix with `cols` columns. */
const at = (a: readonly number[], cols: number, i: number, j: number) => a[i * cols + j];

/** C = op(A) op(B) with op = transpose where asked; A is [ar, ac], B is [br, bc]. */
function refProduct(a: number[], [ar, ac]: ConcreteShape, b: number[], [br, bc]: ConcreteShape, ta: boolean, tb: boolean): number[] {
  const m = ta ? ac : ar;
  const k = ta ? ar : ac;
  const n = tb ? br : bc;
  const out: number[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += (ta ? at(a, ac, l, i) : at(a, ac, i, l)) * (tb ? at(b, bc, j, l) : at(b, bc, l, j));
      out.push(s);
    }
  }
  return out;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function refSoftmaxRows(x: number[], k: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < x.length / k; r++) {
    const row = x.slice(r * k, r * k + k);
    const e = row.map(Math.exp);
    const total = e.reduce((s, v) => s + v, 0);
    out.push(...e.map((v) => v / total));
  }
  return out;
}

/** log Σ_k e^{z_k} − Σ_k y_k z_k per row, without the max shift (fine for moderate z). */
function refSoftmaxCe(z: number[], y: number[], k: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < z.length / k; r++) {
    let total = 0;
    let dot = 0;
    for (let j = 0; j < k; j++) {
      total += Math.exp(z[r * k + j]);
      dot += y[r * k + j] * z[r * k + j];
    }
    out.push(Math.log(total) - dot);
  }
  return out;
}

/** −Σ_k y_k ln softmax(z)_k per row: the cross-entropy, equal to the above when each row of y sums to 1. */
function refCrossEntropy(z: number[], y: number[], k: number): number[] {
  const s = refSoftmaxRows(z, k);
  const out: number[] = [];
  for (let r = 0; r < z.length / k; r++) {
    let loss = 0;
    for (let j = 0; j < k; j++) loss -= y[r * k + j] * Math.log(s[r * k + j]);
    out.push(loss);
  }
  return out;
}

/** −y ln σ(z) − (1 − y) ln(1 − σ(z)), the textbook form. */
const refBce = (z: number, y: number) => -y * Math.log(sigmoid(z)) - (1 - y) * Math.log(1 - sigmoid(z));

// ---------------------------------------------------------------------------
// The op table: each case builds one op application and its reference value.

interface OpCase {
  readonly title: string;
  readonly shapes: Shapes;
  readonly build: Build;
  readonly reference: (x: Values) => number[];
  readonly domain?: Readonly<Record<string, readonly [number, number]>>;
}

const apply = (op: Parameters<Graph['apply']>[0], attrs = {}) =>
  (g: Graph, args: NodeId[]) => g.apply(op, args, attrs);

const CASES: readonly OpCase[] = [
  {
    title: 'matmul A[3,4]·B[4,2]',
    shapes: { A: [3, 4], B: [4, 2] },
    build: (g, v) => apply('matmul')(g, [v.A, v.B]),
    reference: (x) => refProduct(x.A, [3, 4], x.B, [4, 2], false, false),
  },
  {
    title: 'matmul_nt A[3,4]·B[2,4]ᵀ',
    shapes: { A: [3, 4], B: [2, 4] },
    build: (g, v) => apply('matmul_nt')(g, [v.A, v.B]),
    reference: (x) => refProduct(x.A, [3, 4], x.B, [2, 4], false, true),
  },
  {
    title: 'matmul_tn A[4,3]ᵀ·B[4,2]',
    shapes: { A: [4, 3], B: [4, 2] },
    build: (g, v) => apply('matmul_tn')(g, [v.A, v.B]),
    reference: (x) => refProduct(x.A, [4, 3], x.B, [4, 2], true, false),
  },
  {
    title: 'sum_to [2,3,4] → [3,1]',
    shapes: { x: [2, 3, 4] },
    build: (g, v) => apply('sum_to', { shape: [3, 1] })(g, [v.x]),
    reference: ({ x }) => {
      const out = [0, 0, 0];
      for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) for (let l = 0; l < 4; l++) out[j] += x[(i * 3 + j) * 4 + l];
      return out;
    },
  },
  {
    title: 'sum_to [4,3] → [3] (leading dimension)',
    shapes: { x: [4, 3] },
    build: (g, v) => apply('sum_to', { shape: [3] })(g, [v.x]),
    reference: ({ x }) => [0, 1, 2].map((j) => x[j] + x[3 + j] + x[6 + j] + x[9 + j]),
  },
  {
    title: 'sum_to [2,3] → [] (everything)',
    shapes: { x: [2, 3] },
    build: (g, v) => apply('sum_to', { shape: [] })(g, [v.x]),
    reference: ({ x }) => [x.reduce((s, t) => s + t, 0)],
  },
  {
    title: 'broadcast_to [3,1] → [2,3,4]',
    shapes: { x: [3, 1] },
    build: (g, v) => apply('broadcast_to', { shape: [2, 3, 4] })(g, [v.x]),
    reference: ({ x }) => {
      const out: number[] = [];
      for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) for (let l = 0; l < 4; l++) out.push(x[j]);
      return out;
    },
  },
  {
    title: 'broadcast_to [3] → [4,3]',
    shapes: { x: [3] },
    build: (g, v) => apply('broadcast_to', { shape: [4, 3] })(g, [v.x]),
    reference: ({ x }) => [...x, ...x, ...x, ...x],
  },
  {
    title: 'reshape [2,3] → [3,2]',
    shapes: { x: [2, 3] },
    build: (g, v) => apply('reshape', { shape: [3, 2] })(g, [v.x]),
    reference: ({ x }) => [...x],
  },
  {
    title: 'sum [3,4]',
    shapes: { x: [3, 4] },
    build: (g, v) => apply('sum')(g, [v.x]),
    reference: ({ x }) => [x.reduce((s, t) => s + t, 0)],
  },
  {
    title: 'mean [3,4]',
    shapes: { x: [3, 4] },
    build: (g, v) => apply('mean')(g, [v.x]),
    reference: ({ x }) => [x.reduce((s, t) => s + t, 0) / 12],
  },
  {
    title: 'softmax [3,5] (last axis)',
    shapes: { x: [3, 5] },
    build: (g, v) => apply('softmax')(g, [v.x]),
    reference: ({ x }) => refSoftmaxRows(x, 5),
  },
  {
    title: 'softmax [4] (a vector)',
    shapes: { x: [4] },
    build: (g, v) => apply('softmax')(g, [v.x]),
    reference: ({ x }) => refSoftmaxRows(x, 4),
  },
  {
    title: 'leaky_relu α = 0.1',
    shapes: { x: [3, 4] },
    build: (g, v) => apply('leaky_relu', { value: 0.1 })(g, [v.x]),
    reference: ({ x }) => x.map((t) => (t > 0 ? t : 0.1 * t)),
  },
  {
    title: 'bce_logits z[3,4], y[3,4]',
    shapes: { z: [3, 4], y: [3, 4] },
    build: (g, v) => apply('bce_logits')(g, [v.z, v.y]),
    reference: ({ z, y }) => z.map((t, i) => refBce(t, y[i])),
    domain: { z: [-3, 3], y: [0, 1] },
  },
  {
    title: 'bce_logits z[3,4], y[4] (y broadcast over rows)',
    shapes: { z: [3, 4], y: [4] },
    build: (g, v) => apply('bce_logits')(g, [v.z, v.y]),
    reference: ({ z, y }) => z.map((t, i) => refBce(t, y[i % 4])),
    domain: { z: [-3, 3], y: [0, 1] },
  },
  {
    title: 'softmax_ce z[3,5], y[3,5] → [3]',
    shapes: { z: [3, 5], y: [3, 5] },
    build: (g, v) => apply('softmax_ce')(g, [v.z, v.y]),
    reference: ({ z, y }) => refSoftmaxCe(z, y, 5),
    domain: { z: [-3, 3], y: [0, 1] },
  },
  {
    title: 'softmax_ce z[4], y[4] → []',
    shapes: { z: [4], y: [4] },
    build: (g, v) => apply('softmax_ce')(g, [v.z, v.y]),
    reference: ({ z, y }) => refSoftmaxCe(z, y, 4),
    domain: { z: [-3, 3], y: [0, 1] },
  },
  {
    title: 'slice x[6] → x[2:5]',
    shapes: { x: [6] },
    build: (g, v) => apply('slice', { value: 2, shape: [3] })(g, [v.x]),
    reference: ({ x }) => x.slice(2, 5),
  },
  {
    title: 'slice x[6] → x[5] (one element, a scalar)',
    shapes: { x: [6] },
    build: (g, v) => apply('slice', { value: 5, shape: [] })(g, [v.x]),
    reference: ({ x }) => [x[5]],
  },
  {
    title: 'pad x[3] at 1 into [6]',
    shapes: { x: [3] },
    build: (g, v) => apply('pad', { value: 1, shape: [6] })(g, [v.x]),
    reference: ({ x }) => [0, ...x, 0, 0],
  },
  {
    title: 'pad a scalar at 4 into [5]',
    shapes: { x: [] },
    build: (g, v) => apply('pad', { value: 4, shape: [5] })(g, [v.x]),
    reference: ({ x }) => [0, 0, 0, 0, x[0]],
  },
  {
    title: 'range(−2, [4]) ⊙ x[4] (the index vector times a variable)',
    shapes: { x: [4] },
    build: (g, v) => g.mul(g.apply('range', [], { value: -2, shape: [4] }), v.x),
    reference: ({ x }) => x.map((t, j) => (j - 2) * t),
  },
];

/** Inputs for a weighted loss: the case's values and the fixed weight R. */
function inputsFor(c: OpCase, seed: number, weightShape: Shape): Values {
  return { ...randomValues(seed, c.shapes, c.domain), ...randomValues(seed + 100, { R: weightShape }) };
}

describe.each(CASES.map((c, i) => ({ ...c, seed: 11 + i })))('$title', (c) => {
  it('evaluates like the plain-loop reference', () => {
    const { g, out } = buildGraph(c.shapes, c.build);
    verifyGraph(g);
    const values = randomValues(c.seed, c.shapes, c.domain);
    const expected = c.reference(values);
    expect(valueOf(g, out, values).length).toBe(expected.length);
    expectClose(valueOf(g, out, values), expected, 1e-12, 1e-12, c.title);
  });

  it('vjp matches central differences of Σ op ⊙ R, for every element of every argument', () => {
    const { g, v, out, weightShape } = weightedLoss(c.shapes, c.build);
    checkGradient(g, out, v, inputsFor(c, c.seed, weightShape));
  });

  it('differentiates twice: Hessian-vector product of Σ tanh(op) ⊙ R matches differences of the gradient', () => {
    const { g, v, out, weightShape } = weightedLoss(c.shapes, c.build, (gr, x) => gr.call('tanh', x));
    checkHessianVector(g, out, v, inputsFor(c, c.seed, weightShape), { seed: c.seed });
  });
});

// ---------------------------------------------------------------------------

describe('unbroadcasting in differentiate()', () => {
  const shapes = { X: [5, 3], W: [4, 3], b: [4] };
  const build: Build = (g, v) =>
    g.apply('sum', [g.call('tanh', g.add(g.apply('matmul_nt', [v.X, v.W]), v.b))]);

  it('L = Σ tanh(X Wᵀ + b), b[4] broadcast over [5,4]: gradients wrt b, W and X match differences', () => {
    const { g, v, out } = buildGraph(shapes, build);
    checkGradient(g, out, v, randomValues(3, shapes));
  });

  it('sums the adjoint of b over the batch with one sum_to node', () => {
    const { g, v, out } = buildGraph(shapes, build);
    const d = differentiate(g, out, [v.b]);
    const grad = d.graph.node(d.gradient[0]);
    expect(grad.op).toBe('sum_to');
    expect(grad.attrs.shape).toEqual([4]);
    expect(d.graph.shapeOf(d.gradient[0])).toEqual([4]);
  });

  it('unbroadcasts a scalar broadcast against a matrix (sum_to to [])', () => {
    const s = { x: [3, 2], c: [] };
    const { g, v, out } = buildGraph(s, (gr, w) => gr.apply('sum', [gr.call('sin', gr.mul(w.x, w.c))]));
    checkGradient(g, out, v, randomValues(4, s));
  });
});

describe('networks', () => {
  const shapes = { X: [6, 3], W1: [4, 3], b1: [4], W2: [3, 4], b2: [3], Y: [6, 3] };
  /** One-hot rows of Y, the targets. */
  const values = (): Values => {
    const x = randomValues(21, shapes);
    x.Y = Array.from({ length: 18 }, (_, i) => (i % 3 === Math.floor(i / 3) % 3 ? 1 : 0));
    return x;
  };
  const params = (v: Record<string, NodeId>) => ({ W1: v.W1, b1: v.b1, W2: v.W2, b2: v.b2 });

  const twoLayer: Build = (g, v) => {
    const a1 = g.call('tanh', g.add(g.apply('matmul_nt', [v.X, v.W1]), v.b1));
    const z2 = g.add(g.apply('matmul_nt', [a1, v.W2]), v.b2);
    return g.apply('mean', [g.apply('softmax_ce', [z2, v.Y])]);
  };

  it('mean(softmax_ce(tanh(X W1ᵀ + b1) W2ᵀ + b2, Y)): gradient wrt W1, b1, W2, b2 matches differences', () => {
    const { g, v, out } = buildGraph(shapes, twoLayer);
    checkGradient(g, out, params(v), values());
  });

  it('the same loss differentiated twice (Hessian-vector product wrt all parameters)', () => {
    const { g, v, out } = buildGraph(shapes, twoLayer);
    checkHessianVector(g, out, params(v), values(), { seed: 5 });
  });

  it('simplify() keeps the attributes: the simplified gradient evaluates to the same numbers', () => {
    const { g, v, out } = buildGraph(shapes, twoLayer);
    const wrt = Object.values(params(v));
    const d = differentiate(g, out, wrt);
    const { graph, map } = simplify(d.graph);
    verifyGraph(graph);
    const x = values();
    d.gradient.forEach((id, i) => {
      expectClose(valueOf(graph, map[id], x), valueOf(d.graph, id, x), 1e-12, 1e-12, `gradient ${i}`);
    });
  });

  it('simplify() drops a constant spread into a product that keeps the other factor\'s shape, and only then', () => {
    const g = new Graph();
    const x = g.variable('x', [3]);
    const s = g.variable('s');
    const ones = g.apply('reshape', [g.constant(1)], { shape: [1] });
    const twos = g.apply('broadcast_to', [g.constant(2)], { shape: [3] });
    const roots = [g.mul(x, ones), g.mul(twos, x), g.mul(s, twos)];
    const { graph, map } = simplify(g);
    verifyGraph(graph);
    const print = (id: number) => printExpression(graph, map[id], 'text', (n) => graph.node(n).attrs.name);
    expect(roots.map(print)).toEqual(['x', '2 * x', 's * broadcast_to(2, [3])']); // s · spread(2) is a [3]: kept
    roots.forEach((id) => expect(graph.shapeOf(map[id])).toEqual(g.shapeOf(id)));
    const inputs = { x: [0.5, -1, 2], s: [3] };
    roots.forEach((id) => expectClose(valueOf(graph, map[id], inputs), valueOf(g, id, inputs), 1e-15, 1e-15, 'value'));
  });

  it('simplify() turns the softmax cross-entropy gradient into softmax(z) − y', () => {
    const g = new Graph();
    const z = g.variable('z', [3]);
    const y = g.variable('y', [3]);
    const d = differentiate(g, g.apply('softmax_ce', [z, y]), [z]);
    const { graph, map } = simplify(d.graph);
    expect(printExpression(graph, map[d.gradient[0]], 'text', (n) => graph.node(n).attrs.name)).toBe('softmax(z) - y');
  });

  it('leaky_relu + bce_logits + an L2 penalty: gradient matches differences', () => {
    const s = { X: [5, 3], W1: [4, 3], b1: [4], W2: [1, 4], b2: [1], y: [5, 1] };
    const { g, v, out } = buildGraph(s, (gr, w) => {
      const a1 = gr.apply('leaky_relu', [gr.add(gr.apply('matmul_nt', [w.X, w.W1]), w.b1)], { value: 0.01 });
      const z2 = gr.add(gr.apply('matmul_nt', [a1, w.W2]), w.b2);
      const data = gr.apply('mean', [gr.apply('bce_logits', [z2, w.y])]);
      const l2 = gr.mul(gr.constant(0.5e-2), gr.add(gr.apply('sum', [gr.mul(w.W1, w.W1)]), gr.apply('sum', [gr.mul(w.W2, w.W2)])));
      return gr.add(data, l2);
    });
    const x = randomValues(8, s, { y: [0, 1] });
    x.y = x.y.map((t) => (t > 0.5 ? 1 : 0));
    checkGradient(g, out, { W1: v.W1, b1: v.b1, W2: v.W2, b2: v.b2 }, x);
  });
});

describe('softmax_ce is the cross-entropy of softmax(z) for target distributions', () => {
  it('equals −Σ y ln softmax(z) when the rows of y sum to 1', () => {
    const s = { z: [3, 4], y: [3, 4] };
    const x = randomValues(9, s, { y: [0, 1] });
    for (let r = 0; r < 3; r++) {
      const row = x.y.slice(r * 4, r * 4 + 4);
      const total = row.reduce((a, t) => a + t, 0);
      row.forEach((t, j) => (x.y[r * 4 + j] = t / total));
    }
    const { g, out } = buildGraph(s, (gr, w) => gr.apply('softmax_ce', [w.z, w.y]));
    expectClose(valueOf(g, out, x), refCrossEntropy(x.z, x.y, 4), 1e-12, 1e-12);
  });
});

describe('fused losses stay finite for logits of ±1000', () => {
  it('softmax_ce: loss and gradient are finite and exact', () => {
    const s = { z: [2, 3], y: [2, 3] };
    const { g, v, out } = buildGraph(s, (gr, w) => gr.apply('mean', [gr.apply('softmax_ce', [w.z, w.y])]));
    const x = { z: [1000, -1000, 0, -1000, 1000, 999], y: [0, 1, 0, 0, 1, 0] };
    // row 0: lse = 1000, loss = 1000 + 1000; row 1: lse = 1000 + ln(1 + e⁻¹), loss = lse − 1000
    const row1 = Math.log1p(Math.exp(-1));
    expectClose(valueOf(g, out, x), [(2000 + row1) / 2], 1e-12);
    const d = differentiate(g, out, [v.z, v.y]);
    const dz = valueOf(d.graph, d.gradient[0], x);
    const dy = valueOf(d.graph, d.gradient[1], x);
    expect([...dz, ...dy].every(Number.isFinite)).toBe(true);
    const p = 1 / (1 + Math.exp(-1)); // softmax of row 1 at the 1000 entry
    expectClose(dz, [1 / 2, -1 / 2, 0, 0, (p - 1) / 2, (1 - p) / 2], 1e-12);
    expectClose(dy, x.z.map((t) => -t / 2), 1e-12);
  });

  it('bce_logits: loss and gradient are finite and exact', () => {
    const s = { z: [4], y: [4] };
    const { g, v, out } = buildGraph(s, (gr, w) => gr.apply('sum', [gr.apply('bce_logits', [w.z, w.y])]));
    const x = { z: [1000, -1000, 1000, -1000], y: [0, 1, 1, 0] };
    expectClose(valueOf(g, out, x), [2000], 1e-12);
    const d = differentiate(g, out, [v.z]);
    expectClose(valueOf(d.graph, d.gradient[0], x), [1, -1, 0, 0], 1e-12);
  });
});

// ---------------------------------------------------------------------------

describe('attributes, identities and shape rules', () => {
  it('attrs are part of a node: hash-consing keeps different target shapes apart, the dump shows them', () => {
    const g = new Graph();
    const x = g.variable('x', [2, 3]);
    const a = g.apply('sum_to', [x], { shape: [3] });
    const b = g.apply('sum_to', [x], { shape: [2, 1] });
    expect(a).not.toBe(b);
    expect(g.apply('sum_to', [x], { shape: [3] })).toBe(a);
    const l1 = g.apply('leaky_relu', [x], { value: 0.1 });
    expect(g.apply('leaky_relu', [x], { value: 0.2 })).not.toBe(l1);
    verifyGraph(g);
    expect(dumpGraph(g)).toBe(
      [
        '%0:f64[2,3] = var x',
        '%1:f64[3] = sum_to [3] %0',
        '%2:f64[2,1] = sum_to [2,1] %0',
        '%3:f64[2,3] = leaky_relu 0.1 %0',
        '%4:f64[2,3] = leaky_relu 0.2 %0',
      ].join('\n'),
    );
  });

  it('constant folding never turns a tensor into a scalar; shape moves to the same shape vanish', () => {
    const g = new Graph();
    const ones = g.apply('broadcast_to', [g.constant(1)], { shape: [3] });
    expect(g.shapeOf(ones)).toEqual([3]);
    expect(valueOf(g, ones, {})).toEqual([1, 1, 1]);
    expect(g.constantValue(g.apply('leaky_relu', [g.constant(-2)], { value: 0.1 }))).toBeCloseTo(-0.2, 15);
    expect(g.shapeOf(g.apply('reshape', [g.constant(2)], { shape: [1, 1] }))).toEqual([1, 1]);
    const x = g.variable('x', [2, 3]);
    expect(g.apply('sum_to', [x], { shape: [2, 3] })).toBe(x);
    expect(g.apply('broadcast_to', [x], { shape: [2, 3] })).toBe(x);
    const c = g.variable('c');
    expect(g.apply('sum', [c])).toBe(c);
    expect(g.apply('mean', [c])).toBe(c);
  });

  it('rejects what does not fit, with the shapes in the message', () => {
    const g = new Graph();
    const a = g.variable('a', [3, 4]);
    const v = g.variable('v', [4]);
    expect(() => g.apply('matmul', [a, a])).toThrow(/inner dimensions differ/);
    expect(() => g.apply('matmul', [a, v])).toThrow(/must be a matrix/);
    expect(() => g.apply('matmul_nt', [a, g.variable('b', [2, 3])])).toThrow(IrError);
    expect(() => g.apply('sum_to', [a], { shape: [3] })).toThrow(/cannot be summed/);
    expect(() => g.apply('sum_to', [a])).toThrow(/attrs.shape/);
    expect(() => g.apply('broadcast_to', [a], { shape: [4, 3] })).toThrow(/does not broadcast/);
    expect(() => g.apply('reshape', [a], { shape: [5, 2] })).toThrow(/12 elements/);
    expect(() => g.apply('softmax', [g.variable('s')])).toThrow(/rank/);
    expect(() => g.apply('softmax_ce', [a, g.variable('y', [3, 5])])).toThrow(/same shape/);
    expect(() => g.apply('leaky_relu', [a])).toThrow(/slope/);
  });
});

describe('registry and printing', () => {
  it('SCALAR_OPS and TENSOR_OPS split the registry', () => {
    const all = [...SCALAR_OPS, ...TENSOR_OPS];
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual(Object.keys(OPS).sort());
  });

  it('prints text and LaTeX forms', () => {
    const g = new Graph();
    const X = g.variable('X', [5, 3]);
    const W = g.variable('W', [4, 3]);
    const b = g.variable('b', [4]);
    const Y = g.variable('Y', [5, 4]);
    const Z = g.add(g.apply('matmul_nt', [X, W]), b);
    const show = (id: NodeId) => ({
      text: printExpression(g, id, 'text', () => undefined),
      tex: printExpression(g, id, 'tex', () => undefined),
    });
    expect(show(Z)).toEqual({ text: 'matmul_nt(X, W) + b', tex: 'X W^{\\top} + b' });
    expect(show(g.apply('matmul', [X, g.apply('matmul_tn', [X, X])])).tex).toBe('X \\left(X^{\\top} X\\right)');
    expect(show(g.apply('mean', [g.apply('softmax_ce', [Z, Y])]))).toEqual({
      text: 'mean(softmax_ce(matmul_nt(X, W) + b, Y))',
      tex: '\\operatorname{mean}\\left(\\operatorname{CE}\\left(\\operatorname{softmax}\\left(X W^{\\top} + b\\right), Y\\right)\\right)',
    });
    expect(show(g.apply('sum', [X])).tex).toBe('\\sum X');
    expect(show(g.apply('softmax', [X])).tex).toBe('\\operatorname{softmax}\\left(X\\right)');
    expect(show(g.apply('sum_to', [Z], { shape: [4] }))).toEqual({
      text: 'sum_to(matmul_nt(X, W) + b, [4])',
      tex: '\\operatorname{sum\\_to}_{4}\\left(X W^{\\top} + b\\right)',
    });
    expect(show(g.apply('broadcast_to', [b], { shape: [5, 4] })).tex).toBe('\\operatorname{broadcast}_{5 \\times 4}\\left(b\\right)');
    expect(show(g.apply('leaky_relu', [Z], { value: 0.01 }))).toEqual({
      text: 'leaky_relu(matmul_nt(X, W) + b, 0.01)',
      tex: '\\operatorname{LeakyReLU}_{0.01}\\left(X W^{\\top} + b\\right)',
    });
    expect(show(g.apply('bce_logits', [X, X])).tex).toBe('\\operatorname{BCE}\\left(\\sigma\\left(X\\right), X\\right)');
  });
});
