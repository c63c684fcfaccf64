// templates/trainer/ (its parts joined, as every generated trainer module
// starts with them): type-checks standalone and with a subclass under
// --strict (lib ES2022), keeps its per-step path allocation-free, and trains, validates, stops,
// standardizes, evaluates and serializes correctly — exercised through a
// hand-written subclass (test/helpers/trainer-fixture.ts) in place of the
// generated one.
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset, EpochInfo, ModelJSON } from '../templates/trainer/contract.js';
import { formatTypeScript } from '../src/backends/ts/format.js';
import { trainerTemplate } from '../src/backends/ts/trainer-template.js';
import { findAllocations } from './helpers/allocation-free.js';
import { measureGc } from './helpers/gc-events.js';
import { loadModule, typeCheck } from './helpers/generated-module.js';
import { columnStats } from './helpers/column-stats.js';
import { expectClose } from './helpers/numeric.js';
import { seededRandom } from './helpers/random.js';
import { TEST_NET_SOURCE, type TestNet, type TestNetClass, type TestNetConfig } from './helpers/trainer-fixture.js';

const TEMPLATE = trainerTemplate();
const SOURCE = `${TEMPLATE}\n${TEST_NET_SOURCE}`;

let TestNetCtor: TestNetClass;
beforeAll(async () => {
  TestNetCtor = (await loadModule(SOURCE)).TestNet as unknown as TestNetClass;
});
const make = (config: TestNetConfig): TestNet => new TestNetCtor(config);

// ---- data ------------------------------------------------------------------------

/** n rows of inputs uniform in [−1, 1) mapped through `target` (one row of Y per row of X). */
function dataset(n: number, inputs: number, outputs: number, target: (x: number[], y: number[]) => void, seed = 7): Dataset {
  const random = seededRandom(seed);
  const X = new Float64Array(n * inputs);
  const Y = new Float64Array(n * outputs);
  for (let r = 0; r < n; r++) {
    const x = Array.from({ length: inputs }, () => 2 * random() - 1);
    const y = new Array<number>(outputs).fill(0);
    target(x, y);
    X.set(x, r * inputs);
    Y.set(y, r * outputs);
  }
  return { X, Y, n };
}

/** y = 2 x₁ − 3 x₂ + 0.5 */
const linear = (n = 100, seed = 7) =>
  dataset(n, 2, 1, (x, y) => {
    y[0] = 2 * x[0] - 3 * x[1] + 0.5;
  }, seed);

/** The rows [from, to) of a dataset. */
function rows(d: Dataset, from: number, to: number): Dataset {
  const nIn = d.X.length / d.n;
  const nOut = d.Y.length / d.n;
  return { X: d.X.slice(from * nIn, to * nIn), Y: d.Y.slice(from * nOut, to * nOut), n: to - from };
}

const regression = (extra: Partial<TestNetConfig> = {}): TestNet =>
  make({ layerSizes: [2, 1], task: 'regression', lr: 0.1, ...extra });

const snapshot = (net: TestNet) => net.params.map((p) => Array.from(p));

// ---- the template as code --------------------------------------------------------------

describe('the template as code', () => {
  it('type-checks with a subclass under tsc --strict --noEmit (lib ES2022 only)', () => {
    expect(typeCheck(SOURCE)).toEqual([]);
  }, 30_000);

  it('type-checks on its own too', () => {
    expect(typeCheck(TEMPLATE)).toEqual([]);
  }, 30_000);

  it('imports nothing and exports only interfaces and types', () => {
    const file = ts.createSourceFile('trainer.ts', TEMPLATE, ts.ScriptTarget.ES2022, true);
    const kinds = file.statements
      .filter((s) => ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword))
      .map((s) => ts.SyntaxKind[s.kind]);
    expect(new Set(kinds)).toEqual(new Set(['InterfaceDeclaration', 'TypeAliasDeclaration']));
    expect(file.statements.some((s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s))).toBe(false);
    expect(TEMPLATE).not.toMatch(/\{\{\w+\}\}/); // emitted verbatim: no placeholders
  });

  it('is already formatted as generated modules are (so it is emitted byte for byte)', async () => {
    expect(await formatTypeScript(TEMPLATE)).toBe(TEMPLATE);
  });

  it('allocates nothing on the per-step path (syntax tree)', () => {
    const hot = new Set(['#trainEpoch', '#copyRow', 'copyBlock', '#shuffle', 'random', '#fillUniform', 'fillDropoutMask', '#keepOrDrop', 'gaussian', 'gradientNorms', 'learningRate']);
    const seen = new Set<string>();
    const found = findAllocations(TEMPLATE, {
      include: (name) => {
        const method = name.replace(/^NetworkTrainer\./, '');
        if (hot.has(method)) seen.add(method);
        return hot.has(method);
      },
    });
    expect(seen).toEqual(hot);
    expect(found).toEqual([]);
  });

  it('predicts one example without allocating (GC events)', async () => {
    const net = make({ layerSizes: [3, 5, 2], task: 'multiclass', lr: 0.1, standardize: true });
    net.fit(dataset(40, 3, 2, (x, y) => (y[x[0] > 0 ? 0 : 1] = 1)), { epochs: 1 });
    const x = new Float64Array(3);
    const out = new Float64Array(2);
    const gc = await measureGc(
      (v: number, xs: Float64Array, o: Float64Array) => {
        xs[0] = v;
        net.predict(xs, o);
        return o[0];
      },
      [0.1, x, out],
      { warmup: 2e4, calls: 2e5 },
    );
    expect(gc.events).toBe(0);
  }, 30_000);
});

