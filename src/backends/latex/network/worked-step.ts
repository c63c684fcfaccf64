import { fullPrecision, partial, texNumber } from '../tex-print.js';
import { type NetworkContext, isPenalized, oneTo, unitSym, weightSym } from './context.js';
import { firstStep } from './first-step.js';
import { stateSymbols, updateRule } from './optimizer-rule.js';
import { evaluateAt, type WorkedValues } from './worked-values.js';

/** Every parameter entry in the order of the parameter arrays (W1 row-major, b1, W2, …): its symbol and the numbers it comes from. */
interface Entry {
  readonly array: number;
  readonly index: number;
  readonly symbol: string;
  /** For the gradient table: δ^l_i and the input entry (undefined for a bias). */
  readonly delta: number;
  readonly input?: number;
}

function entries(c: NetworkContext, v: WorkedValues): Entry[] {
  return oneTo(c.depth).flatMap((l) => {
    const fanIn = c.sizes[l - 1];
    const inputs = l === 1 ? v.x : v.a[l - 2];
    const delta = v.delta[l - 1];
    const weights = oneTo(c.sizes[l]).flatMap((i) => oneTo(fanIn).map((j) => ({
      array: 2 * (l - 1),
      index: (i - 1) * fanIn + (j - 1),
      symbol: weightSym(c, l, i, j),
      delta: delta[i - 1],
      input: inputs[j - 1],
    })));
    const biases = oneTo(c.sizes[l]).map((i) => ({ array: 2 * l - 1, index: i - 1, symbol: unitSym('b', l, i), delta: delta[i - 1] }));
    return [...weights, ...biases];
  });
}

/** ∂L/∂θ for every entry, with the δ and the input it is the product of. */
export function writeWorkedGradients(c: NetworkContext, v: WorkedValues): void {
  const { out } = c;
  const penalized = isPenalized(c);
  out.paragraph(`The gradient, entry by entry: ${out.inline(`${partial('\\ell', 'w^{l}_{ij}')} = \\delta^{l}_{i}\\, a^{l-1}_{j}`)} `
    + `(with ${out.inline('a^{0} = x')}) and ${out.inline(`${partial('\\ell', 'b^{l}_{i}')} = \\delta^{l}_{i}`)}`
    + `${penalized ? `; the last column adds the penalty's term (weights only)` : ''}:`);
  const rows = entries(c, v).map((e) => [
    out.inline(partial('L', e.symbol)),
    fullPrecision(e.delta),
    e.input === undefined ? '---' : fullPrecision(e.input),
    fullPrecision(v.dataGradient[e.array][e.index]),
    ...(penalized ? [fullPrecision(v.gradient[e.array][e.index])] : []),
  ]);
  const header = ['entry', out.inline('\\delta^{l}_{i}'), out.inline('a^{l-1}_{j}'), out.inline(partial('\\ell', '\\theta')),
    ...(penalized ? [out.inline(partial('L', '\\theta'))] : [])];
  out.table(penalized ? 'lllll' : 'llll', header, rows);
}

/**
 * The first optimizer step (t = 1, state 0, epoch 0) on every entry, as the
 * generated step() computes it; returns the loss after the step.
 */
export function writeWorkedUpdate(c: NetworkContext, v: WorkedValues): number {
  const { out } = c;
  const rule = updateRule(c.spec);
  const arrays = v.params.map((values, k) => ({ values, gradient: v.gradient[k], isWeight: k % 2 === 0 }));
  const step = firstStep(c.spec, arrays);
  const states = stateSymbols(rule);
  out.paragraph(`One step of the update from its initial state (${out.inline('t = 1')}, epoch 0, `
    + `${out.inline(`\\eta_{0} = ${texNumber(step.lr)}`)}${states.length > 0 ? `, ${states.map((s) => out.inline(`${s} = 0`)).join(', ')} before the step` : ''}):`);
  if (step.norm !== undefined && step.scale !== undefined) {
    out.align([`\\lVert \\mathbf{g} \\rVert_{2} &= ${texNumber(step.norm)}, & \\text{scale} &= ${texNumber(step.scale)}`]);
  }
  const clipped = step.norm !== undefined || c.spec.clip?.value !== undefined;
  const rows = entries(c, v).map((e) => [
    out.inline(e.symbol),
    fullPrecision(v.params[e.array][e.index]),
    fullPrecision(step.used[e.array][e.index]),
    ...states.map((_s, k) => fullPrecision(step.state[e.array][k][e.index])),
    fullPrecision(step.updated[e.array][e.index]),
  ]);
  const header = ['entry', `before ${out.inline('\\theta')}`, `${clipped ? 'clipped ' : ''}gradient ${out.inline('g')}`,
    ...states.map((s) => `new ${out.inline(s)}`), `after ${out.inline('\\theta')}`];
  out.table(`l${'l'.repeat(header.length - 1)}`, header, rows);
  const after = evaluateAt(c.net, step.updated);
  const symbol = isPenalized(c) ? 'L' : '\\ell';
  out.paragraph('The forward pass again, with the updated parameters, on the same example:');
  out.equation(`${symbol}_{\\text{after}} = ${texNumber(after.loss)} \\qquad \\text{(before: } ${texNumber(v.loss)}\\text{)}`);
  return after.loss;
}
