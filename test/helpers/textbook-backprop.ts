// The independent computation the worked examples are checked against:
// textbook backpropagation in plain loops (no IR, no op records), one example.
import type { NetworkSpec, NetworkSpecInput } from '../../src/dsl/network.js';

type Worked = NonNullable<NetworkSpecInput['worked']>;

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

export interface Reference {
  z: number[][];
  a: number[][];
  delta: number[][];
  loss: number;
  dataLoss: number;
  /** ∂L/∂W (rows) and ∂L/∂b per layer. */
  dW: number[][][];
  db: number[][];
}

export function backprop(spec: NetworkSpec, W: number[][][], b: number[][]): Reference {
  const { x, y } = spec.worked as Worked;
  const L = spec.layers.length;
  const z: number[][] = [];
  const a: number[][] = [];
  let input = [...x];
  for (let l = 0; l < L; l++) {
    const zl: number[] = [];
    for (let i = 0; i < W[l].length; i++) {
      let s = b[l][i];
      for (let j = 0; j < input.length; j++) s += W[l][i][j] * input[j];
      zl.push(s);
    }
    z.push(zl);
    a.push(activate(spec.layers[l], zl));
    input = a[l];
  }
  const out = a[L - 1];
  const last = spec.layers[L - 1];
  let dataLoss = 0;
  let dOut: number[];
  switch (spec.loss) {
    case 'mse':
    case 'mae': {
      const g = out.map((o, k) => (spec.loss === 'mse' ? o - y[k] : Math.sign(o - y[k])));
      out.forEach((o, k) => (dataLoss += spec.loss === 'mse' ? 0.5 * (o - y[k]) ** 2 : Math.abs(o - y[k])));
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
      return s * d[j]; // dropout masks are 1 in the worked example
    });
  }
  const { l1 = 0, l2 = 0 } = spec.regularization ?? {};
  let penalty = 0;
  const dW = W.map((Wl, l) => Wl.map((row, i) => row.map((w, j) => {
    penalty += (l2 / 2) * w * w + l1 * Math.abs(w);
    const prev = l === 0 ? x[j] : a[l - 1][j];
    return delta[l][i] * prev + l2 * w + l1 * Math.sign(w);
  })));
  return { z, a, delta, dataLoss, loss: dataLoss + penalty, dW, db: delta.map((d) => [...d]) };
}

