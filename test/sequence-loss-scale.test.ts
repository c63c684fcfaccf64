/**
 * A sequence network's loss convention: reduction 'sum' adds the sequences' losses (no 1/n), 'mean' averages them;
 * lossOverSteps 'mean' divides by T. The trainer's loss and gradient scale exactly so, the worked notes' scale
 * (lossScale) is the trainer's, and dataLoss (evaluate) stays the mean per sequence whatever the reduction.
 */
import { describe, expect, it } from 'vitest';
import { dense, lstm, rnn } from '../src/dsl/network.js';
import { validateSequenceNetwork } from '../src/compile/network/validate-sequence.js';
import { compileSequenceNetwork } from '../src/compile/network/compile-sequence.js';
import { lossScale } from '../src/compile/network/sequence-worked-values.js';
import { loadSequenceTrainer, randomSequences, testSequenceNetwork } from './helpers/sequence-module.js';

const n = 3;
const T = 4;

const cases = [
  { what: 'rnn many-to-one', layers: [rnn(3, 'tanh'), dense(2)] },
  { what: 'lstm many-to-many, mean over steps', layers: [lstm(2, { returnSequences: true }), dense(1)] },
];

describe('the loss convention of a sequence network', () => {
  it.each(cases)('$what: the sum over the batch is n × the mean, loss and every gradient entry', async ({ layers }) => {
    const mean = testSequenceNetwork({ layers, loss: { kind: 'mse', reduction: 'mean' } });
    const sum = testSequenceNetwork({ layers, loss: { kind: 'mse', reduction: 'sum' } });
    const { Trainer: Mean } = await loadSequenceTrainer(mean, 'Mean');
    const { Trainer: Sum } = await loadSequenceTrainer(sum, 'Sum');
    const data = randomSequences(mean, n, T, 5);
    const [a, b] = [new Mean(7), new Sum(7)];
    a.lossAndGradient(data.X, data.Y, n);
    b.lossAndGradient(data.X, data.Y, n);
    expect(b.lastLoss).toBeCloseTo(n * a.lastLoss, 12);
    a.grads.forEach((g, k) => g.forEach((v, i) => expect(b.grads[k][i]).toBeCloseTo(n * v, 12)));
    // evaluate's loss: the mean per sequence for both
    const [outA, outB] = [new Float64Array(data.Y.length), new Float64Array(data.Y.length)];
    expect(b.dataLoss(data.X, data.Y, n, outB)).toBeCloseTo(a.dataLoss(data.X, data.Y, n, outA), 12);
  }, 120_000);

  it('the worked notes scale the loss as the trainer does', () => {
    const manyToMany = [lstm(2, { returnSequences: true }), dense(1)];
    const scale = (reduction: 'mean' | 'sum', lossOverSteps: 'mean' | 'sum') =>
      lossScale(compileSequenceNetwork('S', validateSequenceNetwork(testSequenceNetwork({ layers: manyToMany, loss: { kind: 'mse', reduction }, lossOverSteps }))), T, n);
    expect(scale('mean', 'mean')).toBeCloseTo(1 / (n * T), 15);
    expect(scale('sum', 'mean')).toBeCloseTo(1 / T, 15);
    expect(scale('mean', 'sum')).toBeCloseTo(1 / n, 15);
    expect(scale('sum', 'sum')).toBe(1);
  });
});
