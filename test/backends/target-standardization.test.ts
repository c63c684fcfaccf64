// Target standardization for regression (issue 12, item 18): with
// standardize: { inputs: true, targets: true } fit computes the targets' mean
// and std on the training rows, trains on ŷ = (y − μ_y) / σ_y, and predict,
// predictBatch and evaluate answer in the targets' own units; the
// standardization is saved and checked on load; classification losses and
// bounded outputs refuse it at the option (test/network-errors.test.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { dense, loadTrainer, networkModuleSource, testNetwork } from '../helpers/network-module.js';
import { reference } from '../helpers/network-reference.js';
import { loadDiabetes, trainTestSplit, type Dataset } from '../../examples/data.js';
import type { CompiledNetwork } from '../../src/compile/network/compile-network.js';
import { typeCheck } from '../helpers/generated-module.js';
import { columnStats } from '../helpers/column-stats.js';

interface Regressor {
  readonly params: readonly Float64Array[];
  readonly grads: readonly Float64Array[];
  readonly paramNames: readonly string[];
  readonly lastLoss: number;
  lossAndGradient(X: Float64Array, Y: Float64Array, n: number): void;
  step(): void;
  trainStep(X: Float64Array, Y: Float64Array, n: number): void;
  dataLoss(X: Float64Array, Y: Float64Array, n: number, out: Float64Array): number;
  reseed(seed: number): void;
  initialize(seed?: number): void;
  fit(data: { X: Float64Array; Y: Float64Array; n: number }, options: { epochs: number; seed?: number }): unknown;
  evaluate(data: { X: Float64Array; Y: Float64Array; n: number }): { loss: number; rmse?: number };
  predict(x: Float64Array, out: Float64Array): void;
  predictBatch(X: Float64Array, n: number, out: Float64Array): void;
  toJSON(): { standardization?: { mean: number[]; std: number[] }; targetStandardization?: { mean: number[]; std: number[] } };
  loadJSON(json: unknown): void;
  setStandardization(which: 'inputs' | 'targets', mean: ArrayLike<number>, std: ArrayLike<number>): void;
}

const layers = [dense(16, 'tanh'), dense(1, 'linear')];
const optimizer = { kind: 'adam', lr: 0.01, batchSize: 32 } as const;
const raw = testNetwork({ inputs: 10, layers, loss: 'mse', optimizer, standardize: true });
const standardized = testNetwork({ inputs: 10, layers, loss: 'mse', optimizer, standardize: { inputs: true, targets: true } });

function rmseOf(predicted: Float64Array, Y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < Y.length; i++) s += (predicted[i] - Y[i]) ** 2;
  return Math.sqrt(s / Y.length);
}

function predictions(model: Regressor, data: Dataset): Float64Array {
  const out = new Float64Array(data.n);
  model.predictBatch(data.X, data.n, out);
  return out;
}

let Raw: new (seed?: number) => Regressor;
let Standardized: new (seed?: number) => Regressor;
let compiled: CompiledNetwork;
let code: string;
const { train, test } = trainTestSplit(loadDiabetes(), 7);

beforeAll(async () => {
  const a = await loadTrainer(raw);
  const b = await loadTrainer(standardized);
  Raw = a.Trainer as unknown as typeof Raw;
  Standardized = b.Trainer as unknown as typeof Standardized;
  compiled = b.compiled;
  code = b.code;
});

