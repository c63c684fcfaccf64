import type { SequenceWorkedValues } from '../../../../compile/network/sequence-worked-values.js';
import { operand } from '../number-table.js';
import type { SequenceContext } from './recurrence.js';
import { MAX_WRITTEN_TERMS, workingRows } from './working-rows.js';

/** One gated layer at one step, as its working needs it. */
export interface GateLayer {
  readonly l: number;
  readonly units: number;
  /** Where its gate values start among a step's saved values (after the layers below). */
  readonly offset: number;
  readonly t: number;
  /** A mini-batch's sequence superscript on an entry (identity for one sequence). */
  readonly tag: (entry: string) => string;
}

/** The symbols of the gate values a kind keeps per step, in its `saved` order (src/compile/network/layers/). */
export const GATE_SYMBOLS: Readonly<Record<'lstm' | 'gru', readonly string[]>> = { lstm: ['i', 'f', '\\tilde{c}', 'o'], gru: ['z', 'r', '\\tilde{n}'] };

/** Entry k (0-based) of `base^{l}` at step t: i^{1}_{3,1}, \delta^{1}_{f,3,1} (gate f). */
const entry = (at: GateLayer, base: string, k: number, t = at.t, gate = '') => at.tag(`${base}^{${at.l}}_{${gate === '' ? '' : `${gate},`}${t},${k + 1}}`);

/** A gate's value at step t, unit k: the kind's saved values (the generated trainer's stored gates). */
const gate = (v: SequenceWorkedValues, at: GateLayer, index: number, k: number, t = at.t) => v.saved[t - 1][at.offset + index][k];

/** δ of gate q at step t, unit k: the step's term of ∂L/∂b_q, the interpreter's (and the trainer's) number. */
const gateDelta = (v: SequenceWorkedValues, at: GateLayer, q: string, k: number, t = at.t) =>
  v.terms[t - 1][v.recurrentNames.indexOf(`b${q}${at.l}`)][k];

/** ∂L/∂h^l_t, all paths (the backward table's sum): the g^l_t the gates' δ's start from. */
const adjointOfH = (v: SequenceWorkedValues, at: GateLayer, k: number, t = at.t) => v.total[t - 1][v.stateNames.indexOf(`h${at.l}`)][k];

const windowEnds = (v: SequenceWorkedValues, t: number) => v.windows.some((w) => w.last === t);

/** σ′ written from the gate's value: s (1 − s). */
const sigmoidSlope = (value: string) => `${value} \\times \\left(1 - ${value}\\right)`;

/**
 * e^l_t = ∂L/∂c^l_t, the cell's adjoint, by its two paths: through
 * h_t = o ⊙ tanh c_t at step t, g ⊙ o ⊙ (1 − tanh² c_t), and through
 * c_{t+1} = f_{t+1} ⊙ c_t + …, e_{t+1} ⊙ f_{t+1} — the second as the
 * compiled reverse step hands it to step t (0 at the end of a window).
 */
export function lstmCellAdjoint(v: SequenceWorkedValues, at: GateLayer, k: number, t = at.t): number {
  const c = v.states[t][v.stateNames.indexOf(`c${at.l}`)][k];
  const throughH = adjointOfH(v, at, k, t) * gate(v, at, 3, k, t) * (1 - Math.tanh(c) ** 2);
  return throughH + v.fromNext[t - 1][v.stateNames.indexOf(`c${at.l}`)][k];
}

/**
 * An LSTM layer's δ's at step t in numbers, unit by unit (gates saved as
 * i, f, c̃, o): e_t with its two paths, then
 * δ_i = e ⊙ c̃ ⊙ σ′ (σ′ = i(1 − i)), δ_f = e ⊙ c_{t−1} ⊙ f(1 − f),
 * δ_c = e ⊙ i ⊙ (1 − c̃²), δ_o = g ⊙ tanh c_t ⊙ o(1 − o).
 */
export function lstmDeltaRows(c: SequenceContext, v: SequenceWorkedValues, at: GateLayer): string[] {
  const { out } = c;
  const { l, t } = at;
  const cState = v.stateNames.indexOf(`c${l}`);
  const last = windowEnds(v, t);
  return Array.from({ length: at.units }, (_u, k) => {
    const symbol = (base: string, step = t) => entry(at, base, k, step);
    const number = (value: number, base: string, step = t) => operand(out, value, symbol(base, step));
    const [i, f, candidate, o] = [0, 1, 2, 3].map((q) => number(gate(v, at, q, k), GATE_SYMBOLS.lstm[q]));
    const g = number(adjointOfH(v, at, k), 'g');
    const cNow = number(v.states[t][cState][k], 'c');
    const e = symbol('e');
    const eValue = lstmCellAdjoint(v, at, k);
    const eNumber = number(eValue, 'e');
    const throughH = { symbols: `${symbol('g')} \\, ${symbol('o')} \\left(1 - \\tanh^{2} ${symbol('c')}\\right)`, numbers: `${g} \\times ${o} \\times \\left(1 - \\tanh^{2} ${cNow}\\right)` };
    const throughNext = {
      symbols: `${symbol('e', t + 1)} \\, ${symbol('f', t + 1)}`,
      numbers: () => `${number(lstmCellAdjoint(v, at, k, t + 1), 'e', t + 1)} \\times ${number(gate(v, at, 1, k, t + 1), 'f', t + 1)}`,
    };
    const delta = (q: string) => entry(at, '\\delta', k, t, q);
    const deltaValue = (q: string) => out.number(gateDelta(v, at, q, k), delta(q));
    return [
      ...workingRows(e, last ? throughH.symbols : `${throughH.symbols} + ${throughNext.symbols}`,
        last ? [throughH.numbers] : [throughH.numbers, throughNext.numbers()], out.number(eValue, e)),
      ...workingRows(delta('i'), `${e} \\, ${symbol('\\tilde{c}')} \\, ${symbol('i')} \\left(1 - ${symbol('i')}\\right)`,
        [`${eNumber} \\times ${candidate} \\times ${sigmoidSlope(i)}`], deltaValue('i')),
      ...workingRows(delta('f'), `${e} \\, ${symbol('c', t - 1)} \\, ${symbol('f')} \\left(1 - ${symbol('f')}\\right)`,
        [`${eNumber} \\times ${number(v.states[t - 1][cState][k], 'c', t - 1)} \\times ${sigmoidSlope(f)}`], deltaValue('f')),
      ...workingRows(delta('c'), `${e} \\, ${symbol('i')} \\left(1 - \\left(${symbol('\\tilde{c}')}\\right)^{2}\\right)`,
        [`${eNumber} \\times ${i} \\times \\left(1 - ${candidate}^{2}\\right)`], deltaValue('c')),
      ...workingRows(delta('o'), `${symbol('g')} \\tanh ${symbol('c')} \\, ${symbol('o')} \\left(1 - ${symbol('o')}\\right)`,
        [`${g} \\times \\tanh ${cNow} \\times ${sigmoidSlope(o)}`], deltaValue('o')),
    ];
  }).flat();
}

