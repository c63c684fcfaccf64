// The models of the third feedforward notes trial (issue 11): cases a student
// or teacher would bring that no earlier trial wrote; test/network-third-trials.test.ts
// checks their notes (every printed calculation, every step's loss by plain loops).
import { dense, network, type NetworkSpec } from '../../src/dsl/network.js';

export const THIRD_TRIALS: Readonly<Record<string, NetworkSpec>> = {
  // 3-3-2 classifier, softmax output, categorical cross-entropy from the logits
  Softmax332: network({
    inputs: 3,
    layers: [dense(3, 'tanh'), dense(2, 'softmax')],
    loss: 'cce',
    optimizer: { kind: 'sgd', lr: 0.1, batchSize: 1 },
    worked: {
      weights: [{ W: [[0.2, -0.1, 0.4], [-0.5, 0.3, 0.1], [0.1, 0.2, -0.3]], b: [0, 0.1, -0.1] }, { W: [[0.3, -0.2, 0.5], [-0.4, 0.6, 0.1]], b: [0.05, -0.05] }],
      x: [1, 0.5, -1], y: [0, 1], steps: 2,
    },
  }),
  // regression on the mean absolute error
  MaeRegression: network({
    inputs: 2,
    layers: [dense(2, 'relu'), dense(1, 'linear')],
    loss: 'mae',
    optimizer: { kind: 'sgd', lr: 0.1, batchSize: 2 },
    worked: { weights: [{ W: [[0.5, -0.3], [0.2, 0.8]], b: [0.15, -0.25] }, { W: [[1.2, -0.7]], b: [0.3] }], x: [[1, 2], [-1, 0.5]], y: [[0.4], [1.5]], steps: 2 },
  }),
  // the same with biases that put two ReLU units on their kink: z = 0.5 × 1 + (−0.3) × 2 + 0.1 is 0 on paper,
  // 2.8 × 10⁻¹⁷ in floating point (the code takes H = 1 there), and 0.2 × (−1) + 0.8 × 0.5 + (−0.2) is exactly 0 (H(0) = 0)
  ReluOnKink: network({
    inputs: 2,
    layers: [dense(2, 'relu'), dense(1, 'linear')],
    loss: 'mae',
    optimizer: { kind: 'sgd', lr: 0.1, batchSize: 2 },
    worked: { weights: [{ W: [[0.5, -0.3], [0.2, 0.8]], b: [0.1, -0.2] }, { W: [[1.2, -0.7]], b: [0.3] }], x: [[1, 2], [-1, 0.5]], y: [[0.4], [1.5]], steps: 2 },
  }),
  // XOR with tanh units and targets ±1, momentum, the four patterns as one batch
  TanhXorMomentum: network({
    inputs: 2,
    layers: [dense(2, 'tanh'), dense(1, 'tanh')],
    loss: 'mse',
    optimizer: { kind: 'sgd', lr: 0.2, momentum: 0.9, batchSize: 4 },
    worked: {
      weights: [{ W: [[0.6, -0.4], [-0.3, 0.7]], b: [0.1, -0.1] }, { W: [[0.8, 0.5]], b: [0] }],
      x: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [[-1], [1], [1], [-1]], steps: 3,
    },
  }),
  // two ReLU layers, He initialization, an L2 penalty
  ReluHeL2: network({
    inputs: 2,
    layers: [dense(3, 'relu'), dense(2, 'relu'), dense(1, 'linear')],
    loss: 'mse',
    optimizer: { kind: 'sgd', lr: 0.05, batchSize: 2 },
    init: { kind: 'he', seed: 4 },
    regularization: { l2: 0.01 },
    worked: {
      weights: [{ W: [[0.5, -0.2], [0.3, 0.4], [-0.6, 0.1]], b: [0, 0.1, 0.2] }, { W: [[0.4, -0.3, 0.2], [0.1, 0.5, -0.4]], b: [0.05, 0] }, { W: [[0.9, -0.6]], b: [0.1] }],
      x: [[1, 2], [0.5, -1]], y: [[1], [0]], steps: 2,
    },
  }),
  // logistic regression with Adam on four rows of the Wisconsin breast cancer data
  // (/work/shared/data/breast_cancer.csv rows 1, 2, 20, 21: mean radius, mean texture;
  // label 0 malignant, 1 benign; UCI, CC BY 4.0), standardized over the four
  AdamLogistic: network({
    inputs: 2,
    layers: [dense(1, 'sigmoid')],
    loss: 'bce',
    optimizer: { kind: 'adam', lr: 0.1, batchSize: 4 },
    standardize: true,
    worked: {
      weights: [{ W: [[0.1, -0.1]], b: [0] }],
      x: [[17.99, 10.38], [20.57, 17.77], [13.54, 14.36], [13.08, 15.71]], y: [[0], [0], [1], [1]],
      standardize: 'batch', steps: 3,
    },
  }),
  // dropout at train time with the textbook's own mask
  DropoutMask: network({
    inputs: 2,
    layers: [dense(3, 'relu', { dropout: 0.5 }), dense(1, 'linear')],
    loss: 'mse',
    optimizer: { kind: 'sgd', lr: 0.1, batchSize: 1 },
    worked: { weights: [{ W: [[0.5, 0.2], [-0.3, 0.8], [0.6, -0.1]], b: [0.1, 0, 0.2] }, { W: [[0.7, -0.4, 0.3]], b: [0] }], x: [1, 2], y: [1], masks: [[1, 0, 1], null] },
  }),
  // no bias anywhere
  NoBias: network({
    inputs: 2,
    layers: [dense(2, 'tanh', { bias: false }), dense(1, 'linear', { bias: false })],
    loss: 'mse',
    optimizer: { kind: 'sgd', lr: 0.1, batchSize: 1 },
    worked: { weights: [{ W: [[0.3, -0.6], [0.9, 0.2]] }, { W: [[0.5, -1]] }], x: [2, 1], y: [0.5], steps: 2 },
  }),
  // one bias shared by each layer's units, trained
  SharedBias: network({
    inputs: 2,
    layers: [dense(3, 'tanh', { bias: 'shared' }), dense(1, 'sigmoid', { bias: 'shared' })],
    loss: 'bce',
    optimizer: { kind: 'sgd', lr: 0.5, batchSize: 1 },
    worked: { weights: [{ W: [[0.2, 0.4], [-0.5, 0.1], [0.3, -0.3]], b: 0.1 }, { W: [[0.6, -0.4, 0.8]], b: -0.2 }], x: [1, -1], y: [1], steps: 2 },
  }),
  // a mini-batch of four, the mean loss
  MiniBatchMean: network({
    inputs: 2,
    layers: [dense(2, 'sigmoid'), dense(1, 'sigmoid')],
    loss: { kind: 'mse', reduction: 'mean' },
    optimizer: { kind: 'sgd', lr: 1, batchSize: 4 },
    worked: {
      weights: [{ W: [[0.3, -0.2], [0.4, 0.6]], b: [0, -0.1] }, { W: [[0.5, -0.5]], b: [0.1] }],
      x: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [[0], [1], [1], [0]], steps: 2,
    },
  }),
  // gradient clipping by the global norm, with a gradient large enough to be clipped
  ClipNorm: network({
    inputs: 1,
    layers: [dense(2, 'tanh'), dense(1, 'linear')],
    loss: 'mse',
    optimizer: { kind: 'sgd', lr: 0.1, batchSize: 1 },
    clip: { norm: 1 },
    worked: { weights: [{ W: [[1.5], [-0.5]], b: [0, 0.5] }, { W: [[2, -1]], b: [0] }], x: [1], y: [5], steps: 2 },
  }),
  // many steps: the loss falling, step by step
  TenSteps: network({
    inputs: 1,
    layers: [dense(1, 'linear')],
    loss: { kind: 'mse', half: true, reduction: 'sum' },
    optimizer: { kind: 'sgd', lr: 0.1, batchSize: 2 },
    worked: { weights: [{ W: [[0]], b: [0] }], x: [[1], [2]], y: [[2], [4]], steps: 10 },
  }),
  // a frozen output layer over a trained hidden layer, with momentum (state for the trained arrays only)
  FrozenHead: network({
    inputs: 2,
    layers: [dense(2, 'sigmoid'), dense(1, 'linear', { frozen: ['weights', 'bias'] })],
    loss: 'mse',
    optimizer: { kind: 'sgd', lr: 0.5, momentum: 0.5, batchSize: 1 },
    worked: { weights: [{ W: [[0.1, 0.2], [0.3, -0.4]], b: [0, 0] }, { W: [[1, -1]], b: [0.5] }], x: [1, 1], y: [1], steps: 2 },
  }),
  // mean loss over a batch of three: the 1/3 in the batch loss and gradients
  BatchOfThree: network({
    inputs: 1,
    layers: [dense(1, 'sigmoid')],
    loss: 'bce',
    optimizer: { kind: 'sgd', lr: 1, batchSize: 3 },
    worked: { weights: [{ W: [[0.5]], b: [0] }], x: [[1], [-1], [2]], y: [[1], [0], [1]], steps: 2 },
  }),
};
