import type { SequenceWorkedValues } from '../../../../compile/network/sequence-worked-values.js';
import type { ResolvedRecurrentLayer } from '../../../../compile/network/layers/registry.js';
import { tidyParentheses } from '../context.js';
import { operand } from '../number-table.js';
import type { SequenceContext } from './recurrence.js';
import { stateEntry } from './symbols.js';
import { gruDeltaRows, lstmDeltaRows, type GateLayer } from './worked-gate-deltas.js';
import { MAX_WRITTEN_TERMS, workingRows } from './working-rows.js';

/**
 * Entries (steps × units, over the layers) whose δ's are written out at most per sequence, weighted by the rows an
 * entry takes: an Elman unit's g and δ one, an LSTM's e and four gate δ's three, a GRU's three δ's two.
 */
const MAX_WEIGHTED_ENTRIES = 36;
const ENTRY_WEIGHT: Readonly<Record<ResolvedRecurrentLayer['kind'], number>> = { rnn: 1, lstm: 3, gru: 2 };

/** A recurrent layer as the working of its δ's needs it: its number, its resolved options. */
interface WorkedLayer {
  readonly l: number;
  readonly layer: ResolvedRecurrentLayer;
}

/**
 * The δ's of every recurrent layer in numbers, from t = T down, each the
 * interpreter's bias term at that step (δ^l_t is the step's term of ∂L/∂b^l),
 * so the lines check against the table of terms. An Elman layer: each entry
 * of g^l_t = ∂L/∂h^l_t as its first path (the loss at t, or the layer above
 * at t) plus Σ_k u^l_{ki} δ^l_{t+1,k} with the numbers substituted, then
 * δ^l_t = g^l_t ⊙ f′, f′ = 1 − h² (tanh) or H(z) (relu), multiplied out. An
 * LSTM or GRU layer: each gate's δ with its factors (worked-gate-deltas.ts),
 * g^l_t read from the backward table. When the steps are too many to write
 * out, the last steps that fit are (both paths appear from t = T − 1 on).
 */
export function writeDeltaRecursion(c: SequenceContext, v: SequenceWorkedValues, tag: (entry: string) => string): void {
  const { net, out } = c;
  const layers: WorkedLayer[] = net.spec.recurrent.map((layer, k) => ({ l: k + 1, layer }));
  const all = stepsWithGradient(v);
  const perStep = layers.reduce((sum, { layer }) => sum + layer.units * ENTRY_WEIGHT[layer.kind], 0);
  const fit = Math.floor(MAX_WEIGHTED_ENTRIES / perStep);
  const kinds = layers.map((layer) => layer.l).join(', ');
  const plural = layers.length > 1 ? 's' : '';
  if (fit === 0 || all.length === 0) {
    out.paragraph(`(The ${out.inline('\\delta')}'s of layer${plural} ${kinds} at each step are too many to write out; `
      + `each ${out.inline('\\delta')} is the term of its bias at step ${out.inline('t')} in the table below.)`);
    return;
  }
  const steps = all.slice(0, fit);
  const gated = layers.some(({ layer }) => layer.kind !== 'rnn');
  const elman = layers.some(({ layer }) => layer.kind === 'rnn');
  const shown = steps.length === all.length
    ? `from ${out.inline(`t = ${v.steps}`)} down`
    : `at ${steps.length === 1 ? 'step' : 'steps'} ${out.inline(steps.join(', '))} (the earlier steps repeat the same working; their ${out.inline('\\delta')}'s are the bias terms in the table below)`;
  out.paragraph(`The ${out.inline('\\delta')} recursion of layer${plural} ${kinds} in numbers, ${shown}: `
    + `${elman ? `each entry of ${out.inline('g^{l}_{t}')} from its paths, then ${out.inline('\\delta^{l}_{t} = g^{l}_{t} \\odot f\'')}` : ''}`
    + `${elman && gated ? '; ' : ''}${gated ? `each gate's ${out.inline('\\delta')} from its factors, ${out.inline('g^{l}_{t}')} from the table above` : ''} `
    + `(each ${out.inline('\\delta')} is also the term of the bias at that step, below):`);
  const rows: string[] = [];
  for (const t of steps) {
    for (const { l, layer } of [...layers].reverse()) {
      const at: GateLayer = { l, units: layer.units, offset: savedOffset(c, l), t, tag };
      if (layer.kind === 'rnn') rows.push(...elmanRows(c, v, { l, activation: layer.activation, units: layer.units }, t, tag));
      else if (layer.kind === 'lstm') rows.push(...lstmDeltaRows(c, v, at));
      else rows.push(...gruDeltaRows(c, v, at));
    }
  }
  out.align(rows.map(tidyParentheses));
}

