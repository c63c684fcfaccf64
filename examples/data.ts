// Data for the examples: loaders for the bundled UCI sets in data/ (see
// data/README.md for formats and provenance), a seeded shuffle + train/test
// split, one-hot encoding, and a closed-form least-squares baseline.
//
// Everything here is plain Node (node:fs, node:zlib) with no dependencies.
// The loaders return raw features: standardization is the model's job
// (`standardize: true` in model.ts fits mean/std on the training rows only).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { seededRandom } from '../src/util/seeded-random.js';

/** n examples as rows: X is n × inputs, Y is n × outputs (both row-major). */
export interface Dataset {
  readonly X: Float64Array;
  readonly Y: Float64Array;
  readonly n: number;
  readonly inputs: number;
  readonly outputs: number;
}

/** A data set with the names of its columns (for printing). */
export interface NamedDataset extends Dataset {
  readonly featureNames: readonly string[];
}

const DATA = new URL('../data/', import.meta.url);

/** The text of a file in data/ (gunzipped when it ends in .gz). */
export function readText(file: string): string {
  const bytes = readFileSync(new URL(file, DATA));
  return (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** Non-empty lines of a CSV file, split on commas. */
export function csvRows(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(',').map((cell) => cell.trim().replace(/^"(.*)"$/, '$1')));
}

export function toNumber(cell: string, where: string): number {
  const v = Number(cell);
  if (cell === '' || !Number.isFinite(v)) throw new Error(`${where}: '${cell}' is not a number`);
  return v;
}

// ---------------------------------------------------------------- XOR

/** The four XOR patterns: y = x₁ ⊕ x₂. */
export function xorData(): Dataset {
  return {
    X: Float64Array.from([0, 0, 0, 1, 1, 0, 1, 1]),
    Y: Float64Array.from([0, 1, 1, 0]),
    n: 4,
    inputs: 2,
    outputs: 1,
  };
}

// ---------------------------------------------------------------- Breast cancer

/**
 * Breast Cancer Wisconsin (Diagnostic): 569 tumours, 30 features computed
 * from a digitized image of a fine-needle aspirate; label 1 = benign,
 * 0 = malignant. File: header `569,30,malignant,benign`, then 30 features and
 * the label per line.
 */
export function loadBreastCancer(): Dataset {
  const [header, ...rows] = csvRows(readText('breast_cancer.csv'));
  const n = Number(header[0]);
  const inputs = Number(header[1]);
  if (rows.length !== n) throw new Error(`breast_cancer.csv: header says ${n} rows, found ${rows.length}`);
  const X = new Float64Array(n * inputs);
  const Y = new Float64Array(n);
  rows.forEach((row, i) => {
    const where = `breast_cancer.csv:${i + 2}`;
    if (row.length !== inputs + 1) throw new Error(`${where}: expected ${inputs + 1} columns, found ${row.length}`);
    for (let j = 0; j < inputs; j++) X[i * inputs + j] = toNumber(row[j], where);
    Y[i] = toNumber(row[inputs], where);
  });
  return { X, Y, n, inputs, outputs: 1 };
}

// ---------------------------------------------------------------- Boston house prices

/**
 * Boston housing (Harrison & Rubinfeld, 1978): 506 census tracts, target MEDV
 * = median value of owner-occupied homes in k$. The column B encodes the
 * proportion of Black residents; it is dropped here and never used, so the
 * model sees the other 12 features.
 */
export function loadBostonHousing(): NamedDataset {
  const [header, names, ...rows] = csvRows(readText('boston_house_prices.csv'));
  const n = Number(header[0]);
  if (rows.length !== n) throw new Error(`boston_house_prices.csv: header says ${n} rows, found ${rows.length}`);
  const target = names.indexOf('MEDV');
  const dropped = names.indexOf('B');
  if (target < 0 || dropped < 0) throw new Error(`boston_house_prices.csv: expected columns B and MEDV, found ${names.join(',')}`);
  const keep = names.map((_, j) => j).filter((j) => j !== target && j !== dropped);
  const inputs = keep.length;
  const X = new Float64Array(n * inputs);
  const Y = new Float64Array(n);
  rows.forEach((row, i) => {
    const where = `boston_house_prices.csv:${i + 3}`;
    if (row.length !== names.length) throw new Error(`${where}: expected ${names.length} columns, found ${row.length}`);
    keep.forEach((j, k) => (X[i * inputs + k] = toNumber(row[j], where)));
    Y[i] = toNumber(row[target], where);
  });
  return { X, Y, n, inputs, outputs: 1, featureNames: keep.map((j) => names[j]) };
}

// ---------------------------------------------------------------- Diabetes

/**
 * The diabetes data of Efron et al. (2004), as bundled by scikit-learn: 442
 * patients, 10 baseline variables (age, sex, BMI, blood pressure, six serum
 * measurements) in their raw units, and the disease progression one year
 * later (25 … 346, mean ≈ 152): a regression on raw targets far from 0.
 * Both files are whitespace-separated numbers without a header.
 */
export function loadDiabetes(): Dataset {
  const lines = (file: string) => readText(file).split(/\r?\n/).filter((line) => line.trim() !== '');
  const rows = lines('diabetes_data_raw.csv.gz');
  const targets = lines('diabetes_target.csv.gz');
  if (rows.length !== targets.length) {
    throw new Error(`diabetes: ${rows.length} rows of inputs but ${targets.length} targets`);
  }
  const n = rows.length;
  const inputs = 10;
  const X = new Float64Array(n * inputs);
  const Y = new Float64Array(n);
  rows.forEach((line, i) => {
    const where = `diabetes_data_raw.csv.gz:${i + 1}`;
    const cells = line.trim().split(/\s+/);
    if (cells.length !== inputs) throw new Error(`${where}: expected ${inputs} numbers, found ${cells.length}`);
    cells.forEach((cell, j) => (X[i * inputs + j] = toNumber(cell, where)));
    Y[i] = toNumber(targets[i].trim(), `diabetes_target.csv.gz:${i + 1}`);
  });
  return { X, Y, n, inputs, outputs: 1 };
}

// ---------------------------------------------------------------- Digits

/**
 * UCI optical digits as bundled by scikit-learn: 1797 images of 8 × 8 pixels
 * with gray levels 0..16 (64 inputs, row by row), label 0..9, one-hot encoded
 * into 10 outputs. The file has no header: 64 pixels then the label per line.
 */
export function loadDigits(): Dataset & { readonly labels: Uint8Array } {
  const rows = csvRows(readText('digits.csv.gz'));
  const n = rows.length;
  const inputs = 64;
  const X = new Float64Array(n * inputs);
  const labels = new Uint8Array(n);
  rows.forEach((row, i) => {
    const where = `digits.csv.gz:${i + 1}`;
    if (row.length !== inputs + 1) throw new Error(`${where}: expected ${inputs + 1} columns, found ${row.length}`);
    for (let j = 0; j < inputs; j++) X[i * inputs + j] = toNumber(row[j], where);
    labels[i] = toNumber(row[inputs], where);
  });
  return { X, Y: oneHot(labels, 10), n, inputs, outputs: 10, labels };
}

/** Class k ↦ the k-th unit vector: an n × classes matrix of 0s and 1s. */
export function oneHot(labels: ArrayLike<number>, classes: number): Float64Array {
  const Y = new Float64Array(labels.length * classes);
  for (let i = 0; i < labels.length; i++) {
    const k = labels[i];
    if (!Number.isInteger(k) || k < 0 || k >= classes) throw new Error(`label ${k} of example ${i} is not in 0..${classes - 1}`);
    Y[i * classes + k] = 1;
  }
  return Y;
}

// ---------------------------------------------------------------- Shuffle and split


/** A Fisher–Yates permutation of 0..n-1 from a fixed seed. */
export function permutation(n: number, seed: number): Uint32Array {
  const random = seededRandom(seed);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/** The rows of a data set in the given order (copies). */
export function takeRows<D extends Dataset>(data: D, rows: ArrayLike<number>): Dataset {
  const { inputs, outputs } = data;
  const X = new Float64Array(rows.length * inputs);
  const Y = new Float64Array(rows.length * outputs);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    X.set(data.X.subarray(r * inputs, (r + 1) * inputs), i * inputs);
    Y.set(data.Y.subarray(r * outputs, (r + 1) * outputs), i * outputs);
  }
  return { X, Y, n: rows.length, inputs, outputs };
}

/**
 * Shuffles with a fixed seed and holds out the last `testFraction` of the
 * rows as a test set that training never sees (data/README.md's protocol).
 */
export function trainTestSplit(data: Dataset, seed: number, testFraction = 0.2): { train: Dataset; test: Dataset } {
  const order = permutation(data.n, seed);
  const nTrain = Math.floor(data.n * (1 - testFraction));
  return { train: takeRows(data, order.subarray(0, nTrain)), test: takeRows(data, order.subarray(nTrain)) };
}

// ---------------------------------------------------------------- Augmentation

/**
 * Each image of `data` followed by copies shifted one pixel right, left,
 * down and up (vacated pixels are 0, pixels pushed over the edge are dropped);
 * the labels are copied. X holds `width × height` images row by row, one per
 * row of the data set. Apply it to training rows only: held-out rows stay as
 * they are, so their scores measure the real images.
 */
export function withShiftedCopies(data: Dataset, width: number, height: number): Dataset {
  const { n, inputs, outputs } = data;
  if (inputs !== width * height) throw new Error(`withShiftedCopies: ${inputs} inputs are not ${width}×${height} images`);
  const shifts: readonly (readonly [number, number])[] = [[0, 0], [0, 1], [0, -1], [1, 0], [-1, 0]]; // (down, right)
  const X = new Float64Array(n * shifts.length * inputs);
  const Y = new Float64Array(n * shifts.length * outputs);
  let row = 0;
  for (let i = 0; i < n; i++) {
    for (const [down, right] of shifts) {
      for (let r = 0; r < height; r++) {
        for (let c = 0; c < width; c++) {
          const sr = r - down;
          const sc = c - right;
          const inside = sr >= 0 && sr < height && sc >= 0 && sc < width;
          X[row * inputs + r * width + c] = inside ? data.X[i * inputs + sr * width + sc] : 0;
        }
      }
      Y.set(data.Y.subarray(i * outputs, (i + 1) * outputs), row * outputs);
      row++;
    }
  }
  return { X, Y, n: row, inputs, outputs };
}

// ---------------------------------------------------------------- Metrics

/** Fraction of rows whose predicted class matches (argmax for several outputs, p ≥ ½ for one). */
export function accuracy(predictions: Float64Array, Y: Float64Array, n: number, outputs: number): number {
  let correct = 0;
  for (let i = 0; i < n; i++) {
    if (outputs === 1) {
      if (predictions[i] >= 0.5 === Y[i] >= 0.5) correct++;
    } else if (argmax(predictions, i * outputs, outputs) === argmax(Y, i * outputs, outputs)) {
      correct++;
    }
  }
  return correct / n;
}

function argmax(v: Float64Array, start: number, length: number): number {
  let best = 0;
  for (let k = 1; k < length; k++) if (v[start + k] > v[start + best]) best = k;
  return best;
}

/** Root-mean-square error over all entries. */
export function rmse(predictions: Float64Array, Y: Float64Array, count = Y.length): number {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += (predictions[i] - Y[i]) ** 2;
  return Math.sqrt(sum / count);
}

// ---------------------------------------------------------------- Least-squares baseline

/** A fitted linear model y ≈ w·((x − mean) / std) + intercept. */
export interface LinearModel {
  readonly mean: Float64Array;
  readonly std: Float64Array;
  readonly weights: Float64Array;
  readonly intercept: number;
  predict(X: Float64Array, n: number, out: Float64Array): void;
}

/**
 * Ordinary least squares in closed form, the baseline a network has to beat:
 * standardize the training features (mean/std of the training rows), then
 * solve the normal equations (ZᵀZ + λI) w = Zᵀ(y − ȳ) by Cholesky, with a tiny
 * ridge λ only for numerical stability. The intercept of centred targets on
 * standardized features is ȳ. Single output (Y is n × 1).
 */
export function fitLeastSquares(train: Dataset, ridge = 1e-8): LinearModel {
  const { n, inputs: d, X } = train;
  if (train.outputs !== 1) throw new Error('fitLeastSquares: one output only');
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += X[i * d + j] / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) std[j] += (X[i * d + j] - mean[j]) ** 2 / n;
  for (let j = 0; j < d; j++) std[j] = Math.sqrt(std[j]) || 1;
  let yMean = 0;
  for (let i = 0; i < n; i++) yMean += train.Y[i] / n;

  // A = ZᵀZ + λ n I and b = Zᵀ(y − ȳ), with Z the standardized features
  const A = new Float64Array(d * d);
  const b = new Float64Array(d);
  const z = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) z[j] = (X[i * d + j] - mean[j]) / std[j];
    const r = train.Y[i] - yMean;
    for (let j = 0; j < d; j++) {
      b[j] += z[j] * r;
      for (let k = 0; k <= j; k++) A[j * d + k] += z[j] * z[k];
    }
  }
  for (let j = 0; j < d; j++) A[j * d + j] += ridge * n;

  // Cholesky A = L Lᵀ (lower triangle, in place), then L u = b and Lᵀ w = u
  for (let j = 0; j < d; j++) {
    for (let k = 0; k < j; k++) A[j * d + j] -= A[j * d + k] ** 2;
    if (!(A[j * d + j] > 0)) throw new Error('fitLeastSquares: normal equations are not positive definite');
    A[j * d + j] = Math.sqrt(A[j * d + j]);
    for (let i = j + 1; i < d; i++) {
      let s = 0;
      for (let k = 0; k < j; k++) s += A[i * d + k] * A[j * d + k];
      A[i * d + j] = (A[i * d + j] - s) / A[j * d + j];
    }
  }
  const w = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= A[i * d + k] * w[k];
    w[i] = s / A[i * d + i];
  }
  for (let i = d - 1; i >= 0; i--) {
    let s = w[i];
    for (let k = i + 1; k < d; k++) s -= A[k * d + i] * w[k];
    w[i] = s / A[i * d + i];
  }

  return {
    mean,
    std,
    weights: w,
    intercept: yMean,
    predict(Xp: Float64Array, m: number, out: Float64Array): void {
      for (let i = 0; i < m; i++) {
        let s = yMean;
        for (let j = 0; j < d; j++) s += w[j] * (Xp[i * d + j] - mean[j]) / std[j];
        out[i] = s;
      }
    },
  };
}

