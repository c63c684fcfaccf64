import type { ResolvedInputScaling } from '../../../compile/network/resolved.js';
import { type NetworkContext, oneTo, shown, shownOperand, tidyParentheses } from './context.js';
import { equalities } from './worked-forward.js';
import { numberTable } from './number-table.js';

/** μ and σ are worked out as sums for up to this many examples (their table lists them for more). */
const MAX_WORKED_SUM = 4;

/** Entry j of example i's raw input as the notes name it: x^{(i)}_{\text{raw},j}, or x_{\text{raw},j} for one example. */
export function rawEntry(examples: number, i: number, j: number): string {
  return `x${examples === 1 ? '' : `^{(${i + 1})}`}_{\\text{raw},${j + 1}}`;
}

/** Entry j of example i's standardized input: x^{(i)}_{j}, or x_{j}. */
function standardizedEntry(examples: number, i: number, j: number): string {
  return `x${examples === 1 ? '' : `^{(${i + 1})}`}_{${j + 1}}`;
}

/**
 * The worked inputs standardized, in the reader's order (after the givens,
 * before the forward pass): each feature's mean and standard deviation — over
 * the batch worked as sums, or as the model gives them — then the first example
 * standardized feature by feature, x_j = (x_raw,j − μ_j) / σ_j, with its numbers,
 * and a table of every example's raw and standardized inputs.
 */
export function writeStandardization(c: NetworkContext, s: ResolvedInputScaling): void {
  const { out } = c;
  const B = s.raw.length;
  const features = oneTo(s.mean.length).map((j) => j - 1);
  const over = s.from === 'batch'
    ? `here over the ${B} worked examples, as ${out.inline('\\texttt{fit}')} computes them over the training rows`
    : 'here as the model gives them (for instance the training set\'s)';
  out.paragraph(`\\emph{Standardization.} The inputs are given in the data's own units, ${out.inline('x_{\\text{raw}}')}. `
    + `Each feature ${out.inline('j')} is standardized with its mean ${out.inline('\\mu_{j}')} and standard deviation ${out.inline('\\sigma_{j}')} `
    + `(${over}), so that the network sees ${out.inline('x_{j} = \\left(x_{\\text{raw},j} - \\mu_{j}\\right) / \\sigma_{j}')}`
    + `${s.from === 'batch' ? `, with ${out.inline(`\\mu_{j} = \\frac{1}{B} \\sum_{i} x^{(i)}_{\\text{raw},j}`)} and `
      + `${out.inline(`\\sigma_{j} = \\sqrt{\\frac{1}{B} \\sum_{i} \\left(x^{(i)}_{\\text{raw},j} - \\mu_{j}\\right)^{2}}`)}` : ''}:`);
  const mu = (j: number) => `\\mu_{${j + 1}}`;
  const sigma = (j: number) => `\\sigma_{${j + 1}}`;
  if (s.from === 'batch' && B <= MAX_WORKED_SUM) {
    const raw = (i: number, j: number) => shownOperand(c, s.raw[i][j], rawEntry(B, i, j));
    out.align(features.flatMap((j) => {
      const examples = oneTo(B).map((i) => i - 1);
      const mean = equalities(mu(j), [
        `\\frac{1}{${B}} \\left(${examples.map((i) => rawEntry(B, i, j)).join(' + ')}\\right)`,
        `\\frac{1}{${B}} \\left(${examples.map((i) => raw(i, j)).join(' + ')}\\right)`,
        shown(c, s.mean[j], mu(j)),
      ]);
      const spread = `\\sqrt{\\frac{1}{${B}} \\left(${examples.map((i) => `\\left(${shown(c, s.raw[i][j], rawEntry(B, i, j))} - ${shownOperand(c, s.mean[j], mu(j))}\\right)^{2}`).join(' + ')}\\right)}`;
      // a feature constant over the batch has σ = 0, which the trainer takes as 1 (nothing to divide by)
      const deviation = s.constant[j]
        ? [`${sigma(j)} &= ${spread} = 0, \\text{ taken as } ${sigma(j)} = 1`]
        : equalities(sigma(j), [spread, shown(c, s.std[j], sigma(j))]);
      return [...mean, ...deviation].map(tidyParentheses);
    }));
  } else {
    numberTable(out, 'rll', [`feature ${out.inline('j')}`, out.inline('\\mu_{j}'), out.inline('\\sigma_{j}')], features.map((j) => [
      out.inline(String(j + 1)), out.inline(shown(c, s.mean[j], mu(j))), out.inline(shown(c, s.std[j], sigma(j))),
    ]));
  }
  out.paragraph(`${B === 1 ? 'The example' : 'Example 1'}, feature by feature:`);
  // short rows: the symbols, the numbers and the value on one line each
  out.align(features.map((j) => tidyParentheses(`${standardizedEntry(B, 0, j)} &= \\frac{${rawEntry(B, 0, j)} - ${mu(j)}}{${sigma(j)}} = `
    + `\\frac{${shown(c, s.raw[0][j], rawEntry(B, 0, j))} - ${shownOperand(c, s.mean[j], mu(j))}}{${shown(c, s.std[j], sigma(j))}} = `
    + `${shown(c, s.x[0][j], standardizedEntry(B, 0, j))}`)));
  if (B === 1) return;
  out.paragraph(`Every example the same way; the network's input ${out.inline('x')} below is the standardized one:`);
  numberTable(out, 'rrll', ['example', `feature ${out.inline('j')}`, out.inline('x_{\\text{raw},j}'), out.inline('x_{j}')],
    oneTo(B).flatMap((i) => features.map((j) => [
      out.inline(String(i)), out.inline(String(j + 1)),
      out.inline(shown(c, s.raw[i - 1][j], rawEntry(B, i - 1, j))), out.inline(shown(c, s.x[i - 1][j], standardizedEntry(B, i - 1, j))),
    ])));
}
