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
