// Benchmark workload (b): 64 → 32 tanh → 10 softmax, categorical cross-entropy
// from the logits, mini-batches of 32, plain SGD (w ← w − η g).
import { dense, network } from 'nncompile';

export const Mlp64 = network({
  inputs: 64,
  layers: [dense(32, 'tanh'), dense(10, 'softmax')],
  loss: 'cce',
  optimizer: { kind: 'sgd', lr: 0.1, batchSize: 32 },
  init: { kind: 'xavier', seed: 2 },
});
