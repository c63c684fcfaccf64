// Time series for the recurrent examples: loaders for the two bundled series
// (data/sunspots.csv, data/co2.csv; provenance in data/README.md), sliding
// windows over a series, scaling fitted on the training part only, and the
// two baselines every forecast is reported next to: persistence (the next
// value is the last one) and a linear autoregression fitted by least squares
// on the same window.
import { type Dataset, csvRows, fitLeastSquares, type LinearModel, readText, toNumber } from './data.js';

/** A series with the time of each value, as a decimal year (1958.24 …). */
export interface Series {
  readonly times: Float64Array;
  readonly values: Float64Array;
}

/** Yearly mean sunspot numbers 1700–2008 (309 years). */
export function loadSunspots(): Series & { readonly years: Int32Array } {
  const [header, ...rows] = csvRows(readText('sunspots.csv'));
  if (header.join(',') !== 'YEAR,SUNACTIVITY') throw new Error(`sunspots.csv: expected columns YEAR,SUNACTIVITY, found ${header.join(',')}`);
  const years = new Int32Array(rows.length);
  const values = new Float64Array(rows.length);
  rows.forEach((row, i) => {
    const where = `sunspots.csv:${i + 2}`;
    years[i] = toNumber(row[0], where);
    values[i] = toNumber(row[1], where);
    if (i > 0 && years[i] !== years[i - 1] + 1) throw new Error(`${where}: year ${years[i]} does not follow ${years[i - 1]}`);
  });
  return { years, times: Float64Array.from(years), values };
}

/**
 * Weekly CO₂ at Mauna Loa (ppm), 29 March 1958 – 29 December 2001, 2284
 * weeks. The 59 weeks without a measurement are filled by linear
 * interpolation between the nearest measured weeks before and after
 * (`filled` lists their indices); the file neither starts nor ends with one.
 */
export function loadCo2(): Series & { readonly dates: readonly string[]; readonly filled: readonly number[] } {
  const [header, ...rows] = csvRows(readText('co2.csv'));
  if (header.join(',') !== 'date,co2') throw new Error(`co2.csv: expected columns date,co2, found ${header.join(',')}`);
  const dates = rows.map((row) => row[0]);
  const times = new Float64Array(rows.length);
  const values = new Float64Array(rows.length);
  const filled: number[] = [];
  let previousDay = NaN;
  rows.forEach((row, i) => {
    const where = `co2.csv:${i + 2}`;
    const day = dayNumber(row[0], where);
    if (i > 0 && day !== previousDay + 7) throw new Error(`${where}: ${row[0]} is not one week after the previous date`);
    previousDay = day;
    times[i] = 1970 + day / 365.2425;
    if (row[1] === undefined || row[1] === '') filled.push(i);
    else values[i] = toNumber(row[1], where);
  });
  for (const i of filled) {
    let before = i - 1;
    while (filled.includes(before)) before--;
    let after = i + 1;
    while (filled.includes(after)) after++;
    if (before < 0 || after >= rows.length) throw new Error(`co2.csv:${i + 2}: an empty week at the edge cannot be interpolated`);
    values[i] = values[before] + ((values[after] - values[before]) * (i - before)) / (after - before);
  }
  return { dates, times, values, filled };
}

/** Days since 1970-01-01 of a YYYYMMDD date. */
function dayNumber(cell: string, where: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(cell);
  if (!match) throw new Error(`${where}: '${cell}' is not a YYYYMMDD date`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 86_400_000;
}

/** An affine map v ↦ (v − mean) / std fitted on part of a series, and its inverse. */
export interface Scaling {
  readonly mean: number;
  readonly std: number;
  apply(values: ArrayLike<number>): Float64Array;
  invert(scaled: ArrayLike<number>): Float64Array;
}

/** The mean and standard deviation of values[0 … end−1] (the training part only). */
export function fitScaling(values: ArrayLike<number>, end: number): Scaling {
  let mean = 0;
  for (let i = 0; i < end; i++) mean += values[i] / end;
  let variance = 0;
  for (let i = 0; i < end; i++) variance += (values[i] - mean) ** 2 / end;
  const std = Math.sqrt(variance) || 1;
  return {
    mean,
    std,
    apply: (vs) => Float64Array.from(vs, (v) => (v - mean) / std),
    invert: (zs) => Float64Array.from(zs, (z) => z * std + mean),
  };
}

/**
 * Many-to-one windows: one row per target index t in [first, end), X = the
 * `window` values before it (values[t − window … t − 1], oldest first: a
 * sequence of `window` steps with one feature each), Y = values[t].
 */
export function slidingWindows(values: ArrayLike<number>, window: number, first: number, end: number): Dataset {
  if (!(Number.isInteger(window) && window >= 1)) throw new Error(`slidingWindows: window must be a positive integer, got ${window}`);
  if (first < window || end > values.length || first >= end) {
    throw new Error(`slidingWindows: targets ${first} … ${end - 1} need ${window} values before them, within 0 … ${values.length - 1}`);
  }
  const n = end - first;
  const X = new Float64Array(n * window);
  const Y = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const t = first + r;
    for (let k = 0; k < window; k++) X[r * window + k] = values[t - window + k];
    Y[r] = values[t];
  }
  return { X, Y, n, inputs: window, outputs: 1 };
}

/**
 * Many-to-many windows for next-step prediction: row r reads `steps` values
 * starting at s = first + r·stride and has, at every step k, the target
 * values[s + k + 1] (the value after the one it just read). X and Y are both
 * n × steps (one feature and one output per step). Every target index is
 * below `end`.
 */
export function nextStepSequences(values: ArrayLike<number>, steps: number, first: number, end: number, stride: number): Dataset & { readonly steps: number } {
  const n = Math.floor((end - 1 - steps - first) / stride) + 1;
  if (!(n >= 1 && first >= 0 && end <= values.length)) {
    throw new Error(`nextStepSequences: no window of ${steps} steps and their targets fits in ${first} … ${end - 1}`);
  }
  const X = new Float64Array(n * steps);
  const Y = new Float64Array(n * steps);
  for (let r = 0; r < n; r++) {
    const s = first + r * stride;
    for (let k = 0; k < steps; k++) {
      X[r * steps + k] = values[s + k];
      Y[r * steps + k] = values[s + k + 1];
    }
  }
  return { X, Y, n, inputs: steps, outputs: steps, steps };
}

/** Persistence, the forecast to beat: each window's prediction is its last value. */
export function persistence(windows: Dataset): Float64Array {
  const { n, inputs: window, X } = windows;
  return Float64Array.from({ length: n }, (_, r) => X[r * window + window - 1]);
}

/**
 * A linear autoregression on the same window, y_t ≈ c + Σ_k a_k y_{t−k},
 * fitted by least squares on the training windows (fitLeastSquares: closed
 * form on standardized lags).
 */
export function fitAutoregression(trainWindows: Dataset): LinearModel {
  return fitLeastSquares(trainWindows);
}