// ---- random numbers and initialization ------------------------------------------------------

describe('random numbers', () => {
  it('random() is seeded, in [0, 1) and uniform; gaussian() is standard normal', () => {
    const net = regression();
    net.reseed(42);
    const a = Array.from({ length: 5 }, () => net.random());
    net.reseed(42);
    expect(Array.from({ length: 5 }, () => net.random())).toEqual(a);
    const N = 100_000;
    let s = 0;
    let s2 = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < N; i++) {
      const u = net.random();
      min = Math.min(min, u);
      max = Math.max(max, u);
      s += u;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(Math.abs(s / N - 0.5)).toBeLessThan(0.005);
    s = 0;
    for (let i = 0; i < N; i++) {
      const g = net.gaussian();
      s += g;
      s2 += g * g;
    }
    expect(Math.abs(s / N)).toBeLessThan(0.015);
    expect(Math.abs(s2 / N - 1)).toBeLessThan(0.02);
  });
});

describe('initialize', () => {
  const cases = [
    { init: 'xavier', distribution: 'uniform', variance: (i: number, o: number) => 2 / (i + o) },
    { init: 'xavier', distribution: 'normal', variance: (i: number, o: number) => 2 / (i + o) },
    { init: 'he', distribution: 'uniform', variance: (i: number) => 2 / i },
    { init: 'he', distribution: 'normal', variance: (i: number) => 2 / i },
  ] as const;
  it.each(cases)('$init/$distribution: mean ≈ 0 and variance as expected per layer, zero biases', ({ init, distribution, variance }) => {
    const sizes = [400, 300, 100];
    const net = make({ layerSizes: sizes, task: 'regression', lr: 0.1, init, distribution, seed: 3 });
    for (let l = 0; l < 2; l++) {
      const W = net.params[2 * l];
      const expected = variance(sizes[l], sizes[l + 1]);
      const mean = W.reduce((s, w) => s + w, 0) / W.length;
      const v = W.reduce((s, w) => s + (w - mean) ** 2, 0) / W.length;
      expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(expected / W.length));
      expect(Math.abs(v / expected - 1)).toBeLessThan(0.03);
      if (distribution === 'uniform') {
        const limit = Math.sqrt(3 * expected); // √(6/(fanIn+fanOut)) or √(6/fanIn)
        expect(W.every((w) => Math.abs(w) <= limit)).toBe(true);
        expect(Math.max(...W.map(Math.abs))).toBeGreaterThan(0.99 * limit);
      }
      expect(net.params[2 * l + 1].every((b) => b === 0)).toBe(true);
    }
  });

  it('is deterministic per seed and resets epoch, steps, optimizer state and standardization', () => {
    const a = make({ layerSizes: [3, 4, 1], task: 'regression', lr: 0.1, seed: 5, standardize: true });
    const b = make({ layerSizes: [3, 4, 1], task: 'regression', lr: 0.1, seed: 5 });
    expect(snapshot(a)).toEqual(snapshot(b));
    const initial = snapshot(a);
    a.fit(dataset(20, 3, 1, (x, y) => (y[0] = x[0])), { epochs: 2, batchSize: 5 });
    expect([a.epoch, a.stepCount, a.toJSON().standardization !== undefined]).toEqual([2, 8, true]);
    const resets = a.optimizerResets;
    a.initialize();
    expect(snapshot(a)).toEqual(initial);
    expect([a.epoch, a.stepCount, a.optimizerResets, a.toJSON().standardization]).toEqual([0, 0, resets + 1, undefined]);
    a.initialize(6);
    expect(snapshot(a)).not.toEqual(initial);
  });
});

