// Each optimizer module and schedule module drives the generated code and the
// worked numbers of the notes (src/compile/network/training-step.ts): running the
// generated step() and baseLearningRate() gives exactly the middle end's numbers.
import { describe, expect, it } from 'vitest';
import { learningRateAt, trainingStep } from '../../src/compile/network/training-step.js';
import { SCHEDULES } from '../../src/compile/network/schedules/registry.js';
import { evaluateScalar } from '../../src/compile/network/optimizers/evaluate.js';
import { dense, loadTrainer, testNetwork } from '../helpers/network-module.js';
import { batch } from '../helpers/network-reference.js';
import { OPTIMIZER_CASES } from '../helpers/optimizer-cases.js';

describe('learning-rate schedules: the expression equals the generated baseLearningRate', () => {
  it.each([
    { schedule: undefined },
    { schedule: { kind: 'step', every: 3, factor: 0.5 } },
    { schedule: { kind: 'exponential', rate: 0.9 } },
  ] as const)('$schedule', async ({ schedule }) => {
    const spec = testNetwork({ layers: [dense(2, 'tanh'), dense(1)], loss: 'mse', optimizer: { kind: 'sgd', lr: 0.3 }, ...(schedule ? { schedule } : {}) });
    const { Trainer, compiled } = await loadTrainer(spec);
    const trainer = new Trainer() as unknown as { baseLearningRate(epoch: number): number };
    expect(Object.keys(SCHEDULES)).toContain(compiled.spec.schedule.kind);
    for (const epoch of [0, 1, 2, 3, 7, 10]) {
      expect(learningRateAt(compiled, epoch)).toBe(trainer.baseLearningRate(epoch));
    }
    expect(evaluateScalar(compiled.learningRate, { lr0: 0.3, epoch: 0 })).toBe(0.3);
  });
});

describe("step() updates with the schedule's rate at this.epoch (computed in step, not fetched)", () => {
  it.each([
    { kind: 'constant' },
    { kind: 'step', every: 3, factor: 0.5 },
    { kind: 'exponential', rate: 0.9 },
  ] as const)('$kind', async (schedule) => {
    const spec = testNetwork({ layers: [dense(2, 'tanh'), dense(1)], loss: 'mse', optimizer: { kind: 'sgd', lr: 0.3 }, schedule });
    const { Trainer } = await loadTrainer(spec);
    const trainer = new Trainer() as InstanceType<typeof Trainer> & { epoch: number; baseLearningRate(epoch: number): number };
    const data = batch(spec, 3, 2);
    for (const epoch of [0, 4, 7]) {
      trainer.epoch = epoch;
      trainer.lossAndGradient(data.X, data.Y, data.n);
      const before = trainer.params.map((p) => Float64Array.from(p));
      trainer.step();
      const lr = trainer.baseLearningRate(epoch);
      trainer.params.forEach((p, k) => p.forEach((w, i) => expect(w).toBe(before[k][i] - lr * trainer.grads[k][i])));
    }
  });
});

describe('each optimizer module: its worked numbers equal running the generated step()', () => {
  it.each(OPTIMIZER_CASES)('$what', async ({ spec: extra }) => {
    const spec = testNetwork({ layers: [dense(3, 'tanh'), dense(2, 'sigmoid')], loss: 'bce', ...extra });
    const { Trainer, compiled } = await loadTrainer(spec);
    const trainer = new Trainer();
    const data = batch(spec, 4, 5);
    trainer.lossAndGradient(data.X, data.Y, data.n);
    const before = trainer.params.map((p) => Array.from(p));
    const step = trainingStep(compiled, trainer.params.map((p, k) => ({
      values: Array.from(p),
      gradient: Array.from(trainer.grads[k]),
      isWeight: compiled.layout[k].role === 'weight',
    })));
    trainer.step();
    trainer.params.forEach((p, k) => {
      expect(Array.from(p)).toEqual(step.updated[k]); // toEqual on numbers: Object.is per entry, bit for bit
      expect(Array.from(p)).not.toEqual(before[k]);
    });
    expect(step.state.map((arrays) => arrays.length)).toEqual(compiled.layout.map(() => compiled.update.state.length));
  });
});
