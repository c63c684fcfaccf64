import { describe, expect, it } from 'vitest';
import { DEFAULT_DIGITS, digitsProblem, displayedValue, formatNumber, simpleFraction } from '../../src/backends/doc/number-format.js';
import { katexError } from '../helpers/katex.js';

// [value, digits (undefined: exact), TeX]
const CASES: readonly [number, number | undefined, string][] = [
  // float noise disappears, short decimals and integers print exactly
  [0.19999999999999998, 6, '0.2'],
  [0.39249999999999996, 6, '0.3925'],
  [0.1 + 0.2, 6, '0.3'],
  [0.15, 6, '0.15'],
  [2, 6, '2'],
  [-3, 6, '-3'],
  [120, 2, '120'],
  [123456789, 3, '123456789'], // an integer is never rounded
  [0.5, 1, '0.5'],
  // rounding to significant digits
  [0.7413650695523157, 6, '0.741365'],
  [0.7413650695523157, 4, '0.7414'],
  [0.08216704056423078, 4, '0.08217'],
  [2 / 3, 3, '0.667'],
  [-2 / 3, 3, '-0.667'],
  [9.9999996, 6, '10'],
  [123456.7, 6, '123457'],
  [99.99, 3, '100'],
  // powers of ten
  [-8.906358061088716e-9, 6, '-8.90636 \\times 10^{-9}'],
  [1e-9, 6, '10^{-9}'],
  [2.5e-7, 6, '2.5 \\times 10^{-7}'],
  [0.000123, 6, '0.000123'],
  [0.0000123, 6, '1.23 \\times 10^{-5}'],
  [1234567.3, 6, '1.23457 \\times 10^{6}'],
  [1500000.5, 6, '1.5 \\times 10^{6}'],
  [1e21, 6, '10^{21}'],
  [1.5e16, 6, '1.5 \\times 10^{16}'],
  // exact (no digits): the shortest decimal that reads back as the same double
  [0.19999999999999998, undefined, '0.19999999999999998'],
  [1234567.3, undefined, '1234567.3'],
  [-8.906358061088716e-9, undefined, '-8.906358061088716 \\times 10^{-9}'],
  [0.001, undefined, '0.001'],
  // zero, negative zero, non-finite
  [0, 6, '0'],
  [-0, 6, '0'],
  [-0, undefined, '0'],
  [-1e-300 * 1e-300, 6, '0'],
  [Infinity, 6, '\\infty'],
  [-Infinity, 6, '-\\infty'],
  [NaN, 6, '\\mathrm{NaN}'],
];

describe('formatNumber: numbers as a textbook prints them', () => {
  it.each(CASES)('%s at %s digits is %s', (value, digits, tex) => {
    expect(formatNumber(value, { digits })).toBe(tex);
    expect(katexError(tex)).toBeUndefined();
  });

  it('rounds to 6 significant digits by default', () => {
    expect(DEFAULT_DIGITS).toBe(6);
    expect(formatNumber(Math.PI)).toBe('3.14159');
  });

  it('the exact form reads back as the same double, for many magnitudes', () => {
    for (let k = -12; k <= 20; k++) {
      for (const m of [1, 1.5, Math.SQRT2, -Math.E, 0.1 + 0.2]) {
        const value = m * 10 ** k;
        expect(texToNumber(formatNumber(value, {}))).toBe(value);
      }
    }
  });

  it('what it shows is the value rounded to the digits (displayedValue), never more than half a unit of the last digit away', () => {
    for (let k = -12; k <= 20; k++) {
      for (const m of [1.23456789, -9.87654321, 5.5, 0.999999999]) {
        for (const digits of [1, 3, 6, 9]) {
          const value = m * 10 ** k;
          const shown = texToNumber(formatNumber(value, { digits }));
          expect(shown).toBe(displayedValue(value, { digits }));
          const unit = 10 ** (Math.floor(Math.log10(Math.abs(shown))) - digits + 1);
          expect(Math.abs(shown - value)).toBeLessThanOrEqual(unit / 2 * (1 + 1e-12));
        }
      }
    }
  });

  it('digits must be a whole number from 1 to 17', () => {
    expect(digitsProblem(6)).toBeUndefined();
    for (const bad of [0, 18, 2.5, '6', undefined]) expect(digitsProblem(bad)).toMatch(/whole number from 1 to 17/);
  });
});

/** A formatted number read back: `a \times 10^{k}`, `10^{k}`, or a decimal. */
function texToNumber(tex: string): number {
  const m = /^(-?)(?:([\d.]+) \\times )?10\^\{(-?\d+)\}$/.exec(tex);
  if (m) return Number(`${m[1]}${m[2] ?? '1'}e${m[3]}`);
  return Number(tex);
}

describe('simpleFraction: a constant as a textbook prints it', () => {
  it.each([
    [1 / 3, '\\tfrac{1}{3}'], [-2 / 3, '-\\tfrac{2}{3}'], [1 / 7, '\\tfrac{1}{7}'], [5 / 12, '\\tfrac{5}{12}'], [4 / 3, '\\tfrac{4}{3}'], [1 / 6, '\\tfrac{1}{6}'],
  ])('%d is %s', (value, tex) => {
    expect(simpleFraction(value)).toBe(tex);
    expect(katexError(tex)).toBeUndefined();
  });

  it.each([[0.5], [0.25], [2], [-3], [0.1], [Math.PI], [1 / 13], [0.333333]])('%d stays a decimal (exact, an integer, or no small fraction)', (value) => {
    expect(simpleFraction(value)).toBeUndefined();
  });

  it('a fraction whose decimal the digits show exactly stays a decimal (1/8 = 0.125), one rounded at the digits is a fraction (1/3 at 2 digits)', () => {
    expect(simpleFraction(1 / 8)).toBeUndefined();
    expect(simpleFraction(1 / 3, { digits: 2 })).toBe('\\tfrac{1}{3}');
  });
});
