import type { WorkedStep } from '../../../compile/network/worked-values.js';
import { partial } from '../tex-print.js';
import { type NetworkContext, oneTo, parameterIndex, shown, shownOperand, tidyParentheses } from './context.js';
import { derivedTex } from './derived-tex.js';
import { parameterEntries } from './layer-tex.js';
import { equalities } from './worked-forward.js';

/** Terms of a long sum per row (a row continues as `&\quad {} + …`). */
const TERMS_PER_ROW = 8;

/** The trained weight arrays of layer l with their entries (the penalties skip biases and frozen weights). */
function penalizedEntries(c: NetworkContext, l: number) {
  return parameterEntries(c, l).filter((e) => {
    const p = c.net.layout[parameterIndex(c, e.name)];
    return p.role === 'weight' && p.frozen !== true;
  });
}

/** The layers with a penalized weight. */
function penalizedLayers(c: NetworkContext): number[] {
  return oneTo(c.depth).filter((l) => penalizedEntries(c, l).length > 0);
}

/** `lhs &= t₁ + … + t₈` then `&\quad {} + t₉ …` rows, then `&= value`. */
function longSum(lhs: string, terms: readonly string[], value: string): string[] {
  const rows: string[] = [];
  for (let k = 0; k < terms.length; k += TERMS_PER_ROW) {
    const chunk = terms.slice(k, k + TERMS_PER_ROW).join(' + ');
    rows.push(k === 0 ? `${lhs} &= ${chunk}` : `&\\quad {} + ${chunk}`);
  }
  if (rows.length === 1) return [`${rows[0]} = ${value}`];
  return [...rows, `&= ${value}`];
}

/**
 * The penalty of a step in numbers, before L = ℓ + R: for each layer the sum
 * of its weights' squares (L2) and of their magnitudes (L1), every weight
 * written out, then R from them with the λ's.
 */
export function penaltyRows(c: NetworkContext, step: WorkedStep): string[] {
  const { l1, l2 } = c.spec.regularization;
  const layers = penalizedLayers(c);
  const value = (l: number, e: { name: string; offset: number }) => step.params[parameterIndex(c, e.name)][e.offset];
  const rows: string[] = [];
  const parts: { symbol: string; number: string }[] = [];
  const sums = (kind: 'l2' | 'l1', symbol: (l: number) => string, term: (w: string) => string, of: (w: number) => number) => {
    const named = layers.map((l) => {
      const entries = penalizedEntries(c, l);
      const total = entries.reduce((s, e) => s + of(value(l, e)), 0);
      rows.push(...longSum(symbol(l), entries.map((e) => term(shown(c, value(l, e), e.symbol))), shown(c, total, symbol(l))));
      return { symbol: symbol(l), number: shownOperand(c, total, symbol(l)) };
    });
    const group = (xs: string[]) => (xs.length === 1 ? xs[0] : `\\left(${xs.join(' + ')}\\right)`);
    const symbolic = kind === 'l2' ? `\\frac{\\lambda_{2}}{2}\\, ${group(named.map((n) => n.symbol))}` : `\\lambda_{1}\\, ${group(named.map((n) => n.symbol))}`;
    const numbers = kind === 'l2'
      ? `\\frac{${c.out.given(l2, '\\lambda_{2}')}}{2} \\times ${group(named.map((n) => n.number))}`
      : `${c.out.given(l1, '\\lambda_{1}')} \\times ${group(named.map((n) => n.number))}`;
    parts.push({ symbol: symbolic, number: numbers });
  };
  // a negative weight squared in parentheses, (-0.3)^{2}; inside |…| as it is, |-0.3|
  if (l2 > 0) sums('l2', (l) => `\\left\\lVert W^{${l}} \\right\\rVert^{2}`, (w) => `${w.startsWith('-') || w.includes('\\times') ? `\\left(${w}\\right)` : w}^{2}`, (w) => w * w);
  if (l1 > 0) sums('l1', (l) => `\\sum_{i,j} \\left|w^{${l}}_{ij}\\right|`, (w) => `\\left|${w}\\right|`, Math.abs);
  const R = step.loss - step.dataLoss;
  rows.push(...equalities('R', [parts.map((p) => p.symbol).join(' + '), parts.map((p) => p.number).join(' + '), shown(c, R, 'R')]));
  rows.push(`L &= \\ell + R = ${shownOperand(c, step.dataLoss, '\\ell')} + ${shownOperand(c, R, 'R')} = ${shown(c, step.loss, 'L')}`);
  return rows.map(tidyParentheses);
}

/**
 * Each trained weight's gradient in L: its ∂ℓ/∂w (the batch's, as in the
 * table) plus the penalties' derived terms (λ₂ w, λ₁ sgn w) with the weight's
 * value, then the sum.
 */
export function penaltyGradientRows(c: NetworkContext, step: WorkedStep): string[] {
  const p = c.net.derivatives.penalties;
  if (p === undefined) return [];
  return penalizedLayers(c).flatMap((l) => penalizedEntries(c, l).map((e) => {
    const k = parameterIndex(c, e.name);
    const w = step.params[k][e.offset];
    const terms = (name: string, reading: 'entry' | 'numbers') => p.terms.map((t) => derivedTex(p.graph, t, new Map([[p.w, name]]), reading));
    const dl = partial('\\ell', e.symbol);
    const dL = partial('L', e.symbol);
    const symbolic = [dl, ...terms(e.symbol, 'entry')].join(' + ');
    const numbers = [shown(c, step.dataGradient[k]?.[e.offset] ?? NaN, dl), ...terms(shownOperand(c, w, e.symbol), 'numbers')].join(' + ');
    return equalities(dL, [symbolic, numbers, shown(c, step.gradient[k]?.[e.offset] ?? NaN, dL)]).map(tidyParentheses);
  }).flat());
}
