// XOR, the classic problem a single-layer perceptron cannot solve: a 2-4-1
// network with a tanh hidden layer and a sigmoid output trained on binary
// cross-entropy (computed from the logit) with SGD and momentum.
import { dense, network } from 'nncompile';

export const Xor = network({
  inputs: 2,
  layers: [dense(4, 'tanh'), dense(1, 'sigmoid')],
  loss: 'bce',
  optimizer: { kind: 'sgd', lr: 0.5, momentum: 0.9, batchSize: 'full' },
  init: { kind: 'xavier', seed: 1 },
});
