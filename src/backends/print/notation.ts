/**
 * Precedence-aware printing shared by the plain-text and LaTeX forms of ops.
 * A printed subexpression carries its precedence; a parent wraps an argument
 * in parentheses when the argument binds more loosely than the slot requires.
 */
export const PREC = { COMPARE: 0.5, ADD: 1, MUL: 2, POW: 4, ATOM: 5 } as const;

export interface Printed {
  readonly text: string;
  readonly prec: number;
}

export type Notation = 'text' | 'tex';

export function printed(text: string, prec: number): Printed {
  return { text, prec };
}

export function wrap(p: Printed, minPrec: number, notation: Notation): string {
  if (p.prec >= minPrec) return p.text;
  return notation === 'tex' ? `\\left(${p.text}\\right)` : `(${p.text})`;
}

/** The largest denominator a formula's constant is written as a fraction with (1/3, 2/7, 5/12). */
const MAX_DENOMINATOR = 12;

/**
 * A constant whose decimal does not end (1/3 = 0.3333333333333333, what a
 * mean over 3 or a division by 3 leaves in a formula) as p/q with a small q;
 * undefined for a short decimal (0.5, 0.125) or any other number.
 */
export function smallFraction(value: number): { p: number; q: number } | undefined {
  if (Number.isInteger(value) || String(value).length <= 8) return undefined;
  for (let q = 2; q <= MAX_DENOMINATOR; q++) {
    const p = Math.round(value * q);
    if (p !== 0 && p / q === value) return { p, q };
  }
  return undefined;
}

/** Numbers as printed in formulas: shortest round-trip form, π and e by name; in TeX a third as \frac{1}{3}, not 0.3333333333333333. */
export function formatNumber(value: number, notation: Notation): Printed {
  const fraction = notation === 'tex' ? smallFraction(value) : undefined;
  if (fraction) {
    const text = `\\frac{${Math.abs(fraction.p)}}{${fraction.q}}`;
    return fraction.p < 0 ? printed(`-${text}`, PREC.ADD) : printed(text, PREC.ATOM);
  }
  if (value === Math.PI) return printed(notation === 'tex' ? '\\pi' : 'pi', PREC.ATOM);
  if (value === Math.E) return printed('e', PREC.ATOM);
  const prec = value < 0 ? PREC.ADD : PREC.ATOM;
  if (!Number.isFinite(value)) {
    const inf = notation === 'tex' ? '\\infty' : 'Infinity';
    return printed(Number.isNaN(value) ? 'NaN' : value > 0 ? inf : `-${inf}`, prec);
  }
  const s = notation === 'tex' ? textbookDecimal(value) : String(value);
  if (notation === 'tex' && s.includes('e')) {
    const [mantissa, exponent] = s.split('e');
    return printed(`${mantissa} \\times 10^{${Number(exponent)}}`, PREC.MUL);
  }
  return printed(s, prec);
}

/** Significant digits a formula's constant is printed to: beyond them is the float noise of folding (0.7 · 0.7 = 0.48999999999999994). */
const FORMULA_DIGITS = 15;

/**
 * A constant as a textbook prints it: 0.49, not 0.48999999999999994 (what
 * 0.7 · 0.7 folds to) — the shortest of the round-trip form and the form to
 * 15 significant digits; full precision stays in the code and the companion.
 */
export function textbookDecimal(value: number): string {
  const exact = String(value);
  const rounded = String(Number(value.toPrecision(FORMULA_DIGITS)));
  return rounded.length < exact.length ? rounded : exact;
}
