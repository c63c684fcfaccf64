// The worked numbers of one BPTT step (src/compile/network/sequence-worked-values.ts),
// computed by the IR interpreter on the graphs the trainer is printed from,
// against an independent computation: the hand-written BPTT of the recurrent
// benchmark (itself checked against finite differences), central differences
// of the loss for every kind and for many-to-many, and, for truncated BPTT,
// the full BPTT's per-step terms inside the window and nothing before it.
import { describe, expect, it } from 'vitest';
import { dense, gru, lstm, network, rnn, type Layer, type SequenceNetworkSpecInput } from '../src/dsl/network.js';
import { validateSequenceNetwork } from '../src/compile/network/validate-sequence.js';
import { compileSequenceNetwork } from '../src/compile/network/compile-sequence.js';
import { type SequenceExample, sequenceWorkedValues } from '../src/compile/network/sequence-worked-values.js';
import { FD_STEP, isClose } from './helpers/numeric.js';
import { seededRandom } from './helpers/random.js';

interface Handwritten {
  params: Float64Array[];
  grads: Float64Array[];
  lossAndGradient(X: Float64Array, Y: Float64Array, n: number): number;
}
type HandwrittenClass = new (o: { inputs: number; units: number; outputs: number; steps: number; maxBatch: number; lr: number }) => Handwritten;
const bench = async (path: string) => import(new URL(`../bench/recurrent/${path}`, import.meta.url).href);
const { HandwrittenElman } = (await bench('handwritten-elman.mjs')) as { HandwrittenElman: HandwrittenClass };
const { HandwrittenLSTM } = (await bench('handwritten-lstm.mjs')) as { HandwrittenLSTM: HandwrittenClass };

const F = 2;
const H = 3;
const T = 3;

function compile(layers: Layer[], extra: Partial<SequenceNetworkSpecInput> = {}) {
  const spec = network({ inputs: { sequence: F }, layers, loss: 'mse', optimizer: { kind: 'sgd', lr: 0.1 }, ...extra });
  return compileSequenceNetwork('Net', validateSequenceNetwork(spec));
}

/** Random values for every parameter of the layout, a random sequence and target. */
function example(net: ReturnType<typeof compile>, seed: number, steps = T): SequenceExample {
  const random = seededRandom(seed);
  const u = () => Math.round((2 * random() - 1) * 100) / 100;
  const params = Object.fromEntries(net.layout.map((p) => [p.name, Array.from({ length: p.shape.reduce((a, b) => a * b, 1) }, u)]));
  const outputs = net.layout[net.layout.length - 1].shape[0];
  const rows = (count: number, width: number) => Array.from({ length: count }, () => Array.from({ length: width }, u));
  return { x: rows(steps, F), y: rows(net.spec.returnSequences ? steps : 1, outputs), params };
}

/** The loss of the example with one parameter entry moved by h (forward only). */
function lossAt(net: ReturnType<typeof compile>, ex: SequenceExample, name: string, i: number, h: number): number {
  const moved = [...ex.params[name]];
  moved[i] += h;
  return sequenceWorkedValues(net, { ...ex, params: { ...ex.params, [name]: moved } }).loss;
}

function expectFiniteDifferences(net: ReturnType<typeof compile>, ex: SequenceExample): void {
  const v = sequenceWorkedValues(net, ex);
  const wrong: string[] = [];
  net.layout.forEach((p, k) => {
    v.gradient[k].forEach((g, i) => {
      const fd = (lossAt(net, ex, p.name, i, FD_STEP) - lossAt(net, ex, p.name, i, -FD_STEP)) / (2 * FD_STEP);
      if (!isClose(g, fd, 1e-6, 1e-9)) wrong.push(`${p.name}[${i}]: ${g} vs ${fd}`);
    });
  });
  expect(wrong).toEqual([]);
}

