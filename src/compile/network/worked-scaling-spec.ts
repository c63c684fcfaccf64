import type { ResolvedInputScaling } from './resolved.js';
import { checkKeys, fail, isPresent, type Obj, record, required, show, type SpecPath } from './spec-checks.js';
import { numbers } from './worked-spec.js';

const HINT = "standardize is 'batch' (each feature's mean and standard deviation over the worked examples, as fit computes "
  + 'them over the training rows) or { mean, std }: one number per input feature each, e.g. the training set\'s';
const ALIASES: Readonly<Record<string, string>> = { mu: 'mean', means: 'mean', sigma: 'std', sd: 'std', stddev: 'std', stdev: 'std' };

/**
 * `worked.standardize`, for a model that standardizes its inputs: the worked
 * x are then raw rows in the data's own units, standardized here as the
 * trainer does, x̂_j = (x_j − μ_j) / σ_j with σ_j = √(mean (x_j − μ_j)²) and a
 * σ_j of 0 taken as 1 (templates/trainer/column-scaling.ts). 'batch': μ and σ
 * of the worked examples; { mean, std }: given (std > 0, as setStandardization checks).
 */
export function resolveWorkedScaling(worked: Obj, path: SpecPath, x: readonly (readonly number[])[], standardizesInputs: boolean): ResolvedInputScaling | undefined {
  if (!isPresent(worked, 'standardize')) return undefined;
  const at = [...path, 'standardize'];
  const value = worked.standardize;
  if (!standardizesInputs) {
    fail(at, 'worked.standardize is given but the model does not standardize its inputs',
      'add standardize: true to the model, or remove worked.standardize (x is then used as given)');
  }
  const width = x[0].length;
  if (value === 'batch') {
    if (x.length < 2) {
      fail(at, "standardize: 'batch' needs two or more worked examples (one example's standard deviation is 0)",
        'give a mini-batch of x rows, or the training set\'s { mean, std }');
    }
    const mean = Array.from({ length: width }, (_v, j) => x.reduce((s, row) => s + row[j], 0) / x.length);
    const deviation = mean.map((m, j) => Math.sqrt(x.reduce((s, row) => s + (row[j] - m) ** 2, 0) / x.length));
    return standardized(x, mean, deviation.map((s) => (s > 0 ? s : 1)), 'batch', deviation.map((s) => s === 0));
  }
  if (typeof value === 'string') fail(at, `worked.standardize must be 'batch' or { mean, std }, got ${show(value)}`, HINT);
  const given = record(value, at, 'worked.standardize', HINT);
  checkKeys(given, at, ['mean', 'std'], 'worked.standardize field', ALIASES);
  const mean = numbers(required(given, 'mean', at, 'worked.standardize', HINT), [...at, 'mean'], 'worked.standardize.mean', width, HINT);
  const std = numbers(required(given, 'std', at, 'worked.standardize', HINT), [...at, 'std'], 'worked.standardize.std', width, HINT);
  const k = std.findIndex((s) => s <= 0);
  if (k >= 0) fail([...at, 'std', k], `a standard deviation must be positive, got ${std[k]}`, 'give each feature\'s standard deviation over the training rows');
  return standardized(x, mean, std, 'given', std.map(() => false));
}

function standardized(raw: readonly (readonly number[])[], mean: number[], std: number[], from: 'batch' | 'given', constant: boolean[]): ResolvedInputScaling {
  // x̂_j = (x_j − μ_j) / σ_j, as ColumnScaling.standardizeRow computes it
  const x = raw.map((row) => row.map((v, j) => (v - mean[j]) / std[j]));
  return { raw: raw.map((row) => [...row]), x, mean, std, from, constant };
}
