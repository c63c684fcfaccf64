// The network middle end's model: validateNetwork resolves every default once
// (./resolved.ts), and dense declares its parameters (the layout the generated
// class carries). No code generation: see test/backends/network-optimizers.test.ts
// for the optimizer and schedule modules against the generated code.
import { describe, expect, it } from 'vitest';
import { dense, network, type NetworkSpecInput } from '../../src/dsl/network.js';
import { validateNetwork } from '../../src/compile/network/validate.js';
import { parameterLayout } from '../../src/compile/network/parameter-layout.js';
import { OPTIMIZERS, OPTIMIZER_NAMES } from '../../src/compile/network/optimizers/registry.js';
import { evaluateScalar } from '../../src/compile/network/optimizers/evaluate.js';
import { compileNetwork } from '../../src/compile/network/compile-network.js';
import { LAYER_KINDS } from '../../src/compile/network/layers/registry.js';

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
        { kind: 'dense', units: 3, activation: 'tanh', options: { alpha: 0.01, dropout: 0, bias: true, frozen: [] } },
        { kind: 'dense', units: 1, activation: 'sigmoid', options: { alpha: 0.01, dropout: 0, bias: true, frozen: [] } },
      ],
      loss: 'bce',
      lossConvention: { half: true, reduction: 'mean' },
      optimizer: { kind: 'sgd', lr: 0.1, batchSize: 32, momentum: 0, nesterov: false },
      init: { kind: 'xavier', distribution: 'uniform', seed: 1 },
      schedule: { kind: 'constant' },
      regularization: { l1: 0, l2: 0 },
      clip: {},
      standardize: { inputs: false, targets: false },
      precision: 'f64',
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
    expect(resolved.layers[0].options).toEqual({ alpha: 0.2, dropout: 0.1, bias: true, frozen: [] });
    expect(resolved.optimizer).toEqual(spec.optimizer);
    expect(resolved.init).toEqual(spec.init);
    expect(resolved.schedule).toEqual(spec.schedule);
    expect(resolved.regularization).toEqual({ l1: 0, l2: 1e-3 });
    expect(resolved.clip).toEqual({ norm: 2 });
    expect(resolved.standardize).toEqual({ inputs: true, targets: false });
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

describe('dense describes itself for the notes', () => {
  it('its forward rows and parameters, in the notes\' symbols', () => {
    const resolved = validateNetwork(network({ ...BASE, optimizer: { kind: 'sgd', lr: 0.1 } }));
    const symbols = (input: string) => ({ input, activation: (z: string) => `f^{2}\\left(${z}\\right)` });
    const { backward, ...described } = LAYER_KINDS.dense.describe(resolved.layers[1], 2, 3, symbols('a^{1}'));
    expect(described).toEqual({
      title: 'dense, 1 unit, sigmoid',
      forward: ['z^{2} &= W^{2} a^{1} + b^{2} & &\\in \\mathbb{R}^{1}', 'a^{2} &= f^{2}\\left(z^{2}\\right)'],
      parameters: [{ name: 'W2', tex: 'W^{2}', entrySymbol: 'w', shape: [1, 3] }, { name: 'b2', tex: 'b^{2}', entrySymbol: 'b', shape: [1] }],
    });
    // its backward pass, derived by the reverse sweep of its own graph: Wᵀδ back, δ aᵀ and δ for W and b
    if (backward === undefined) throw new Error('a dense layer describes its backward pass');
    const op = (id: number | undefined) => (id === undefined ? undefined : backward.graph.node(id).op);
    expect([op(backward.inputError), ...backward.gradients.map(op)]).toEqual(['matmul', 'matmul_tn', 'sum_to']);
    expect(backward.params.map((p) => p.name)).toEqual(['W2', 'b2']);
    expect(LAYER_KINDS.dense.describe(resolved.layers[0], 1, 2, symbols('x')).forward[0]).toBe('z^{1} &= W^{1} x + b^{1} & &\\in \\mathbb{R}^{3}');
  });
});

describe('schedules as expressions', () => {
  it('η_e for constant, step and exponential schedules', () => {
    const rate = (schedule?: NetworkSpecInput['schedule']) => {
      const c = compileNetwork('Net', validateNetwork(network({ ...BASE, optimizer: { kind: 'sgd', lr: 0.5 }, ...(schedule ? { schedule } : {}) })));
      return (epoch: number) => evaluateScalar(c.learningRate, { lr0: 0.5, epoch });
    };
    expect([0, 1, 5].map(rate())).toEqual([0.5, 0.5, 0.5]);
    expect([0, 1, 2, 3, 4, 6].map(rate({ kind: 'step', every: 2, factor: 0.5 }))).toEqual([0.5, 0.5, 0.25, 0.25, 0.125, 0.0625]);
    expect([0, 1, 2].map(rate({ kind: 'exponential', rate: 0.5 }))).toEqual([0.5, 0.25, 0.125]);
  });
});