describe('sequenceWorkedValues', () => {
  it('agrees with the hand-written BPTT of an Elman RNN, number for number', () => {
    const net = compile([rnn(H, 'tanh'), dense(1, 'linear')]);
    const ex = example(net, 1);
    const v = sequenceWorkedValues(net, ex);
    const hand = new HandwrittenElman({ inputs: F, units: H, outputs: 1, steps: T, maxBatch: 1, lr: 0.1 });
    ['W1', 'U1', 'b1', 'W2', 'b2'].forEach((name, k) => hand.params[k].set(ex.params[name]));
    const loss = hand.lossAndGradient(Float64Array.from(ex.x.flat()), Float64Array.from(ex.y.flat()), 1);
    expect(v.loss).toBeCloseTo(loss, 14);
    hand.grads.forEach((g, k) => Array.from(g).forEach((value, i) => expect(v.gradient[k][i]).toBeCloseTo(value, 13)));
    expect(v.states[T][0].length).toBe(H);
    expect(v.states[0][0]).toEqual([0, 0, 0]);
  });

  it('agrees with the hand-written BPTT of an LSTM (gates stacked i, f, c̃, o)', () => {
    const net = compile([lstm(H), dense(1, 'linear')]);
    const ex = example(net, 2);
    const v = sequenceWorkedValues(net, ex);
    const hand = new HandwrittenLSTM({ inputs: F, units: H, outputs: 1, steps: T, maxBatch: 1, lr: 0.1 });
    const stacked = (p: string) => ['i', 'f', 'c', 'o'].flatMap((q) => ex.params[`${p}${q}1`]);
    [stacked('W'), stacked('U'), stacked('b'), ex.params.W2, ex.params.b2].forEach((values, k) => hand.params[k].set(values));
    const loss = hand.lossAndGradient(Float64Array.from(ex.x.flat()), Float64Array.from(ex.y.flat()), 1);
    expect(v.loss).toBeCloseTo(loss, 14);
    const byName = new Map(net.layout.map((p, k) => [p.name, v.gradient[k]]));
    const gathered = [...['W', 'U', 'b'].map((p) => ['i', 'f', 'c', 'o'].flatMap((q) => byName.get(`${p}${q}1`) ?? [])), byName.get('W2'), byName.get('b2')];
    hand.grads.forEach((g, k) => Array.from(g).forEach((value, i) => expect(gathered[k]?.[i]).toBeCloseTo(value, 13)));
    expect(v.stateNames).toEqual(['h1', 'c1']);
  });

  it.each([
    ['rnn relu', () => compile([rnn(H, 'relu'), dense(2, 'linear')])],
    ['gru', () => compile([gru(H), dense(1, 'linear')])],
    ['two stacked layers', () => compile([lstm(2), rnn(H, 'tanh'), dense(1, 'linear')])],
    ['many-to-many, mean over steps', () => compile([gru(H, { returnSequences: true }), dense(1, 'linear')])],
    ['many-to-many, sum over steps', () => compile([lstm(H, { returnSequences: true }), dense(1, 'linear')], { lossOverSteps: 'sum' })],
  ])('gives the gradient of its loss (central differences): %s', (_name, make) => {
    const net = make();
    expectFiniteDifferences(net, example(net, 3));
  });

  it('splits ∂L/∂h_t into the path through the loss at t and the path through step t + 1', () => {
    const net = compile([rnn(H, 'tanh', { returnSequences: true }), dense(1, 'linear')]);
    const v = sequenceWorkedValues(net, example(net, 4));
    for (let t = 1; t <= T; t++) {
      v.adjoint[t - 1][0].forEach((g, i) => expect(g).toBeCloseTo(v.fromLoss[t - 1][0][i] + v.fromNext[t - 1][0][i], 15));
      expect(v.fromLoss[t - 1][0].some((g) => g !== 0)).toBe(true); // every step has a loss
    }
    expect(v.fromNext[T - 1][0]).toEqual([0, 0, 0]); // nothing comes back from beyond T
    expect(v.scale).toBeCloseTo(1 / T, 15);
  });

  it('truncated to k steps: the full BPTT terms inside the last window, nothing before it (many-to-one)', () => {
    const full = compile([rnn(H, 'tanh'), dense(1, 'linear')]);
    const truncated = compile([rnn(H, 'tanh'), dense(1, 'linear')], { bptt: { truncate: 2 } });
    const ex = example(full, 5, 5);
    const a = sequenceWorkedValues(full, ex);
    const b = sequenceWorkedValues(truncated, ex);
    expect(b.windows).toEqual([{ first: 1, last: 1 }, { first: 2, last: 3 }, { first: 4, last: 5 }]);
    expect(b.loss).toBe(a.loss);
    for (let t = 1; t <= 5; t++) {
      b.terms[t - 1].forEach((term, p) => term.forEach((value, i) => expect(value).toBe(t >= 4 ? a.terms[t - 1][p][i] : 0)));
    }
    expect(b.gradient.slice(3)).toEqual(a.gradient.slice(3)); // the head's gradient is not truncated
  });
});