/** Where layer l's kept values (its gates) start in a step's `saved` values: after the layers below. */
function savedOffset(c: SequenceContext, l: number): number {
  return c.net.step.layers.slice(0, l - 1).reduce((sum, layer) => sum + layer.saved.length, 0);
}

/** The steps a gradient reaches, last first: every step of a window with a loss. */
export function stepsWithGradient(v: SequenceWorkedValues): number[] {
  const steps: number[] = [];
  for (const { first, last } of v.windows) {
    if (!v.lossSteps.some((t) => t >= first && t <= last)) continue;
    for (let t = first; t <= last; t++) steps.push(t);
  }
  return steps.reverse();
}

/** The rows of an Elman layer at step t: for every unit, g^l_{t,i} and δ^l_{t,i}. */
function elmanRows(c: SequenceContext, v: SequenceWorkedValues, layer: { l: number; activation: 'tanh' | 'relu'; units: number }, t: number, tag: (entry: string) => string): string[] {
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
    // the layer above: an Elman layer's W^{l+1} and δ^{l+1}, a gated layer's W^{l+1}_q and δ^{l+1}_q summed over its gates
    const aboveGated = !top && net.spec.recurrent[l].kind !== 'rnn';
    const down = aboveGated
      ? `\\sum_{q} \\left(W^{${l + 1}}_{q}\\right)^{\\top} ${tag(`\\delta^{${l + 1}}_{q,${t}}`)}`
      : `\\left(W^{${l + 1}}\\right)^{\\top} ${tag(`\\delta^{${l + 1}}_{${t}}`)}`;
    const firstSymbol = top ? `\\partial \\ell_{${t}} / \\partial ${h}` : `\\left[${down}\\right]_{${i + 1}}`;
    const hasFirst = first !== 0;
    const ks = Array.from({ length: units }, (_v, k) => k);
    const symbols = [...(hasFirst ? [firstSymbol] : []), ...(windowEnds ? [] : [`\\sum_{k} u^{${l}}_{k${i + 1}} ${tag(`\\delta^{${l}}_{${t + 1},k}`)}`])];
    const total = v.total[t - 1][j][i];
    const symbolic = symbols.length === 0 ? '0' : symbols.join(' + ');
    // the numbers substituted into the sum over k (none to substitute when the first path stands alone: its number is the result)
    if (!windowEnds && units <= MAX_WRITTEN_TERMS) {
      const numbers = [
        ...(hasFirst ? [out.number(first, `${g} \\text{ first path}`)] : []),
        ...ks.map((k) => `${operand(out, U[k * units + i], `u^{${l}}_{${k + 1}${i + 1}}`)} \\times ${operand(out, v.terms[t][bias][k], next(k))}`),
      ];
      rows.push(...workingRows(g, symbolic, numbers, out.number(total, g), true));
    } else {
      rows.push(`${g} &= ${symbolic} = ${out.number(total, g)}`);
    }
    const hValue = v.states[t][j][i];
    const d = v.terms[t - 1][bias][i];
    rows.push(...(layer.activation === 'tanh'
      ? workingRows(delta, `${g} \\left(1 - \\left(${h}\\right)^{2}\\right)`, [`${operand(out, total, g)} \\times \\left(1 - ${operand(out, hValue, h)}^{2}\\right)`], out.number(d, delta))
      : workingRows(delta, `${g} \\, H\\left(z^{${l}}_{${t},${i + 1}}\\right)`, [`${operand(out, total, g)} \\times ${hValue > 0 ? 1 : 0}`], out.number(d, delta))));
  }
  return rows;
}
