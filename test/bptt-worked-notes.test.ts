// The worked BPTT step of examples/bptt-worked (generated/bptt-worked), read back through its
// companion (model.notes.json): every number the notes show is recomputed here independently —
// an Elman RNN's forward pass, BPTT and one gradient-descent step in plain loops, not the
// compiler's interpreter — and compared, label by label; no label is left unchecked, and every
// printed digit is the companion's value rounded as the notes round.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../src/backends/doc/number-format.js';
import { companionNumber } from '../src/backends/doc/companion.js';

// The model's givens (examples/bptt-worked/model.ts): rnn(2, 'tanh') on one feature, dense(1, 'linear'), ½(ŷ − y)², SGD η = 0.1.
const W = [[0.5], [-0.3]];
const U = [[0.1, 0.4], [-0.2, 0.3]];
const b = [0, 0.1];
const V = [[0.7, -0.5]]; // the head's W2
const c = [0.2]; // the head's b2
const X = [[1], [0.5], [-0.5]];
const Y = [0.3];
const ETA = 0.1;
const H = 2;
const T = X.length;

interface Pass {
  h: number[][]; // h[0] = 0, h[t] for t = 1 … T
  yhat: number;
  loss: number;
}

function forward(Wx: number[][], Uh: number[][], bh: number[], Vo: number[][], co: number[]): Pass {
  const h = [new Array<number>(H).fill(0)];
  for (let t = 1; t <= T; t++) {
    const next: number[] = [];
    for (let i = 0; i < H; i++) {
      let z = bh[i];
      for (let j = 0; j < X[t - 1].length; j++) z += Wx[i][j] * X[t - 1][j];
      for (let j = 0; j < H; j++) z += Uh[i][j] * h[t - 1][j];
      next.push(Math.tanh(z));
    }
    h.push(next);
  }
  let yhat = co[0];
  for (let j = 0; j < H; j++) yhat += Vo[0][j] * h[T][j];
  return { h, yhat, loss: 0.5 * (yhat - Y[0]) ** 2 };
}

