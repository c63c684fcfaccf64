import type { WorkedStep, WorkedValues } from '../../../compile/network/worked-values.js';
import { partial, texNumber } from '../tex-print.js';
import { type NetworkContext, isPenalized, oneTo, parameterIndex, shown, shownOperand } from './context.js';
import { type EntryProduct, parameterEntries, productTex } from './layer-tex.js';
import { productsWithNumbers } from './worked-forward.js';
import { numberTable } from './number-table.js';
import { isSubstitutable, scalarTex } from './scalar-tex.js';

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
export function writeWorkedGradients(c: NetworkContext, v: WorkedValues): void {
  const { out } = c;
  const first = v.steps[0];
  const penalized = isPenalized(c);
  const B = v.examples.length;
  const each = B > 1 && B <= 4; // a column per example
  const mean = c.spec.lossConvention.reduction === 'mean';
  out.paragraph(`The gradient, entry by entry${B > 1 ? `: each example's, then the batch's (their ${mean ? 'mean' : 'sum'})` : ''}`
    + `${penalized ? '; the last column adds the penalty\'s term (trained weights only)' : ''}:`);
  // with one example, each product with its numbers (the factors from the tables above)
  const frame = { example: v.examples[0], params: first.params };
  const product = (e: Entry) => (B === 1 && !e.frozen ? `${e.product} = ${productsWithNumbers(c, e.layer, e.products, frame)}` : e.product);
  const rows = entries(c).map((e) => [
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
  const states = rule.state.map((s) => s.symbol);
  out.paragraph(`\\emph{Update.} One step of the update from its initial state (${out.inline('t = 1')}, epoch 0, `
    + `${out.inline(`${c.spec.schedule.kind === 'constant' ? '\\eta' : '\\eta_{0}'} = ${texNumber(step.lr)}`)}${states.length > 0 ? `, ${states.map((s) => out.inline(`${s} = 0`)).join(', ')} before the step` : ''}):`);
  if (step.norm !== undefined && step.scale !== undefined) {
    out.align([`\\lVert \\mathbf{g} \\rVert_{2} &= ${shown(c, step.norm, '\\lVert \\mathbf{g} \\rVert_{2}')}, & \\text{scale} &= ${shown(c, step.scale, '\\text{scale}')}`]);
  }
  const all = entries(c);
  if (working && isSubstitutable(rule)) {
    // each entry's update with its numbers: the rule's lines with θ, g and the state substituted
    out.align(all.filter((e) => !e.frozen).flatMap((e) => {
      const g = step.used[e.array]?.[e.index] ?? NaN;
      const number = (x: number, label: string) => shownOperand(c, x, label);
      const entry = {
        g: number(g, `g`),
        theta: number(first.params[e.array][e.index], e.symbol),
        state: states.map(() => '0'),
        updated: states.map((s, k) => number(step.state[e.array][k][e.index], s)),
      };
      const style = { numbers: true, eta: texNumber(step.lr), eta0: texNumber(step.lr), times: 'cdot' as const, rule, entry };
      // the state of this entry (v_{w^{1}_{11}}: one per entry), its new value as a result (not an operand)
      const stateRows = rule.stateUpdates.map((u, k) => {
        const symbol = `${states[k]}_{${e.symbol}}`;
        return `${symbol} &\\leftarrow ${scalarTex(u, style)} = ${shown(c, step.state[e.array][k][e.index], symbol)}`;
      });
      const thetaRows = rule.thetaUpdates.filter((u) => !u.weightsOnly || c.net.layout[e.array].role === 'weight')
        .map((u) => `${e.symbol} &\\leftarrow ${entry.theta} - ${scalarTex(u.amount, style)} = ${shown(c, step.updated[e.array][e.index], `${e.symbol}^{+}`)}`);
      return [...stateRows, ...thetaRows];
    }));
  }
  const clipped = step.norm !== undefined || c.spec.clip.value !== undefined;
  const rows = all.map((e) => [
    out.inline(e.symbol),
    out.inline(shown(c, first.params[e.array][e.index], e.symbol)),
    cell(c, step.used[e.array], e.index, 'g'),
    out.inline(shown(c, step.updated[e.array][e.index], `${e.symbol}^{+}`)),
  ]);
  const header = [out.inline('\\theta'), 'before', `${clipped ? 'clipped ' : ''}gradient ${out.inline('g')}`, 'after'];
  numberTable(out, 'llll', header, rows);
  if (states.length > 0) {
    out.paragraph(`The optimizer state after the step (the next step starts from it):`);
    const stateRows = all.map((e) => [out.inline(e.symbol), ...states.map((s, k) => cell(c, step.state[e.array][k], e.index, s))]);
    numberTable(out, `l${'l'.repeat(states.length)}`, [out.inline('\\theta'), ...states.map((s) => out.inline(s))], stateRows);
  }
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
