import type { WorkedExample, WorkedStep, WorkedValues } from '../../../compile/network/worked-values.js';
import { bmatrix } from '../tex-print.js';
import { partial, texNumber } from '../tex-print.js';
import {
  type NetworkContext, T, dropoutOf, tidyParentheses, isFusedLoss, isPenalized, oneTo, outputEntry, parameterCount, parameterIndex, shown, unitSym,
} from './context.js';
import { frozenSentence } from './frozen.js';
import { writeMasks } from './worked-masks.js';
import { kinkRemark } from './worked-kinks.js';
import { rawEntry, writeStandardization } from './worked-standardize.js';
import { writeErrorNorms } from './worked-error-norms.js';
import { describeLayer, parameterEntryTex, rowMajor } from './layer-tex.js';
import { numberTable } from './number-table.js';
import { penaltyRows } from './worked-penalty.js';
import { MAX_SCALAR_PARAMETERS } from './scalar-form.js';
import { backwardWorkingRows, gradientWorkingRows } from './worked-backward.js';
import { type WorkedFrame, batchLossRows, forwardWorkingRows, lossWorkingRows } from './worked-forward.js';
import { writeSecondUpdate, writeWorkedGradients, writeWorkedSteps, writeWorkedUpdate } from './worked-step.js';

/** A matrix is shown as a bmatrix only up to this many columns (and rows); the tables list every entry anyway. */
const MAX_MATRIX_COLUMNS = 8;
const MAX_MATRIX_ROWS = 12;
/** The working (every substitution and product written out) is shown for up to this many examples. */
const MAX_WORKED_EXAMPLES = 4;

/**
 * Training steps on the model's worked example, in numbers, in the order a
 * reader works them: the given numbers; the forward pass (each weighted sum
 * written out, then its numbers, then the result); the loss output by output;
 * the backward pass (each f′ value, each δ as a product, the terms reaching a
 * hidden unit one by one and summed); every gradient entry as its chain-rule
 * product; the update; the loss after each step.
 */
export function writeWorked(c: NetworkContext): void {
  const v = c.net.worked;
  if (!v) return;
  const { out } = c;
  const first = v.steps[0];
  const B = v.examples.length;
  const frames: WorkedFrame[] = v.examples.map((example) => ({ example, params: first.params }));
  const working = parameterCount(c) <= MAX_SCALAR_PARAMETERS;
  const shownFrames = working ? frames.slice(0, MAX_WORKED_EXAMPLES) : [];
  const example = (i: number) => (B === 1 ? '' : `Example ${i + 1}, ${out.inline(`x^{(${i + 1})}`)}: `);
  out.subsection(`${v.steps.length === 1 ? 'One training step' : `${v.steps.length} training steps`} in numbers`);
  writeGivenNumbers(c, v);

  out.paragraph(`\\emph{Forward.} ${working ? 'Each weighted sum written out, then with its numbers, then the activation:' : 'Unit by unit:'}`);
  shownFrames.forEach((f, i) => {
    if (B > 1) out.paragraph(example(i));
    out.align(forwardWorkingRows(c, f).map(tidyParentheses));
  });
  writeUnitTable(c, v.examples, 'forward');

  out.paragraph(`\\emph{Loss.} ${B === 1 ? 'Output by output, then summed:' : 'Each example\'s, output by output, then the batch\'s:'}`);
  const lossRows = frames.slice(0, working ? MAX_WORKED_EXAMPLES : 0).flatMap((f, i) => lossWorkingRows(c, f, B === 1 ? '' : `^{(${i + 1})}`));
  const totals = [...batchLossRows(c, v.examples, first.dataLoss), ...(isPenalized(c) ? penaltyRows(c, first) : [])];
  if (lossRows.length + totals.length > 0) out.align([...lossRows, ...totals].map(tidyParentheses));
  else out.align([`\\ell &= ${shown(c, first.dataLoss, '\\ell')}`]);

  out.paragraph(`\\emph{Backward.} From the output layer back: ${isFusedLoss(c) ? `the loss is taken from the logits, so the output error ${out.inline(`\\delta^{${c.depth}}`)} is its derivative there, with no ${out.inline("f'(z)")} factor; `
    : `each output error is the loss's derivative times ${out.inline("f'(z)")}; `}`
    + `${c.depth > 1 ? `a hidden unit receives one term from every unit it feeds, summed, times its own ${out.inline("f'(z)")}` : 'the network has no hidden layer, so these errors are all the backward pass needs'}:`);
  shownFrames.forEach((f, i) => {
    if (B > 1) out.paragraph(example(i));
    out.align(backwardWorkingRows(c, f).map(tidyParentheses));
  });
  writeUnitTable(c, v.examples, 'backward');
  const kinks = kinkRemark(c, shownFrames);
  if (kinks !== undefined) out.paragraph(kinks);
  writeErrorNorms(c, v);

  if (working) {
    out.paragraph(`\\emph{Gradient.} Each entry is a product of the numbers above (the chain rule along its path), `
      + 'written with the factors that make each error:');
    shownFrames.forEach((f, i) => {
      if (B > 1) out.paragraph(example(i));
      out.align(gradientWorkingRows(c, f, f.example.gradient).map(tidyParentheses));
    });
  }
  writeFrozen(c);
  writeWorkedGradients(c, v, working);
  writeWorkedUpdate(c, first, working);
  writeSecondUpdate(c, v.steps[1], working);
  writeWorkedSteps(c, v.steps);
  writeResult(c, v, first);
}

