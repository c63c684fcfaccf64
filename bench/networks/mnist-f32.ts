// Benchmark workload (d): workload (c) in precision 'f32' — Float32Array
// parameters and f32x4 WebAssembly kernels, everything else as (c).
import { network } from 'nncompile';
import { Mnist } from './mnist.js';

export const MnistF32 = network({ ...Mnist, precision: 'f32' });
