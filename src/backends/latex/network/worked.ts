import { bmatrix } from '../sections-result.js';
import { fullPrecision, partial, texNumber, texRounded } from '../tex-print.js';
import { type NetworkContext, T, dropoutOf, isFusedLoss, isPenalized, layerSym, oneTo, parameterIndex } from './context.js';
import { outputDeltaTex } from './loss.js';
import { numberTable } from './number-table.js';
import { writeWorkedGradients, writeWorkedUpdate } from './worked-step.js';
import type { WorkedExample, WorkedStep } from '../../../compile/network/worked-values.js';

/** A matrix is shown as a bmatrix only up to this many columns (and rows); the tables list every entry anyway. */
const MAX_MATRIX_COLUMNS = 8;
const MAX_MATRIX_ROWS = 12;

/**
 * One full training step on the model's worked example, in numbers: the
 * given weights, every z, a, ∂ℓ/∂a and δ, the loss, every gradient entry and
 * the parameters after one optimizer step. Tables are at full precision; only
 * the closing sentence rounds.
 */
export function writeWorked(c: NetworkContext): void {
  const worked = c.net.worked;
  if (!worked) return;
  const v = { ...worked.examples[0], ...worked.steps[0], exampleLoss: worked.examples[0].loss };
  const { out } = c;
  out.subsection('One training step in numbers');
  writeGivenNumbers(c, v);
  writeUnitTables(c, v);
  writeWorkedGradients(c, worked.steps[0]);
  const after = writeWorkedUpdate(c, worked.steps[0]);
  const L = c.depth;
  const prediction = v.a[L - 1].map((n) => texRounded(n)).join(', ');
  const outputError = v.delta[L - 1].map((n) => texRounded(n)).join(', ');
  out.paragraph(`Rounded to 6 significant digits for reading: the prediction is ${out.inline(`a^{${L}} \\approx (${prediction})`)}, `
    + `the loss ${out.inline(`\\ell \\approx ${texRounded(v.dataLoss)}`)}, the output error `
    + `${out.inline(`\\delta^{${L}} \\approx (${outputError})`)}, and after the step the loss is `
    + `${out.inline(`${isPenalized(c) ? 'L' : '\\ell'} \\approx ${texRounded(after)}`)} `
    + `(it was ${out.inline(texRounded(v.loss))}). Only this sentence rounds; the tables and equations are at full precision `
    + '(the shortest decimals that read back as the same double-precision numbers).');
}

function writeGivenNumbers(c: NetworkContext, v: WorkedExample & WorkedStep): void {
  const { out } = c;
  const column = (xs: readonly number[]) => `${bmatrix([xs.map(texNumber)])}${T}`;
  out.paragraph(`The model gives one example, ${out.inline(`x = ${column(v.x)}`)} with target ${out.inline(`y = ${column(v.y)}`)}, `
    + 'and the starting parameters:');
  const rows = oneTo(c.depth).flatMap((l) => {
    const fanIn = c.sizes[l - 1];
    const units = c.sizes[l];
    if (fanIn > MAX_MATRIX_COLUMNS || units > MAX_MATRIX_ROWS) return [];
    const W = v.params[parameterIndex(c, `W${l}`)];
    const b = v.params[parameterIndex(c, `b${l}`)];
    const cells = oneTo(units).map((i) => W.slice((i - 1) * fanIn, i * fanIn).map(texNumber));
    return [`${layerSym('W', l)} &= ${bmatrix(cells)}, & ${layerSym('b', l)} &= ${bmatrix(b.map((value) => [texNumber(value)]))}`];
  });
  if (rows.length > 0) out.align(rows);
  if (rows.length < c.depth) out.paragraph('(Larger matrices are listed entry by entry in the update table below.)');
  const notes: string[] = [];
  if (c.spec.layers.some((_l, i) => dropoutOf(c, i + 1) > 0)) {
    notes.push(`Dropout is random; to keep the numbers reproducible every mask entry is taken to be ${out.inline('m^{l}_{k} = 1')} here `
      + '(each unit kept, without the rescaling).');
  }
  if (c.spec.standardize) notes.push(`The input ${out.inline('x')} is used as given (as if already standardized).`);
  notes.push(`With one example, ${out.inline('B = 1')}: the batch gradients are this example's gradients.`);
  out.paragraph(notes.join(' '));
}