// ---------------------------------------------------------------- The trainers, as the examples use them

/**
 * The part of a generated trainer class (a subclass of NetworkTrainer in
 * generated/<name>/model.ts) that the examples call. Each train.ts takes the
 * class as an argument, so the test can pass a class it compiled itself.
 */
export interface Trainer {
  fit(train: Dataset, options: FitSettings): FitSummary;
  evaluate(data: Dataset): { loss: number; accuracy?: number; rmse?: number };
  /** One example (standardized with the training mean/std when the model standardizes). */
  predict(x: Float64Array, out: Float64Array): void;
  /** n examples, rows of X (standardized the same way). */
  predictBatch(X: Float64Array, n: number, out: Float64Array): void;
}
export type TrainerClass = new (seed?: number) => Trainer;

export interface EpochSummary {
  epoch: number;
  loss: number;
  accuracy?: number;
  valLoss?: number;
  valAccuracy?: number;
}

export interface FitSettings {
  epochs: number;
  batchSize?: number | 'full';
  seed?: number;
  scoreTraining?: boolean;
  validationSplit?: number;
  earlyStopping?: { patience: number; minDelta?: number; restoreBest?: boolean };
  onEpoch?: (info: EpochSummary) => void | boolean;
  verbose?: boolean;
  progressEvery?: number;
}

