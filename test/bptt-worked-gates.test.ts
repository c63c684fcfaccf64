// The worked δ's of LSTM and GRU layers (src/backends/latex/network/recurrent/worked-gate-deltas.ts):
// every number the working prints — the gate values, the cell adjoint e_t with its two paths, each gate's
// δ with its factors, the GRU's [U_nᵀ δ_n]_k — is recomputed here independently, in plain loops written
// from the textbook equations (not the compiler's graphs or interpreter), and compared label by label;
// every label the working records has an independent value, and every independent value is printed.
import { describe, expect, it } from 'vitest';
import { dense, gru, lstm, network, rnn, type Layer, type SequenceNetworkSpecInput } from '../src/dsl/network.js';
import { validateSequenceNetwork } from '../src/compile/network/validate-sequence.js';
import { compileSequenceNetwork, type CompiledSequenceNetwork } from '../src/compile/network/compile-sequence.js';
import { sequenceWorkedStep } from '../src/compile/network/sequence-worked-step.js';
import { TexWriter } from '../src/backends/latex/tex-writer.js';
import { writeSequenceNetwork } from '../src/backends/latex/network/recurrent/sequence-section.js';

type Vec = number[];
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
/** A units × n matrix (row-major, a row per unit) times a vector. */
const times = (M: readonly number[], v: readonly number[], units: number): Vec =>
  Array.from({ length: units }, (_u, i) => v.reduce((s, x, j) => s + M[i * v.length + j] * x, 0));
/** Its transpose times a vector: Mᵀ d. */
const timesT = (M: readonly number[], d: readonly number[], n: number): Vec =>
  Array.from({ length: n }, (_u, j) => d.reduce((s, x, i) => s + M[i * n + j] * x, 0));
const add = (...vs: Vec[]) => vs[0].map((_x, i) => vs.reduce((s, v) => s + v[i], 0));

interface Case {
  readonly layers: Layer[];
  readonly extra?: Partial<SequenceNetworkSpecInput>;
  readonly T: number;
}

const H = 2;
const F = 2;

/** Parameters from a fixed list of small numbers, every array in layout order. */
function parameters(net: CompiledSequenceNetwork): Record<string, number[]> {
  let k = 0;
  const next = () => Math.round(Math.sin(++k * 1.7) * 60) / 100;
  return Object.fromEntries(net.layout.map((p) => [p.name, Array.from({ length: p.shape.reduce((a, b) => a * b, 1) }, next)]));
}

function compiled(c: Case) {
  const spec = network({ inputs: { sequence: F }, layers: c.layers, loss: 'mse', optimizer: { kind: 'sgd', lr: 0.1 }, ...c.extra });
  const net = compileSequenceNetwork('Gated', validateSequenceNetwork(spec));
  const params = parameters(net);
  const x = Array.from({ length: c.T }, (_t, t) => [Math.cos(t + 1) / 2, Math.sin(2 * t + 1) / 2]);
  const y = net.spec.returnSequences ? x.map((_r, t) => [0.1 * t - 0.2]) : [[0.3]];
  const worked = { ...net, worked: sequenceWorkedStep(net, { params, x: [x], y: [y] }) };
  const out = new TexWriter();
  writeSequenceNetwork(worked, out);
  return { net, params, x, y, out };
}

/** The windows of (truncated) BPTT, last first: [first, last], k steps counted back from T. */
function windows(T: number, k = T): [number, number][] {
  const w: [number, number][] = [];
  for (let last = T; last >= 1; last -= k) w.push([Math.max(1, last - k + 1), last]);
  return w;
}

/** ∂L/∂h_t through the loss (½ (ŷ − y)², linear head ŷ = V h + b), scaled 1/T when the loss is the mean over steps. */
function lossPaths(h: Vec[], params: Record<string, number[]>, y: number[][], T: number, manyToMany: boolean): Vec[] {
  const V = params.W2;
  const fromLoss: Vec[] = Array.from({ length: T + 1 }, () => new Array<number>(H).fill(0));
  for (let t = manyToMany ? 1 : T; t <= T; t++) {
    const yhat = times(V, h[t], 1)[0] + params.b2[0];
    const d = (yhat - y[manyToMany ? t - 1 : 0][0]) / (manyToMany ? T : 1);
    fromLoss[t] = V.map((v) => v * d);
  }
  return fromLoss;
}

