import type { SequenceWorkedValues } from '../../../../compile/network/sequence-worked-values.js';
import type { SequenceWorkedStep } from '../../../../compile/network/sequence-worked-step.js';
import { numberTable } from '../number-table.js';
import { writeUpdateInNumbers, writeUpdateOpening } from '../update-worked.js';
import type { SequenceContext } from './recurrence.js';
import { entrySymbol, stateEntry } from './symbols.js';
import { writeDeltaRecursion } from './worked-deltas.js';
import { GATE_SYMBOLS } from './worked-gate-deltas.js';
import { workingRows } from './working-rows.js';
import { writeGivenParameters } from './worked-parameters.js';
import { writeJacobianProducts } from './worked-jacobians.js';

/** Parameter entries listed term by term and updated line by line at most (a larger network lists its totals only). */
const MAX_TERM_ROWS = 60;

/** Steps per table of per-step terms: with θ and the sum, six columns of numbers fit the text width in \small. */
const TERM_COLUMNS = 4;

/**
 * One BPTT training step on the worked sequences, in numbers, from the
 * interpreter on the compiled graphs: the given parameters and sequences;
 * per sequence the states of every step, the predictions and loss shares,
 * the backward recursion with its two paths into each state, and every
 * recurrent parameter's gradient as its per-step terms and their sum; the
 * gradient of the batch, the update and the loss after it. Every number
 * goes through the writer's `number`: rounded to the model's digits and
 * recorded, at full precision, in the companion.
 */
export function writeSequenceWorked(c: SequenceContext, step: SequenceWorkedStep): void {
  const { net, out } = c;
  const first = step.sequences[0];
  const n = step.sequences.length;
  out.subsection(`One training step in numbers (${out.inline(`T = ${out.given(first.steps, 'T')}`)})`);
  const given = net.layout.flatMap((p, a) => Array.from({ length: p.size }, (_v, i) => ({ a, i, symbol: entrySymbol(p, i) })));
  out.paragraph(`The model gives the parameters (in the code \\texttt{${net.layout.map((p) => p.name).join(', ')}}; row ${out.inline('k')} of a matrix holds unit ${out.inline('k')}'s weights) `
    + `and ${n === 1 ? 'one sequence' : `a mini-batch of ${out.inline(`n = ${out.given(n, 'n')}`)} sequences`} of ${out.inline(`T = ${out.given(first.steps, 'T')}`)} steps:`);
  const params = net.layout.map((p) => first.params[p.name]);
  writeGivenParameters(out, net.layout, params);
  step.sequences.forEach((v, k) => writeSequence(c, v, n === 1 ? undefined : k + 1));
  if (n > 1) writeBatchGradient(c, step, given);
  writeStepUpdate(c, step, params);
}

/** The superscript that tells the sequences of a mini-batch apart: ^{(2)}. */
const tag = (k: number | undefined) => (k === undefined ? '' : `^{(${k})}`);

/**
 * A state entry of sequence s: braced first, since it has a superscript of its own (the layer: {h^{1}_{t,i}}^{(2)}).
 * An accented one also gets an empty atom to carry the tag: TeX takes a group holding one accent as the accent
 * itself, so {\tilde{n}^{1}_{t,k}}^{(1)} is a double superscript; {\tilde{n}^{1}_{t,k}}{}^{(1)} is not.
 */
const tagged = (entry: string, s: string) => (s === '' ? entry : `{${entry}}${/^\\(tilde|hat|bar)\{/.test(entry) ? '{}' : ''}${s}`);