export interface FitSummary {
  epochs: number;
  history: readonly EpochSummary[];
  stoppedEarly: boolean;
  bestEpoch: number;
  bestValLoss?: number;
}

/** Outputs of every row (standardized as for new data when the model standardizes). */
export function predictRows(model: Trainer, data: Dataset): Float64Array {
  const out = new Float64Array(data.n * data.outputs);
  model.predictBatch(data.X, data.n, out);
  return out;
}

/** How the examples train: early stopping on the last part of the training rows. */
export interface EarlyStoppingSettings {
  readonly epochs: number;
  readonly seed: number;
  readonly validationSplit: number;
  readonly earlyStopping: { readonly patience: number; readonly minDelta?: number };
}

/**
 * A fresh model trained on `train`, stopping when the validation loss has not
 * improved for `patience` epochs and keeping the best epoch's weights.
 */
export function trainWithEarlyStopping<M extends Trainer>(
  Model: new (seed?: number) => M,
  train: Dataset,
  settings: EarlyStoppingSettings,
): { model: M; fit: FitSummary; seconds: number } {
  const model = new Model();
  const start = performance.now();
  const fit = model.fit(train, {
    epochs: settings.epochs,
    seed: settings.seed,
    validationSplit: settings.validationSplit,
    earlyStopping: { ...settings.earlyStopping, restoreBest: true },
  });
  return { model, fit, seconds: (performance.now() - start) / 1000 };
}