describe('the parameter layout', () => {
  // The runtime reads roles, layers and fans from parameterLayout, never from positions: relabel b1 as a second
  // weight array of layer 1 (as a recurrent layer's U would be) and the template treats it as one.
  const relabeled = () => {
    const net = make({ layerSizes: [3, 4, 1], task: 'regression', lr: 0.1, seed: 2 });
    net.parameterLayout[1] = { name: 'b1', layer: 1, role: 'weight', shape: [4], fanIn: 5, fanOut: 7 };
    net.initialize();
    return net;
  };

  it('initialize draws every weight array from its own fan-in and fan-out, and zeroes only biases', () => {
    const net = relabeled();
    const limit = Math.sqrt(6 / (5 + 7)); // Xavier uniform from the relabeled entry's fans
    expect(net.params[1].every((v) => v !== 0 && Math.abs(v) <= limit)).toBe(true);
    expect(net.params[3].every((v) => v === 0)).toBe(true); // b2 is still a bias
  });

  it('gradientNorms sums every weight array of a layer', () => {
    const net = relabeled();
    const data = dataset(6, 3, 1, (x, y) => (y[0] = x[0] - x[2]));
    net.reserveRows(data.n);
    net.lossAndGradient(data.X, data.Y, data.n);
    const out = new Float64Array(2);
    net.gradientNorms(out);
    const squares = (g: Float64Array) => g.reduce((s, v) => s + v * v, 0);
    expectClose(out[0], Math.sqrt(squares(net.grads[0]) + squares(net.grads[1])), 1e-15);
    expectClose(out[1], Math.sqrt(squares(net.grads[2])), 1e-15);
  });
});

// ---- fit ------------------------------------------------------------------------------------