/** The numbers of one sequence: inputs, states, predictions, losses, the two paths, the per-step terms. */
function writeSequence(c: SequenceContext, v: SequenceWorkedValues, k: number | undefined): void {
  const { out } = c;
  const s = tag(k);
  const steps = Array.from({ length: v.steps }, (_v, t) => t + 1);
  if (k !== undefined) out.paragraph(`\\emph{Sequence ${k}} (its numbers carry the superscript ${out.inline(`(${k})`)}).`);
  out.paragraph('Its inputs and target' + (c.manyToMany ? 's' : '') + ':');
  numberTable(out, 'lll', [out.inline('t'), out.inline(`x_{t}${s}`), out.inline(`y_{t}${s}`)], steps.map((t) => [
    out.inline(String(t)),
    v.x[t - 1].map((x, j) => out.numberCell(x, `x_{${t}${v.x[t - 1].length > 1 ? `,${j + 1}` : ''}}${s}`, 'exact')).join(', '),
    c.manyToMany || t === v.steps ? v.y[c.manyToMany ? t - 1 : 0].map((y, j) => out.numberCell(y, `y_{${t}${v.y[0].length > 1 ? `,${j + 1}` : ''}}${s}`, 'exact')).join(', ') : '---',
  ]));
  out.paragraph('Forward, the states of every step (the states before the first step are 0):');
  numberTable(out, 'lll', [out.inline('t'), 'state entry', 'value'],
    v.states.slice(1).flatMap((states, t) => v.stateNames.flatMap((name, j) => states[j].map((value, i) => {
      const entry = tagged(stateEntry(name, String(t + 1), i), s);
      return [out.inline(String(t + 1)), out.inline(entry), out.numberCell(value, entry)];
    }))));
  writeGateValues(c, v, s);
  out.paragraph(`The head's prediction and each loss term (its share of ${out.inline('L')}, the loss scale `
    + `${out.inline(out.number(v.scale, '\\text{loss scale}'))} included), and their sum:`);
  const yhat = (t: number, i: number, width: number) => `\\hat{y}_{${t}${width > 1 ? `,${i + 1}` : ''}}${s}`;
  numberTable(out, 'lll', [out.inline('t'), out.inline(`\\hat{y}_{t}${s}`), out.inline(`\\ell_{t}${s} \\text{ share}`)],
    v.lossSteps.map((t, j) => [out.inline(String(t)),
      v.predictions[j].map((p, i) => out.numberCell(p, yhat(t, i, v.predictions[j].length))).join(', '),
      out.numberCell(v.stepLosses[j], `\\ell_{${t}}${s} \\text{ share}`)]));
  const L = k === undefined ? 'L' : `L${s}`;
  const shares = v.stepLosses.map((l, j) => out.number(l, `\\ell_{${v.lossSteps[j]}}${s} \\text{ share}`));
  // a many-to-many sum of T shares continues on as many rows as it needs
  if (shares.length > 1) out.align(workingRows(L, `\\sum_{t} \\ell_{t}${s}`, shares, out.number(v.loss, L)));
  else out.equation(`${L} = ${out.number(v.loss, L)}`);
  writeBackward(c, v, s);
  writeDeltaRecursion(c, v, (entry) => tagged(entry, s));
  writeJacobianProducts(c, v, (entry) => tagged(entry, s));
  writeTerms(c, v, s);
}

/**
 * The gate values of each LSTM or GRU layer at every step, a row per step and
 * unit (the values the generated trainer stores for its reverse step).
 */
function writeGateValues(c: SequenceContext, v: SequenceWorkedValues, s: string): void {
  const { net, out } = c;
  let offset = 0;
  net.spec.recurrent.forEach((layer, index) => {
    const l = index + 1;
    const first = offset;
    offset += net.step.layers[index].saved.length;
    if (layer.kind === 'rnn') return;
    const symbols = GATE_SYMBOLS[layer.kind];
    out.paragraph(`The gate values of layer ${l} (${layer.kind === 'lstm' ? 'LSTM' : 'GRU'}) at every step, which its ${out.inline('\\delta')}'s below read:`);
    numberTable(out, `ll${'l'.repeat(symbols.length)}`, [out.inline('t'), 'unit', ...symbols.map((q) => out.inline(tagged(`${q}^{${l}}_{t,k}`, s)))],
      v.saved.flatMap((saved, t) => Array.from({ length: layer.units }, (_u, k) => [out.inline(String(t + 1)), out.inline(`k = ${k + 1}`),
        ...symbols.map((q, g) => out.numberCell(saved[first + g][k], tagged(`${q}^{${l}}_{${t + 1},${k + 1}}`, s)))])));
  });
}