/** Every number of an LSTM's worked δ's, by the label the notes give it. */
function lstmExpected(params: Record<string, number[]>, x: number[][], y: number[][], manyToMany: boolean, k?: number): Map<string, number> {
  const T = x.length;
  const p = (name: string) => params[`${name}1`];
  const h: Vec[] = [[0, 0]];
  const c: Vec[] = [[0, 0]];
  const gates: { i: Vec; f: Vec; cc: Vec; o: Vec }[] = [];
  for (let t = 1; t <= T; t++) {
    const pre = (q: string) => add(times(p(`W${q}`), x[t - 1], H), times(p(`U${q}`), h[t - 1], H), p(`b${q}`));
    const i = pre('i').map(sigmoid);
    const f = pre('f').map(sigmoid);
    const cc = pre('c').map(Math.tanh);
    const o = pre('o').map(sigmoid);
    gates[t] = { i, f, cc, o };
    c[t] = c[t - 1].map((cp, u) => f[u] * cp + i[u] * cc[u]);
    h[t] = o.map((ou, u) => ou * Math.tanh(c[t][u]));
  }
  const fromLoss = lossPaths(h, params, y, T, manyToMany);
  const expected = new Map<string, number>();
  const put = (label: string, value: number) => expected.set(label, value);
  for (let t = 1; t <= T; t++) {
    (['i', 'f', '\\tilde{c}', 'o'] as const).forEach((q, n) => [gates[t].i, gates[t].f, gates[t].cc, gates[t].o][n].forEach((v, u) => put(`${q}^{1}_{${t},${u + 1}}`, v)));
  }
  for (let t = 0; t <= T; t++) for (let u = 0; u < H; u++) [put(`c^{1}_{${t},${u + 1}}`, c[t][u]), put(`h^{1}_{${t},${u + 1}}`, h[t][u])];
  for (const [first, last] of windows(T, k)) {
    let dhNext = [0, 0];
    let dcNext = [0, 0]; // e_{t+1} ⊙ f_{t+1}
    for (let t = last; t >= first; t--) {
      const { i, f, cc, o } = gates[t];
      const g = add(fromLoss[t], dhNext);
      const e = g.map((gu, u) => gu * o[u] * (1 - Math.tanh(c[t][u]) ** 2) + dcNext[u]); // two paths: through h_t, through c_{t+1}
      const delta = {
        i: e.map((eu, u) => eu * cc[u] * i[u] * (1 - i[u])),
        f: e.map((eu, u) => eu * c[t - 1][u] * f[u] * (1 - f[u])),
        c: e.map((eu, u) => eu * i[u] * (1 - cc[u] ** 2)),
        o: g.map((gu, u) => gu * Math.tanh(c[t][u]) * o[u] * (1 - o[u])),
      };
      for (let u = 0; u < H; u++) {
        put(`g^{1}_{${t},${u + 1}}`, g[u]);
        put(`e^{1}_{${t},${u + 1}}`, e[u]);
        for (const q of ['i', 'f', 'c', 'o'] as const) put(`\\delta^{1}_{${q},${t},${u + 1}}`, delta[q][u]);
      }
      dhNext = add(...(['i', 'f', 'c', 'o'] as const).map((q) => timesT(p(`U${q}`), delta[q], H)));
      dcNext = e.map((eu, u) => eu * f[u]);
    }
  }
  return expected;
}

