import type { WorkedStep, WorkedValues } from '../../../compile/network/worked-values.js';
import { partial } from '../tex-print.js';
import { type NetworkContext, isPenalized, oneTo, parameterIndex, shown, shownOperand, tidyParentheses } from './context.js';
import { type EntryProduct, parameterEntries, productTex } from './layer-tex.js';
import { productsWithNumbers } from './worked-forward.js';
import { numberTable } from './number-table.js';
import { penaltyGradientRows } from './worked-penalty.js';
import { writeUpdateInNumbers, writeUpdateOpening, writeUpdateRows } from './update-worked.js';

/** Every parameter entry in the order of the parameter arrays (W1 row-major, b1, W2, …): its symbol and the product ∂ℓ/∂θ is. */
interface Entry {
  readonly array: number;
  readonly index: number;
  readonly symbol: string;
  /** ∂ℓ/∂θ as a product of named factors, derived from the layer's backward pass: δ^l_i a_j (a weight), δ^l_i (a bias). */
  readonly product: string;
  readonly products: readonly EntryProduct[];
  readonly layer: number;
  readonly frozen: boolean;
}

function entries(c: NetworkContext): Entry[] {
  return oneTo(c.depth).flatMap((l) => parameterEntries(c, l).map((e) => {
    const array = parameterIndex(c, e.name);
    return {
      array,
      index: e.offset,
      symbol: e.symbol,
      product: e.products.map((p) => productTex(p, '\\, ')).join(' + '),
      products: e.products,
      layer: l,
      frozen: c.net.layout[array].frozen === true,
    };
  }));
}

/** An entry of a gradient or state array, or --- for a frozen array (not trained: none computed). */
function cell(c: NetworkContext, values: readonly number[] | undefined, index: number, label: string): string {
  return values === undefined ? '---' : c.out.inline(shown(c, values[index], label));
}

/**
 * ∂L/∂θ for every entry: its product; for a batch each example's value then
 * the batch's (their mean or sum); with a penalty, L's.
 */
export function writeWorkedGradients(c: NetworkContext, v: WorkedValues, working: boolean): void {
  const { out } = c;
  const first = v.steps[0];
  const penalized = isPenalized(c);
  const B = v.examples.length;
  const each = B > 1 && B <= 4; // a column per example
  const mean = c.spec.lossConvention.reduction === 'mean';
  if (penalized && working) {
    out.paragraph(`The penalty adds its derivative to each trained weight's gradient (${out.inline('\\partial \\ell / \\partial w')}${B > 1 ? ', the batch\'s,' : ''} from the table below):`);
    out.align(penaltyGradientRows(c, first));
  }
  out.paragraph(`The gradient, entry by entry${B > 1 ? `: each example's, then the batch's (their ${mean ? 'mean' : 'sum'})` : ''}`
    + `${penalized ? '; the last column adds the penalty\'s term (trained weights only)' : ''}:`);
  // with one example, each product with its numbers (the factors from the tables above)
  const frame = { example: v.examples[0], params: first.params };
  const product = (e: Entry) => (B === 1 ? tidyParentheses(`${e.product} = ${productsWithNumbers(c, e.layer, e.products, frame)}`) : e.product);
  // a frozen entry has no gradient: no row (the sentence above names it, given and fixed)
  const rows = entries(c).filter((e) => !e.frozen).map((e) => [
    out.inline(e.symbol),
    out.inline(product(e)),
    ...(each ? v.examples.map((x, i) => cell(c, x.gradient[e.array], e.index, `${partial('\\ell', e.symbol)}^{(${i + 1})}`)) : []),
    cell(c, first.dataGradient[e.array], e.index, partial('\\ell', e.symbol)),
    ...(penalized ? [cell(c, first.gradient[e.array], e.index, partial('L', e.symbol))] : []),
  ]);
  const header = [out.inline('\\theta'), out.inline(partial('\\ell', '\\theta')),
    ...(each ? v.examples.map((_x, i) => `example ${i + 1}`) : []), B > 1 ? 'batch' : 'value',
    ...(penalized ? [out.inline(partial('L', '\\theta'))] : [])];
  numberTable(out, 'l'.repeat(header.length), header, rows);
  if (each && working) writeBatchReduction(c, v);
}

