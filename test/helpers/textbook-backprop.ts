// The independent computation the worked examples are checked against:
// textbook backpropagation in plain loops (no IR, no op records), example by example.
import type { NetworkSpec } from '../../src/dsl/network.js';

export const sigmoid = (t: number) => 1 / (1 + Math.exp(-t));

export function activate(layer: NetworkSpec['layers'][number], z: number[]): number[] {
  const alpha = layer.options.alpha ?? 0.01;
  switch (layer.activation) {
    case 'sigmoid': return z.map(sigmoid);
    case 'tanh': return z.map(Math.tanh);
    case 'relu': return z.map((t) => Math.max(0, t));
    case 'leaky_relu': return z.map((t) => (t > 0 ? t : alpha * t));
    case 'softplus': return z.map((t) => Math.log(1 + Math.exp(t)));
    case 'linear': return [...z];
    case 'softmax': {
      const m = Math.max(...z);
      const e = z.map((t) => Math.exp(t - m));
      const s = e.reduce((p, q) => p + q, 0);
      return e.map((t) => t / s);
    }
  }
}

/** f′(z) entry by entry (not for softmax). */
export function derivative(layer: NetworkSpec['layers'][number], z: number[], a: number[]): number[] {
  const alpha = layer.options.alpha ?? 0.01;
  switch (layer.activation) {
    case 'sigmoid': return a.map((s) => s * (1 - s));
    case 'tanh': return a.map((t) => 1 - t * t);
    case 'relu': return z.map((t) => (t > 0 ? 1 : 0));
    case 'leaky_relu': return z.map((t) => (t > 0 ? 1 : alpha));
    case 'softplus': return z.map(sigmoid);
    case 'linear': return z.map(() => 1);
    case 'softmax': throw new Error('softmax has a Jacobian');
  }
}

/** A layer's bias as given: one number per unit, one shared number, or none. */
export type Bias = readonly number[] | number | undefined;

export interface ExampleReference {
  z: number[][];
  a: number[][];
  /** What the next layer reads: a^l, or ã^l = a^l ⊙ m^l after dropout. */
  out: number[][];
  delta: number[][];
  /** ℓ of the example: its loss terms summed. */
  loss: number;
}

export interface Reference {
  examples: ExampleReference[];
  /** The examples' losses reduced (mean or sum, the spec's convention), then with the penalties (trained weights only). */
  dataLoss: number;
  loss: number;
  /** ∂L/∂W (rows) and ∂L/∂b (per unit, one number if shared, undefined without a bias) per layer, batch-reduced. */
  dW: number[][][];
  db: (number[] | number | undefined)[];
}

type LayerOf = NetworkSpec['layers'][number];
const frozen = (layer: LayerOf, what: 'weights' | 'bias') => layer.options.frozen?.includes(what) === true;

/** Scaled dropout masks of one example, per layer (undefined: no dropout there). */
export type ExampleMasks = readonly (readonly number[] | undefined)[];

/** A spec's given dropout keep indicators (worked.masks, the same every step) per example and layer, scaled by 1/(1 − p). */
export function givenMasks(spec: NetworkSpec, examples: number): ExampleMasks[] {
  const masks = spec.worked?.masks ?? [];
  return Array.from({ length: examples }, (_e, r) => masks.map((m, l) => (m === null ? undefined
    : ((Array.isArray(m[0]) ? (m as number[][])[r] : m) as number[]).map((keep) => keep / (1 - (spec.layers[l].options.dropout ?? 0))))));
}