describe('fit', () => {
  it.each([
    { batchSize: 1, lr: 0.05, epochs: 30, stepsPerEpoch: 100 },
    { batchSize: 8, lr: 0.2, epochs: 100, stepsPerEpoch: 13 },
    { batchSize: 'full', lr: 0.5, epochs: 300, stepsPerEpoch: 1 },
  ] as const)('batchSize $batchSize: learns y = 2x₁ − 3x₂ + 0.5', ({ batchSize, lr, epochs, stepsPerEpoch }) => {
    const data = linear();
    const net = regression({ lr });
    const batchRows: number[] = [];
    const result = net.fit(data, { epochs, batchSize, onStep: () => batchRows.push(net.lastN) });
    expect(result.epochs).toBe(epochs);
    expect(net.epoch).toBe(epochs);
    expect(net.stepCount).toBe(epochs * stepsPerEpoch);
    expect(batchRows).toHaveLength(epochs * stepsPerEpoch);
    if (batchSize === 8) expect(batchRows.slice(0, 13)).toEqual([...new Array<number>(12).fill(8), 4]); // short last batch
    expect(result.history.at(-1)!.loss).toBeLessThan(1e-4);
    expect(result.history[0].loss).toBeGreaterThan(result.history.at(-1)!.loss);
    expectClose(Array.from(net.params[0]), [2, -3], 0, 0.01, 'W1');
    expectClose(net.params[1][0], 0.5, 0, 0.01, 'b1');
    expect(net.evaluate(data).rmse).toBeLessThan(0.01);
  });

  it("'full' trains on the data itself (no copy) and the default batch size comes from the spec", () => {
    const data = linear();
    const full = regression({ batchSize: 'full' });
    full.fit(data, { epochs: 1 });
    expect(full.lastX.buffer).toBe(data.X.buffer);
    expect(full.lastN).toBe(100);
    const net = regression({ batchSize: 16 });
    net.fit(data, { epochs: 1 });
    expect(net.stepCount).toBe(7);
    net.fit(data, { epochs: 1, batchSize: 500 }); // larger than the data: one step
    expect(net.stepCount).toBe(8);
  });

  it('classifies: logistic regression (binary) and a tanh network (multiclass)', () => {
    const blobs = dataset(200, 2, 1, (x, y) => (y[0] = x[0] + x[1] > 0 ? 1 : 0));
    const logistic = make({ layerSizes: [2, 1], task: 'binary', lr: 0.5 });
    const r1 = logistic.fit(blobs, { epochs: 50, batchSize: 10 });
    expect(r1.history.at(-1)!.accuracy).toBeGreaterThan(0.97);
    expect(logistic.evaluate(blobs).accuracy).toBe(r1.history.at(-1)!.accuracy);

    // three classes by quadrant of angle: not linearly separable in one direction
    const classes = dataset(300, 2, 3, (x, y) => (y[x[0] > 0.3 ? 0 : x[1] > 0 ? 1 : 2] = 1));
    const mlp = make({ layerSizes: [2, 12, 3], task: 'multiclass', lr: 0.3 });
    const r2 = mlp.fit(classes, { epochs: 200, batchSize: 16 });
    expect(r2.history.at(-1)!.accuracy).toBeGreaterThan(0.95);
    expect(r2.history.at(-1)!.loss).toBeLessThan(r2.history[0].loss / 4);
    const e = mlp.evaluate(classes);
    expect(e.rmse).toBeUndefined();
    expect(e.accuracy).toBeGreaterThan(0.95);
  });

  it('scoreTraining: false skips the per-epoch scoring of the training rows and changes nothing else', () => {
    const blobs = dataset(60, 2, 1, (x, y) => (y[0] = x[0] - x[1] > 0 ? 1 : 0));
    const scored = make({ layerSizes: [2, 1], task: 'binary', lr: 0.5 });
    const quiet = make({ layerSizes: [2, 1], task: 'binary', lr: 0.5 });
    const a = scored.fit(blobs, { epochs: 3, batchSize: 10 });
    const b = quiet.fit(blobs, { epochs: 3, batchSize: 10, scoreTraining: false });
    expect(a.history.every((h) => h.accuracy !== undefined)).toBe(true);
    expect(b.history.every((h) => h.accuracy === undefined)).toBe(true);
    expect(b.history.map((h) => h.loss)).toEqual(a.history.map((h) => h.loss));
    expect(Array.from(quiet.params[0])).toEqual(Array.from(scored.params[0]));
  });

  it('is deterministic for a seed; shuffling changes with the seed and every epoch', () => {
    // x₁ = row index, so the rows a batch-1 step sees give the shuffled order
    const n = 20;
    const data: Dataset = { X: Float64Array.from({ length: 2 * n }, (_, i) => (i % 2 === 0 ? i / 2 : 0)), Y: new Float64Array(n), n };
    const orders = (seed: number | undefined, shuffle?: boolean) => {
      const net = regression({ lr: 1e-4 });
      const seen: number[] = [];
      const result = net.fit(data, { epochs: 2, batchSize: 1, seed, shuffle, onStep: () => seen.push(net.lastX[0]) });
      return { epoch1: seen.slice(0, n), epoch2: seen.slice(n), params: snapshot(net), losses: result.history.map((h) => h.loss) };
    };
    const a = orders(1);
    const identity = Array.from({ length: n }, (_, i) => i);
    expect([...a.epoch1].sort((p, q) => p - q)).toEqual(identity); // a permutation
    expect(a.epoch1).not.toEqual(identity);
    expect(a.epoch2).not.toEqual(a.epoch1);
    expect(orders(1)).toEqual(a);
    const b = orders(2);
    expect(b.epoch1).not.toEqual(a.epoch1);
    expect(b.params).not.toEqual(a.params);
    expect(orders(1, false).epoch1).toEqual(identity);
    expect(orders(undefined)).toEqual(orders(1)); // the default seed is the spec's (1)
  });

  it('reports per-epoch learning rate from the schedule, and continues epochs across fit calls', () => {
    const net = regression({ lr: 0.1, decay: 0.5 });
    const r = net.fit(linear(), { epochs: 3, batchSize: 10 });
    expect(r.history.map((h) => [h.epoch, h.learningRate])).toEqual([[1, 0.1], [2, 0.05], [3, 0.025]]);
    expect(net.learningRate()).toBe(0.0125);
    const more = net.fit(linear(), { epochs: 1, batchSize: 10 });
    expect(more.history[0].epoch).toBe(4);
    expect(more.epochs).toBe(1);
  });

  it('reports gradient norms per layer: ||∂L/∂W^l||₂ of the last step', () => {
    const net = make({ layerSizes: [2, 6, 4, 1], task: 'regression', lr: 0.05 });
    const data = linear(50);
    const atStep: number[][] = [];
    const out = new Float64Array(3);
    const r = net.fit(data, {
      epochs: 2,
      batchSize: 8,
      onStep: () => {
        net.gradientNorms(out);
        atStep.push(Array.from(out));
      },
    });
    const norm = (g: Float64Array) => Math.sqrt(g.reduce((s, v) => s + v * v, 0));
    expectClose(Array.from(r.history[1].gradientNorms), [0, 2, 4].map((k) => norm(net.grads[k])), 1e-15, 0, 'norms');
    expect(Array.from(r.history[0].gradientNorms)).toEqual(atStep[6]); // 7 steps per epoch
    expect(r.history[0].gradientNorms).not.toBe(r.history[1].gradientNorms);
    expect(atStep.every((s) => s.every((v) => v > 0))).toBe(true);
  });

  it('stops at the first non-finite loss with a clear error', () => {
    const net = regression({ lr: 1e6 });
    let steps = 0;
    expect(() => net.fit(linear(), { epochs: 5, batchSize: 10, onStep: () => steps++ })).toThrow(
      /^training diverged: loss is (NaN|Infinity) at epoch \d+, step \d+ \(learning rate 1000000\); lower the learning rate or enable gradient clipping$/,
    );
    expect(steps).toBeGreaterThan(0);
    expect(net.stepCount).toBe(steps); // the diverged loss was not stepped on
  });

  it('rejects malformed data and options with clear errors', () => {
    const net = regression();
    const data = linear(10);
    expect(() => net.fit({ ...data, n: 11 }, { epochs: 1 })).toThrow(/training data: X must hold n×2 = 22 numbers/);
    const bad = { ...data, X: data.X.slice() };
    bad.X[5] = Number.NaN;
    expect(() => net.fit(bad, { epochs: 1 })).toThrow(/training data: X\[5\] is NaN \(row 2\)/);
    expect(() => net.fit(data, { epochs: 1, batchSize: 0 })).toThrow(/batchSize must be a positive integer or 'full'/);
    expect(() => net.fit(data, { epochs: 1, validationSplit: 1 })).toThrow(/validationSplit must be in \(0, 1\)/);
    expect(() => net.fit(data, { epochs: 1, validation: data, validationSplit: 0.5 })).toThrow(/either validation or validationSplit/);
  });
});

