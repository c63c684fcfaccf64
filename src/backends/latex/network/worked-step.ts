import { partial, texNumber } from '../tex-print.js';
import { type NetworkContext, inputEntry, isPenalized, oneTo, parameterIndex, unitSym, weightSym } from './context.js';
import { numberTable } from './number-table.js';
import type { WorkedValues } from '../../../compile/network/worked-values.js';

/** Every parameter entry in the order of the parameter arrays (W1 row-major, b1, W2, …): its symbol and the numbers it comes from. */
interface Entry {
  readonly array: number;
  readonly index: number;
  readonly symbol: string;
  /** ∂ℓ/∂θ as a product: δ^l_i times the input entry (a weight), or δ^l_i (a bias). */
  readonly product: string;
}

function entries(c: NetworkContext): Entry[] {
  return oneTo(c.depth).flatMap((l) => {
    const fanIn = c.sizes[l - 1];
    const delta = (i: number) => `\\delta^{${l}}_{${i}}`;
    const W = parameterIndex(c, `W${l}`);
    const b = parameterIndex(c, `b${l}`);
    const weights = oneTo(c.sizes[l]).flatMap((i) => oneTo(fanIn).map((j) => ({
      array: W,
      index: (i - 1) * fanIn + (j - 1),
      symbol: weightSym(c, l, i, j),
      product: `${delta(i)}\\, ${inputEntry(c, l, j)}`,
    })));
    const biases = oneTo(c.sizes[l]).map((i) => ({ array: b, index: i - 1, symbol: unitSym('b', l, i), product: delta(i) }));
    return [...weights, ...biases];
  });
}

/** ∂L/∂θ for every entry, with the δ and the input it is the product of. */
export function writeWorkedGradients(c: NetworkContext, v: WorkedValues): void {
  const { out } = c;
  const penalized = isPenalized(c);
  out.paragraph(`The gradient, entry by entry: ${out.inline(`${partial('\\ell', 'w^{l}_{ij}')} = \\delta^{l}_{i}\\, a^{l-1}_{j}`)} `
    + `(with ${out.inline('a^{0} = x')}) and ${out.inline(`${partial('\\ell', 'b^{l}_{i}')} = \\delta^{l}_{i}`)}, `
    + `the factors from the tables above${penalized ? `; the last column adds the penalty's term (weights only)` : ''}:`);
  const rows = entries(c).map((e) => [
    out.inline(e.symbol),
    out.inline(e.product),
    out.numberCell(v.dataGradient[e.array][e.index], partial('\\ell', e.symbol)),
    ...(penalized ? [out.numberCell(v.gradient[e.array][e.index], partial('L', e.symbol))] : []),
  ]);
  const header = [out.inline('\\theta'), out.inline(`${partial('\\ell', '\\theta')}`), 'value',
    ...(penalized ? [out.inline(partial('L', '\\theta'))] : [])];
  numberTable(out, penalized ? 'llll' : 'lll', header, rows);
}

/**
 * The first optimizer step (t = 1, state 0, epoch 0) on every entry, as the
 * generated step() computes it; returns the loss after the step.
 */
export function writeWorkedUpdate(c: NetworkContext, v: WorkedValues): number {
  const { out } = c;
  const { step } = v;
  const states = c.net.update.state.map((s) => s.symbol);
  out.paragraph(`One step of the update from its initial state (${out.inline('t = 1')}, epoch 0, `
    + `${out.inline(`\\eta_{0} = ${texNumber(step.lr)}`)}${states.length > 0 ? `, ${states.map((s) => out.inline(`${s} = 0`)).join(', ')} before the step` : ''}):`);
  if (step.norm !== undefined && step.scale !== undefined) {
    out.align([`\\lVert \\mathbf{g} \\rVert_{2} &= ${out.number(step.norm, '\\lVert \\mathbf{g} \\rVert_{2}')}, `
      + `& \\text{scale} &= ${out.number(step.scale, '\\text{scale}')}`]);
  }
  const clipped = step.norm !== undefined || c.spec.clip.value !== undefined;
  const all = entries(c);
  const rows = all.map((e) => [
    out.inline(e.symbol),
    out.numberCell(v.params[e.array][e.index], `${e.symbol} \\text{ before}`),
    out.numberCell(step.used[e.array][e.index], `g \\text{ of } ${e.symbol}`),
    out.numberCell(step.updated[e.array][e.index], `${e.symbol} \\text{ after}`),
  ]);
  const header = [out.inline('\\theta'), 'before', `${clipped ? 'clipped ' : ''}gradient ${out.inline('g')}`, 'after'];
  numberTable(out, 'llll', header, rows);
  if (states.length > 0) {
    out.paragraph(`The optimizer state after the step (the next step starts from it):`);
    const stateRows = all.map((e) => [out.inline(e.symbol), ...states.map((s, k) => out.numberCell(step.state[e.array][k][e.index], `${s} \\text{ of } ${e.symbol}`))]);
    numberTable(out, `l${'l'.repeat(states.length)}`, [out.inline('\\theta'), ...states.map((s) => out.inline(s))], stateRows);
  }
  const symbol = isPenalized(c) ? 'L' : '\\ell';
  out.paragraph('The forward pass again, with the updated parameters, on the same example:');
  out.equation(`${symbol}_{\\text{after}} = ${out.number(v.lossAfter, `${symbol}_{\\text{after}}`)} `
    + `\\qquad \\text{(before: } ${out.number(v.loss, symbol)}\\text{)}`);
  return v.lossAfter;
}
