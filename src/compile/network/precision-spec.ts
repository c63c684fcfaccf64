import { PRECISIONS, type Precision } from '../../dsl/network.js';
import { checkChoice, fail, isPresent, type Obj } from './spec-checks.js';

const HINT = "precision is 'f64' (the default: Float64Array) or 'f32' (Float32Array, f32x4 SIMD kernels for the large layers)";
const ALIASES: Readonly<Record<string, string>> = {
  float64: 'f64', double: 'f64', fp64: 'f64', float: 'f32', float32: 'f32', single: 'f32', fp32: 'f32',
};

/**
 * `precision`: absent ('f64'), 'f64' or 'f32'. Sequence networks refuse
 * 'f32': their step programs, stored steps and loops over time are printed
 * for Float64Array only, and silently training in f64 would break the promise.
 */
export function resolvePrecision(root: Obj, network: 'feedforward' | 'sequence'): Precision {
  if (!isPresent(root, 'precision')) return 'f64';
  checkChoice(root.precision, ['precision'], 'precision', PRECISIONS, ALIASES, HINT);
  if (network === 'sequence' && root.precision === 'f32') {
    fail(['precision'], "precision 'f32' is not available for sequence networks (recurrent layers) yet: they train in f64",
      "remove precision: 'f32' (or write precision: 'f64'); f32 is available for feedforward networks (inputs: a number)");
  }
  return root.precision as Precision;
}
