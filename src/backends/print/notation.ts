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
  const s = String(value);
  if (notation === 'tex' && s.includes('e')) {
    const [mantissa, exponent] = s.split('e');
    return printed(`${mantissa} \\times 10^{${Number(exponent)}}`, PREC.MUL);
  }
  return printed(s, prec);
}
