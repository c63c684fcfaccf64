// The generated functions check the arrays they are given (found trying it as a
// developer: ridge(x) with x one entry short returned NaN, and ridge_grad with
// a short grad returned the value and silently dropped derivatives).
import { beforeAll, describe, expect, it } from 'vitest';
import { compileFunctions, modelText, type CompiledFunctions } from '../helpers/function-model.js';

type Fn = (...args: unknown[]) => number;

const MODEL = modelText(`
export const ridge = differentiable((w: Float64Array, lambda: number) => {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += (w[i] - 1) ** 2 + lambda * w[i] * w[i];
  return s;
}, { lengths: { w: 12 } });
export const short = differentiable((p: [number, number], k: number) => k * p[0] * p[1], { hessian: true });
export const quad = expr('a*b + c*d', { hessian: true });
export const constant = expr('pi^2');
`);

let m: CompiledFunctions['module'];
beforeAll(async () => {
  m = (await compileFunctions(MODEL)).module;
});
const fn = (name: string) => m[name] as Fn;

describe('generated functions check the arrays they are given', () => {
  it.each([
    ['ridge, a loop kept as a loop', 'ridge', [new Float64Array(11), 0.1], 'ridge: w needs 12 numbers, got 11'],
    ['ridge, one entry too many', 'ridge', [new Float64Array(13), 0.1], 'ridge: w needs 12 numbers, got 13'],
    ['its gradient, w short', 'ridge_grad', [new Float64Array(11), 0.1, new Float64Array(13)], 'ridge_grad: w needs 12 numbers, got 11'],
    ['its gradient, grad short', 'ridge_grad', [new Float64Array(12), 0.1, new Float64Array(12)], 'ridge_grad: grad needs 13 numbers, got 12'],
    ['an unrolled function', 'short', [[1], 2], 'short: p needs 2 numbers, got 1'],
    ['its Hessian', 'short_hess', [[1, 2], 2, new Float64Array(8)], 'short_hess: hess needs 9 numbers, got 8'],
    ['an expression\'s gradient', 'quad_grad', [1, 2, 3, 4, new Float64Array(3)], 'quad_grad: grad needs 4 numbers, got 3'],
    ['the vector form', 'quad_v', [new Float64Array(3)], 'quad_v: input needs 4 numbers, got 3'],
    ['the vector form\'s Hessian', 'quad_hess_v', [new Float64Array(4), new Float64Array(15)], 'quad_hess_v: hess needs 16 numbers, got 15'],
  ])('%s: a RangeError naming the function, the array and both sizes', (_, name, args, message) => {
    expect(() => fn(name)(...args)).toThrow(new RangeError(message));
  });

  it('accepts exact sizes, and an output array longer than needed (its extra entries untouched)', () => {
    const grad = new Float64Array(14).fill(7);
    const w = new Float64Array(12).fill(0.5);
    expect(fn('ridge_grad')(w, 0.1, grad)).toBeCloseTo(fn('ridge')(w, 0.1), 14);
    expect(grad[0]).toBeCloseTo(2 * (0.5 - 1) + 2 * 0.1 * 0.5, 14);
    expect(grad[13]).toBe(7);
    expect(fn('quad_grad')(1, 2, 3, 4, new Float64Array(4))).toBe(14);
  });

  it('a constant writes no gradient, so any grad is accepted', () => {
    expect(fn('constant_grad')(new Float64Array(0))).toBeCloseTo(Math.PI ** 2, 14);
  });
});
