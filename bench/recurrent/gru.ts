// A GRU of the size of workload (b) of bench/run-recurrent.mjs (64 cells over
// sequences of 8 features, read out at the last step by one linear unit, mse,
// plain SGD), for bench/recurrent/profile.mjs: the benchmark's peers have no
// GRU, so it is profiled and timed on its own (WebAssembly vs TS kernels).
import { dense, gru, network } from 'nncompile';

export const GruBench = network({
  inputs: { sequence: 8 },
  layers: [gru(64), dense(1, 'linear')],
  loss: 'mse',
  optimizer: { kind: 'sgd', lr: 0.01, batchSize: 32 },
});
