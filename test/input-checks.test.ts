// A generated trainer's public entry points check the sizes of what they are
// given, and a NaN input is not hidden (issue 12, item 2).
import { beforeAll, describe, expect, it } from 'vitest';
import { dense, loadTrainer, lossOf, testNetwork, type Trainer } from './helpers/network-module.js';

interface Predicting extends Trainer {
  predict(x: Float64Array, out: Float64Array): void;
  gradientNorms(out: Float64Array): void;
  fit(data: { X: Float64Array; Y: Float64Array; n: number }, options: { epochs: number }): unknown;
}

let net: Predicting;
beforeAll(async () => {
  // 3 inputs, relu hidden layer, 2 outputs
  const { Trainer } = await loadTrainer(testNetwork({ layers: [dense(4, 'relu'), dense(2, 'softmax')], loss: 'cce' }));
  net = new Trainer() as Predicting;
});

const f = (n: number) => new Float64Array(n);

describe('sizes are checked', () => {
  it.each([
    { call: () => net.predict(f(0), f(2)), message: 'Net.predict: 1 row of 3 inputs needs 3 numbers, got 0' },
    { call: () => net.predict(f(2), f(2)), message: 'Net.predict: 1 row of 3 inputs needs 3 numbers, got 2' },
    { call: () => net.predict(f(3), f(1)), message: 'Net.predict: out needs 2 numbers (1 × 2), got 1' },
    { call: () => net.predictBatch(f(6), 3, f(6)), message: 'Net.predictBatch: 3 rows of 3 inputs need 9 numbers, got 6' },
    { call: () => net.predictBatch(f(9), 3, f(4)), message: 'Net.predictBatch: out needs 6 numbers (3 × 2), got 4' },
    { call: () => net.predictBatch(f(9), 0, f(6)), message: 'Net.predictBatch: n must be a positive integer, got 0' },
    { call: () => net.lossAndGradient(f(9), f(6), 4), message: 'Net.lossAndGradient: 4 rows of 3 inputs need 12 numbers, got 9' },
    { call: () => net.lossAndGradient(f(9), f(5), 3), message: 'Net.lossAndGradient: Y needs 6 numbers (3 × 2), got 5' },
    { call: () => net.lossAndGradient(f(9), f(6), 1.5), message: 'Net.lossAndGradient: n must be a positive integer, got 1.5' },
    // one norm per layer: a short out would drop the second layer's norm without a word
    { call: () => net.gradientNorms(f(1)), message: 'Net.gradientNorms: out needs 2 numbers (one per layer), got 1' },
  ])('$message', ({ call, message }) => {
    expect(call).toThrow(message);
  });

  it('counts of one are said in the singular (1 row, 1 number)', async () => {
    const { Trainer } = await loadTrainer(testNetwork({ inputs: 1, layers: [dense(1, 'linear')], loss: 'mse' }));
    const one = new Trainer() as Predicting;
    expect(() => one.predict(f(0), f(1))).toThrow('Net.predict: 1 row of 1 input needs 1 number, got 0');
    expect(() => one.predict(f(1), f(0))).toThrow('Net.predict: out needs 1 number (1 × 1), got 0');
    expect(() => one.gradientNorms(f(0))).toThrow('Net.gradientNorms: out needs 1 number (one per layer), got 0');
    expect(() => one.fit({ X: f(2), Y: f(1), n: 1 }, { epochs: 1 })).toThrow(
      'Net: training data: X must hold n×1 = 1 number and Y n×1 = 1, got 2 and 1');
  });

  it('the right sizes (and longer arrays, e.g. a buffer reused for fewer rows) pass', () => {
    const out = f(4);
    net.predictBatch(f(9), 2, out);
    expect(Number.isFinite(lossOf(net, f(9), Float64Array.of(1, 0, 0, 1, 1, 0), 3))).toBe(true);
  });
});

describe('NaN is not hidden', () => {
  it('a NaN input gives NaN outputs through a relu layer', () => {
    const out = f(2);
    net.predict(Float64Array.of(NaN, 0, 0), out);
    expect([...out].every(Number.isNaN)).toBe(true);
  });
});

describe('classification targets are checked once per fit (item 3)', () => {
  it.each([
    { spec: { layers: [dense(2, 'softmax')], loss: 'cce' as const }, Y: [1, 0, 0.5, 0.4], message: 'Net: training data: row 1 of Y sums to 0.9, not 1; cce targets are one-hot rows' },
    { spec: { layers: [dense(2, 'softmax')], loss: 'cce' as const }, Y: [1, 0, 2, -1], message: 'Net: training data: row 1 of Y has 2; cce targets are between 0 and 1 (one-hot rows)' },
    { spec: { layers: [dense(1, 'sigmoid')], loss: 'bce' as const }, Y: [0, 2], message: 'Net: training data: row 1 of Y has 2; bce targets are between 0 and 1 (class labels 0 and 1)' },
    { spec: { layers: [dense(1, 'sigmoid')], loss: 'bce' as const }, Y: [-1, 1], message: 'Net: training data: row 0 of Y has -1; bce targets are between 0 and 1' },
  ])('$message', async ({ spec, Y, message }) => {
    const { Trainer } = await loadTrainer(testNetwork(spec));
    const trainer = new Trainer() as unknown as { fit(d: { X: Float64Array; Y: Float64Array; n: number }, o: { epochs: number }): unknown };
    expect(() => trainer.fit({ X: f(6), Y: Float64Array.from(Y), n: 2 }, { epochs: 1 })).toThrow(message);
    expect(() => trainer.fit({ X: f(6), Y: Float64Array.from(Y.map((_, i) => (spec.loss === 'cce' ? Number(i % 2 === 0) : i % 2))), n: 2 }, { epochs: 1 })).not.toThrow();
  });
});
