// Benchmark workload (d): workload (c) in precision 'f32' — 784 → 128 relu →
// 10 softmax, categorical cross-entropy from the logits, mini-batches of 64,
// plain SGD; Float32Array parameters and f32x4 WebAssembly kernels.
import { dense, network } from 'nncompile';

export const MnistF32 = network({
  inputs: 784,
  layers: [dense(128, 'relu'), dense(10, 'softmax')],
  loss: 'cce',
  optimizer: { kind: 'sgd', lr: 0.05, batchSize: 64 },
  init: { kind: 'he', seed: 3 },
  precision: 'f32',
});
