// Functions a new user wrote, tried against the compiler (issue 10), each a
// defect found that way: the generated value equals the original function's,
// its gradient central differences of the original, its Hessian central
// differences of the generated gradient.
import { describe, expect, it } from 'vitest';
import { type Argument, callGenerated, compileFunctions, flatten, modelText, unflatten } from './helpers/function-model.js';
import { expectClose, gradientByDifferences, jacobianByDifferences } from './helpers/numeric.js';

type Original = (...args: unknown[]) => number;

/** Runs the original on flat numbers shaped like `like` (vectors as Float64Arrays). */
const onFlat = (original: Original, like: readonly Argument[]) => (flat: readonly number[]) =>
  original(...unflatten(flat, like).map((a) => (typeof a === 'number' ? a : Float64Array.from(a))));

/** Compiles `body`, then checks export `name` at `args` against the original and central differences. */
async function expectDerivatives(body: string, name: string, args: readonly Argument[]) {
  const c = await compileFunctions(modelText(body));
  const got = callGenerated(c.module, name, args);
  const original = onFlat(c.original[name], args);
  const x = flatten(args);
  expect(got.value).toBeCloseTo(original(x), 12);
  expectClose(got.grad, gradientByDifferences(original, x), 1e-6, 1e-6, `${name} gradient`);
  if (got.hess) {
    const gradient = (p: readonly number[]) => callGenerated(c.module, name, unflatten(p, args)).grad;
    expectClose(got.hess, jacobianByDifferences(gradient, x).flat(), 1e-5, 1e-5, `${name} Hessian`);
  }
  return c;
}

const file = (c: Awaited<ReturnType<typeof compileFunctions>>, ext: string) => c.compiled.files.find((f) => f.name.endsWith(ext))?.content ?? '';

describe('functions tried as a new user would', () => {
  it('softmax cross-entropy of 10 logits, the max taken by an if in a loop, with its Hessian (crashed: RangeError printing the Hessian)', async () => {
    const z = [0.1, -0.2, 0.3, 1.2, 0.5, -1, 2, 0, 0.7, -0.4];
    const c = await expectDerivatives(`export const xent = differentiable((z: Float64Array) => {
  let m = z[0];
  for (let i = 1; i < z.length; i++) {
    if (z[i] > m) m = z[i];
  }
  let s = 0;
  for (let i = 0; i < z.length; i++) s += Math.exp(z[i] - m);
  return Math.log(s) + m - z[3];
}, { at: { z: [${z.join(', ')}] }, lengths: { z: 10 }, hessian: true });`, 'xent', [z]);
    const tex = file(c, '.tex');
    expect(tex).toContain('the block is dense');
    expect(tex).toMatch(/none is printed here: the generated \\texttt\{xent\\_hess\} computes them/);
  });
});

describe('arrays of data written in the file (found trying logistic regression over a const table: array literals were refused)', () => {
  const table = `const data = [
  [0.5, 1.5, 1],
  [-1.0, 0.3, 0],
  [2.0, -0.5, 1],
  [0.1, 0.1, 0],
  [-0.7, -1.2, 0],
];`;

  it('a table of rows, destructured in a for-of: logistic-regression loss', async () => {
    await expectDerivatives(`${table}
export const logistic = differentiable((w1: number, w2: number, b: number) => {
  let loss = 0;
  for (const [x1, x2, y] of data) {
    const p = 1 / (1 + Math.exp(-(w1 * x1 + w2 * x2 + b)));
    loss -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
  }
  return loss / data.length;
}, { at: { w1: 0.3, w2: -0.2, b: 0.1 }, hessian: true });`, 'logistic', [0.3, -0.2, 0.1]);
  });

  it('columns indexed in a loop to X.length, longer than the loops it unrolls outright (reported "X is defined in terms of itself")', async () => {
    const xs = Array.from({ length: 12 }, (_, i) => Math.sin(i) * 2);
    const ys = xs.map((x, i) => (x + Math.cos(i) > 0 ? 1 : 0));
    await expectDerivatives(`const X = [${xs.join(', ')}];
const Y = [${ys.join(', ')}];
export const logistic2 = differentiable((w: number, b: number) => {
  let loss = 0;
  for (let i = 0; i < X.length; i++) {
    const z = w * X[i] + b;
    loss += Math.log(1 + Math.exp(-z)) + (1 - Y[i]) * z;
  }
  return loss / X.length;
}, { at: { w: 0.3, b: 0.1 }, hessian: true });`, 'logistic2', [0.3, 0.1]);
  });

  it('a local array of computed values, destructured and indexed', async () => {
    await expectDerivatives(`export const local = differentiable((x: number, y: number) => {
  const v = [x * y, x - y, Math.sin(x)];
  const [a, , c] = v;
  let s = 0;
  for (const t of v) s += t * t;
  return a * c + s + v[1] / v.length;
}, { at: { x: 0.4, y: 1.3 }, hessian: true });`, 'local', [0.4, 1.3]);
  });
});

