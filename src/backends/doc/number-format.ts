import { smallFraction } from '../print/notation.js';

/**
 * Numbers as a textbook prints them, for every notes backend (LaTeX, HTML):
 * a TeX fragment for math mode (math font), rounded for display to a number
 * of significant digits, with trailing zeros dropped, so that float noise
 * disappears (0.19999999999999998 → 0.2) and exact values print exactly
 * (2, 0.15, 120). Large and small magnitudes as a × 10^{k}: 1.5 × 10^{-9},
 * and a pure power of ten as 10^{k}. Negative zero prints as 0; ±∞ as
 * \infty and -\infty; NaN as \mathrm{NaN}. Full precision is kept elsewhere
 * (the generated code, the notes' JSON companion).
 */

/** Significant digits of a displayed number when the model does not choose (`digits` option). */
export const DEFAULT_DIGITS = 6;

/** The range of the `digits` option: a double has 17 significant digits at most. */
export const MIN_DIGITS = 1;
export const MAX_DIGITS = 17;

/** Decimal exponents printed in positional notation (0.000123 … 123456); outside, a × 10^{k}. */
const SMALLEST_POSITIONAL_EXPONENT = -4;

/** Integers up to this magnitude print in full, whatever the digits (a count, a size, 1024). */
const LARGEST_EXACT_INTEGER = 1e15;

export interface NumberStyle {
  /** Significant digits (1–17); undefined: exact (the shortest decimal that reads back as the same double). */
  readonly digits?: number;
}

/**
 * `value` as TeX for math mode. With `digits`, rounded to that many
 * significant digits (an integer below 10^15 is never rounded); without,
 * exact: the shortest decimal that reads back as the same double.
 */
export function formatNumber(value: number, style: NumberStyle = { digits: DEFAULT_DIGITS }): string {
  if (Number.isNaN(value)) return '\\mathrm{NaN}';
  if (!Number.isFinite(value)) return value > 0 ? '\\infty' : '-\\infty';
  if (value === 0) return '0'; // also -0
  const sign = value < 0 ? '-' : '';
  const magnitude = Math.abs(value);
  if (Number.isInteger(magnitude) && magnitude < LARGEST_EXACT_INTEGER) return sign + String(magnitude);
  const { mantissa, exponent } = decimalDigits(magnitude, style.digits);
  if (exponent >= SMALLEST_POSITIONAL_EXPONENT && exponent < Math.max(mantissa.length, style.digits ?? 0, 1)) {
    return sign + positional(mantissa, exponent);
  }
  const head = mantissa.length > 1 ? `${mantissa[0]}.${mantissa.slice(1)}` : mantissa;
  return head === '1' ? `${sign}10^{${exponent}}` : `${sign}${head} \\times 10^{${exponent}}`;
}

/** The number's rounded value as a double (what `formatNumber` shows, read back). */
export function displayedValue(value: number, style: NumberStyle = { digits: DEFAULT_DIGITS }): number {
  if (!Number.isFinite(value) || value === 0) return value === 0 ? 0 : value;
  if (Number.isInteger(value) && Math.abs(value) < LARGEST_EXACT_INTEGER) return value;
  const { mantissa, exponent } = decimalDigits(Math.abs(value), style.digits);
  return Math.sign(value) * Number(`0.${mantissa}e${exponent + 1}`);
}

/**
 * A constant of a formula as a textbook prints it: `\\tfrac{1}{3}` when it is a fraction with a small
 * denominator (print/notation.ts's smallFraction, which formulas print the same way) and its decimal at
 * `digits` would be rounded (0.333333); undefined for everything else — an integer, 0.5 or 0.25 (their
 * decimals are exact), a value that is no such fraction — which formatNumber prints.
 */
export function simpleFraction(value: number, style: NumberStyle = { digits: DEFAULT_DIGITS }): string | undefined {
  if (!Number.isFinite(value) || displayedValue(value, style) === value) return undefined;
  const fraction = smallFraction(value);
  return fraction === undefined ? undefined : `${fraction.p < 0 ? '-' : ''}\\tfrac{${Math.abs(fraction.p)}}{${fraction.q}}`;
}

/** `digits` is a whole number in 1–17 (the option's check; the message says which). */
export function digitsProblem(digits: unknown): string | undefined {
  if (typeof digits !== 'number' || !Number.isInteger(digits) || digits < MIN_DIGITS || digits > MAX_DIGITS) {
    return `digits must be a whole number from ${MIN_DIGITS} to ${MAX_DIGITS} (significant digits of the numbers in the notes), not ${String(digits)}`;
  }
  return undefined;
}

/**
 * The significant digits of a positive finite number, trailing zeros
 * dropped, and the decimal exponent of the first: 0.0123 → ('123', -2).
 * Rounded to `digits` when given, else the shortest round-trip digits.
 */
function decimalDigits(magnitude: number, digits: number | undefined): { mantissa: string; exponent: number } {
  const text = digits === undefined ? magnitude.toExponential() : magnitude.toExponential(digits - 1);
  const [head, exp] = text.split('e');
  const mantissa = head.replace('.', '').replace(/0+$/, '') || '0';
  return { mantissa, exponent: Number(exp) };
}

/** Digits d₁d₂… with d₁ at 10^{exponent}, written positionally: ('123', -2) → 0.0123, ('15', 2) → 150. */
function positional(mantissa: string, exponent: number): string {
  if (exponent < 0) return `0.${'0'.repeat(-exponent - 1)}${mantissa}`;
  const whole = mantissa.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = mantissa.slice(exponent + 1);
  return fraction.length > 0 ? `${whole}.${fraction}` : whole;
}