/** Backward from t = T down to 1: each state's adjoint as the sum of its two paths. */
function writeBackward(c: SequenceContext, v: SequenceWorkedValues, s: string): void {
  const { net, out } = c;
  const stacked = c.recurrentDepth > 1;
  out.paragraph(`Backward, from ${out.inline(`t = ${v.steps}`)} down to 1: the adjoint of each state is the sum of its paths, `
    + `the loss at its step${stacked ? ' (the top layer) or the layer above at its step (a lower layer)' : ''} and the step after it (0 beyond the last step`
    + `${net.spec.bptt.truncate === undefined ? '' : ' and at the end of each truncation window'})`
    + `${v.stateNames.some((name) => name.startsWith('c')) ? `; the cell's adjoint ${out.inline('e_{t} = \\partial L / \\partial c_{t}')} is worked with the ${out.inline('\\delta')}'s below` : ''}:`);
  const rows: string[][] = [];
  // the states h: an LSTM's cell adjoint e_t = ∂L/∂c_t has its own two paths (through h_t, through c_{t+1}), worked with its δ's
  const hidden = v.stateNames.flatMap((name, j) => (name.startsWith('h') ? [{ name, j }] : []));
  for (let t = v.steps; t >= 1; t--) {
    hidden.forEach(({ name, j }) => v.total[t - 1][j].forEach((total, i) => {
      const entry = tagged(stateEntry(name, String(t), i), s);
      rows.push([
        out.inline(String(t)), out.inline(entry),
        out.numberCell(v.fromLoss[t - 1][j][i], `\\partial L / \\partial ${entry} \\text{ from the loss at } t`),
        ...(stacked ? [out.numberCell(v.fromAbove[t - 1][j][i], `\\partial L / \\partial ${entry} \\text{ from the layer above at } t`)] : []),
        out.numberCell(v.fromNext[t - 1][j][i], `\\partial L / \\partial ${entry} \\text{ from step } t+1`),
        out.numberCell(total, `\\partial L / \\partial ${entry}`),
      ]);
    }));
  }
  numberTable(out, stacked ? 'llllll' : 'lllll', [out.inline('t'), 'state entry', `from the loss at ${out.inline('t')}`,
    ...(stacked ? [`from the layer above at ${out.inline('t')}`] : []), `from step ${out.inline('t+1')}`,
    `sum: ${out.inline('\\partial L / \\partial (\\cdot)')}`], rows);
  const top = v.stateNames.indexOf(`h${c.recurrentDepth}`);
  const norms = v.adjoint.map((a, t) => out.number(Math.hypot(...a[top]), `\\lVert \\partial L / \\partial ${tagged(`h^{${c.recurrentDepth}}_{${t + 1}}`, s)} \\rVert`)).reverse();
  out.paragraph(`The size of the top state's adjoint, ${out.inline(`\\lVert \\partial L / \\partial h^{${c.recurrentDepth}}_{t} \\rVert`)} for `
    + `${out.inline(`t = ${v.steps}, \\dots, 1`)}: ${norms.map((norm) => out.inline(norm)).join(', ')} (what the trainer's \\texttt{hiddenGradientNorms()} reports for one sequence).`);
}

/**
 * The steps 1 … T in consecutive groups of at most TERM_COLUMNS, as even as
 * possible (T = 6: 1–3, 4–6; T = 12: 1–4, 5–8, 9–12): one table of terms per
 * group, so that a long sequence's terms fit the text width.
 */
function stepGroups(steps: number): number[][] {
  const count = Math.ceil(steps / TERM_COLUMNS);
  return Array.from({ length: count }, (_g, g) => {
    const [from, to] = [Math.floor((g * steps) / count), Math.floor(((g + 1) * steps) / count)];
    return Array.from({ length: to - from }, (_v, t) => from + t + 1);
  });
}

