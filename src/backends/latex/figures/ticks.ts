/**
 * Axis ticks a reader can read: multiples of 1, 2 or 5 × 10^k inside
 * [lo, hi], at most `most` of them (at least two when the range allows).
 * Each tick is the nearest double to its decimal (no 0.30000000000000004).
 */
export function niceTicks(lo: number, hi: number, most = 6): number[] {
  if (!(hi > lo)) return [];
  const span = hi - lo;
  const power = 10 ** Math.floor(Math.log10(span / most));
  // k·s for k from ⌈lo/s⌉ to ⌊hi/s⌋, with a little slack so that 7 × 0.1 counts as 0.7
  const first = (s: number) => Math.ceil(lo / s - 1e-9);
  const last = (s: number) => Math.floor(hi / s + 1e-9);
  const step = [1, 2, 5, 10, 20, 50].map((m) => m * power).find((s) => last(s) - first(s) + 1 <= most) ?? span;
  const ticks: number[] = [];
  for (let k = first(step); k <= last(step); k++) ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}
