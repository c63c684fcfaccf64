import type { ResolvedNetwork } from './resolved.js';
import { seededRandom } from '../../util/seeded-random.js';

/**
 * The dropout masks of the worked steps: per step, per layer (index l − 1),
 * the scaled mask m^l of the batch row-major (rows × units: m = 1/(1 − p)
 * for a kept unit, 0 for a dropped one), undefined for a layer without dropout.
 */
export type StepMasks = readonly (readonly number[] | undefined)[];

/** How the worked masks were chosen: given by the model (`worked.masks`), or drawn as the generated trainer draws them. */
export type MaskSource = 'given' | 'trainer';

/** XOR'd into the seed by the trainer template's fit(): dropout and shuffling are decorrelated from the initialization's stream. */
const FIT_SEED_MIX = 0x5bd1e995;

/** The seed fit() starts its dropout stream from, with its default `seed` option (the spec's init seed). */
export function fitDropoutSeed(spec: Pick<ResolvedNetwork, 'init'>): number {
  return (spec.init.seed ^ FIT_SEED_MIX) >>> 0;
}

/**
 * The worked steps' masks. Given keep indicators (0 or 1 per unit and
 * example) are scaled by 1/(1 − p) and used at every step; otherwise the
 * masks are the ones the generated trainer draws when `fit` trains on the
 * worked examples as one full batch (no shuffle) for `steps` epochs with
 * its default seed: mulberry32 from fitDropoutSeed, each step filling the
 * layers' masks in layer order, n × units draws each, a unit kept when its
 * draw is below 1 − p (templates/trainer/: fit.ts's reseed, random.ts's
 * #fillUniform and fillDropoutMask; seededRandom is the same mulberry32).
 */
export function workedMasks(
  spec: Pick<ResolvedNetwork, 'layers' | 'init' | 'precision'>, rows: number, steps: number,
  given?: readonly (readonly (readonly number[])[] | undefined)[],
): StepMasks[] {
  const rates = spec.layers.map((l) => l.options.dropout);
  if (given !== undefined) {
    const masks = rates.map((p, l) => (p > 0 ? (given[l] ?? []).flatMap((row) => row.map((keep) => (keep === 1 ? 1 / (1 - p) : 0))) : undefined));
    return Array.from({ length: steps }, () => masks);
  }
  const uniform = seededRandom(fitDropoutSeed(spec));
  // an f32 trainer fills its Float32Array mask with the draws first: each draw is rounded to f32 before the comparison
  const draw = spec.precision === 'f32' ? () => Math.fround(uniform()) : uniform;
  return Array.from({ length: steps }, () => rates.map((p, l) => (p > 0
    ? Array.from({ length: rows * spec.layers[l].units }, () => (draw() < 1 - p ? 1 / (1 - p) : 0))
    : undefined)));
}