// ---- validation and early stopping ----------------------------------------------------------

describe('validation and early stopping', () => {
  it('validationSplit holds out the last rows, unshuffled, and scores them every epoch', () => {
    const data = linear(100);
    const net = regression({ batchSize: 'full' });
    const r = net.fit(data, { epochs: 5, validationSplit: 0.2 });
    expect(net.lastN).toBe(80);
    expect(Array.from(net.lastX)).toEqual(Array.from(data.X.subarray(0, 160)));
    expect(r.history.every((h) => h.valLoss !== undefined && h.valAccuracy === undefined)).toBe(true);
    expectClose(r.history[4].valLoss!, net.evaluate(rows(data, 80, 100)).loss, 1e-14, 0, 'valLoss');
    expect(r.history[4].valLoss).toBeLessThan(r.history[0].valLoss!);
  });

  it('classification reports valAccuracy from a validation dataset', () => {
    const all = dataset(120, 2, 1, (x, y) => (y[0] = x[0] > x[1] ? 1 : 0));
    const net = make({ layerSizes: [2, 1], task: 'binary', lr: 0.5 });
    const r = net.fit(rows(all, 0, 100), { epochs: 30, batchSize: 10, validation: rows(all, 100, 120) });
    const last = r.history.at(-1)!;
    expect(last.valAccuracy).toBe(net.evaluate(rows(all, 100, 120)).accuracy);
    expect(last.valAccuracy).toBeGreaterThan(0.9);
  });

  /** Training on y = x while validating on y = x/2: the validation loss falls, then rises. */
  function overshoot(restoreBest?: boolean) {
    const train = dataset(50, 1, 1, (x, y) => (y[0] = x[0]));
    const validation = dataset(20, 1, 1, (x, y) => (y[0] = 0.5 * x[0]), 8);
    const net = make({ layerSizes: [1, 1], task: 'regression', lr: 0.02, seed: 4 });
    net.params[0][0] = -0.5; // start far from both targets
    const perEpoch: number[][][] = [];
    const result = net.fit(train, {
      epochs: 200,
      batchSize: 5,
      validation,
      earlyStopping: { patience: 3, restoreBest },
      onEpoch: () => void perEpoch.push(snapshot(net)),
    });
    return { net, result, perEpoch };
  }

  it('stops after `patience` epochs without improvement and restores the best parameters', () => {
    const { net, result, perEpoch } = overshoot();
    const val = result.history.map((h) => h.valLoss!);
    const best = val.indexOf(Math.min(...val));
    expect(result.stoppedEarly).toBe(true);
    expect(result.bestEpoch).toBe(best + 1);
    expect(result.bestValLoss).toBe(val[best]);
    expect(result.epochs).toBe(best + 1 + 3);
    expect(best).toBeGreaterThan(2); // it did improve for a while
    expect(snapshot(net)).toEqual(perEpoch[best]);
    expect(snapshot(net)).not.toEqual(perEpoch.at(-1));
  });

  it('keeps the last parameters with restoreBest: false', () => {
    const { net, result, perEpoch } = overshoot(false);
    expect(result.stoppedEarly).toBe(true);
    expect(snapshot(net)).toEqual(perEpoch.at(-1));
  });

  it('minDelta: smaller improvements do not count; without validation the training loss is monitored', () => {
    const net = regression();
    const r = net.fit(linear(), { epochs: 50, batchSize: 10, earlyStopping: { patience: 2, minDelta: 1e9 } });
    expect([r.epochs, r.bestEpoch, r.stoppedEarly, r.bestValLoss]).toEqual([3, 1, true, undefined]);
  });

  it('onEpoch returning false stops training', () => {
    const net = regression();
    const seen: EpochInfo[] = [];
    const r = net.fit(linear(), { epochs: 50, onEpoch: (info) => (seen.push(info), info.epoch < 4) });
    expect([r.epochs, seen.length, r.stoppedEarly]).toEqual([4, 4, true]);
    expect(r.history).toEqual(seen);
  });
});

// ---- standardization ------------------------------------------------------------------------

