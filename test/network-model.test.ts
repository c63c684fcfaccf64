// The network middle end's model: validateNetwork resolves every default once,
// each optimizer module's rule drives the generated step() and the worked
// numbers (which must agree to the last bit), and dense declares its
// parameters (the layout the generated class carries).
import { describe, expect, it } from 'vitest';
import { network, type NetworkSpecInput } from '../src/dsl/network.js';
import { validateNetwork } from '../src/compile/network/validate.js';
import { firstStep, learningRateAt } from '../src/compile/network/first-step.js';
import { parameterLayout } from '../src/compile/network/parameter-layout.js';
import { OPTIMIZERS, OPTIMIZER_NAMES } from '../src/compile/network/optimizers/registry.js';
import { evaluateScalar } from '../src/compile/network/optimizers/evaluate.js';
import { SCHEDULES } from '../src/compile/network/schedules/registry.js';
import { dense, loadTrainer, testNetwork } from './helpers/network-module.js';
import { batch } from './helpers/network-reference.js';

const BASE = { inputs: 2, layers: [dense(3, 'tanh'), dense(1, 'sigmoid')], loss: 'bce' } as const;

/** Every path to an undefined value in a plain object tree. */
function undefinedPaths(value: unknown, path = ''): string[] {
  if (value === undefined) return [path];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => undefinedPaths(v, `${path}.${k}`));
}

describe('validateNetwork resolves every default', () => {
  it('a minimal spec: batch 32, Xavier uniform seed 1, constant schedule, no penalty, no clip, α 0.01, dropout 0', () => {
    const resolved = validateNetwork(network({ ...BASE, optimizer: { kind: 'sgd', lr: 0.1 } }));
    expect(resolved).toEqual({
      kind: 'network',
      inputs: 2,
      layers: [
        { kind: 'dense', units: 3, activation: 'tanh', options: { alpha: 0.01, dropout: 0 } },
        { kind: 'dense', units: 1, activation: 'sigmoid', options: { alpha: 0.01, dropout: 0 } },
      ],
      loss: 'bce',
      optimizer: { kind: 'sgd', lr: 0.1, batchSize: 32, momentum: 0, nesterov: false },
      init: { kind: 'xavier', distribution: 'uniform', seed: 1 },
      schedule: { kind: 'constant' },
      regularization: { l1: 0, l2: 0 },
      clip: {},
      standardize: false,
    });
  });

  it.each([
    { kind: 'sgd', expected: { momentum: 0, nesterov: false } },
    { kind: 'rmsprop', expected: { rho: 0.9, epsilon: 1e-8 } },
    { kind: 'adam', expected: { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } },
    { kind: 'adamw', expected: { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.01 } },
  ] as const)('$kind: the module\'s defaults, and nothing undefined', ({ kind, expected }) => {
    const resolved = validateNetwork(network({ ...BASE, optimizer: { kind, lr: 0.01 } }));
    expect(resolved.optimizer).toEqual({ kind, lr: 0.01, batchSize: 32, ...expected });
    expect(undefinedPaths(resolved)).toEqual([]);
  });

  it('keeps what the spec gives', () => {
    const spec: NetworkSpecInput = {
      inputs: 3,
      layers: [dense(4, 'leaky_relu', { alpha: 0.2, dropout: 0.1 }), dense(2, 'softmax')],
      loss: 'cce',
      optimizer: { kind: 'adamw', lr: 0.002, batchSize: 'full', beta1: 0.8, beta2: 0.99, epsilon: 1e-6, weightDecay: 0 },
      init: { kind: 'xavier', distribution: 'normal', seed: 5 },
      schedule: { kind: 'step', every: 3, factor: 0.5 },
      regularization: { l2: 1e-3 },
      clip: { norm: 2 },
      standardize: true,
    };
    const resolved = validateNetwork(network(spec));
    expect(resolved.layers[0].options).toEqual({ alpha: 0.2, dropout: 0.1 });
    expect(resolved.optimizer).toEqual(spec.optimizer);
    expect(resolved.init).toEqual(spec.init);
    expect(resolved.schedule).toEqual(spec.schedule);
    expect(resolved.regularization).toEqual({ l1: 0, l2: 1e-3 });
    expect(resolved.clip).toEqual({ norm: 2 });
    expect(resolved.standardize).toBe(true);
  });

  it('He initialization by default for a relu or leaky_relu first layer', () => {
    for (const activation of ['relu', 'leaky_relu'] as const) {
      const resolved = validateNetwork(network({ ...BASE, layers: [dense(3, activation), dense(1, 'sigmoid')], optimizer: { kind: 'sgd', lr: 0.1 } }));
      expect(resolved.init).toEqual({ kind: 'he', distribution: 'uniform', seed: 1 });
    }
  });

  it('every optimizer module declares a default for each option it takes', () => {
    for (const name of OPTIMIZER_NAMES) {
      for (const [key, option] of Object.entries(OPTIMIZERS[name].options)) {
        expect(option.default, `${name}.${key}`).not.toBeUndefined();
      }
    }
  });
});