/**
 * The batch column worked out: each trained entry's batch gradient from the
 * examples' values, ∂L/∂w = ¼ (g⁽¹⁾ + g⁽²⁾ + g⁽³⁾ + g⁽⁴⁾) = … (the mean), or
 * their sum under a summed loss.
 */
function writeBatchReduction(c: NetworkContext, v: WorkedValues): void {
  const { out } = c;
  const B = v.examples.length;
  const first = v.steps[0];
  const mean = c.spec.lossConvention.reduction === 'mean';
  const scale = mean ? `\\frac{1}{${B}}` : '';
  out.paragraph(`The batch column worked out: each entry is the ${mean ? 'mean' : 'sum'} of the ${B} examples' values.`);
  out.align(entries(c).filter((e) => !e.frozen).map((e) => {
    const terms = v.examples.map((x, i) => shownOperand(c, x.gradient[e.array]?.[e.index] ?? NaN, `${partial('\\ell', e.symbol)}^{(${i + 1})}`));
    const sum = terms.join(' + ');
    const total = shown(c, first.dataGradient[e.array]?.[e.index] ?? NaN, partial('\\ell', e.symbol));
    return tidyParentheses(`${scale}\\sum_{i} ${partial(`\\ell^{(i)}`, e.symbol)} &= ${mean ? `${scale} \\left(${sum}\\right)` : sum} = ${total}`);
  }));
}

/**
 * The first optimizer step (t = 1, state 0, epoch 0) on every entry, as the
 * generated step() computes it: for a small network each entry's update line
 * with its numbers, then the table.
 */
export function writeWorkedUpdate(c: NetworkContext, first: WorkedStep, working: boolean): void {
  const { out } = c;
  const step = first.update;
  const rule = c.net.update;
  writeUpdateOpening(out, rule, c.spec.schedule.kind !== 'constant', step.lr, c.spec.clip);
  writeUpdateInNumbers(out, rule, c.spec.clip, step, first.params, updateEntries(c), working);
}

function updateEntries(c: NetworkContext) {
  return entries(c).map((e) => ({ ...e, isWeight: c.net.layout[e.array].role === 'weight' }));
}

/**
 * With an optimizer that keeps state, the second step's update in numbers
 * too: the first starts from a state of 0, so only the second shows the state
 * at work (μ v with v ≠ 0; Adam's bias corrections at t = 2).
 */
export function writeSecondUpdate(c: NetworkContext, second: WorkedStep | undefined, working: boolean): void {
  const rule = c.net.update;
  if (second === undefined || rule.state.length === 0 || !working) return;
  const { out } = c;
  const states = rule.state.map((s) => out.inline(s.symbol)).join(' and ');
  out.paragraph(`\\emph{Step 2.} The same passes again from the parameters step 1 left give the gradient ${out.inline('g')} below; `
    + `the update starts from the ${states} step 1 left (no longer 0)${rule.constants.length > 0 ? `, with ${out.inline(`t = ${out.given(2, 't')}`)}` : ''}:`);
  writeUpdateRows(out, rule, second.update, second.params, updateEntries(c));
}

/** The loss before and after each step (the forward pass again with the updated parameters, on the same examples). */
export function writeWorkedSteps(c: NetworkContext, steps: readonly WorkedStep[]): void {
  const { out } = c;
  const symbol = isPenalized(c) ? 'L' : '\\ell';
  if (steps.length === 1) {
    out.paragraph('The forward pass again, with the updated parameters, on the same examples:');
    out.equation(`${symbol}_{\\text{after}} = ${shown(c, steps[0].lossAfter, `${symbol}_{\\text{after}}`)} `
      + `\\qquad \\text{(before: } ${shown(c, steps[0].loss, symbol)}\\text{)}`);
    return;
  }
  out.paragraph(`Each further step repeats the passes above from the parameters the previous one left (the optimizer's state and `
    + `${out.inline('t')} carried on); the loss before and after each:`);
  numberTable(out, 'rll', [`step ${out.inline('t')}`, `${out.inline(symbol)} before`, `${out.inline(symbol)} after`],
    steps.map((s, i) => [out.inline(String(i + 1)), out.inline(shown(c, s.loss, `${symbol}_{${i}}`)), out.inline(shown(c, s.lossAfter, `${symbol}_{${i + 1}}`))]));
}
