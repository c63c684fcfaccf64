// The generated sequence trainer as a user runs it: predictions against an
// independent plain-JS forward pass (any T, growing the arrays), save/load,
// fit with progress, the per-step gradient norms, clipping, tsc --strict, and
// no allocation in the hot path (syntax check, and GC counts in a child
// process that calls from a site V8 never optimizes, inlining off).
import { describe, expect, it } from 'vitest';
import { dense, gru, lstm, rnn } from '../../src/dsl/network.js';
import { findAllocations } from '../helpers/allocation-free.js';
import { childGcResults } from '../helpers/gc-child-run.js';
import { typeCheck } from '../helpers/generated-module.js';
import { loadSequenceTrainer, paramsOf, randomSequences, referenceOf, sequenceModuleSource, testSequenceNetwork } from '../helpers/sequence-module.js';
import { predict as referencePredict } from '../helpers/sequence-reference.js';

const manyToOne = testSequenceNetwork({ layers: [lstm(4), dense(2, 'tanh'), dense(1)], optimizer: { kind: 'adam', lr: 0.01 } });
const manyToMany = testSequenceNetwork({ layers: [rnn(3), gru(4, { returnSequences: true }), dense(2, 'sigmoid')], loss: 'bce', bptt: { truncate: 4 } });

describe('predictions: the same math as an independent forward pass, for any sequence length', () => {
  it.each([
    { what: 'many-to-one lstm', spec: manyToOne },
    { what: 'many-to-many rnn → gru (truncated training, full prediction)', spec: manyToMany },
  ])('$what', async ({ spec }) => {
    const { Trainer } = await loadSequenceTrainer(spec);
    const trainer = new Trainer();
    const net = referenceOf(spec);
    for (const [n, T] of [[3, 2], [2, 9], [5, 30], [1, 1]]) { // T and n grow and shrink: one compiled trainer
      const data = randomSequences(spec, n, T, n * 100 + T);
      const expected = referencePredict(net, paramsOf(trainer), data.X, n, T);
      const out = new Float64Array(expected.length);
      trainer.predictBatch(data.X, n, out);
      expect(trainer.sequenceLength).toBe(T);
      expected.forEach((v, i) => expect(out[i]).toBeCloseTo(v, 12));
      const one = new Float64Array(expected.length / n);
      trainer.predict(data.X.subarray(0, T * net.features), one);
      one.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
    }
  }, 60_000);

  it('refuses X that is not n whole sequences', async () => {
    const { Trainer } = await loadSequenceTrainer(manyToOne);
    const trainer = new Trainer();
    expect(() => trainer.predictBatch(new Float64Array(7), 2, new Float64Array(2))).toThrow(/X holds 7 numbers, not n = 2 sequences of T steps × 2 features/);
    expect(() => { trainer.sequenceLength = 0; }).toThrow(/sequence length must be a positive integer, got 0/);
  }, 60_000);
});

