import type { Loss } from '../../dsl/network.js';
import type { ResolvedLayer } from './layers/registry.js';
import type { ResolvedNetwork } from './resolved.js';
import { checkBoolean, checkKeys, fail, isPresent, type Obj, show } from './spec-checks.js';

const HINT = 'standardize: true standardizes the inputs (mean and std fitted on the training rows); '
  + '{ inputs: true, targets: true } also trains a regression on standardized targets; leave it out to use both as given';
const ALIASES: Readonly<Record<string, string>> = {
  input: 'inputs', x: 'inputs', features: 'inputs', target: 'targets', y: 'targets', outputs: 'targets', output: 'targets',
  labels: 'targets',
};
/** Losses whose targets may be standardized: the regression losses. */
const REGRESSION_LOSSES: readonly Loss[] = ['mse', 'mae'];

/**
 * `standardize`: absent, true (the inputs, as before targets could be), or
 * `{ inputs, targets }`. Target standardization is for regression: the loss is
 * mse or mae (class labels and probabilities are not rescaled) and the output
 * linear (a standardized target is negative half the time, beyond σ often:
 * a sigmoid, tanh or relu output could not reach it).
 */
export function resolveStandardize(root: Obj, loss: Loss, output: ResolvedLayer): ResolvedNetwork['standardize'] {
  if (!isPresent(root, 'standardize')) return { inputs: false, targets: false };
  const value = root.standardize;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    if (typeof value !== 'boolean') fail(['standardize'], `standardize must be true or false, got ${show(value)}`, HINT);
    return { inputs: value, targets: false };
  }
  const spec = value as Obj;
  checkKeys(spec, ['standardize'], ['inputs', 'targets'], 'standardize option', ALIASES);
  for (const key of ['inputs', 'targets']) {
    if (isPresent(spec, key)) checkBoolean(spec[key], ['standardize', key], `standardize.${key}`, HINT);
  }
  const targets = spec.targets === true;
  if (targets && !REGRESSION_LOSSES.includes(loss)) {
    fail(['standardize', 'targets'], `standardize.targets is for regression losses (mse, mae), but the loss is '${loss}'`,
      `${loss} targets are class labels or probabilities, which are used as they are: remove targets: true`);
  }
  if (targets && output.activation !== 'linear') {
    fail(['standardize', 'targets'],
      `standardized targets have mean 0 and std 1, but the output layer is '${output.activation}', which cannot produce them all`,
      `make the output layer dense(${output.units}, 'linear'), or remove targets: true`);
  }
  return { inputs: spec.inputs === true, targets };
}