/** Forward and backward pass of one example in plain loops (with the example's dropout masks, when given). */
function example(
  spec: NetworkSpec, W: number[][][], b: readonly Bias[], x: readonly number[], y: readonly number[], masks: ExampleMasks = [],
): ExampleReference {
  const L = spec.layers.length;
  const half = typeof spec.loss === 'object' ? spec.loss.half ?? true : true;
  const loss = typeof spec.loss === 'object' ? spec.loss.kind : spec.loss;
  const z: number[][] = [];
  const a: number[][] = [];
  const outs: number[][] = [];
  let input = [...x];
  for (let l = 0; l < L; l++) {
    const zl: number[] = [];
    const bias = b[l];
    for (let i = 0; i < W[l].length; i++) {
      let s = bias === undefined ? 0 : typeof bias === 'number' ? bias : bias[i];
      for (let j = 0; j < input.length; j++) s += W[l][i][j] * input[j];
      zl.push(s);
    }
    z.push(zl);
    a.push(activate(spec.layers[l], zl));
    const m = masks[l];
    outs.push(m === undefined ? a[l] : a[l].map((v, j) => v * m[j])); // inverted dropout: ã = a ⊙ m
    input = outs[l];
  }
  const out = a[L - 1];
  const last = spec.layers[L - 1];
  let dataLoss = 0;
  let dOut: number[] = [];
  switch (loss) {
    case 'mse':
    case 'mae': {
      const c = half ? 1 : 2; // d/da of ½ (a − y)² is a − y; of (a − y)², 2 (a − y)
      const g = out.map((o, k) => (loss === 'mse' ? c * (o - y[k]) : Math.sign(o - y[k])));
      out.forEach((o, k) => (dataLoss += loss === 'mse' ? (half ? 0.5 : 1) * (o - y[k]) ** 2 : Math.abs(o - y[k])));
      if (last.activation === 'softmax') {
        const dot = out.reduce((s, o, k) => s + o * g[k], 0);
        dOut = out.map((o, k) => o * (g[k] - dot));
      } else {
        const d = derivative(last, z[L - 1], out);
        dOut = g.map((gk, k) => gk * d[k]);
      }
      break;
    }
    case 'bce':
      out.forEach((o, k) => (dataLoss += -y[k] * Math.log(o) - (1 - y[k]) * Math.log(1 - o)));
      dOut = out.map((o, k) => o - y[k]);
      break;
    case 'cce':
      out.forEach((o, k) => (dataLoss -= y[k] * Math.log(o)));
      dOut = out.map((o, k) => o - y[k]);
      break;
  }
  const delta: number[][] = new Array(L);
  delta[L - 1] = dOut;
  for (let l = L - 2; l >= 0; l--) {
    const d = derivative(spec.layers[l], z[l], a[l]);
    delta[l] = a[l].map((_v, j) => {
      let s = 0;
      for (let i = 0; i < W[l + 1].length; i++) s += W[l + 1][i][j] * delta[l + 1][i];
      return s * (masks[l]?.[j] ?? 1) * d[j]; // ∂ã/∂a = m
    });
  }
  return { z, a, out: outs, delta, loss: dataLoss };
}

/**
 * Textbook backpropagation over a batch of examples (rows of X, Y): each
 * example's δ's, then the batch gradient δ aᵀ and δ (Σ δ for a shared bias)
 * averaged or summed per the loss convention, plus the penalties' terms on the
 * trained weights.
 */
export function backprop(
  spec: NetworkSpec, W: number[][][], b: readonly Bias[], X: readonly (readonly number[])[], Y: readonly (readonly number[])[],
  masks: readonly ExampleMasks[] = [],
): Reference {
  const examples = X.map((x, r) => example(spec, W, b, x, Y[r], masks[r]));
  const reduction = typeof spec.loss === 'object' ? spec.loss.reduction ?? 'mean' : 'mean';
  const scale = reduction === 'mean' ? 1 / X.length : 1;
  const dataLoss = examples.reduce((s, e) => s + e.loss, 0) * scale;
  const { l1 = 0, l2 = 0 } = spec.regularization ?? {};
  let penalty = 0;
  const dW = W.map((Wl, l) => Wl.map((row, i) => row.map((w, j) => {
    let g = 0;
    examples.forEach((e, r) => (g += e.delta[l][i] * (l === 0 ? X[r][j] : e.out[l - 1][j])));
    if (frozen(spec.layers[l], 'weights')) return g * scale;
    penalty += (l2 / 2) * w * w + l1 * Math.abs(w);
    return g * scale + l2 * w + l1 * Math.sign(w);
  })));
  const db = b.map((bias, l) => {
    if (bias === undefined) return undefined;
    const perUnit = W[l].map((_row, i) => examples.reduce((s, e) => s + e.delta[l][i], 0) * scale);
    return typeof bias === 'number' ? perUnit.reduce((s, g) => s + g, 0) : perUnit;
  });
  return { examples, dataLoss, loss: dataLoss + penalty, dW, db };
}
