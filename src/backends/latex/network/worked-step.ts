import { fullPrecision, partial, texNumber } from '../tex-print.js';
import { type NetworkContext, isPenalized, oneTo, parameterIndex } from './context.js';
import { parameterEntries, productTex } from './layer-tex.js';
import { numberTable } from './number-table.js';
import type { WorkedStep } from '../../../compile/network/worked-values.js';

/** Every parameter entry in the order of the parameter arrays (W1 row-major, b1, W2, …): its symbol and the product ∂ℓ/∂θ is. */
interface Entry {
  readonly array: number;
  readonly index: number;
  readonly symbol: string;
  /** ∂ℓ/∂θ as a product of named factors, derived from the layer's backward pass: δ^l_i a_j (a weight), δ^l_i (a bias). */
  readonly product: string;
}

function entries(c: NetworkContext): Entry[] {
  return oneTo(c.depth).flatMap((l) => parameterEntries(c, l).map((e) => ({
    array: parameterIndex(c, e.name),
    index: e.offset,
    symbol: e.symbol,
    product: e.products.map((p) => productTex(p, '\\, ')).join(' + '),
  })));
}

/** ∂L/∂θ for every entry, with the δ and the input it is the product of. */
export function writeWorkedGradients(c: NetworkContext, v: WorkedStep): void {
  const { out } = c;
  const penalized = isPenalized(c);
  out.paragraph(`The gradient, entry by entry: ${out.inline(`${partial('\\ell', 'w^{l}_{ij}')} = \\delta^{l}_{i}\\, a^{l-1}_{j}`)} `
    + `(with ${out.inline('a^{0} = x')}) and ${out.inline(`${partial('\\ell', 'b^{l}_{i}')} = \\delta^{l}_{i}`)}, `
    + `the factors from the tables above${penalized ? `; the last column adds the penalty's term (weights only)` : ''}:`);
  const rows = entries(c).map((e) => [
    out.inline(e.symbol),
    out.inline(e.product),
    gradientCell(v.dataGradient[e.array], e.index),
    ...(penalized ? [gradientCell(v.gradient[e.array], e.index)] : []),
  ]);
  const header = [out.inline('\\theta'), out.inline(`${partial('\\ell', '\\theta')}`), 'value',
    ...(penalized ? [out.inline(partial('L', '\\theta'))] : [])];
  numberTable(out, penalized ? 'llll' : 'lll', header, rows);
}

/**
 * The first optimizer step (t = 1, state 0, epoch 0) on every entry, as the
 * generated step() computes it; returns the loss after the step.
 */
export function writeWorkedUpdate(c: NetworkContext, v: WorkedStep): number {
  const { out } = c;
  const step = v.update;
  const states = c.net.update.state.map((s) => s.symbol);
  out.paragraph(`One step of the update from its initial state (${out.inline('t = 1')}, epoch 0, `
    + `${out.inline(`\\eta_{0} = ${texNumber(step.lr)}`)}${states.length > 0 ? `, ${states.map((s) => out.inline(`${s} = 0`)).join(', ')} before the step` : ''}):`);
  if (step.norm !== undefined && step.scale !== undefined) {
    out.align([`\\lVert \\mathbf{g} \\rVert_{2} &= ${texNumber(step.norm)}, & \\text{scale} &= ${texNumber(step.scale)}`]);
  }
  const clipped = step.norm !== undefined || c.spec.clip.value !== undefined;
  const all = entries(c);
  const rows = all.map((e) => [
    out.inline(e.symbol),
    fullPrecision(v.params[e.array][e.index]),
    gradientCell(step.used[e.array], e.index),
    fullPrecision(step.updated[e.array][e.index]),
  ]);
  const header = [out.inline('\\theta'), 'before', `${clipped ? 'clipped ' : ''}gradient ${out.inline('g')}`, 'after'];
  numberTable(out, 'llll', header, rows);
  if (states.length > 0) {
    out.paragraph(`The optimizer state after the step (the next step starts from it):`);
    const stateRows = all.map((e) => [out.inline(e.symbol), ...states.map((_s, k) => gradientCell(step.state[e.array][k], e.index))]);
    numberTable(out, `l${'l'.repeat(states.length)}`, [out.inline('\\theta'), ...states.map((s) => out.inline(s))], stateRows);
  }
  const symbol = isPenalized(c) ? 'L' : '\\ell';
  out.paragraph('The forward pass again, with the updated parameters, on the same example:');
  out.equation(`${symbol}_{\\text{after}} = ${texNumber(v.lossAfter)} \\qquad \\text{(before: } ${texNumber(v.loss)}\\text{)}`);
  return v.lossAfter;
}

/** A gradient (or state) entry at full precision, or --- for a frozen array (not trained: none computed). */
function gradientCell(values: readonly number[] | undefined, index: number): string {
  return values === undefined ? '---' : fullPrecision(values[index]);
}
