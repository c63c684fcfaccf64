export { seededRandom } from '../../src/util/seeded-random.js';

/** A uniform sample of [lo, hi). */
export function uniform(random: () => number, lo: number, hi: number): number {
  return lo + (hi - lo) * random();
}
