import { bmatrix } from '../sections-result.js';
import { partial } from '../tex-print.js';
import { type NetworkContext, T, dropoutOf, isFusedLoss, isPenalized, layerSym, oneTo, parameterIndex, unitSym, weightSym } from './context.js';
import { outputDeltaTex } from './loss.js';
import { numberTable } from './number-table.js';
import { writeWorkedGradients, writeWorkedUpdate } from './worked-step.js';
import type { WorkedValues } from '../../../compile/network/worked-values.js';

/** A matrix is shown as a bmatrix only up to this many columns (and rows); the tables list every entry anyway. */
const MAX_MATRIX_COLUMNS = 8;
const MAX_MATRIX_ROWS = 12;

/**
 * One full training step on the model's worked example, in numbers: the
 * given weights, every z, a, ∂ℓ/∂a and δ, the loss, every gradient entry and
 * the parameters after one optimizer step, rounded to the model's digits
 * (each recorded at full precision in the JSON companion).
 */
export function writeWorked(c: NetworkContext): void {
  const v = c.net.worked;
  if (!v) return;
  const { out } = c;
  out.subsection('One training step in numbers');
  writeGivenNumbers(c, v);
  writeUnitTables(c, v);
  writeWorkedGradients(c, v);
  const after = writeWorkedUpdate(c, v);
  const L = c.depth;
  const loss = isPenalized(c) ? 'L' : '\\ell';
  const prediction = v.a[L - 1].map((n, k) => out.number(n, unitSym('a', L, k + 1))).join(', ');
  const outputError = v.delta[L - 1].map((n, k) => out.number(n, unitSym('\\delta', L, k + 1))).join(', ');
  out.paragraph(`In short: the prediction is ${out.inline(`a^{${L}} = (${prediction})`)}, `
    + `the loss ${out.inline(`\\ell = ${out.number(v.dataLoss, '\\ell')}`)}, the output error `
    + `${out.inline(`\\delta^{${L}} = (${outputError})`)}, and after the step the loss is `
    + `${out.inline(`${loss} = ${out.number(after, `${loss}_{\\text{after}}`)}`)} `
    + `(it was ${out.inline(out.number(v.loss, loss))}). All numbers are rounded to ${out.digits} significant digits; `
    + 'the generated code and the JSON companion of these notes keep full precision.');
}

function writeGivenNumbers(c: NetworkContext, v: WorkedValues): void {
  const { out } = c;
  const column = (xs: readonly number[], base: string) => `${bmatrix([xs.map((x, k) => out.number(x, `${base}_{${k + 1}}`))])}${T}`;
  out.paragraph(`The model gives one example, ${out.inline(`x = ${column(v.x, 'x')}`)} with target ${out.inline(`y = ${column(v.y, 'y')}`)}, `
    + 'and the starting parameters:');
  const rows = oneTo(c.depth).flatMap((l) => {
    const fanIn = c.sizes[l - 1];
    const units = c.sizes[l];
    if (fanIn > MAX_MATRIX_COLUMNS || units > MAX_MATRIX_ROWS) return [];
    const W = v.params[parameterIndex(c, `W${l}`)];
    const b = v.params[parameterIndex(c, `b${l}`)];
    const cells = oneTo(units).map((i) => W.slice((i - 1) * fanIn, i * fanIn).map((w, j) => out.number(w, weightSym(c, l, i, j + 1))));
    const biases = b.map((value, i) => [out.number(value, unitSym('b', l, i + 1))]);
    return [`${layerSym('W', l)} &= ${bmatrix(cells)}, & ${layerSym('b', l)} &= ${bmatrix(biases)}`];
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
function writeUnitTables(c: NetworkContext, v: WorkedValues): void {
  const { out } = c;
  const units = oneTo(c.depth).flatMap((l) => oneTo(c.sizes[l]).map((k) => ({ l, k })));
  const label = (l: number, k: number) => [out.inline(String(l)), out.inline(String(k))];
  const unitHeader = [`layer ${out.inline('l')}`, `unit ${out.inline('k')}`];
  out.paragraph('The forward pass, unit by unit:');
  numberTable(out, 'rrll', [...unitHeader, out.inline('z^{l}_{k}'), out.inline('a^{l}_{k}')],
    units.map(({ l, k }) => [...label(l, k), out.numberCell(v.z[l - 1][k - 1], unitSym('z', l, k)),
      out.numberCell(v.a[l - 1][k - 1], unitSym('a', l, k))]));
  writeLossNumbers(c, v);
  out.paragraph(`The backward pass, from the output layer back: ${out.inline(partial('\\ell', 'a^{l}_{k}'))} is the error arriving `
    + `at the unit's output (${out.inline(`\\left(\\left(W^{l+1}\\right)${T} \\delta^{l+1}\\right)_{k}`)} for a hidden unit), `
    + `and ${out.inline('\\delta^{l}_{k}')} is that times ${out.inline("f'(z^{l}_{k})")}:`);
  const backward = [...units].reverse().map(({ l, k }) => {
    const dA = v.dA[l - 1];
    return [...label(l, k), dA === undefined ? '---' : out.numberCell(dA[k - 1], partial('\\ell', unitSym('a', l, k))),
      out.numberCell(v.delta[l - 1][k - 1], unitSym('\\delta', l, k))];
  });
  numberTable(out, 'rrll', [...unitHeader, out.inline(partial('\\ell', 'a^{l}_{k}')),
    out.inline(`\\delta^{l}_{k} = ${partial('\\ell', 'z^{l}_{k}')}`)], backward);
  if (isFusedLoss(c)) {
    out.paragraph(`(${out.inline(partial('\\ell', `a^{${c.depth}}_{k}`))} is not computed: the loss is taken from the logits, `
      + `and gives ${out.inline(`\\delta^{${c.depth}}`)} directly.)`);
  }
}

function writeLossNumbers(c: NetworkContext, v: WorkedValues): void {
  const { out } = c;
  const L = c.depth;
  const fused = isFusedLoss(c);
  const rows = [`\\ell &= ${out.number(v.dataLoss, '\\ell')}`];
  if (isPenalized(c)) rows.push(`L &= \\ell + R = ${out.number(v.loss, 'L')}`);
  if (fused) {
    for (const k of oneTo(c.sizes[L])) {
      // The derived δ^L, then the same formula with the numbers substituted.
      const number = (x: number, label: string) => wrapNegative(out.number(x, label), x);
      const numbers = {
        z: number(v.z[L - 1][k - 1], unitSym('z', L, k)),
        a: number(v.a[L - 1][k - 1], unitSym('a', L, k)),
        y: number(v.y[k - 1], `y_{${k}}`),
      };
      const delta = unitSym('\\delta', L, k);
      rows.push(`${delta} &= ${outputDeltaTex(c, k)} = ${outputDeltaTex(c, k, numbers)} = ${out.number(v.delta[L - 1][k - 1], delta)}`);
    }
  }
  out.paragraph(fused ? 'The loss of the example, and the output error the backward pass starts from:' : 'The loss of the example:');
  out.align(rows);
}

/** A printed number substituted for a symbol: parenthesized when negative (it may follow a minus sign). */
export function wrapNegative(tex: string, x: number): string {
  return x < 0 && tex.startsWith('-') ? `\\left(${tex}\\right)` : tex;
}
