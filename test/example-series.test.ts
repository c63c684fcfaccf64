// The time-series helpers of the recurrent examples (examples/series.ts): the
// two bundled series load as documented in data/README.md, windows hold the
// values they should, and the two baselines compute what they claim.
import { describe, expect, it } from 'vitest';
import { fitAutoregression, fitScaling, loadCo2, loadSunspots, nextStepSequences, persistence, slidingWindows } from '../examples/series.js';
import { seededRandom } from './helpers/random.js';

describe('loaders', () => {
  it('reads the yearly sunspot numbers 1700–2008', () => {
    const { years, values } = loadSunspots();
    expect(years.length).toBe(309);
    expect([years[0], years[308]]).toEqual([1700, 2008]);
    expect([values[0], values[1], values[308]]).toEqual([5, 11, 2.9]); // first two and last lines of the file
  });

  it('reads the weekly CO₂ record and fills the 59 empty weeks between their neighbours', () => {
    const { dates, values, times, filled } = loadCo2();
    expect(values.length).toBe(2284);
    expect([dates[0], dates[2283]]).toEqual(['19580329', '20011229']);
    expect(filled.length).toBe(59);
    for (const i of filled) {
      let before = i - 1;
      while (filled.includes(before)) before--;
      let after = i + 1;
      while (filled.includes(after)) after++;
      const expected = values[before] + ((values[after] - values[before]) * (i - before)) / (after - before);
      expect(values[i]).toBeCloseTo(expected, 12);
      expect(values[i]).toBeGreaterThanOrEqual(Math.min(values[before], values[after]));
      expect(values[i]).toBeLessThanOrEqual(Math.max(values[before], values[after]));
    }
    expect(times[1] - times[0]).toBeCloseTo(7 / 365.2425, 12);
    expect(values.every(Number.isFinite)).toBe(true);
  });
});

describe('windows and baselines', () => {
  const series = Float64Array.of(1, 2, 4, 8, 16, 32);

  it('makes one row per target with the window of values before it, oldest first', () => {
    const w = slidingWindows(series, 3, 3, 6);
    expect(w.n).toBe(3);
    expect(Array.from(w.X)).toEqual([1, 2, 4, 2, 4, 8, 4, 8, 16]);
    expect(Array.from(w.Y)).toEqual([8, 16, 32]);
  });

  it('makes next-step sequences: at every step the target is the value after the one read', () => {
    const w = nextStepSequences(series, 3, 0, 6, 2); // windows start at 0 and 2; the last target index is 5
    expect(w.n).toBe(2);
    expect(Array.from(w.X)).toEqual([1, 2, 4, 4, 8, 16]);
    expect(Array.from(w.Y)).toEqual([2, 4, 8, 8, 16, 32]);
    expect(nextStepSequences(series, 3, 0, 5, 1).n).toBe(2); // targets below index 5: windows at 0 and 1
    expect(() => nextStepSequences(series, 6, 0, 6, 1)).toThrow(/no window of 6 steps/);
  });

  it('refuses targets without a full window before them', () => {
    expect(() => slidingWindows(series, 3, 2, 6)).toThrow(/need 3 values before them/);
  });

  it('persistence predicts the last value of each window', () => {
    expect(Array.from(persistence(slidingWindows(series, 2, 2, 6)))).toEqual([2, 4, 8, 16]);
  });

  it('the linear autoregression recovers an AR(2) process from its noisy samples', () => {
    // y_t = 2 + 0.6 y_{t−1} − 0.2 y_{t−2} + e_t, e_t uniform in [−1, 1)
    const random = seededRandom(5);
    const y = new Float64Array(20_000); // mean 2 / (1 − 0.6 + 0.2) = 3.33
    for (let t = 2; t < y.length; t++) y[t] = 2 + 0.6 * y[t - 1] - 0.2 * y[t - 2] + (2 * random() - 1);
    const model = fitAutoregression(slidingWindows(y, 2, 100, y.length));
    const out = new Float64Array(2);
    model.predict(Float64Array.of(3, 4, 3.5, 2.5), 2, out); // windows (y_{t−2}, y_{t−1}) near the mean
    expect(out[0]).toBeCloseTo(2 + 0.6 * 4 - 0.2 * 3, 1);
    expect(out[1]).toBeCloseTo(2 + 0.6 * 2.5 - 0.2 * 3.5, 1);
  });

  it('scales with the mean and deviation of the training part only, and inverts', () => {
    const s = fitScaling(series, 2); // 1, 2: mean 1.5, std 0.5
    expect([s.mean, s.std]).toEqual([1.5, 0.5]);
    expect(Array.from(s.apply([1, 2, 4]))).toEqual([-1, 1, 5]);
    expect(Array.from(s.invert(s.apply(series)))).toEqual(Array.from(series));
  });
});
