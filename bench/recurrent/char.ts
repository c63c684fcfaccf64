// A character model at min-char-rnn's sizes (Karpathy): 65 one-hot characters
// per step, an Elman layer of 100 tanh units over T = 25 steps, the next
// character as a softmax over 65 (many-to-one), Adam with clipping by norm.
// bench/recurrent/step-share.mjs times its step() (23 165 parameters) against
// its lossAndGradient: with batches of one sequence, as min-char-rnn trains,
// the update is a large share of a training step.
import { dense, network, rnn } from 'nncompile';

export const CharBench = network({
  inputs: { sequence: 65 },
  layers: [rnn(100, 'tanh'), dense(65, 'softmax')],
  loss: 'cce',
  optimizer: { kind: 'adam', lr: 0.002, batchSize: 1 },
  clip: { norm: 5 },
});