describe('standardization', () => {
  /** Columns with means (5, −3) and standard deviations ≈ (2, 10) (times uniform noise). */
  const shifted = () => {
    const d = linear(100);
    const X = d.X.map((v, i) => (i % 2 === 0 ? 5 + 2 * Math.sqrt(3) * v : -3 + 10 * Math.sqrt(3) * v));
    return { ...d, X };
  };

  it('is fitted on the training rows only (mean 0, std 1 there) and leaves the data alone', () => {
    const data = shifted();
    const original = data.X.slice();
    const net = regression({ standardize: true, batchSize: 'full' });
    net.fit(data, { epochs: 1, validationSplit: 0.25 });
    expect(data.X).toEqual(original);
    const seen = columnStats(net.lastX, 75, 2);
    expectClose(seen.mean, [0, 0], 0, 1e-12, 'standardized mean');
    expectClose(seen.std, [1, 1], 1e-12, 0, 'standardized std');
    const fitted = columnStats(data.X, 75, 2);
    const s = net.toJSON().standardization!;
    expectClose(s.mean, fitted.mean, 1e-12, 0, 'mean');
    expectClose(s.std, fitted.std, 1e-12, 0, 'std');
    // a second fit keeps it (even on other data)
    net.fit(linear(40), { epochs: 1 });
    expect(net.toJSON().standardization).toEqual(s);
  });

  it('a constant input gets std 1', () => {
    const d = linear(30);
    for (let r = 0; r < 30; r++) d.X[2 * r + 1] = 4;
    const net = regression({ standardize: true });
    net.fit(d, { epochs: 1 });
    const s = net.toJSON().standardization!;
    expect([s.mean[1], s.std[1]]).toEqual([4, 1]);
  });

  it('is applied in predict and evaluate, and learns the same function', () => {
    const data = shifted();
    const net = regression({ standardize: true, batchSize: 'full', lr: 0.5 });
    net.fit(data, { epochs: 300 });
    const { mean, std } = net.toJSON().standardization!;
    const x = Float64Array.of(6, -10);
    const out = new Float64Array(1);
    net.predict(x, out);
    const [w1, w2] = net.params[0];
    const manual = w1 * ((x[0] - mean[0]) / std[0]) + w2 * ((x[1] - mean[1]) / std[1]) + net.params[1][0];
    expectClose(out[0], manual, 1e-14, 0, 'predict');
    expect(Array.from(x)).toEqual([6, -10]);
    // y in original units: 2 x₁ − 3 x₂ + 0.5 where x = the unshifted inputs
    const raw = [(6 - 5) / (2 * Math.sqrt(3)), (-10 + 3) / (10 * Math.sqrt(3))];
    expectClose(out[0], 2 * raw[0] - 3 * raw[1] + 0.5, 0, 1e-3, 'prediction');
    expect(net.evaluate(data).rmse).toBeLessThan(1e-3);
    // predictBatch standardizes the same way, row by row, and leaves X alone
    const X = Float64Array.of(6, -10, 1, 2, -4, 7);
    const batchOut = new Float64Array(3);
    net.predictBatch(X, 3, batchOut);
    for (let r = 0; r < 3; r++) {
      net.predict(X.subarray(2 * r, 2 * r + 2), out);
      expectClose(batchOut[r], out[0], 1e-14, 0, `predictBatch row ${r}`);
    }
    expect(Array.from(X)).toEqual([6, -10, 1, 2, -4, 7]);
  });
});

// ---- evaluate --------------------------------------------------------------------------------

describe('evaluate', () => {
  it('runs large datasets in chunks and agrees with one big batch', () => {
    const data = dataset(1000, 3, 2, (x, y) => {
      y[0] = Math.sin(x[0]) + x[1];
      y[1] = x[2] * x[0];
    });
    const net = make({ layerSizes: [3, 5, 2], task: 'regression', lr: 0.1, batchSize: 4 });
    net.fit(data, { epochs: 1 });
    const e = net.evaluate(data);
    net.reserveRows(1000);
    const out = new Float64Array(2000);
    const whole = net.dataLoss(data.X, data.Y, 1000, out);
    expectClose(e.loss, whole, 1e-13, 0, 'loss');
    const mse = out.reduce((s, v, i) => s + (v - data.Y[i]) ** 2, 0) / 2000;
    expectClose(e.rmse!, Math.sqrt(mse), 1e-13, 0, 'rmse');
    expect(e.accuracy).toBeUndefined();
  });

  it('binary accuracy thresholds each output at 0.5; multiclass compares argmaxes', () => {
    const net = make({ layerSizes: [2, 2], task: 'binary', lr: 0.1 });
    net.params[0].set([1, 0, 0, 1]); // outputs σ(x₁), σ(x₂)
    const X = Float64Array.of(1, -1, -1, 0.5);
    // outputs (1, 0) and (0, 1) against (1, 0) and (0, 0): 3 of 4 right
    expect(net.evaluate({ X, Y: Float64Array.of(1, 0, 0, 0), n: 2 }).accuracy).toBe(0.75);
    const multi = make({ layerSizes: [2, 2], task: 'multiclass', lr: 0.1 }); // softmax(x): classes 0 and 1
    multi.params[0].set([1, 0, 0, 1]);
    expect(multi.evaluate({ X, Y: Float64Array.of(1, 0, 1, 0), n: 2 }).accuracy).toBe(0.5);
  });
});