/** Every number of one step, under the label the notes give it. */
function expectedValues(): Map<string, number[]> {
  const expected = new Map<string, number[]>();
  const put = (label: string, value: number) => expected.set(label, [...(expected.get(label) ?? []), value]);
  const { h, yhat, loss } = forward(W, U, b, V, c);
  // the givens
  W.forEach((row, i) => row.forEach((w, j) => put(`w^{1}_{${i + 1}${j + 1}}`, w)));
  U.forEach((row, i) => row.forEach((u, j) => put(`u^{1}_{${i + 1}${j + 1}}`, u)));
  b.forEach((v, i) => put(`b^{1}_{${i + 1}}`, v));
  V[0].forEach((v, j) => put(`w^{2}_{1${j + 1}}`, v));
  put('b^{2}_{1}', c[0]);
  X.forEach((x, t) => put(`x_{${t + 1}}`, x[0]));
  put(`y_{${T}}`, Y[0]);
  put('T', T);
  put('\\eta', ETA);
  // where the trainer starts (the notes state it beside the worked values): the default seed 1, and
  // Xavier/Glorot uniform U(−a, a), a = √(6 / (n_in + n_out)), per weight array from its shape
  put('\\text{seed}', 1);
  for (const [name, m] of [['W^{1}', W], ['U^{1}', U], ['W^{2}', V]] as const) {
    const [nOut, nIn] = [m.length, m[0].length];
    put(`n_{\\text{in}}(${name})`, nIn);
    put(`n_{\\text{out}}(${name})`, nOut);
    put(`a(${name})`, Math.sqrt(6 / (nIn + nOut)));
  }
  // one sequence, many-to-one: ℓ_T is L itself, scaled by 1 (1/n with n = 1, no mean over steps)
  put('\\text{loss scale}', 1);
  // forward
  for (let t = 1; t <= T; t++) h[t].forEach((v, i) => put(`h^{1}_{${t},${i + 1}}`, v));
  put(`\\hat{y}_{${T}}`, yhat);
  put(`\\ell_{${T}} \\text{ share}`, loss);
  put('L', loss);
  // backward: ∂L/∂ŷ = ŷ − y; from the loss into h_T: V^T (ŷ − y); from step t + 1: U^T δ_{t+1}, δ_t = g_t ⊙ (1 − h_t²)
  const e = yhat - Y[0];
  const delta: number[][] = [];
  const g: number[][] = [];
  for (let t = T; t >= 1; t--) {
    const fromLoss = t === T ? V[0].map((v) => v * e) : [0, 0];
    const fromNext = t === T ? [0, 0] : [0, 1].map((m) => U.reduce((s, row, j) => s + row[m] * delta[t + 1][j], 0));
    g[t] = fromLoss.map((v, i) => v + fromNext[i]);
    delta[t] = g[t].map((v, i) => v * (1 - h[t][i] * h[t][i]));
    g[t].forEach((v, i) => {
      const entry = `h^{1}_{${t},${i + 1}}`;
      put(`\\partial L / \\partial ${entry} \\text{ from the loss at } t`, fromLoss[i]);
      put(`\\partial L / \\partial ${entry} \\text{ from step } t+1`, fromNext[i]);
      put(`\\partial L / \\partial ${entry}`, v);
    });
    put(`\\lVert \\partial L / \\partial h^{1}_{${t}} \\rVert`, Math.hypot(...g[t]));
    // the δ recursion written out: g^1_{t,i} (its first path as its own number where a sum over step t + 1 follows it), δ^1_{t,i}
    g[t].forEach((v, i) => {
      put(`g^{1}_{${t},${i + 1}}`, v);
      if (fromLoss[i] !== 0 && t < T) put(`g^{1}_{${t},${i + 1}} \\text{ first path}`, fromLoss[i]);
      put(`\\delta^{1}_{${t},${i + 1}}`, delta[t][i]);
    });
  }
  // the step Jacobians J_t = diag(1 − h_t²) U, their largest singular values (2 × 2: √((S + √(S² − 4 det²)) / 2),
  // S the sum of the squared entries) and the running product from t = T back
  let product = 1;
  for (let t = T; t >= 2; t--) {
    const [[p, q], [r, s]] = U.map((row, i) => row.map((u) => (1 - h[t][i] * h[t][i]) * u));
    const S = p * p + q * q + r * r + s * s;
    const norm = Math.sqrt((S + Math.sqrt(S * S - 4 * (p * s - q * r) ** 2)) / 2);
    product *= norm;
    put(`\\lVert J^{1}_{${t}} \\rVert_{2}`, norm);
    put(`\\prod_{u=${t}}^{${T}} \\lVert J^{1}_{u} \\rVert_{2}`, product);
  }
  // each parameter's term at every step and their sum: δ_t x_tᵀ, δ_t h_{t−1}ᵀ, δ_t
  const gradient = new Map<string, number>();
  const term = (symbol: string, at: (t: number) => number) => {
    let sum = 0;
    for (let t = 1; t <= T; t++) {
      put(`\\partial L / \\partial ${symbol} \\text{ term at } t = ${t}`, at(t));
      sum += at(t);
    }
    gradient.set(symbol, sum);
  };
  W.forEach((row, i) => row.forEach((_w, j) => term(`w^{1}_{${i + 1}${j + 1}}`, (t) => delta[t][i] * X[t - 1][j])));
  U.forEach((row, i) => row.forEach((_u, j) => term(`u^{1}_{${i + 1}${j + 1}}`, (t) => delta[t][i] * h[t - 1][j])));
  b.forEach((_v, i) => term(`b^{1}_{${i + 1}}`, (t) => delta[t][i]));
  V[0].forEach((_v, j) => gradient.set(`w^{2}_{1${j + 1}}`, e * h[T][j]));
  gradient.set('b^{2}_{1}', e);
  for (const [symbol, value] of gradient) put(`\\partial L / \\partial ${symbol}`, value);
  // the update θ ← θ − η g, and the loss after it
  const after = new Map<string, number>();
  const given = new Map(expected.entries());
  for (const [symbol, value] of gradient) {
    const theta = given.get(symbol)?.[0] ?? NaN;
    put('g', value);
    after.set(symbol, theta - ETA * value);
    put(`${symbol}^{+}`, theta - ETA * value);
  }
  const a = (s: string) => after.get(s) ?? NaN;
  const next = forward(
    W.map((row, i) => row.map((_w, j) => a(`w^{1}_{${i + 1}${j + 1}}`))),
    U.map((row, i) => row.map((_u, j) => a(`u^{1}_{${i + 1}${j + 1}}`))),
    b.map((_v, i) => a(`b^{1}_{${i + 1}}`)),
    [V[0].map((_v, j) => a(`w^{2}_{1${j + 1}}`))],
    [a('b^{2}_{1}')],
  );
  put('L_{\\text{after}}', next.loss);
  return expected;
}

interface Companion {
  digits: number;
  values: { label: string; value: number | string; shown: string }[];
}

describe('examples/bptt-worked: every number of the worked BPTT step', () => {
  const companion = JSON.parse(readFileSync(new URL('../generated/bptt-worked/model.notes.json', import.meta.url), 'utf8')) as Companion;
  const document = readFileSync(new URL('../generated/bptt-worked/model.tex', import.meta.url), 'utf8');
  const expected = expectedValues();

  it('recomputed in plain loops: each value the notes show, under its label, is the independent one', () => {
    const wrong: string[] = [];
    for (const v of companion.values) {
      const candidates = expected.get(v.label);
      const value = companionNumber(v.value);
      if (candidates === undefined) wrong.push(`no independent value for ${v.label}`);
      else if (!candidates.some((x) => Math.abs(x - value) <= 1e-12 * Math.max(1, Math.abs(x)))) wrong.push(`${v.label}: ${value} vs ${candidates.join(' or ')}`);
    }
    expect(wrong).toEqual([]);
  });

  it('nothing is left out: every independent number is shown', () => {
    const shown = new Set(companion.values.map((v) => v.label));
    expect([...expected.keys()].filter((label) => !shown.has(label))).toEqual([]);
    expect(companion.values.length).toBeGreaterThan(120);
  });

  it('printed as the notes round, in the document', () => {
    for (const v of companion.values) {
      expect(v.shown, v.label).toBe(formatNumber(companionNumber(v.value), { digits: companion.digits }));
      expect(document).toContain(v.shown);
    }
  });
});
