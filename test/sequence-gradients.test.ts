// Backpropagation through time: the generated trainer's gradients of every
// recurrent kind (stacked, many-to-one and many-to-many, full and truncated)
// against central finite differences — of the generated code's own loss for
// full BPTT, and of the truncated objective (the state carried into a window
// held constant) computed by an independent plain-JS forward pass for
// truncated BPTT.
import { describe, expect, it } from 'vitest';
import { dense, gru, lstm, rnn, type SequenceNetworkSpec } from '../src/dsl/network.js';
import { loadSequenceTrainer, paramsOf, randomSequences, referenceOf, type SequenceTrainer, testSequenceNetwork } from './helpers/sequence-module.js';
import { loss as referenceLoss } from './helpers/sequence-reference.js';
import { forEachCentralDifference, lossOf } from './helpers/network-module.js';

/**
 * max |analytic − FD| / max(1, |FD|) over every parameter entry, FD of `f` (the loss at the trainer's current
 * parameters); the analytic gradient is the trainer's as it stands (`f` may be a reference loss that leaves it alone).
 */
function worstError(trainer: SequenceTrainer, f: () => number): { worst: number; checked: number } {
  let worst = 0;
  let checked = 0;
  forEachCentralDifference(trainer, f, (analytic, fd) => {
    worst = Math.max(worst, Math.abs(analytic - fd) / Math.max(1, Math.abs(fd)));
    checked++;
  });
  return { worst, checked };
}

const CASES: { what: string; spec: SequenceNetworkSpec }[] = [
  { what: 'rnn tanh, many-to-one', spec: testSequenceNetwork({ layers: [rnn(3, 'tanh'), dense(2)] }) },
  { what: 'rnn relu, many-to-one', spec: testSequenceNetwork({ layers: [rnn(4, 'relu'), dense(1, 'tanh')] }) },
  { what: 'lstm, many-to-one, bce', spec: testSequenceNetwork({ layers: [lstm(3), dense(2, 'sigmoid')], loss: 'bce' }) },
  { what: 'gru, many-to-one', spec: testSequenceNetwork({ layers: [gru(3), dense(2)] }) },
  { what: 'stacked rnn → lstm → gru, two dense layers', spec: testSequenceNetwork({ layers: [rnn(3), lstm(2), gru(3), dense(3, 'tanh'), dense(1)] }) },
  { what: 'lstm many-to-many, mean over steps', spec: testSequenceNetwork({ layers: [lstm(3, { returnSequences: true }), dense(2)] }) },
  { what: 'stacked gru → rnn many-to-many, sum over steps, mae', spec: testSequenceNetwork({ layers: [gru(2), rnn(3, 'tanh', { returnSequences: true }), dense(1, 'sigmoid')], loss: 'bce', lossOverSteps: 'sum' }) },
];

describe('BPTT gradients against finite differences of the generated loss (full BPTT)', () => {
  it.each(CASES)('$what', async ({ spec }) => {
    const { Trainer } = await loadSequenceTrainer(spec);
    const trainer = new Trainer();
    const data = randomSequences(spec, 2, 4, 11);
    trainer.sequenceLength = data.T;
    const loss = lossOf(trainer, data.X, data.Y, data.n);
    // the same loss as the independent forward pass
    expect(loss).toBeCloseTo(referenceLoss(referenceOf(spec), paramsOf(trainer), data), 12);
    const { worst, checked } = worstError(trainer, () => lossOf(trainer, data.X, data.Y, data.n));
    expect(checked).toBeGreaterThan(10);
    expect(worst).toBeLessThan(1e-6);
  }, 60_000);
});

describe('truncated BPTT computes the gradient of the truncated objective', () => {
  const TRUNCATED = [
    { what: 'rnn many-to-one, k = 3 of T = 7', layers: [rnn(3), dense(1)], k: 3, T: 7 },
    { what: 'lstm many-to-many, k = 2 of T = 5', layers: [lstm(2, { returnSequences: true }), dense(2)], k: 2, T: 5 },
    { what: 'stacked rnn → gru many-to-many, k = 3 of T = 6 (windows divide T)', layers: [rnn(2), gru(3, { returnSequences: true }), dense(1)], k: 3, T: 6 },
  ];
  it.each(TRUNCATED)('$what', async ({ layers, k, T }) => {
    const spec = testSequenceNetwork({ layers, bptt: { truncate: k } });
    const { Trainer } = await loadSequenceTrainer(spec);
    const trainer = new Trainer();
    const data = randomSequences(spec, 2, T, 5);
    trainer.sequenceLength = T;
    const loss = lossOf(trainer, data.X, data.Y, data.n);
    const net = referenceOf(spec);
    const frozen = Object.fromEntries(Object.entries(paramsOf(trainer)).map(([name, p]) => [name, Float64Array.from(p)]));
    // the loss itself is not truncated: only its gradient is
    expect(loss).toBeCloseTo(referenceLoss(net, frozen, data), 12);
    const { worst } = worstError(trainer, () => referenceLoss(net, paramsOf(trainer), data, { k, frozen }));
    expect(worst).toBeLessThan(1e-6);
    // and it is not the full gradient: the windows cut a path the full one has
    const full = worstError(trainer, () => referenceLoss(net, paramsOf(trainer), data));
    expect(full.worst).toBeGreaterThan(1e-4);
  }, 60_000);

  it('a window as long as the sequence is full BPTT', async () => {
    const layers = [lstm(3), dense(1)];
    const { Trainer: Full } = await loadSequenceTrainer(testSequenceNetwork({ layers }));
    const { Trainer: Long } = await loadSequenceTrainer(testSequenceNetwork({ layers, bptt: { truncate: 6 } }));
    const data = randomSequences(testSequenceNetwork({ layers }), 3, 6, 2);
    const [a, b] = [new Full(), new Long()];
    a.sequenceLength = b.sequenceLength = 6;
    expect(lossOf(a, data.X, data.Y, 3)).toBe(lossOf(b, data.X, data.Y, 3));
    a.grads.forEach((g, k) => expect(Array.from(b.grads[k])).toEqual(Array.from(g)));
  }, 60_000);
});