function writeGivenNumbers(c: NetworkContext, v: WorkedValues): void {
  const { out } = c;
  // every given number exactly as the model states it, recorded under its entry's name (x_{1}, y^{(2)}_{1}, w^{1}_{12});
  // a vector of one entry is that number (y = 1, not a 1 × 1 matrix)
  const column = (xs: readonly number[], name: string | ((k: number) => string)) => {
    const label = typeof name === 'string' ? (k: number) => `${name}_{${k + 1}}` : name;
    return xs.length === 1 ? out.given(xs[0], label(0)) : `${bmatrix([xs.map((x, k) => out.given(x, label(k)))])}${T}`;
  };
  const B = v.examples.length;
  const scaling = c.spec.worked?.inputScaling;
  // the inputs as the model gives them: standardized below when the model asks (worked.standardize)
  const input = (i: number) => (scaling === undefined ? column(v.examples[i].x, B === 1 ? 'x' : `x^{(${i + 1})}`)
    : column(scaling.raw[i], (j) => rawEntry(B, i, j)));
  const x = scaling === undefined ? 'x' : 'x_{\\text{raw}}';
  if (B === 1) {
    const e = v.examples[0];
    out.paragraph(`The model gives one example, ${out.inline(`${x} = ${input(0)}`)} with target ${out.inline(`y = ${column(e.y, 'y')}`)}, `
      + 'and the starting parameters:');
  } else {
    out.paragraph(`The model gives a mini-batch of ${B} examples, ${out.inline(`B = ${out.given(B, 'B')}`)}, and the starting parameters:`);
    const xi = (i: number) => (scaling === undefined ? `x^{(${i + 1})}` : `x^{(${i + 1})}_{\\text{raw}}`);
    out.align(v.examples.map((e, i) => `${xi(i)} &= ${input(i)}, & y^{(${i + 1})} &= ${column(e.y, `y^{(${i + 1})}`)}`));
  }
  const params = v.steps[0].params;
  const rows = oneTo(c.depth).flatMap((l) => {
    const cells = describeLayer(c, l).parameters.flatMap((p) => {
      const values = params[parameterIndex(c, p.name)];
      const letter = p.entrySymbol ?? p.name[0].toLowerCase();
      const entry = (index: number[]) => out.given(values[rowMajor(p.shape, index)], parameterEntryTex(c, l, letter, index));
      // one number (a shared bias, or an array of one entry: b^{2} = 0.1, not a 1 × 1 matrix)
      if (p.shape.length === 0) return [`${p.tex} &= ${entry([])}`];
      if (values.length === 1) return [`${p.tex} &= ${entry(p.shape.map(() => 0))}`];
      if (p.shape.length === 1) return p.shape[0] > MAX_MATRIX_ROWS ? [] : [`${p.tex} &= ${bmatrix(values.map((_x, i) => [entry([i])]))}`];
      const [units, fanIn] = p.shape;
      if (fanIn > MAX_MATRIX_COLUMNS || units > MAX_MATRIX_ROWS) return [];
      return [`${p.tex} &= ${bmatrix(oneTo(units).map((i) => oneTo(fanIn).map((j) => entry([i - 1, j - 1]))))}`];
    });
    return cells.length === 0 ? [] : [cells.join(', & ')];
  });
  if (rows.length > 0) out.align(rows);
  if (rows.length < c.depth) out.paragraph('(Larger matrices are listed entry by entry in the update below.)');
  if (scaling !== undefined) writeStandardization(c, scaling);
  writeMasks(c, v);
  const notes: string[] = [];
  if (c.spec.standardize.inputs && scaling === undefined) notes.push(`The input ${out.inline('x')} is used as given (as if already standardized).`);
  if (c.spec.standardize.targets) notes.push(`The target ${out.inline('y')} is used as given (as if already standardized).`);
  notes.push(B === 1 ? `With one example, ${out.inline(`B = ${out.given(1, 'B')}`)}: the batch gradients are this example's gradients.`
    : `Each step takes all ${B} examples as one batch; the batch loss is the ${c.spec.lossConvention.reduction} of theirs.`);
  out.paragraph(notes.join(' '));
}

