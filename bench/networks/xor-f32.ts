// bench/precision-small.mjs: workload (a) in precision 'f32' — XOR's
// straight-line trainer with Float32Array parameters, everything else as (a).
import { network } from 'nncompile';
import { XorBench } from './xor.js';

export const XorBenchF32 = network({ ...XorBench, precision: 'f32' });
