import { packRows } from '../../tex-sum.js';

/** Units up to which a sum over the units (Σ_k u_{ki} δ_{t+1,k}) is written term by term with its numbers (wider sums overflow a line). */
export const MAX_WRITTEN_TERMS = 3;

/**
 * Characters a row of the BPTT working holds, counted as `printedWidth`
 * counts them. An align* is as wide as its widest left-hand side plus its
 * widest right-hand side, so a continuation row (`&= …`, no left-hand side of
 * its own) is measured with CONTINUED_LHS added. 84 fills the notes' text
 * width: the layout test typesets T = 8, 12 and 25 with numbers written ×10ᵏ,
 * LSTM, GRU and stacked layers, and finds nothing overfull.
 */
export const ROW_WIDTH = 84;
/** The width of the left-hand side a continuation row sits beside: δ^{1}_{c,3,1}, e^{1}_{3,1}. */
const CONTINUED_LHS = 10;

/** How wide a piece of TeX prints, in characters (`\left(-2.5 \times 10^{-5}\right)` counts as `(-2.5x10^-5)`). */
export function printedWidth(tex: string): number {
  return tex.replace(/\\left|\\right|\\,|\\;|\\!/g, '')
    .replace(/\\times|[=+]/g, 'xxx') // a binary operator or relation with its spacing
    .replace(/\\[a-zA-Z]+/g, 'x')
    .replace(/[{}\s&]/g, '').length;
}

/**
 * One quantity of the working as `lhs &= symbols = numbers = result`, where
 * the numbers are the terms of a sum (one term for a product): on one row
 * when it fits; else the symbols on the first row and the numbers on rows of
 * their own, a sum continued term by term on rows that start with `+`, and
 * the result after the last term when it fits there, else on a row `&= result`.
 * `split`: the symbols on a row of their own even when all would fit (a sum
 * substituted term by term reads better below its symbols).
 */
export function workingRows(lhs: string, symbols: string, terms: readonly string[], result: string, split = false): string[] {
  const whole = `${lhs} &= ${symbols} = ${terms.join(' + ')} = ${result}`;
  if (!split && printedWidth(whole) <= ROW_WIDTH) return [whole];
  const fits = (row: string) => printedWidth(row) + CONTINUED_LHS <= ROW_WIDTH;
  const written = (row: readonly string[], i: number) => `${i === 0 ? '&=' : '&\\qquad'} ${row.join(' ')}`;
  const numbers = packRows([terms[0], ...terms.slice(1).map((term) => `+ ${term}`)], (row, i) => fits(written(row, i))).map(written);
  const last = numbers[numbers.length - 1];
  return fits(`${last} = ${result}`)
    ? [`${lhs} &= ${symbols}`, ...numbers.slice(0, -1), `${last} = ${result}`]
    : [`${lhs} &= ${symbols}`, ...numbers, `&= ${result}`];
}
