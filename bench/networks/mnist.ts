// Benchmark workload (c): MNIST-sized, 784 → 128 relu → 10 softmax,
// categorical cross-entropy from the logits, mini-batches of 64, plain SGD.
import { dense, network } from 'nncompile';

export const Mnist = network({
  inputs: 784,
  layers: [dense(128, 'relu'), dense(10, 'softmax')],
  loss: 'cce',
  optimizer: { kind: 'sgd', lr: 0.05, batchSize: 64 },
  init: { kind: 'he', seed: 3 },
});
