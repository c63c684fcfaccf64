// Reading a network's worked section back, as the trial tests do (issue 11):
// the printed calculations re-evaluated from the TeX (each side of each = and
// ← against the next, helpers/tex-arithmetic.ts), the losses of the steps
// table, and an independent optimizer step in plain loops to recompute them.
import { expect } from 'vitest';
import type { NetworkSpec } from '../../src/dsl/network.js';
import { evaluateTex, rowParts } from './tex-arithmetic.js';
import { type Bias, backprop, givenMasks } from './textbook-backprop.js';

/** The worked section: from its heading to the appendix. */
export function workedSection(tex: string): string {
  const start = tex.search(/\\subsection\*\{(\d+ training steps|One training step) in numbers\}/);
  expect(start).toBeGreaterThan(0);
  return tex.slice(start, tex.indexOf('\\section{Appendix'));
}

/** The rows of every align* block, a row's `&= …` continuations joined to it. */
export function alignRows(tex: string): string[] {
  const rows = [...tex.matchAll(/\\begin\{align\*\}\n([\s\S]*?)\n\\end\{align\*\}/g)].flatMap((m) => m[1].split(' \\\\\n'));
  const joined: string[] = [];
  for (const row of rows) {
    if (row.startsWith('&= ') && joined.length > 0) joined[joined.length - 1] += ` ${row.slice(1)}`;
    else if (row.startsWith('&\\quad {} ') && joined.length > 0) joined[joined.length - 1] += ` ${row.slice('&\\quad {} '.length)}`;
    else joined.push(row);
  }
  return joined;
}

/** A formula with no symbol left: only numbers, operators and functions. */
export function isNumeric(part: string): boolean {
  const stripped = part
    .replace(/\\(left|right|cdot|times|frac|sin|cos|tan|tanh|ln|max|min|sqrt|le|begin\{cases\}|end\{cases\})/g, '')
    .replace(/\\operatorname\{(sgn|ReLU|LeakyReLU|softplus)\}(_\{[0-9.]+\})?/g, '')
    .replace(/\\sigma(?!_)/g, '') // σ(t), the sigmoid; σ_j, a standard deviation, is a symbol
    .replace(/e\^/g, '');
  return /[0-9]/.test(stripped) && !/[A-Za-z]/.test(stripped);
}

/** Printed at 6 significant digits: equal within the rounding of the operands. */
function agrees(a: number, b: number, operands: number): boolean {
  return Math.abs(a - b) <= 2e-5 * Math.max(Math.abs(a), Math.abs(b)) + 1e-5 * operands + 1e-12;
}
const largest = (tex: string) => Math.max(0, ...[...tex.matchAll(/-?\d+(\.\d+)?/g)].map((m) => Math.abs(Number(m[0]))));

/** A number as the notes print it, `-1.5 \times 10^{-7}` included. */
export function printedNumber(tex: string): number {
  const m = /^(-?[\d.]+)(?: \\times 10\^\{(-?\d+)\})?$/.exec(tex.trim());
  return m ? Number(`${m[1]}e${m[2] ?? 0}`) : NaN;
}

/**
 * Every printed calculation of the worked section: each side of each = (and ←)
 * that is all numbers evaluated and compared with the next; fails naming the
 * first that disagrees, returns how many were checked.
 */
export function checkPrintedArithmetic(worked: string): number {
  let checked = 0;
  for (const row of alignRows(worked)) {
    const parts = rowParts(row.replace('&\\leftarrow', '&='));
    for (let k = 0; k + 1 < parts.length; k++) {
      if (!isNumeric(parts[k]) || !isNumeric(parts[k + 1])) continue;
      const [a, b] = [evaluateTex(parts[k]), evaluateTex(parts[k + 1])];
      expect(a, `cannot evaluate ${parts[k]}\nin ${row}`).toBeDefined();
      expect(b, `cannot evaluate ${parts[k + 1]}\nin ${row}`).toBeDefined();
      if (!agrees(a ?? NaN, b ?? NaN, largest(parts[k]))) expect.fail(`${parts[k]} = ${a}, printed as ${parts[k + 1]}\nin ${row}`);
      checked++;
    }
  }
  return checked;
}