/** What an example reports of its training besides its scores: the rows, the epochs run and kept, the time. */
export interface TrainingReport {
  readonly testSize: number;
  readonly trainSize: number;
  readonly epochs: number;
  readonly bestEpoch: number;
  readonly seconds: number;
}

/** The report of a model trained (trainWithEarlyStopping) on `train` and scored on `testSize` held-out rows. */
export function trainingReport(train: Dataset, testSize: number, trained: { readonly fit: FitSummary; readonly seconds: number }): TrainingReport {
  return { testSize, trainSize: train.n, epochs: trained.fit.epochs, bestEpoch: trained.fit.bestEpoch, seconds: trained.seconds };
}

/** The report's first line: how many `rows` trained, how many validated (fit() holds out the last `validationSplit`), the epochs run and kept. */
export function describeTraining(report: TrainingReport, validationSplit: number, rows: string): string {
  const validation = Math.floor(report.trainSize * validationSplit);
  return `trained on ${report.trainSize - validation} ${rows} (+${validation} for validation) for ${report.epochs} epochs; kept epoch ${report.bestEpoch}`;
}

/**
 * A fresh model trained on all of `train` for a fixed number of epochs: no
 * validation rows, no early stopping. The epoch count has to be chosen
 * beforehand without the test rows, e.g. by cross-validation (kFolds).
 */