describe('standardize: { inputs: true, targets: true } on diabetes (raw targets, mean ≈ 152)', () => {
  it('trains to a clearly lower test error than the same network on raw targets, in the same epochs', () => {
    const epochs = 40;
    const a = new Raw(3);
    const b = new Standardized(3);
    a.fit(train, { epochs });
    b.fit(train, { epochs });
    const rawRmse = rmseOf(predictions(a, test), test.Y);
    const standardizedRmse = rmseOf(predictions(b, test), test.Y);
    // The mean of the training targets as the prediction for every test row: the bar a model must clear.
    const { mean } = columnStats(train.Y, train.n, 1);
    const meanRmse = rmseOf(new Float64Array(test.n).fill(mean[0]), test.Y);
    expect(standardizedRmse).toBeLessThan(meanRmse);
    expect(rawRmse).toBeGreaterThan(meanRmse); // Adam moves the output bias by about lr a step: far from 152 still
    // evaluate reports the same RMSE, in the targets' units
    expect(b.evaluate(test).rmse).toBeCloseTo(standardizedRmse, 9);
  });

  it('predicts in the targets’ units: μ_y + σ_y × the network’s output on standardized inputs (the IR interpreter)', () => {
    const model = new Standardized(5);
    model.fit(train, { epochs: 3 });
    const x = columnStats(train.X, train.n, 10);
    const y = columnStats(train.Y, train.n, 1);
    const X = test.X.map((v, i) => (v - x.mean[i % 10]) / x.std[i % 10]);
    const Y = test.Y.map((v) => (v - y.mean[0]) / y.std[0]);
    const network = reference(compiled, model, { X, Y, n: test.n }).outputs;
    const expected = Array.from(network, (a) => y.mean[0] + y.std[0] * a);
    const got = predictions(model, test);
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 9));
    const one = new Float64Array(1);
    model.predict(test.X.subarray(0, 10), one);
    expect(one[0]).toBeCloseTo(expected[0], 9);
    // the stored statistics are the training targets' own
    const saved = model.toJSON().targetStandardization;
    expect(saved?.mean[0]).toBeCloseTo(y.mean[0], 9);
    expect(saved?.std[0]).toBeCloseTo(y.std[0], 9);
    // evaluate's loss: the mean of ½ (prediction − y)² in the targets' units, not the training loss
    const half = got.reduce((s, v, i) => s + 0.5 * (v - test.Y[i]) ** 2, 0) / test.n;
    expect(model.evaluate(test).loss).toBeCloseTo(half, 6);
  });

  it('saves and loads the target standardization, and refuses JSON without it (or with it, for a model without)', () => {
    const model = new Standardized(5);
    model.fit(train, { epochs: 2 });
    const text = JSON.stringify(model.toJSON());
    const copy = new Standardized(9);
    copy.loadJSON(text);
    expect(Array.from(predictions(copy, test))).toEqual(Array.from(predictions(model, test)));
    const { targetStandardization: _, ...without } = JSON.parse(text) as Record<string, unknown>;
    expect(() => new Standardized().loadJSON(without)).toThrow(
      'the model standardizes its targets, but the JSON has no targetStandardization (saved before fit?)');
    expect(() => new Raw().loadJSON(text)).toThrow(
      'the JSON has a targetStandardization, but this model does not standardize its targets');
    const zero = { ...(JSON.parse(text) as object), targetStandardization: { mean: [150], std: [0] } };
    expect(() => new Standardized().loadJSON(zero)).toThrow('targetStandardization.std must be positive');
  });

  it('takes a given standardization instead of fitting one', () => {
    const model = new Standardized(5);
    model.setStandardization('targets', [100], [50]);
    model.fit(train, { epochs: 1 });
    expect(model.toJSON().targetStandardization).toEqual({ mean: [100], std: [50] });
    expect(() => new Raw().setStandardization('targets', [100], [50])).toThrow('this model does not standardize its targets');
    expect(() => model.setStandardization('targets', [100, 1], [50, 1])).toThrow('targets.mean must be 1 number, got 2 numbers');
  });

  it('the generated module type-checks, and states the flag', () => {
    expect(code).toContain('readonly standardizeTargets = true;');
    expect(typeCheck(code)).toEqual([]);
  });
});

describe('standardize: true', () => {
  it('still means the inputs only', async () => {
    const { code: text } = await networkModuleSource({ Net: testNetwork({ layers: [dense(2, 'linear')], loss: 'mse', standardize: true }) });
    expect(text).toContain('readonly standardizeInputs = true;');
    expect(text).toContain('readonly standardizeTargets = false;');
  });
});
