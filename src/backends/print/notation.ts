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

/** Numbers as printed in formulas: shortest round-trip form, π and e by name. */
export function formatNumber(value: number, notation: Notation): Printed {
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