/** Per unit: z and a (forward), then ∂ℓ/∂a (the adjoint of a, where a is on the loss path) and δ (backward). */
function writeUnitTables(c: NetworkContext, v: WorkedExample & WorkedStep): void {
  const { out } = c;
  const units = oneTo(c.depth).flatMap((l) => oneTo(c.sizes[l]).map((k) => ({ l, k })));
  const label = (l: number, k: number) => [out.inline(String(l)), out.inline(String(k))];
  const unitHeader = [`layer ${out.inline('l')}`, `unit ${out.inline('k')}`];
  out.paragraph('The forward pass, unit by unit:');
  numberTable(out, 'rrll', [...unitHeader, out.inline('z^{l}_{k}'), out.inline('a^{l}_{k}')],
    units.map(({ l, k }) => [...label(l, k), fullPrecision(v.z[l - 1][k - 1]), fullPrecision(v.a[l - 1][k - 1])]));
  writeLossNumbers(c, v);
  out.paragraph(`The backward pass, from the output layer back: ${out.inline(partial('\\ell', 'a^{l}_{k}'))} is the error arriving `
    + `at the unit's output (${out.inline(`\\left(\\left(W^{l+1}\\right)${T} \\delta^{l+1}\\right)_{k}`)} for a hidden unit), `
    + `and ${out.inline('\\delta^{l}_{k}')} is that times ${out.inline("f'(z^{l}_{k})")}:`);
  const backward = [...units].reverse().map(({ l, k }) => {
    const dA = v.dA[l - 1];
    return [...label(l, k), dA === undefined ? '---' : fullPrecision(dA[k - 1]), fullPrecision(v.delta[l - 1][k - 1])];
  });
  numberTable(out, 'rrll', [...unitHeader, out.inline(partial('\\ell', 'a^{l}_{k}')),
    out.inline(`\\delta^{l}_{k} = ${partial('\\ell', 'z^{l}_{k}')}`)], backward);
  if (isFusedLoss(c)) {
    out.paragraph(`(${out.inline(partial('\\ell', `a^{${c.depth}}_{k}`))} is not computed: the loss is taken from the logits, `
      + `and gives ${out.inline(`\\delta^{${c.depth}}`)} directly.)`);
  }
}

function writeLossNumbers(c: NetworkContext, v: WorkedExample & WorkedStep): void {
  const { out } = c;
  const L = c.depth;
  const fused = isFusedLoss(c);
  const rows = [`\\ell &= ${texNumber(v.dataLoss)}`];
  if (isPenalized(c)) rows.push(`L &= \\ell + R = ${texNumber(v.loss)}`);
  if (fused) {
    for (const k of oneTo(c.sizes[L])) {
      // The derived δ^L, then the same formula with the numbers substituted.
      const numbers = { z: wrapNegative(v.z[L - 1][k - 1]), a: wrapNegative(v.a[L - 1][k - 1]), y: wrapNegative(v.y[k - 1]) };
      rows.push(`\\delta^{${L}}_{${k}} &= ${outputDeltaTex(c, k)} = ${outputDeltaTex(c, k, numbers)} = ${texNumber(v.delta[L - 1][k - 1])}`);
    }
  }
  out.paragraph(fused ? 'The loss of the example, and the output error the backward pass starts from:' : 'The loss of the example:');
  out.align(rows);
}

/** A number after a minus sign: parenthesized when negative. */
export function wrapNegative(x: number): string {
  return x < 0 || Object.is(x, -0) ? `\\left(${texNumber(x)}\\right)` : texNumber(x);
}
