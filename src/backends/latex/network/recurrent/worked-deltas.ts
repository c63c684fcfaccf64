import type { SequenceWorkedValues } from '../../../../compile/network/sequence-worked-values.js';
import type { TexWriter } from '../../tex-writer.js';
import { tidyParentheses } from '../context.js';
import { operand } from '../number-table.js';
import type { SequenceContext } from './recurrence.js';
import { stateEntry } from './symbols.js';

/** Units up to which the sum Σ_k u_{ki} δ_{t+1,k} is written term by term with its numbers (wider sums overflow a line). */
const MAX_WRITTEN_TERMS = 3;
/** δ entries written out at most per sequence (a larger network's δ's are its biases' terms in the table). */
const MAX_DELTA_ENTRIES = 36;

/**
 * The δ recursion of every simple (Elman) recurrent layer in numbers, from
 * t = T down: each entry of g^l_t = ∂L/∂h^l_t as its first path (the loss at
 * t, or the layer above at t) plus Σ_k u^l_{ki} δ^l_{t+1,k} with the numbers
 * substituted, then δ^l_t = g^l_t ⊙ f′, f′ = 1 − h² (tanh) or H(z) (relu),
 * multiplied out. δ^l_t is the step's term of ∂L/∂b^l (the interpreter's
 * number), so the lines check against the table of terms. LSTM and GRU
 * layers' gate δ's are their biases' terms in that table.
 */
export function writeDeltaRecursion(c: SequenceContext, v: SequenceWorkedValues, tag: (entry: string) => string): void {
  const { net, out } = c;
  const layers = net.spec.recurrent.flatMap((layer, k) => (layer.kind === 'rnn' ? [{ l: k + 1, activation: layer.activation, units: layer.units }] : []));
  if (layers.length === 0) return;
  const steps = stepsWithGradient(v);
  const entries = steps.length * layers.reduce((sum, layer) => sum + layer.units, 0);
  const kinds = layers.map((layer) => layer.l).join(', ');
  if (entries > MAX_DELTA_ENTRIES) {
    out.paragraph(`(The ${entries} entries of the ${out.inline('\\delta')} recursion of layer${layers.length > 1 ? 's' : ''} ${kinds} are too many to write out; `
      + `each ${out.inline('\\delta^{l}_{t}')} is the term of ${out.inline('\\partial L / \\partial b^{l}')} at step ${out.inline('t')} in the table below.)`);
    return;
  }
  out.paragraph(`The ${out.inline('\\delta')} recursion of layer${layers.length > 1 ? 's' : ''} ${kinds} in numbers, from ${out.inline(`t = ${v.steps}`)} down: `
    + `each entry of ${out.inline('g^{l}_{t}')} from its paths, then ${out.inline('\\delta^{l}_{t} = g^{l}_{t} \\odot f\'')} `
    + `(each ${out.inline('\\delta')} is also the term of the bias at that step, below):`);
  const rows: string[] = [];
  for (const t of steps) {
    for (const layer of [...layers].reverse()) rows.push(...layerRows(c, v, layer, t, tag));
  }
  out.align(rows.map(tidyParentheses));
}

/** The steps a gradient reaches, last first: every step of a window with a loss. */
function stepsWithGradient(v: SequenceWorkedValues): number[] {
  const steps: number[] = [];
  for (const { first, last } of v.windows) {
    if (!v.lossSteps.some((t) => t >= first && t <= last)) continue;
    for (let t = first; t <= last; t++) steps.push(t);
  }
  return steps.reverse();
}

/** The rows of one layer at step t: for every unit, g^l_{t,i} and δ^l_{t,i}. */
function layerRows(c: SequenceContext, v: SequenceWorkedValues, layer: { l: number; activation: 'tanh' | 'relu'; units: number }, t: number, tag: (entry: string) => string): string[] {
  const { net, out } = c;
  const { l, units } = layer;
  const j = v.stateNames.indexOf(`h${l}`);
  const bias = v.recurrentNames.indexOf(`b${l}`);
  const U = v.params[`U${l}`];
  const windowEnds = v.windows.some((w) => w.last === t);
  const top = l === net.spec.recurrent.length;
  const rows: string[] = [];
  for (let i = 0; i < units; i++) {
    const h = tag(stateEntry(`h${l}`, String(t), i));
    const g = tag(`g^{${l}}_{${t},${i + 1}}`);
    const delta = tag(`\\delta^{${l}}_{${t},${i + 1}}`);
    const next = (k: number) => tag(`\\delta^{${l}}_{${t + 1},${k + 1}}`);
    // the first path: the loss at t (the top layer) or the layer above at t
    const first = top ? v.fromLoss[t - 1][j][i] : v.fromAbove[t - 1][j][i];
    const firstSymbol = top ? `\\partial \\ell_{${t}} / \\partial ${h}` : `\\left[\\left(W^{${l + 1}}\\right)^{\\top} ${tag(`\\delta^{${l + 1}}_{${t}}`)}\\right]_{${i + 1}}`;
    const hasFirst = first !== 0;
    const ks = Array.from({ length: units }, (_v, k) => k);
    const symbols = [...(hasFirst ? [firstSymbol] : []), ...(windowEnds ? [] : [`\\sum_{k} u^{${l}}_{k${i + 1}} ${tag(`\\delta^{${l}}_{${t + 1},k}`)}`])];
    const numbers = [
      ...(hasFirst ? [out.number(first, `${g} \\text{ first path}`)] : []),
      ...(windowEnds ? [] : ks.map((k) => `${operand(out, U[k * units + i], `u^{${l}}_{${k + 1}${i + 1}}`)} \\times ${operand(out, v.terms[t][bias][k], next(k))}`)),
    ];
    const total = v.total[t - 1][j][i];
    // the numbers substituted into the sum over k (none to substitute when the first path stands alone: its number is the result)
    const symbolic = `${g} &= ${symbols.length === 0 ? '0' : symbols.join(' + ')}`;
    // the substituted sum on a row of its own (a line holds the symbols or the numbers, not both)
    if (!windowEnds && units <= MAX_WRITTEN_TERMS) rows.push(symbolic, `&= ${numbers.join(' + ')} = ${out.number(total, g)}`);
    else rows.push(`${symbolic} = ${out.number(total, g)}`);
    const hValue = v.states[t][j][i];
    const d = v.terms[t - 1][bias][i];
    rows.push(layer.activation === 'tanh'
      ? `${delta} &= ${g} \\left(1 - \\left(${h}\\right)^{2}\\right) = ${operand(out, total, g)} \\times \\left(1 - ${operand(out, hValue, h)}^{2}\\right) = ${out.number(d, delta)}`
      : `${delta} &= ${g} \\, H\\left(z^{${l}}_{${t},${i + 1}}\\right) = ${operand(out, total, g)} \\times ${hValue > 0 ? 1 : 0} = ${out.number(d, delta)}`);
  }
  return rows;
}
