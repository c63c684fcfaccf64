// Benchmark workload (a) of bench/run-recurrent.mjs: a simple (Elman)
// recurrent layer of 32 tanh units over sequences of 1 feature per step,
// read out at the last step by one linear unit, mean squared error, plain SGD
// (θ ← θ − η g). The runner uses T = 50 and batches of 32 sequences, and
// sets the weights itself (the same in every implementation).
import { dense, network, rnn } from 'nncompile';

export const ElmanBench = network({
  inputs: { sequence: 1 },
  layers: [rnn(32, 'tanh'), dense(1, 'linear')],
  loss: 'mse',
  optimizer: { kind: 'sgd', lr: 0.01, batchSize: 32 },
});