/** Every number of a GRU's worked δ's, by the label the notes give it. */
function gruExpected(params: Record<string, number[]>, x: number[][], y: number[][], manyToMany: boolean, k?: number): Map<string, number> {
  const T = x.length;
  const p = (name: string) => params[`${name}1`];
  const h: Vec[] = [[0, 0]];
  const gates: { z: Vec; r: Vec; n: Vec }[] = [];
  for (let t = 1; t <= T; t++) {
    const z = add(times(p('Wz'), x[t - 1], H), times(p('Uz'), h[t - 1], H), p('bz')).map(sigmoid);
    const r = add(times(p('Wr'), x[t - 1], H), times(p('Ur'), h[t - 1], H), p('br')).map(sigmoid);
    const n = add(times(p('Wn'), x[t - 1], H), times(p('Un'), r.map((ru, u) => ru * h[t - 1][u]), H), p('bn')).map(Math.tanh);
    gates[t] = { z, r, n };
    h[t] = n.map((nu, u) => (1 - z[u]) * nu + z[u] * h[t - 1][u]);
  }
  const fromLoss = lossPaths(h, params, y, T, manyToMany);
  const expected = new Map<string, number>();
  const put = (label: string, value: number) => expected.set(label, value);
  for (let t = 1; t <= T; t++) {
    (['z', 'r', '\\tilde{n}'] as const).forEach((q, m) => [gates[t].z, gates[t].r, gates[t].n][m].forEach((v, u) => put(`${q}^{1}_{${t},${u + 1}}`, v)));
  }
  for (let t = 0; t <= T; t++) for (let u = 0; u < H; u++) put(`h^{1}_{${t},${u + 1}}`, h[t][u]);
  p('Un').forEach((v, m) => put(`u^{1}_{n,${Math.floor(m / H) + 1}${(m % H) + 1}}`, v));
  for (const [first, last] of windows(T, k)) {
    let dhNext = [0, 0];
    for (let t = last; t >= first; t--) {
      const { z, r, n } = gates[t];
      const g = add(fromLoss[t], dhNext);
      const dn = g.map((gu, u) => gu * (1 - z[u]) * (1 - n[u] ** 2));
      const dz = g.map((gu, u) => gu * (h[t - 1][u] - n[u]) * z[u] * (1 - z[u]));
      const a = timesT(p('Un'), dn, H); // into r ⊙ h_{t−1}
      const dr = a.map((au, u) => au * h[t - 1][u] * r[u] * (1 - r[u]));
      for (let u = 0; u < H; u++) {
        put(`g^{1}_{${t},${u + 1}}`, g[u]);
        put(`\\delta^{1}_{n,${t},${u + 1}}`, dn[u]);
        put(`\\delta^{1}_{z,${t},${u + 1}}`, dz[u]);
        put(`\\delta^{1}_{r,${t},${u + 1}}`, dr[u]);
        put(`\\left[\\left(U^{1}_{n}\\right)^{\\top} \\delta^{1}_{n,${t}}\\right]_{${u + 1}}`, a[u]);
      }
      dhNext = add(g.map((gu, u) => gu * z[u]), timesT(p('Uz'), dz, H), timesT(p('Ur'), dr, H), a.map((au, u) => au * r[u]));
    }
  }
  return expected;
}