describe('dense declares its parameters: the layout', () => {
  it('W then b per layer, with roles, shapes and fan-in / fan-out', () => {
    const resolved = validateNetwork(network({ inputs: 5, layers: [dense(4, 'relu'), dense(3, 'tanh'), dense(2, 'softmax')], loss: 'cce', optimizer: { kind: 'sgd', lr: 0.1 } }));
    expect(parameterLayout(resolved)).toEqual([
      { name: 'W1', layer: 1, role: 'weight', shape: [4, 5], fanIn: 5, fanOut: 4, size: 20 },
      { name: 'b1', layer: 1, role: 'bias', shape: [4], fanIn: 5, fanOut: 4, size: 4 },
      { name: 'W2', layer: 2, role: 'weight', shape: [3, 4], fanIn: 4, fanOut: 3, size: 12 },
      { name: 'b2', layer: 2, role: 'bias', shape: [3], fanIn: 4, fanOut: 3, size: 3 },
      { name: 'W3', layer: 3, role: 'weight', shape: [2, 3], fanIn: 3, fanOut: 2, size: 6 },
      { name: 'b3', layer: 3, role: 'bias', shape: [2], fanIn: 3, fanOut: 2, size: 2 },
    ]);
  });
});

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

describe('each optimizer module: its worked numbers equal running the generated step()', () => {
  const cases: { what: string; spec: Partial<NetworkSpecInput> }[] = [
    { what: 'sgd', spec: { optimizer: { kind: 'sgd', lr: 0.3 } } },
    { what: 'sgd with momentum', spec: { optimizer: { kind: 'sgd', lr: 0.3, momentum: 0.9 } } },
    { what: 'sgd with Nesterov momentum', spec: { optimizer: { kind: 'sgd', lr: 0.3, momentum: 0.7, nesterov: true } } },
    { what: 'rmsprop', spec: { optimizer: { kind: 'rmsprop', lr: 0.01, rho: 0.95 } } },
    { what: 'adam', spec: { optimizer: { kind: 'adam', lr: 0.01 } } },
    { what: 'adamw (decay on weights only)', spec: { optimizer: { kind: 'adamw', lr: 0.01, weightDecay: 0.1 } } },
    { what: 'adam, clipped by norm and value, with a schedule', spec: { optimizer: { kind: 'adam', lr: 0.05 }, clip: { norm: 0.1, value: 0.02 }, schedule: { kind: 'step', every: 1, factor: 0.5 } } },
  ];
  it.each(cases)('$what', async ({ spec: extra }) => {
    const spec = testNetwork({ layers: [dense(3, 'tanh'), dense(2, 'sigmoid')], loss: 'bce', ...extra });
    const { Trainer, compiled } = await loadTrainer(spec);
    const trainer = new Trainer();
    const data = batch(spec, 4, 5);
    trainer.lossAndGradient(data.X, data.Y, data.n);
    const before = trainer.params.map((p) => Array.from(p));
    const step = firstStep(compiled, trainer.params.map((p, k) => ({
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
