// Integer class labels for categorical cross-entropy (issue 12, item 3): fit,
// evaluate and lossAndGradient of a softmax / cce trainer take Int32Array or
// Uint8Array labels (one per row) as well as one-hot rows, and give the same
// numbers; labels out of range, and labels for another kind of model, are
// refused naming the row; the label path allocates nothing per step; the
// generated class types it (a cce model accepts labels, a bce model does not).
import { beforeAll, describe, expect, it } from 'vitest';
import { dense, loadTrainer, testNetwork } from '../helpers/network-module.js';
import { expectNoGcDuring } from '../helpers/gc-events.js';
import { typeCheck } from '../helpers/generated-module.js';
import { networkModuleSource } from '../helpers/network-module.js';
import { oneHot } from '../../examples/data.js';

type Targets = Float64Array | Int32Array | Uint8Array;
interface Labelled {
  readonly params: readonly Float64Array[];
  readonly grads: readonly Float64Array[];
  readonly lastLoss: number;
  lossAndGradient(X: Float64Array, Y: Targets, n: number): void;
  trainStep(X: Float64Array, Y: Targets, n: number): void;
  fit(data: { X: Float64Array; Y: Targets; n: number }, options: Record<string, unknown>): { history: { loss: number; accuracy?: number; valLoss?: number }[] };
  evaluate(data: { X: Float64Array; Y: Targets; n: number }): { loss: number; accuracy?: number };
}

const classes = 3;
const spec = testNetwork({ inputs: 4, layers: [dense(6, 'tanh', { dropout: 0.2 }), dense(classes, 'softmax')], loss: 'cce', optimizer: { kind: 'adam', lr: 0.01, batchSize: 5 } });

/** n rows of 4 inputs whose class is the index of the largest of the first three inputs. */
function data(n: number) {
  const X = Float64Array.from({ length: n * 4 }, (_, i) => Math.sin(1.7 * i + 0.3));
  const labels = Int32Array.from({ length: n }, (_, r) => [0, 1, 2].reduce((best, j) => (X[r * 4 + j] > X[r * 4 + best] ? j : best), 0));
  return { X, labels, oneHot: oneHot(labels, classes), n };
}

let Trainer: Awaited<ReturnType<typeof loadTrainer>>['Trainer'];
beforeAll(async () => {
  ({ Trainer } = await loadTrainer(spec));
});
function trainers() {
  return [new Trainer() as unknown as Labelled, new Trainer() as unknown as Labelled] as const;
}

describe('class labels give the numbers of one-hot rows', () => {
  it.each([
    { what: 'mini-batches, a validation split', options: { epochs: 3, validationSplit: 0.25 } },
    { what: 'the full batch', options: { epochs: 3, batchSize: 'full' } },
  ])('fit and evaluate: $what', async ({ options }) => {
    const [a, b] = trainers();
    const d = data(23);
    const withLabels = a.fit({ X: d.X, Y: d.labels, n: d.n }, options);
    const withRows = b.fit({ X: d.X, Y: d.oneHot, n: d.n }, options);
    expect(withLabels.history).toEqual(withRows.history);
    a.params.forEach((p, k) => expect(p).toEqual(b.params[k]));
    expect(a.evaluate({ X: d.X, Y: Uint8Array.from(d.labels), n: d.n })).toEqual(b.evaluate({ X: d.X, Y: d.oneHot, n: d.n }));
  });

  it('lossAndGradient', async () => {
    const [a, b] = trainers();
    const d = data(7);
    a.lossAndGradient(d.X, Uint8Array.from(d.labels), d.n);
    b.lossAndGradient(d.X, d.oneHot, d.n);
    expect(a.lastLoss).toBe(b.lastLoss);
    a.grads.forEach((g, k) => expect(g).toEqual(b.grads[k]));
  });

  it('trainStep', async () => {
    const [a, b] = trainers();
    const d = data(9);
    for (let i = 0; i < 3; i++) {
      a.trainStep(d.X, d.labels, d.n);
      b.trainStep(d.X, d.oneHot, d.n);
    }
    expect(a.lastLoss).toBe(b.lastLoss);
    a.params.forEach((p, k) => expect(p).toEqual(b.params[k]));
  });
});

describe('labels are checked, naming the row', () => {
  it.each([
    { Y: Int32Array.of(0, 2, 3, 1), message: 'Net: training data: row 2 of Y has label 3; class labels are 0 … 2' },
    { Y: Int32Array.of(0, -1, 1, 1), message: 'Net: training data: row 1 of Y has label -1; class labels are 0 … 2' },
    { Y: Uint8Array.of(0, 1, 1, 255), message: 'Net: training data: row 3 of Y has label 255; class labels are 0 … 2' },
    { Y: Int32Array.of(0, 1, 2), message: 'Net: training data: X must hold n×4 = 16 numbers and Y n = 4 class labels, got 16 and 3' },
  ])('$message', async ({ Y, message }) => {
    const [a] = trainers();
    expect(() => a.fit({ X: new Float64Array(16), Y, n: 4 }, { epochs: 1 })).toThrow(message);
  });

  it('by lossAndGradient too, and labels for a model that is not cce are refused', async () => {
    const [a] = trainers();
    expect(() => a.lossAndGradient(new Float64Array(8), Int32Array.of(1, 7), 2)).toThrow('Net.lossAndGradient: row 1 of Y has label 7; class labels are 0 … 2');
    expect(() => a.lossAndGradient(new Float64Array(8), Int32Array.of(1), 2)).toThrow('Net.lossAndGradient: Y needs 2 class labels (one per row), got 1');
    const Binary = (await loadTrainer(testNetwork({ layers: [dense(2, 'sigmoid')], loss: 'bce' }))).Trainer;
    const binary = new Binary() as unknown as Labelled;
    expect(() => binary.fit({ X: new Float64Array(6), Y: Int32Array.of(0, 1), n: 2 }, { epochs: 1 }))
      .toThrow('Net: training data: class labels (Int32Array) are for cce models; this binary model takes Y as a Float64Array of n×2 targets');
  });
});

describe('the label path', () => {
  it('allocates nothing per call once its buffer is sized', async () => {
    const [a] = trainers();
    const d = data(16);
    const run = (count: number) => {
      let sum = 0;
      for (let i = 0; i < count; i++) {
        a.lossAndGradient(d.X, d.labels, d.n);
        sum += a.lastLoss;
      }
      return sum;
    };
    await expectNoGcDuring(run, { warmup: 2e4, calls: 1e5 });
  });

  it('is typed: a cce model accepts Int32Array/Uint8Array labels, a bce model only Float64Array', async () => {
    const { code } = await networkModuleSource({
      Multi: spec,
      Binary: testNetwork({ layers: [dense(1, 'sigmoid')], loss: 'bce' }),
    });
    const use = `
const X = new Float64Array(8);
const multi = new Multi();
multi.fit({ X, Y: Int32Array.of(0, 2), n: 2 }, { epochs: 1, validation: { X, Y: Uint8Array.of(1, 0), n: 2 } });
multi.evaluate({ X, Y: new Float64Array(6), n: 2 });
multi.lossAndGradient(X, Uint8Array.of(1, 1), 2);
const labels: ClassLabels = Int32Array.of(1);
new Binary().fit({ X: new Float64Array(3), Y: labels, n: 1 }, { epochs: 1 });
`;
    const errors = typeCheck(code + use);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^\d+:\d+: Type 'Int32Array<ArrayBuffer\w*>' is not assignable to type 'Float64Array/);
  });
});