describe("parameters named grad, hess, input (found trying the feature: refused as 'used by the generated code')", () => {
  it('the generated output and point arrays take other names (gradOut, hessOut, inputOut, then gradOut2, …); values and derivatives unchanged', async () => {
    const point = [0.2, 0.3, 0.4, 0.5, 0.6];
    const c = await expectDerivatives(`export const E = differentiable((grad: number, hess: number, input: number, gradOut: number, x: number) => {
  const w1 = grad * hess + input;
  return Math.exp(w1 * 0.1) * gradOut + x * grad;
}, { at: { grad: 0.2, hess: 0.3, input: 0.4, gradOut: 0.5, x: 0.6 }, hessian: true });
export const L = differentiable((grad: Float64Array, input: number) => {
  let s = 0;
  for (let i = 0; i < grad.length; i++) s += (grad[i] - input) ** 2;
  return s;
}, { lengths: { grad: 20 } });`, 'E', point);
    const code = file(c, '.ts');
    expect(code).toContain('export function E_grad_v(inputOut: Float64Array, gradOut2: Float64Array): number');
    expect(code).toContain('export function L_grad(grad: ArrayLike<number>, input: number, gradOut: Float64Array): number');
    // the vector form computes what the positional one does
    const g = new Float64Array(5);
    const value = (c.module.E_grad_v as unknown as (p: Float64Array, g: Float64Array) => number)(Float64Array.from(point), g);
    const positional = callGenerated(c.module, 'E', point);
    expect(value).toBe(positional.value);
    expect([...g]).toEqual(positional.grad);
    // the loop kept as a loop: ∂L/∂grad_i = 2 (grad_i − input), ∂L/∂input = −Σ 2 (grad_i − input)
    const grad = Array.from({ length: 20 }, (_, i) => i / 10);
    const got = callGenerated(c.module, 'L', [grad, 0.3]);
    expectClose(got.grad, [...grad.map((v) => 2 * (v - 0.3)), -grad.reduce((s, v) => s + 2 * (v - 0.3), 0)], 1e-12, 1e-12, 'L gradient');
  });

  it('in an expression too', async () => {
    const c = await compileFunctions(modelText("export const P = expr('grad * hess + input^2', { hessian: true });"));
    const got = callGenerated(c.module, 'P', [1, 2, 3]);
    expect(got.grad).toEqual([2, 1, 6]);
    expect(got.hess).toEqual([0, 1, 0, 1, 0, 0, 0, 0, 2]);
  });
});

describe('items of an array of the function assigned (found: softmax written with e[i] = Math.exp(…) was refused, "vector elements are read-only")', () => {
  it('softmax cross-entropy through a local array e[i] = exp(z_i − max), read back by index', async () => {
    const z = [0.5, -1, 2, 0.3];
    await expectDerivatives(`export const xent = differentiable((z: [number, number, number, number]) => {
  let max = z[0];
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  const e: number[] = [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) {
    e[i] = Math.exp(z[i] - max);
    sum += e[i];
  }
  e[2] /= sum;
  return -Math.log(e[2]);
}, { at: { z: [${z.join(', ')}] }, hessian: true });`, 'xent', [z]);
  });

  it('assigned in a branch, and in a loop longer than those unrolled outright (the loop is unrolled: it assigns the array)', async () => {
    const x = Array.from({ length: 12 }, (_, i) => Math.cos(i));
    await expectDerivatives(`export const f = differentiable((x: Float64Array, y: number) => {
  const h = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (let i = 0; i < 12; i++) h[i] = x[i] * y;
  if (y > 0) h[0] = y * y;
  else h[0] += 1;
  let s = 0;
  for (const v of h) s += v * v;
  return s;
}, { lengths: { x: 12 } });`, 'f', [x, 0.7]);
  });
});

describe('what a TypeScript developer writes besides (found in the fn-trial: each was refused)', () => {
  it('a helper with a default parameter, called with and without it (the default may read the parameters before it)', async () => {
    await expectDerivatives(`function scaled(x: number, k = 2, m: number = k * x): number {
  return k * x + m;
}
export const f = differentiable((x: number, y: number) => scaled(x) * scaled(y, 3) + scaled(x, y, 1), { at: { x: 1.5, y: -0.5 }, hessian: true });`, 'f', [1.5, -0.5]);
  });

  it('a const enum and an enum of the file chosen by a top-level const (was "unknown name \'Mode\'")', async () => {
    await expectDerivatives(`const enum Mode { Linear, Square }
enum Weight { Half = 2, Full = 4 }
const MODE = Mode.Square;
export const f = differentiable((x: number) => (MODE === Mode.Square ? x * x : x) * Weight.Full / Weight.Half, { at: { x: 3 }, hessian: true });`, 'f', [3]);
  });
});