/** Each parameter entry: its term at every step and their sum (the head's: at its loss steps). */
function writeTerms(c: SequenceContext, v: SequenceWorkedValues, s: string): void {
  const { net, out } = c;
  const recurrent = net.layout.slice(0, v.recurrentNames.length);
  const entries = recurrent.flatMap((p, a) => Array.from({ length: p.size }, (_v, i) => ({ a, i, symbol: entrySymbol(p, i) })));
  if (entries.length > MAX_TERM_ROWS) {
    out.paragraph(`(The ${entries.length} recurrent parameter entries are too many to list term by term; their sums are in the gradient below.)`);
  } else {
    const groups = stepGroups(v.steps);
    out.paragraph(`Each recurrent parameter collects one term per step, ${out.inline('\\partial L / \\partial \\theta = \\sum_{t} (\\text{term at } t)')}`
      + `${groups.length > 1 ? ` (in ${groups.length} tables of consecutive steps, the sum in the last)` : ''}:`);
    groups.forEach((steps, g) => {
      const last = g === groups.length - 1;
      numberTable(out, `l${'l'.repeat(steps.length)}${last ? 'l' : ''}`, [out.inline('\\theta'), ...steps.map((t) => out.inline(`t = ${t}`)), ...(last ? ['sum'] : [])],
        entries.map(({ a, i, symbol }) => [out.inline(symbol),
          ...steps.map((t) => out.numberCell(v.terms[t - 1][a][i], `\\partial L${s} / \\partial ${symbol} \\text{ term at } t = ${t}`)),
          ...(last ? [out.numberCell(v.gradient[a][i], `\\partial L${s} / \\partial ${symbol}`)] : [])]));
    });
  }
  const head = net.layout.slice(v.recurrentNames.length);
  out.paragraph(`The head's gradient${c.manyToMany ? ', summed over the steps the same way' : ', from the last step'}:`);
  numberTable(out, 'll', [out.inline('\\theta'), out.inline(`\\partial L${s} / \\partial \\theta`)],
    head.flatMap((p, h) => Array.from({ length: p.size }, (_v, i) => {
      const symbol = entrySymbol(p, i);
      return [out.inline(symbol), out.numberCell(v.gradient[recurrent.length + h][i], `\\partial L${s} / \\partial ${symbol}`)];
    })));
}

/** A mini-batch's gradient: each sequence's and their sum. */
function writeBatchGradient(c: SequenceContext, step: SequenceWorkedStep, given: readonly { a: number; i: number; symbol: string }[]): void {
  const { out } = c;
  const n = step.sequences.length;
  out.paragraph(`The batch's loss and gradient are the sums over its sequences (each already carries the ${out.inline('1/n')} of the mean):`);
  out.equation(`L = ${step.sequences.map((v, k) => out.number(v.loss, `L^{(${k + 1})}`)).join(' + ')} = ${out.number(step.loss, 'L')}`);
  numberTable(out, `l${'l'.repeat(n)}l`, [out.inline('\\theta'), ...step.sequences.map((_v, k) => out.inline(`\\partial L^{(${k + 1})} / \\partial \\theta`)),
    out.inline('\\partial L / \\partial \\theta')],
  given.map(({ a, i, symbol }) => [out.inline(symbol),
    ...step.sequences.map((v, k) => out.numberCell(v.gradient[a][i], `\\partial L^{(${k + 1})} / \\partial ${symbol}`)),
    out.numberCell(step.gradient[a][i], `\\partial L / \\partial ${symbol}`)]));
}

/** The optimizer step on every entry and the loss after it. */
function writeStepUpdate(c: SequenceContext, step: SequenceWorkedStep, params: readonly (readonly number[])[]): void {
  const { net, out } = c;
  const rule = net.update;
  writeUpdateOpening(out, rule, net.spec.schedule.kind !== 'constant', step.update.lr, net.spec.clip);
  const entries = net.layout.flatMap((p, a) => Array.from({ length: p.size }, (_v, i) => ({
    array: a, index: i, symbol: entrySymbol(p, i), isWeight: p.role === 'weight', frozen: p.frozen === true,
  })));
  writeUpdateInNumbers(out, rule, net.spec.clip, step.update, params, entries, entries.length <= MAX_TERM_ROWS);
  out.paragraph('The forward pass again, with the updated parameters, on the same sequences:');
  out.equation(`L_{\\text{after}} = ${out.number(step.lossAfter, 'L_{\\text{after}}')} \\qquad \\text{(before: } ${out.number(step.loss, 'L')}\\text{)}`);
  if (step.losses.length === 1) return;
  out.paragraph(`Each further step repeats the passes above from the parameters the previous one left (the optimizer's state and `
    + `${out.inline('t')} carried on), on the same sequences; the loss before and after each of the ${step.losses.length} steps:`);
  numberTable(out, 'rll', [`step ${out.inline('t')}`, `${out.inline('L')} before`, `${out.inline('L')} after`],
    step.losses.map((l, i) => [out.inline(String(i + 1)), out.numberCell(l.before, `L_{${i}}`), out.numberCell(l.after, `L_{${i + 1}}`)]));
}