/** The loss before and after each step as printed: the steps table, or the one step's `ℓ_after … (before: …)`. */
export function printedLosses(worked: string): number[][] {
  const table = /step \$t\$ & \$(?:\\ell|L)\$ before & \$(?:\\ell|L)\$ after \\\\\n\\hline\n\\endhead\n([\s\S]*?)\n\\hline/.exec(worked);
  const single = /(?:\\ell|L)_\{\\text\{after\}\} = (\S+(?: \\times 10\^\{-?\d+\})?) \\qquad \\text\{\(before: \} (\S+(?: \\times 10\^\{-?\d+\})?)\\text/.exec(worked);
  return table
    ? table[1].split('\n').map((r) => r.replace(/ \\\\\*?$/, '').split(' & ').slice(1).map((c) => printedNumber(c.replace(/\$/g, ''))))
    : [[printedNumber(single?.[2] ?? ''), printedNumber(single?.[1] ?? '')]];
}

export type Params = { W: number[][][]; b: Bias[] };

/** The given weights of a spec's worked example as plain arrays. */
export function givenOf(spec: NetworkSpec): Params & { X: number[][]; Y: number[][] } {
  const w = spec.worked;
  if (w === undefined) throw new Error('no worked example');
  const rows = (v: readonly number[] | readonly (readonly number[])[]) => (typeof v[0] === 'number' ? [[...(v as number[])]] : (v as number[][]).map((r) => [...r]));
  return {
    W: w.weights.map((l) => l.W.map((r) => [...r])),
    b: w.weights.map((l) => (l.b === undefined ? undefined : typeof l.b === 'number' ? l.b : [...l.b])),
    X: standardizedRows(rows(w.x), w.standardize),
    Y: rows(w.y),
  };
}

/**
 * The worked inputs as the network sees them: with `worked.standardize`, each
 * column minus its mean over the rows ('batch') or the given one, over its
 * standard deviation (population, 0 taken as 1) — plain loops, as a reader checks it.
 */
export function standardizedRows(X: number[][], how: 'batch' | { readonly mean: readonly number[]; readonly std: readonly number[] } | undefined): number[][] {
  if (how === undefined) return X;
  const n = X.length;
  const mean: number[] = [];
  const std: number[] = [];
  for (let j = 0; j < X[0].length; j++) {
    if (how !== 'batch') {
      mean.push(how.mean[j]);
      std.push(how.std[j]);
      continue;
    }
    let sum = 0;
    for (let i = 0; i < n; i++) sum += X[i][j];
    const mu = sum / n;
    let squares = 0;
    for (let i = 0; i < n; i++) squares += (X[i][j] - mu) ** 2;
    const sigma = Math.sqrt(squares / n);
    mean.push(mu);
    std.push(sigma === 0 ? 1 : sigma);
  }
  return X.map((row) => row.map((v, j) => (v - mean[j]) / std[j]));
}

/**
 * One optimizer step written out (clipping by norm then value; plain SGD,
 * momentum, Nesterov, RMSprop, Adam) on every trained entry (a frozen array
 * kept); `state` per entry, keyed by its place.
 */
export function optimizerStep(spec: NetworkSpec, p: Params, grad: Params, state: Map<string, number[]>, t: number): Params {
  const o = spec.optimizer;
  const frozen = (l: number, what: 'weights' | 'bias') => spec.layers[l].options.frozen?.includes(what) === true;
  const trainedW = grad.W.flatMap((Wl, l) => (frozen(l, 'weights') ? [] : Wl.flat()));
  const trainedB = grad.b.flatMap((b, l) => (b === undefined || frozen(l, 'bias') ? [] : typeof b === 'number' ? [b] : [...b]));
  const norm = Math.sqrt([...trainedW, ...trainedB].reduce((s, g) => s + g * g, 0));
  const { norm: c, value } = spec.clip ?? {};
  const scale = c !== undefined && norm > c ? c / norm : 1;
  const clipped = (g: number) => (value === undefined ? g * scale : Math.max(-value, Math.min(value, g * scale)));
  const update = (key: string, w: number, raw: number): number => {
    const g = clipped(raw);
    const s = state.get(key) ?? [0, 0];
    if (o.kind === 'sgd') {
      const mu = o.momentum ?? 0;
      const v = mu * s[0] + g;
      state.set(key, [v, 0]);
      return w - o.lr * (o.nesterov === true ? g + mu * v : mu === 0 ? g : v);
    }
    if (o.kind === 'rmsprop') {
      const r = (o.rho ?? 0.9) * s[0] + (1 - (o.rho ?? 0.9)) * g * g;
      state.set(key, [r, 0]);
      return w - (o.lr * g) / (Math.sqrt(r) + (o.epsilon ?? 1e-8));
    }
    if (o.kind !== 'adam') throw new Error(`no reference for ${o.kind}`);
    const [b1, b2, eps] = [o.beta1 ?? 0.9, o.beta2 ?? 0.999, o.epsilon ?? 1e-8];
    const m = b1 * s[0] + (1 - b1) * g;
    const v = b2 * s[1] + (1 - b2) * g * g;
    state.set(key, [m, v]);
    return w - (o.lr * (m / (1 - b1 ** t))) / (Math.sqrt(v / (1 - b2 ** t)) + eps);
  };
  return {
    W: p.W.map((Wl, l) => (frozen(l, 'weights') ? Wl : Wl.map((row, i) => row.map((w, j) => update(`W${l}.${i}.${j}`, w, grad.W[l][i][j]))))),
    b: p.b.map((bl, l) => {
      if (bl === undefined || frozen(l, 'bias')) return bl;
      if (typeof bl === 'number') return update(`b${l}`, bl, grad.b[l] as number);
      return bl.map((v, i) => update(`b${l}.${i}`, v, (grad.b[l] as number[])[i]));
    }),
  };
}

/** The printed losses (before and after each step) against textbook backprop and `optimizerStep`, step after step. */
export function checkStepLosses(spec: NetworkSpec, worked: string): void {
  const g = givenOf(spec);
  const losses = printedLosses(worked);
  expect(losses).toHaveLength(spec.worked?.steps ?? 1);
  let p: Params = { W: g.W, b: g.b };
  const state = new Map<string, number[]>();
  const masks = givenMasks(spec, g.X.length);
  losses.forEach(([before, after], s) => {
    const r = backprop(spec, p.W, p.b, g.X, g.Y, masks);
    expect(Math.abs(before - r.loss), `step ${s + 1}: loss before`).toBeLessThanOrEqual(5e-6 * Math.abs(r.loss) + 1e-12);
    p = optimizerStep(spec, p, { W: r.dW, b: r.db as Bias[] }, state, s + 1);
    const next = backprop(spec, p.W, p.b, g.X, g.Y, masks).loss;
    expect(Math.abs(after - next), `step ${s + 1}: loss after`).toBeLessThanOrEqual(5e-6 * Math.abs(next) + 1e-12);
  });
}