/**
 * A GRU layer's δ's at step t in numbers (gates saved as z, r, ñ): for each
 * unit δ_n = g ⊙ (1 − z) ⊙ (1 − ñ²) and δ_z = g ⊙ (h_{t−1} − ñ) ⊙ z(1 − z);
 * then, since the reset gate acts inside ñ = tanh(… + U_n (r ⊙ h_{t−1}) + …),
 * [U_nᵀ δ_n]_k (a sum over the units) and δ_r = [U_nᵀ δ_n] ⊙ h_{t−1} ⊙ r(1 − r).
 */
export function gruDeltaRows(c: SequenceContext, v: SequenceWorkedValues, at: GateLayer): string[] {
  const { out } = c;
  const { l, t, units } = at;
  const h = v.stateNames.indexOf(`h${l}`);
  const Un = v.params[`Un${l}`];
  const ks = Array.from({ length: units }, (_u, k) => k);
  const symbol = (base: string, k: number, step = t) => entry(at, base, k, step);
  const number = (value: number, base: string, k: number, step = t) => operand(out, value, symbol(base, k, step));
  const delta = (q: string, k: number) => entry(at, '\\delta', k, t, q);
  const deltaValue = (q: string, k: number) => out.number(gateDelta(v, at, q, k), delta(q, k));
  const gates = (k: number) => {
    const [z, r, n] = GATE_SYMBOLS.gru.map((symbol, q) => number(gate(v, at, q, k), symbol, k));
    return { z, r, n };
  };
  const hPrev = (k: number) => number(v.states[t - 1][h][k], 'h', k, t - 1);
  const nAndZ = ks.flatMap((k) => {
    const { z, n } = gates(k);
    const g = number(adjointOfH(v, at, k), 'g', k);
    return [
      ...workingRows(delta('n', k), `${symbol('g', k)} \\left(1 - ${symbol('z', k)}\\right) \\left(1 - \\left(${symbol('\\tilde{n}', k)}\\right)^{2}\\right)`,
        [`${g} \\times \\left(1 - ${z}\\right) \\times \\left(1 - ${n}^{2}\\right)`], deltaValue('n', k)),
      ...workingRows(delta('z', k), `${symbol('g', k)} \\left(${symbol('h', k, t - 1)} - ${symbol('\\tilde{n}', k)}\\right) ${symbol('z', k)} \\left(1 - ${symbol('z', k)}\\right)`,
        [`${g} \\times \\left(${hPrev(k)} - ${n}\\right) \\times ${sigmoidSlope(z)}`], deltaValue('z', k)),
    ];
  });
  const resets = ks.flatMap((k) => {
    // [U_nᵀ δ_n]_k = Σ_j (U_n)_{jk} δ_{n,j}: what flows back into (r ⊙ h_{t−1})_k
    const a = `\\left[\\left(U^{${l}}_{n}\\right)^{\\top} ${at.tag(`\\delta^{${l}}_{n,${t}}`)}\\right]_{${k + 1}}`;
    const aValue = ks.reduce((sum, j) => sum + Un[j * units + k] * gateDelta(v, at, 'n', j), 0);
    const aRows = units <= MAX_WRITTEN_TERMS
      ? workingRows(a, `\\sum_{j} u^{${l}}_{n,j${k + 1}} ${at.tag(`\\delta^{${l}}_{n,${t},j}`)}`,
        ks.map((j) => `${operand(out, Un[j * units + k], `u^{${l}}_{n,${j + 1}${k + 1}}`)} \\times ${operand(out, gateDelta(v, at, 'n', j), delta('n', j))}`), out.number(aValue, a), true)
      : [`${a} &= \\sum_{j} u^{${l}}_{n,j${k + 1}} ${at.tag(`\\delta^{${l}}_{n,${t},j}`)} = ${out.number(aValue, a)}`];
    const { r } = gates(k);
    return [
      ...aRows,
      ...workingRows(delta('r', k), `${a} \\, ${symbol('h', k, t - 1)} \\, ${symbol('r', k)} \\left(1 - ${symbol('r', k)}\\right)`,
        [`${operand(out, aValue, a)} \\times ${hPrev(k)} \\times ${sigmoidSlope(r)}`], deltaValue('r', k)),
    ];
  });
  return [...nAndZ, ...resets];
}
