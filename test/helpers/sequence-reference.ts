// An independent plain-JavaScript forward pass of a sequence network (rnn,
// lstm, gru layers, then dense layers), written from the textbook equations,
// not from the compiler's graphs: what the generated trainer's predictions
// and losses are checked against. Parameters are read by name from the
// trainer (W is units × fanIn, row-major), so the same weights run both.
import type { Layer, Loss } from '../../src/dsl/network.js';

export type Params = Readonly<Record<string, Float64Array>>;

export interface ReferenceNet {
  readonly features: number;
  readonly layers: readonly Layer[];
  readonly loss: Loss;
  readonly returnSequences: boolean;
  readonly lossOverSteps: 'mean' | 'sum';
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** W v + U h + b for one gate: units numbers. */
function gate(p: Params, suffix: string, l: number, x: readonly number[], h: readonly number[], units: number): number[] {
  const W = p[`W${suffix}${l}`];
  const U = p[`U${suffix}${l}`];
  const b = p[`b${suffix}${l}`];
  return Array.from({ length: units }, (_, j) => {
    let s = b[j];
    for (let k = 0; k < x.length; k++) s += W[j * x.length + k] * x[k];
    for (let k = 0; k < units; k++) s += U[j * units + k] * h[k];
    return s;
  });
}

/** A recurrent layer's state: h, and c for an LSTM. */
export interface LayerState { h: number[]; c: number[] }

/** One time step of recurrent layer l (1-based): the new state from input x and the previous state. */
export function recurrentStep(layer: Layer, l: number, p: Params, x: readonly number[], s: LayerState): LayerState {
  const u = layer.units;
  switch (layer.kind) {
    case 'rnn': {
      const z = gate(p, '', l, x, s.h, u);
      return { h: z.map((v) => (layer.activation === 'tanh' ? Math.tanh(v) : Math.max(0, v))), c: [] };
    }
    case 'lstm': {
      const i = gate(p, 'i', l, x, s.h, u).map(sigmoid);
      const f = gate(p, 'f', l, x, s.h, u).map(sigmoid);
      const g = gate(p, 'c', l, x, s.h, u).map(Math.tanh);
      const o = gate(p, 'o', l, x, s.h, u).map(sigmoid);
      const c = s.c.map((cj, j) => f[j] * cj + i[j] * g[j]);
      return { h: c.map((cj, j) => o[j] * Math.tanh(cj)), c };
    }
    case 'gru': {
      const z = gate(p, 'z', l, x, s.h, u).map(sigmoid);
      const r = gate(p, 'r', l, x, s.h, u).map(sigmoid);
      const n = gate(p, 'n', l, x, s.h.map((hj, j) => r[j] * hj), u).map(Math.tanh);
      return { h: n.map((nj, j) => (1 - z[j]) * nj + z[j] * s.h[j]), c: [] };
    }
    case 'dense':
      throw new Error('not a recurrent layer');
  }
}

/** The dense layers on a top state: [logits z of the last layer, its outputs a]. */
export function head(net: ReferenceNet, p: Params, h: readonly number[]): { z: number[]; a: number[] } {
  let a = [...h];
  let z = a;
  net.layers.forEach((layer, i) => {
    if (layer.kind !== 'dense') return;
    const l = i + 1;
    const W = p[`W${l}`];
    const b = p[`b${l}`];
    z = Array.from({ length: layer.units }, (_, j) => a.reduce((s, v, k) => s + W[j * a.length + k] * v, b[j]));
    const act = layer.activation;
    a = z.map((v) => (act === 'tanh' ? Math.tanh(v) : act === 'sigmoid' ? sigmoid(v) : act === 'relu' ? Math.max(0, v) : v));
  });
  return { z, a };
}

/** ℓ of one prediction: ½ Σ (a − y)², Σ |a − y|, or binary cross-entropy from the logits. */
export function exampleLoss(loss: Loss, z: readonly number[], a: readonly number[], y: readonly number[]): number {
  return y.reduce((s, yj, j) => {
    if (loss === 'mse') return s + 0.5 * (a[j] - yj) ** 2;
    if (loss === 'mae') return s + Math.abs(a[j] - yj);
    if (loss === 'bce') return s - yj * Math.log(sigmoid(z[j])) - (1 - yj) * Math.log(1 - sigmoid(z[j]));
    throw new Error(`reference: loss ${loss} not covered`);
  }, 0);
}

export interface SequenceData {
  readonly X: Float64Array;
  readonly Y: Float64Array;
  readonly n: number;
  readonly T: number;
}

const recurrentCount = (net: ReferenceNet) => net.layers.filter((l) => l.kind !== 'dense').length;

/** Every layer's state after each step t of sequence i (states[t][r]); states[−1] are zeros. */
export function runStates(net: ReferenceNet, p: Params, X: Float64Array, T: number, i: number, from?: { t: number; states: LayerState[] }): LayerState[][] {
  const R = recurrentCount(net);
  let s: LayerState[] = from?.states ?? net.layers.slice(0, R).map((l) => ({ h: new Array<number>(l.units).fill(0), c: new Array<number>(l.units).fill(0) }));
  const out: LayerState[][] = [];
  for (let t = from ? from.t : 0; t < T; t++) {
    let x = Array.from(X.subarray((i * T + t) * net.features, (i * T + t + 1) * net.features));
    s = s.map((state, r) => {
      const next = recurrentStep(net.layers[r], r + 1, p, x, state);
      x = next.h;
      return next;
    });
    out[t] = s;
  }
  return out;
}

/** Predictions: n × outputs (many-to-one) or n × T × outputs. */
export function predict(net: ReferenceNet, p: Params, X: Float64Array, n: number, T: number): number[] {
  const R = recurrentCount(net);
  const result: number[] = [];
  for (let i = 0; i < n; i++) {
    const states = runStates(net, p, X, T, i);
    const steps = net.returnSequences ? states.map((_, t) => t) : [T - 1];
    for (const t of steps) result.push(...head(net, p, states[t][R - 1].h).a);
  }
  return result;
}

/**
 * The training loss (1/n) Σ_i Σ_t ℓ_t (÷ T for the mean over steps). With
 * `window` k, the truncated-BPTT objective at the point `frozen`: each window
 * of k steps (counted back from the last) starts from the state the network
 * had at `frozen` parameters — a constant — and runs with `p`. Its gradient at
 * p = frozen is what truncated BPTT computes.
 */
export function loss(net: ReferenceNet, p: Params, data: SequenceData, window?: { k: number; frozen: Params }): number {
  const { X, Y, n, T } = data;
  const R = recurrentCount(net);
  const outputs = net.layers[net.layers.length - 1].units;
  const k = window?.k ?? T;
  const starts: number[] = [];
  for (let end = T; end > 0; end -= k) starts.unshift(Math.max(0, end - k));
  let total = 0;
  for (let i = 0; i < n; i++) {
    const frozen = window ? runStates(net, window.frozen, X, T, i) : undefined;
    const states: LayerState[][] = [];
    for (const start of starts) {
      const from = start > 0 && frozen ? { t: start, states: frozen[start - 1] } : undefined;
      const run = from ? runStates(net, p, X, T, i, from) : runStates(net, p, X, T, i);
      for (let t = start; t < Math.min(T, start + k); t++) states[t] = run[t];
    }
    const steps = net.returnSequences ? states.map((_, t) => t) : [T - 1];
    for (const t of steps) {
      const { z, a } = head(net, p, states[t][R - 1].h);
      const y = net.returnSequences ? Y.subarray((i * T + t) * outputs, (i * T + t + 1) * outputs) : Y.subarray(i * outputs, (i + 1) * outputs);
      total += exampleLoss(net.loss, z, a, Array.from(y));
    }
  }
  return total / n / (net.returnSequences && net.lossOverSteps === 'mean' ? T : 1);
}