export function trainForEpochs<M extends Trainer>(
  Model: new (seed?: number) => M,
  train: Dataset,
  settings: { readonly epochs: number; readonly seed: number },
): { model: M; fit: FitSummary; seconds: number } {
  const model = new Model();
  const start = performance.now();
  // No scoring of the training rows after every epoch: nothing here reads it.
  const fit = model.fit(train, { epochs: settings.epochs, seed: settings.seed, scoreTraining: false });
  return { model, fit, seconds: (performance.now() - start) / 1000 };
}

/**
 * k-fold cross-validation splits of rows 0..n-1: a seeded permutation cut
 * into k consecutive folds (fold f is positions ⌊f·n/k⌋ … ⌊(f+1)·n/k⌋ − 1).
 * Each split holds out one fold and trains on the other rows, in permutation
 * order.
 */
export function kFolds(n: number, k: number, seed: number): { train: Uint32Array; heldOut: Uint32Array }[] {
  if (!(Number.isInteger(k) && k >= 2 && k <= n)) throw new Error(`kFolds: k must be an integer in 2..${n}, got ${k}`);
  const order = permutation(n, seed);
  const splits: { train: Uint32Array; heldOut: Uint32Array }[] = [];
  for (let f = 0; f < k; f++) {
    const lo = Math.floor((f * n) / k);
    const hi = Math.floor(((f + 1) * n) / k);
    const train = new Uint32Array(n - (hi - lo));
    train.set(order.subarray(0, lo));
    train.set(order.subarray(hi), lo);
    splits.push({ train, heldOut: order.slice(lo, hi) });
  }
  return splits;
}

/** True when the module with this import.meta.url is the script node/tsx was started with. */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && pathToFileURL(resolve(script)).href === moduleUrl;
}

/** Seconds since a performance.now() reading, for the final lines. */
export function secondsSince(start: number): string {
  return ((performance.now() - start) / 1000).toFixed(1);
}

/** 0.98056 → "98.06%" */
export function percent(fraction: number): string {
  return `${(100 * fraction).toFixed(2)}%`;
}
