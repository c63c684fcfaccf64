import { expect } from 'vitest';

/** Step of the central differences: balances truncation (h²) against rounding (ε/h). */
export const FD_STEP = 1e-6;

/** ∂f/∂x_i at x by central differences, (f(x + h e_i) - f(x - h e_i)) / 2h. */
export function centralDifference(
  f: (x: readonly number[]) => number,
  x: readonly number[],
  i: number,
  h = FD_STEP,
): number {
  const plus = [...x];
  const minus = [...x];
  plus[i] += h;
  minus[i] -= h;
  return (f(plus) - f(minus)) / (2 * h);
}

/** Every partial derivative of f at x by central differences. */
export function gradientByDifferences(f: (x: readonly number[]) => number, x: readonly number[], h = FD_STEP): number[] {
  return x.map((_, i) => centralDifference(f, x, i, h));
}

/**
 * The Jacobian of a vector function by central differences, row j = ∂g/∂x_j
 * (for g a gradient this is the Hessian, row-major in any order since it is symmetric).
 */
export function jacobianByDifferences(
  g: (x: readonly number[]) => readonly number[],
  x: readonly number[],
  h = FD_STEP,
): number[][] {
  return x.map((_, j) => {
    const plus = [...x];
    const minus = [...x];
    plus[j] += h;
    minus[j] -= h;
    const gp = g(plus);
    const gm = g(minus);
    return gp.map((v, i) => (v - gm[i]) / (2 * h));
  });
}

/** |actual - expected| ≤ rtol · max(|actual|, |expected|) + atol. */
export function isClose(actual: number, expected: number, rtol: number, atol = rtol): boolean {
  if (Number.isNaN(actual) || Number.isNaN(expected)) return false;
  return Math.abs(actual - expected) <= rtol * Math.max(Math.abs(actual), Math.abs(expected)) + atol;
}

/** Asserts isClose element-wise, with a message naming what is compared. */
export function expectClose(
  actual: number | readonly number[],
  expected: number | readonly number[],
  rtol: number,
  atol = rtol,
  what = 'value',
): void {
  const a = typeof actual === 'number' ? [actual] : actual;
  const e = typeof expected === 'number' ? [expected] : expected;
  expect(a.length, `${what}: length`).toBe(e.length);
  a.forEach((v, i) => {
    if (!isClose(v, e[i], rtol, atol)) {
      expect.fail(`${what}[${i}]: got ${v}, expected ${e[i]} (rtol ${rtol}, atol ${atol})`);
    }
  });
}