/** The frozen arrays: named once, not trained. */
function writeFrozen(c: NetworkContext): void {
  const sentence = frozenSentence(c);
  if (sentence !== undefined) c.out.paragraph(sentence);
}

/** Per unit (and example, for a batch): z and a (forward), or ∂ℓ/∂a (where a is on the loss path) and δ (backward). */
function writeUnitTable(c: NetworkContext, examples: readonly WorkedExample[], pass: 'forward' | 'backward'): void {
  const { out } = c;
  const B = examples.length;
  // backward: the layers from the output back, as the errors are computed, each layer's units in order
  const layers = pass === 'forward' ? oneTo(c.depth) : oneTo(c.depth).reverse();
  const ordered = layers.flatMap((l) => oneTo(c.sizes[l]).map((k) => ({ l, k })));
  const label = (l: number, k: number, i: number) => [...(B > 1 ? [out.inline(String(i + 1))] : []), out.inline(String(l)), out.inline(String(k))];
  const header = [...(B > 1 ? ['example'] : []), `layer ${out.inline('l')}`, `unit ${out.inline('k')}`];
  const rows = examples.flatMap((e, i) => ordered.map(({ l, k }) => {
    if (pass === 'forward') return [...label(l, k, i), out.inline(shown(c, e.z[l - 1][k - 1], unitSym('z', l, k))), out.inline(shown(c, e.a[l - 1][k - 1], unitSym('a', l, k)))];
    const dA = e.dA[l - 1];
    return [...label(l, k, i), dA === undefined ? '---' : out.inline(shown(c, dA[k - 1], partial('\\ell', outputEntry(c, l, k)))),
      out.inline(shown(c, e.delta[l - 1][k - 1], unitSym('\\delta', l, k)))];
  }));
  const columns = `${B > 1 ? 'r' : ''}rrll`;
  if (pass === 'forward') {
    numberTable(out, columns, [...header, out.inline('z^{l}_{k}'), out.inline('a^{l}_{k}')], rows);
    return;
  }
  // after dropout the error arriving at a unit is the one at what the next layer reads, ã
  const arriving = oneTo(c.depth).some((l) => dropoutOf(c, l) > 0)
    ? `${out.inline(partial('\\ell', 'a^{l}_{k}'))} or ${out.inline(partial('\\ell', '\\tilde{a}^{l}_{k}'))}` : out.inline(partial('\\ell', 'a^{l}_{k}'));
  numberTable(out, columns, [...header, arriving, out.inline(`\\delta^{l}_{k} = ${partial('\\ell', 'z^{l}_{k}')}`)], rows);
  if (isFusedLoss(c)) {
    out.paragraph(`(${out.inline(partial('\\ell', `a^{${c.depth}}_{k}`))} is not computed: the loss is taken from the logits, `
      + `and gives ${out.inline(`\\delta^{${c.depth}}`)} directly.)`);
  }
}

function writeResult(c: NetworkContext, v: WorkedValues, first: WorkedStep): void {
  const { out } = c;
  const L = c.depth;
  const symbol = isPenalized(c) ? 'L' : '\\ell';
  const last = v.steps[v.steps.length - 1];
  const e = v.examples[0];
  const outputs = e.a[L - 1].map((n, k) => shown(c, n, unitSym('a', L, k + 1)));
  const prediction = outputs.length === 1 ? outputs[0] : `${bmatrix([outputs])}${T}`;
  const after = v.steps.length === 1 ? 'after the step' : `after ${v.steps.length} steps`;
  out.paragraph(`\\emph{Result.} ${v.examples.length === 1 ? `The prediction was ${out.inline(`a^{${L}} = ${prediction}`)}, the` : 'The'} `
    + `loss ${out.inline(`${symbol} = ${shown(c, first.loss, symbol)}`)}; ${after} it is `
    + `${out.inline(`${symbol} = ${shown(c, last.lossAfter, `${symbol}_{\\text{after}}`)}`)}. `
    + 'The numbers are rounded for reading; the generated code computes the same steps at full precision.');
}