// ---- progress lines --------------------------------------------------------------------------

describe('verbose', () => {
  it('prints one line per epoch, or every progressEvery epochs and the last', () => {
    const all = dataset(60, 2, 1, (x, y) => (y[0] = x[0] > 0 ? 1 : 0));
    const net = make({ layerSizes: [2, 1], task: 'binary', lr: 0.5 });
    const lines: string[] = [];
    net.fit(rows(all, 0, 50), { epochs: 10, verbose: true, validation: rows(all, 50, 60), log: (l) => lines.push(l) });
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(/^epoch  1\/10  loss \d\.\d{4}  acc \d+\.\d\d%  val_loss \d\.\d{4}  val_acc \d+\.\d\d%  lr 0\.5$/);
    expect(lines[9]).toMatch(/^epoch 10\/10 /);
    lines.length = 0;
    net.fit(rows(all, 0, 50), { epochs: 10, verbose: true, progressEvery: 3, log: (l) => lines.push(l) });
    expect(lines.map((l) => l.slice(0, 11))).toEqual(['epoch 13/20', 'epoch 16/20', 'epoch 19/20', 'epoch 20/20']);
    expect(lines[0]).toMatch(/  loss [\d.e-]+  acc [\d.]+%  lr 0\.5$/);
  });
});

// ---- JSON --------------------------------------------------------------------------------------

