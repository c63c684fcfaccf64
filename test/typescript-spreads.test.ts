// A spread of a vector whose length is known when compiling is plain math:
// Math.max(...x), Math.hypot(...v) and [...v, 1] are the items written one by
// one (fn-trial, session 21: they were refused, "a spread argument"). A spread
// of a number, or into a function of the file, is still a located error.
import { describe, expect, it } from 'vitest';
import { callGenerated, compileFunctions, flatten, modelText, unflatten, type Argument } from './helpers/function-model.js';
import { expectClose, gradientByDifferences, jacobianByDifferences } from './helpers/numeric.js';
import { expectMarkedError } from './helpers/compile-error.js';

const model = modelText(`
export const spreadRange = differentiable((x: [number, number, number]) => Math.max(...x) - Math.min(...x),
  { at: { x: [1, 5, 3] }, hessian: true });
export const stableLogSumExp = differentiable((z: number[]) => {
  const m = Math.max(...z);
  let s = 0;
  for (const zi of z) s += Math.exp(zi - m);
  return m + Math.log(s);
}, { lengths: { z: 4 }, at: { z: [1, 2, 0.5, -1] }, hessian: true });
export const norm = differentiable((v: Float64Array) => Math.hypot(...v, 1), { lengths: { v: 3 }, at: { v: [1, 2, 2] }, hessian: true });
export const augmented = differentiable((v: [number, number], w: [number, number, number]) => {
  const x = [...v, 1];
  let dot = 0;
  for (let i = 0; i < 3; i++) dot += x[i] * w[i];
  return Math.tanh(dot);
}, { at: { v: [0.5, -1], w: [0.2, 0.4, 0.1] }, hessian: true });`);

const points: Record<string, Argument[]> = {
  spreadRange: [[1, 5, 3]],
  stableLogSumExp: [[1, 2, 0.5, -1]],
  norm: [[1, 2, 2]],
  augmented: [[0.5, -1], [0.2, 0.4, 0.1]],
};

describe('spreads of vectors of known length', async () => {
  const c = await compileFunctions(model);

  it.each(Object.keys(points))('%s: value bit for bit, gradient and Hessian by central differences', (name) => {
    const at = points[name];
    const call = (args: Argument[]) => c.original[name](...args.map((a) => (typeof a === 'number' ? a : Float64Array.from(a))));
    const got = callGenerated(c.module, name, at);
    expect(got.value).toBe(call(at));
    const x = flatten(at);
    expectClose(got.grad, gradientByDifferences((y) => call(unflatten(y, at)), x), 1e-6, 1e-6, `${name} gradient`);
    const grad = (y: readonly number[]) => callGenerated(c.module, name, unflatten(y, at)).grad;
    expectClose(got.hess ?? [], jacobianByDifferences(grad, x).flat(), 1e-5, 1e-5, `${name} Hessian`);
  });

  it('is an error at the spread for a number, and for a call of a function of the file', async () => {
    await expectMarkedError({
      what: 'a spread of a number',
      model: 'export const f = differentiable((a: number) => Math.max(@...a, 1));',
      message: /a spread of a number/, hint: /spread a vector parameter or an array/,
    });
    await expectMarkedError({
      what: 'a spread into a function of the file',
      model: 'const sq = (a: number, b: number) => a * b;\nexport const f = differentiable((x: [number, number]) => sq(@...x));',
      message: /a spread argument/, hint: /pass the arguments one by one/,
    });
  });
});
