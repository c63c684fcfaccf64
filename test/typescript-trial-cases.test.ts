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
