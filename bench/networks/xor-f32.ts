// bench/precision-small.mjs: workload (a) in precision 'f32' — XOR, 2 → 4 tanh → 1 sigmoid, binary cross-entropy,
// full batch of the 4 patterns, plain SGD (w ← w − η g) so every
// implementation in bench/run-networks.mjs does the same arithmetic.
import { dense, network } from 'nncompile';

export const XorBenchF32 = network({
  inputs: 2,
  layers: [dense(4, 'tanh'), dense(1, 'sigmoid')],
  loss: 'bce',
  optimizer: { kind: 'sgd', lr: 0.5, batchSize: 'full' },
  init: { kind: 'xavier', seed: 1 },
  precision: 'f32',
});