describe('training', () => {
  it('fit learns a task that needs memory (the sign of the first step), with progress lines; save/load round trip', async () => {
    const spec = testSequenceNetwork({
      inputs: { sequence: 1 },
      layers: [gru(6), dense(1, 'sigmoid')],
      loss: 'bce',
      optimizer: { kind: 'adam', lr: 0.03, batchSize: 16 },
      clip: { norm: 1 },
    });
    const { Trainer } = await loadSequenceTrainer(spec);
    const trainer = new Trainer();
    const n = 128;
    const T = 6;
    const X = new Float64Array(n * T);
    const Y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < T; t++) X[i * T + t] = Math.sin(i * 7.3 + t * 1.9) * 0.5;
      X[i * T] = i % 2 === 0 ? 1 : -1;
      Y[i] = i % 2 === 0 ? 1 : 0;
    }
    const lines: string[] = [];
    const before = trainer.evaluate({ X, Y, n });
    const result = trainer.fit({ X, Y, n }, { epochs: 40, verbose: true, progressEvery: 10, log: (l: string) => lines.push(l) });
    const after = trainer.evaluate({ X, Y, n });
    expect(lines.length).toBe(4);
    expect(lines[3]).toMatch(/^epoch 40\/40 {2}loss \S+ {2}acc/);
    expect(result.history[39].loss).toBeLessThan(result.history[0].loss);
    expect(after.loss).toBeLessThan(before.loss / 4);
    expect(after.accuracy).toBe(1);

    const copy = new Trainer(99);
    copy.loadJSON(JSON.stringify(trainer.toJSON()));
    const [a, b] = [new Float64Array(n), new Float64Array(n)];
    trainer.predictBatch(X, n, a);
    copy.predictBatch(X, n, b);
    expect(Array.from(b)).toEqual(Array.from(a));
  }, 120_000);

  it('‖∂L/∂h_t‖ per step: the head\'s δ at the last step, 0 before the window of truncated BPTT', async () => {
    const spec = testSequenceNetwork({ layers: [rnn(3), dense(1)], bptt: { truncate: 3 } });
    const { Trainer } = await loadSequenceTrainer(spec);
    const trainer = new Trainer();
    const data = randomSequences(spec, 4, 8, 3);
    trainer.sequenceLength = 8;
    trainer.lossAndGradient(data.X, data.Y, data.n);
    const norms = Array.from(trainer.hiddenGradientNorms());
    expect(norms.length).toBe(8);
    expect(norms.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    norms.slice(5).forEach((v) => expect(v).toBeGreaterThan(0));
    // ∂L/∂h_{T−1} of a linear head under mse: (1/n)(ŷ − y) W2, row by row
    const prediction = new Float64Array(4);
    trainer.predictBatch(data.X, 4, prediction);
    const W2 = paramsOf(trainer).W2;
    let squares = 0;
    for (let i = 0; i < 4; i++) for (let j = 0; j < 3; j++) squares += ((prediction[i] - data.Y[i]) / 4 * W2[j]) ** 2;
    expect(norms[7]).toBeCloseTo(Math.sqrt(squares), 12);
  }, 60_000);

  it('clipping applies to the summed gradient: one sgd step moves θ by at most lr · c', async () => {
    const spec = testSequenceNetwork({ layers: [lstm(3), dense(1)], clip: { norm: 1e-3 }, optimizer: { kind: 'sgd', lr: 0.5 } });
    const { Trainer } = await loadSequenceTrainer(spec);
    const trainer = new Trainer();
    const data = randomSequences(spec, 4, 5, 8);
    trainer.sequenceLength = 5;
    const before = trainer.params.map((p) => Float64Array.from(p));
    trainer.lossAndGradient(data.X, data.Y, data.n);
    trainer.step();
    const moved = Math.sqrt(trainer.params.reduce((s, p, k) => s + p.reduce((t, v, i) => t + (v - before[k][i]) ** 2, 0), 0));
    expect(moved).toBeCloseTo(0.5 * 1e-3, 12);
  }, 60_000);

  it('reports the memory of the stored steps: O(T·n·units), O(k·n·units) truncated', async () => {
    const { Trainer, code } = await loadSequenceTrainer(testSequenceNetwork({ layers: [lstm(4), dense(1)] }));
    const { Trainer: Truncated } = await loadSequenceTrainer(testSequenceNetwork({ layers: [lstm(4), dense(1)], bptt: { truncate: 5 } }));
    // per step and sequence: h and c (4 + 4, one more step for the initial state), the gates i, f, c̃, o (16)
    expect(new Trainer().bpttMemoryBytes(32, 50)).toBe(8 * 32 * (8 * 51 + 16 * 50));
    expect(new Truncated().bpttMemoryBytes(32, 50)).toBe(8 * 32 * (8 * 6 + 16 * 5));
    expect(code).toMatch(/Memory of the stored steps: 24 numbers per step and sequence/);
  }, 60_000);
});

describe('the generated code', () => {
  const HOT = /^Seq\w*\.(computeLossAndGradient|step|forwardBatch|dataLoss|forwardStep|inferStep|reverseStep|headTrain|headPredict|headEvaluate)$|^SequenceTrainer\.(gatherStep|scatterStep|copyRows|addBlock|normInto)$|^NetworkTrainer\.copyBlock$|^matmul/;

  it('allocates nothing in the step programs, the loops over time and the kernels; type-checks with tsc --strict', async () => {
    const { code } = await sequenceModuleSource({ SeqA: manyToOne, SeqB: manyToMany });
    const hot: string[] = [];
    expect(findAllocations(code, { include: (name) => HOT.test(name) && hot.push(name) > 0 })).toEqual([]);
    expect(hot).toContain('SeqB.reverseStep');
    expect(hot).toContain('SequenceTrainer.gatherStep');
    expect(hot).toContain('SequenceTrainer.copyRows');
    expect(hot).toContain('NetworkTrainer.copyBlock');
    expect(typeCheck(code)).toEqual([]);
  }, 120_000);

  it('runs lossAndGradient, step, predictBatch and predict without allocating (child process, inlining off)', async () => {
    const specs = {
      SeqRnn: testSequenceNetwork({ layers: [rnn(5, 'relu'), dense(2)], optimizer: { kind: 'adam', lr: 0.001 }, clip: { norm: 1 } }),
      SeqLstm: manyToOne,
      SeqGru: manyToMany,
    };
    const { code } = await sequenceModuleSource(specs);
    const results = childGcResults(code, Object.keys(specs), 5000, { SEQUENCE_LENGTH: '12' });
    expect(results.map((r) => r.name)).toEqual(Object.keys(specs));
    // 5000 × 4 calls of 12 steps: one boxed double per step would be megabytes
    expect(results.filter((r) => r.events > 0 || r.youngBytes > 64 * 1024)).toEqual([]);
  }, 180_000);
});