/** The labels of the gated working: gates, states, g, e, the δ's, the GRU's [U_nᵀ δ_n]_k and U_n's entries. */
const WORKING = /^(i|f|o|z|r|\\tilde\{c\}|\\tilde\{n\}|c|h|g|e)\^\{1\}_\{\d+,\d+\}$|^\\delta\^\{1\}_\{[ifcozrn],|^\\left\[\\left\(U\^\{1\}_\{n\}|^u\^\{1\}_\{n,\d+\}$/;

function check(out: TexWriter, expected: Map<string, number>): void {
  const recorded = out.values().values.filter((r) => WORKING.test(r.label));
  const wrong = recorded.flatMap((r) => {
    const want = expected.get(r.label);
    const value = Number(r.value);
    if (want === undefined) return [`no independent value for ${r.label}`];
    return Math.abs(want - value) <= 1e-12 * Math.max(1, Math.abs(want)) ? [] : [`${r.label}: ${value} vs ${want}`];
  });
  expect(wrong).toEqual([]);
  const shown = new Set(recorded.map((r) => r.label));
  // h_0, c_0 = 0 are not printed as numbers unless a factor reads them
  expect([...expected.keys()].filter((label) => !shown.has(label) && !/_\{0,/.test(label))).toEqual([]);
}

describe('the worked δ\'s of gated layers, recomputed in plain loops', () => {
  it('LSTM, many-to-one, T = 3: e_t by its two paths, δ_i, δ_f, δ_c, δ_o with their factors', () => {
    const { params, x, y, out } = compiled({ layers: [lstm(H), dense(1, 'linear')], T: 3 });
    const expected = lstmExpected(params, x, y, false);
    check(out, expected);
    const body = out.body();
    expect(body).toContain('e^{1}_{2,1} &= g^{1}_{2,1} \\, o^{1}_{2,1} \\left(1 - \\tanh^{2} c^{1}_{2,1}\\right) + e^{1}_{3,1} \\, f^{1}_{3,1}');
    expect(body).toContain('\\delta^{1}_{o,3,1} &= g^{1}_{3,1} \\tanh c^{1}_{3,1}');
    expect(out.values().values.filter((r) => r.label.startsWith('\\delta^{1}_{')).length).toBeGreaterThanOrEqual(4 * H * 3);
  });

  it('LSTM, many-to-many, truncated to k = 2 of T = 4: no path from step t + 1 at the end of a window', () => {
    const { params, x, y, out } = compiled({ layers: [lstm(H, { returnSequences: true }), dense(1, 'linear')], extra: { bptt: { truncate: 2 } }, T: 4 });
    check(out, lstmExpected(params, x, y, true, 2));
    const row = (t: number) => out.body().split('\n').find((line) => line.startsWith(`e^{1}_{${t},1} &=`)) ?? '';
    expect(row(2)).not.toContain('e^{1}_{3,1}'); // the windows are [1, 2] and [3, 4]: step 2 ends one
    expect(row(4)).not.toContain('e^{1}_{5,1}');
    expect(row(1)).toContain('+ e^{1}_{2,1} \\, f^{1}_{2,1}');
    expect(row(3)).toContain('+ e^{1}_{4,1} \\, f^{1}_{4,1}');
  });

  it('GRU, many-to-one, T = 3: δ_n, δ_z, [U_nᵀ δ_n]_k term by term, δ_r', () => {
    const { params, x, y, out } = compiled({ layers: [gru(H), dense(1, 'linear')], T: 3 });
    check(out, gruExpected(params, x, y, false));
    expect(out.body()).toContain('\\left[\\left(U^{1}_{n}\\right)^{\\top} \\delta^{1}_{n,2}\\right]_{1} &= \\sum_{j} u^{1}_{n,j1} \\delta^{1}_{n,2,j}');
  });

  it('GRU, many-to-many, truncated to k = 2 of T = 4', () => {
    const { params, x, y, out } = compiled({ layers: [gru(H, { returnSequences: true }), dense(1, 'linear')], extra: { bptt: { truncate: 2 } }, T: 4 });
    check(out, gruExpected(params, x, y, true, 2));
  });

  it('an Elman layer under an LSTM: its path from the layer above sums over the LSTM\'s gates', () => {
    const { out } = compiled({ layers: [rnn(H), lstm(H), dense(1, 'linear')], T: 2 });
    expect(out.body()).toContain('g^{1}_{2,1} &= \\left[\\sum_{q} \\left(W^{2}_{q}\\right)^{\\top} \\delta^{2}_{q,2}\\right]_{1} = ');
    expect(out.body()).not.toContain('\\left(W^{2}\\right)^{\\top} \\delta^{2}_{2}');
  });

  it('each δ printed is the trainer\'s bias term at its step (the table of terms)', () => {
    const { out } = compiled({ layers: [lstm(H), dense(1, 'linear')], T: 3 });
    const values = new Map(out.values().values.map((r) => [r.label, Number(r.value)]));
    for (let t = 1; t <= 3; t++) {
      for (const q of ['i', 'f', 'c', 'o']) {
        for (let u = 1; u <= H; u++) {
          expect(values.get(`\\delta^{1}_{${q},${t},${u}}`)).toBe(values.get(`\\partial L / \\partial b^{1}_{${q},${u}} \\text{ term at } t = ${t}`));
        }
      }
    }
  });
});