describe('toJSON / loadJSON', () => {
  it('round-trips weights and standardization through JSON text', () => {
    const data = linear(40);
    const net = make({ layerSizes: [2, 3, 1], task: 'regression', lr: 0.1, standardize: true });
    net.fit(data, { epochs: 3, batchSize: 8 });
    const json = net.toJSON();
    expect(Object.keys(json.params)).toEqual(['W1', 'b1', 'W2', 'b2']);
    expect(json.layerSizes).toEqual([2, 3, 1]);

    const copy = make({ layerSizes: [2, 3, 1], task: 'regression', lr: 0.1, standardize: true, seed: 99 });
    copy.fit(data, { epochs: 1 });
    copy.loadJSON(JSON.stringify(json));
    expect(snapshot(copy)).toEqual(snapshot(net));
    expect(copy.toJSON()).toEqual(json);
    expect([copy.epoch, copy.stepCount]).toEqual([0, 0]);
    const a = new Float64Array(1);
    const b = new Float64Array(1);
    net.predict(Float64Array.of(0.3, -0.2), a);
    copy.predict(Float64Array.of(0.3, -0.2), b);
    expect(b[0]).toBe(a[0]);
  });

  it('rejects another model, other sizes and bad values, changing nothing', () => {
    const net = make({ layerSizes: [2, 4, 1], task: 'regression', lr: 0.1 });
    const before = snapshot(net);
    const good = net.toJSON();
    const other = make({ name: 'Other', layerSizes: [2, 4, 1], task: 'regression', lr: 0.1 }).toJSON();
    expect(() => net.loadJSON(other)).toThrow("loadJSON (TestNet): the weights are for model 'Other', not 'TestNet'");
    const smaller = make({ layerSizes: [2, 3, 1], task: 'regression', lr: 0.1 }).toJSON();
    expect(() => net.loadJSON(smaller)).toThrow("layer sizes 2-3-1 do not match this network's 2-4-1");
    const short = { ...good, params: { ...good.params, W2: [1, 2, 3] } };
    expect(() => net.loadJSON(short)).toThrow('W2 must be 4 numbers, got 3 numbers');
    const missing = { ...good, params: { W1: good.params.W1 } };
    expect(() => net.loadJSON(missing)).toThrow('b1 must be 4 numbers, got undefined');
    const nan = JSON.parse(JSON.stringify(good).replace(/"b2":\[[^\]]*\]/, '"b2":[null]')) as typeof good;
    expect(() => net.loadJSON(nan)).toThrow('b2[0] is null, not a finite number');
    const badStd = { ...good, standardization: { mean: [0, 0], std: [1, 0] } };
    expect(() => net.loadJSON(JSON.stringify(good).slice(0, 40))).toThrow(
      /loadJSON \(TestNet\): the text is not the JSON of toJSON\(\) \(truncated or edited\?\): /);
    expect(() => net.loadJSON({ ...good, standardization: { mean: [0, 0], std: [1, 1] } })).toThrow(
      'loadJSON (TestNet): the JSON has a standardization, but this model does not standardize its inputs');
    expect(() => net.loadJSON(badStd)).toThrow('standardization.std must be positive');
    expect(snapshot(net)).toEqual(before);
  });

  it('saves its format and layers, and refuses another format, missing keys and other layers, changing nothing', () => {
    const net = make({ layerSizes: [2, 4, 1], task: 'regression', lr: 0.1 });
    const before = snapshot(net);
    const good = net.toJSON();
    expect(good.formatVersion).toBe(1);
    expect(good.architecture).toEqual(['dense 4 tanh', 'dense 1 linear']);
    expect(() => net.loadJSON({} as ModelJSON)).toThrow(
      'loadJSON (TestNet): the JSON has no model, layerSizes or params; toJSON() writes formatVersion, model, architecture, layerSizes and params');
    const { architecture: _a, ...withoutArchitecture } = good;
    expect(() => net.loadJSON(withoutArchitecture)).toThrow('loadJSON (TestNet): the JSON has no architecture;');
    const { params: _p, ...withoutParams } = good;
    expect(() => net.loadJSON(withoutParams as ModelJSON)).toThrow('loadJSON (TestNet): the JSON has no params;');
    expect(() => net.loadJSON({ ...good, formatVersion: 2 })).toThrow(
      'loadJSON (TestNet): the JSON is in format 2, this module reads format 1: regenerate this module with the nncompile that saved it');
    expect(() => net.loadJSON('[1, 2]')).toThrow('loadJSON (TestNet): expected an object from toJSON(), got an array');
    expect(() => net.loadJSON('null')).toThrow('loadJSON (TestNet): expected an object from toJSON(), got null');
    // the same name and sizes, other activations: model.ts changed since the weights were saved
    const relu = make({ layerSizes: [2, 4, 1], task: 'regression', lr: 0.1, architecture: ['dense 4 relu', 'dense 1 linear'] }).toJSON();
    expect(() => net.loadJSON(relu)).toThrow(
      'loadJSON (TestNet): the weights are for the layers dense 4 relu, dense 1 linear, this TestNet has dense 4 tanh, dense 1 linear ' +
        '(layer 1 differs: dense 4 relu in the JSON, dense 4 tanh here; model.ts changed since they were saved?)');
    const deeper = make({ layerSizes: [2, 4, 1], task: 'regression', lr: 0.1, architecture: ['dense 4 tanh', 'dense 1 linear', 'dense 1 linear'] }).toJSON();
    expect(() => net.loadJSON(deeper)).toThrow('(layer 3 differs: dense 1 linear in the JSON, none here;');
    const other = make({ name: 'Other', layerSizes: [2, 4, 1], task: 'regression', lr: 0.1, architecture: ['dense 4 relu', 'dense 1 linear'] }).toJSON();
    expect(() => net.loadJSON(other)).toThrow(
      "loadJSON (TestNet): the weights are for model 'Other', not 'TestNet' (its layers: dense 4 relu, dense 1 linear; this model's: dense 4 tanh, dense 1 linear)");
    expect(snapshot(net)).toEqual(before);
    // a JSON written before format 1 (no formatVersion, no architecture) loads, checked by name and sizes
    const { formatVersion: _f, ...legacy } = withoutArchitecture;
    const copy = make({ layerSizes: [2, 4, 1], task: 'regression', lr: 0.1, seed: 9 });
    copy.loadJSON(legacy);
    expect(snapshot(copy)).toEqual(before);
  });

  it('accepts typed arrays, and refuses weights without the standardization the model needs', () => {
    const data = linear(40);
    const net = make({ layerSizes: [2, 3, 1], task: 'regression', lr: 0.1, standardize: true });
    net.fit(data, { epochs: 2, batchSize: 8 });
    const json = net.toJSON();
    const typed = {
      model: json.model,
      layerSizes: Int32Array.from(json.layerSizes),
      params: Object.fromEntries(Object.entries(json.params).map(([k, v]) => [k, Float64Array.from(v)])),
      standardization: { mean: Float64Array.from(json.standardization?.mean ?? []), std: Float64Array.from(json.standardization?.std ?? []) },
    };
    const copy = make({ layerSizes: [2, 3, 1], task: 'regression', lr: 0.1, standardize: true, seed: 5 });
    copy.loadJSON(typed);
    expect(copy.toJSON()).toEqual(json);
    const fresh = make({ layerSizes: [2, 3, 1], task: 'regression', lr: 0.1, standardize: true, seed: 5 });
    const { standardization: _, ...withoutStandardization } = json;
    expect(() => fresh.loadJSON(withoutStandardization)).toThrow(
      'loadJSON (TestNet): the model standardizes its inputs, but the JSON has no standardization (saved before fit?)');
  });
});
