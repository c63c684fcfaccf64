// The models of the second feedforward notes trial (issue 11): one per thing a
// course teaches, each with a worked example; test/network-teacher-trials.test.ts
// checks their notes.
import { dense, network, type NetworkSpec } from '../../src/dsl/network.js';

/** Five tanh layers of two units, each weight 0.5 or −0.5: the errors shrink layer by layer on the way back. */
const NARROW = { W: [[0.5, -0.5], [0.5, 0.5]], b: [0.1, -0.1] };

export const TEACHER_TRIALS: Readonly<Record<string, NetworkSpec>> = {
  HousePrices: network({
    inputs: 3,
    layers: [dense(3, 'relu'), dense(1, 'linear')],
    loss: 'mse',
    optimizer: { kind: 'sgd', lr: 0.05, batchSize: 4 },
    init: { kind: 'he', seed: 3 },
    standardize: true,
    worked: {
      weights: [{ W: [[0.4, -0.2, 0.3], [0.1, 0.5, -0.4], [-0.3, 0.2, 0.6]], b: [0.1, 0, -0.1] }, { W: [[0.7, -0.5, 0.4]], b: [0.2] }],
      x: [[1.2, -0.3, 0.5], [-0.8, 1.1, -0.2], [0.3, 0.4, 1.5], [-1.0, -0.9, 0.1]],
      y: [[1.1], [-0.4], [0.9], [-1.2]],
      steps: 3,
    },
  }),
  Logistic: network({
    inputs: 2,
    layers: [dense(1, 'sigmoid')],
    loss: 'bce',
    optimizer: { kind: 'sgd', lr: 1, batchSize: 3 },
    worked: { weights: [{ W: [[0.2, -0.4]], b: [0.1] }], x: [[1, 2], [2, 0.5], [-1, -1]], y: [[0], [1], [1]], steps: 4 },
  }),
  SoftmaxLogits: network({
    inputs: 2,
    layers: [dense(3, 'softmax')],
    loss: 'cce',
    optimizer: { kind: 'sgd', lr: 0.5, batchSize: 1 },
    worked: { weights: [{ W: [[0.1, 0.2], [-0.3, 0.4], [0.5, -0.6]], b: [0, 0.1, -0.1] }], x: [1, 2], y: [0, 0, 1], steps: 2 },
  }),
  DeepTanh: network({
    inputs: 2,
    layers: [dense(2, 'tanh'), dense(2, 'tanh'), dense(2, 'tanh'), dense(2, 'tanh'), dense(2, 'tanh'), dense(1, 'linear')],
    loss: 'mse',
    optimizer: { kind: 'sgd', lr: 0.1, batchSize: 1 },
    worked: { weights: [NARROW, NARROW, NARROW, NARROW, NARROW, { W: [[1, -1]], b: [0] }], x: [1, -1], y: [2] },
  }),
  Elastic: network({
    inputs: 2,
    layers: [dense(2, 'sigmoid'), dense(1, 'linear')],
    loss: { kind: 'mse', reduction: 'sum' },
    optimizer: { kind: 'sgd', lr: 0.1, batchSize: 2 },
    regularization: { l1: 0.01, l2: 0.05 },
    worked: { weights: [{ W: [[0.3, -0.6], [0.8, 0.2]], b: [0, 0.1] }, { W: [[0.5, -0.7]], b: [0.1] }], x: [[1, 0], [0, 1]], y: [[1], [0]], steps: 2 },
  }),
  RmsProp: network({
    inputs: 2,
    layers: [dense(2, 'tanh'), dense(1, 'sigmoid')],
    loss: 'bce',
    optimizer: { kind: 'rmsprop', lr: 0.01, batchSize: 1 },
    worked: { weights: [{ W: [[0.1, 0.2], [-0.3, 0.4]], b: [0, 0] }, { W: [[0.6, -0.5]], b: [0.05] }], x: [0.5, -1], y: [1], steps: 3 },
  }),
  Nesterov: network({
    inputs: 2,
    layers: [dense(2, 'leaky_relu', { alpha: 0.1 }), dense(1, 'linear')],
    loss: 'mse',
    optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9, nesterov: true, batchSize: 1 },
    worked: { weights: [{ W: [[0.5, -0.5], [0.25, 0.75]], b: [0, 0] }, { W: [[1, -1]], b: [0] }], x: [1, 2], y: [0.5], steps: 3 },
  }),
  NoBias: network({
    inputs: 2,
    layers: [dense(2, 'sigmoid', { bias: false }), dense(1, 'sigmoid', { bias: false })],
    loss: { kind: 'mse', half: true, reduction: 'sum' },
    optimizer: { kind: 'sgd', lr: 1, batchSize: 1 },
    worked: { weights: [{ W: [[0.5, 0.4], [-0.3, 0.9]] }, { W: [[0.8, -0.6]] }], x: [1, 1], y: [0] },
  }),
  FrozenFeatures: network({
    inputs: 2,
    layers: [dense(2, 'tanh', { frozen: ['weights', 'bias'] }), dense(1, 'linear')],
    loss: 'mse',
    optimizer: { kind: 'sgd', lr: 0.1, batchSize: 2 },
    worked: { weights: [{ W: [[1, -1], [0.5, 0.5]], b: [0, 0.2] }, { W: [[0.3, 0.6]], b: [0] }], x: [[1, 0.5], [-0.5, 1]], y: [[0.4], [-0.1]], steps: 3 },
  }),
  DropoutDrawn: network({
    inputs: 2,
    layers: [dense(4, 'relu', { dropout: 0.5 }), dense(1, 'linear')],
    loss: 'mse',
    optimizer: { kind: 'sgd', lr: 0.05, batchSize: 2 },
    init: { kind: 'he', seed: 7 },
    worked: {
      weights: [{ W: [[0.5, 0.1], [-0.2, 0.4], [0.3, 0.3], [0.6, -0.1]], b: [0, 0.1, 0, -0.1] }, { W: [[0.4, 0.3, -0.2, 0.5]], b: [0] }],
      x: [[1, 2], [2, -1]],
      y: [[1], [0.5]],
    },
  }),
  ClipValue: network({
    inputs: 1,
    layers: [dense(2, 'tanh'), dense(1, 'linear')],
    loss: 'mse',
    optimizer: { kind: 'sgd', lr: 0.2, momentum: 0.5, batchSize: 2 },
    clip: { value: 0.25 },
    worked: { weights: [{ W: [[2], [-1.5]], b: [0.5, 0] }, { W: [[1.5, 2]], b: [-1] }], x: [[1], [-2]], y: [[3], [-2]], steps: 3 },
  }),
  SquaresNoHalf: network({
    inputs: 2,
    layers: [dense(2, 'softplus'), dense(2, 'linear')],
    loss: { kind: 'mse', half: false, reduction: 'sum' },
    optimizer: { kind: 'adam', lr: 0.05, batchSize: 1 },
    init: { kind: 'xavier', distribution: 'normal', seed: 2 },
    worked: { weights: [{ W: [[0.2, -0.1], [0.4, 0.3]], b: [0.1, 0] }, { W: [[0.5, -0.5], [0.3, 0.2]], b: [0, 0.1] }], x: [1, -1], y: [0.5, 1], steps: 2 },
  }),
};

