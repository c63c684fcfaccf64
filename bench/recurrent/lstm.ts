// Benchmark workload (b) of bench/run-recurrent.mjs: an LSTM layer of 64
// cells over sequences of 8 features per step, read out at the last step by
// one linear unit, mean squared error, plain SGD (θ ← θ − η g). The runner
// uses T = 50 and batches of 32 sequences, and sets the weights itself.
import { dense, lstm, network } from 'nncompile';

export const LstmBench = network({
  inputs: { sequence: 8 },
  layers: [lstm(64), dense(1, 'linear')],
  loss: 'mse',
  optimizer: { kind: 'sgd', lr: 0.01, batchSize: 32 },
});
