// Trains the many-to-many CO₂ model of examples/co2/model.ts and compares its
// one-week-ahead forecasts of 1995–2001 with persistence and a least-squares
// linear autoregression on the same window.
//
//   npm run example -- co2
//
// Protocol (data/README.md): the weekly changes d_t = x_{t+1} − x_t are
// scaled with the mean and deviation of the changes before 1995. Training
// sequences: 52 changes each, starting every STRIDE weeks, with the next
// change as the target at every step, all targets before 1995 (the last
// 20 % of the sequences validate for early stopping). Test: each week t of
// 1995–2001 is forecast as x̂_t = x_{t−1} + d̂, with d̂ the network's prediction
// at the last step of the 52 changes before it; the baselines forecast the
// same weeks from the same data. RMSE in ppm.
import { type TrainerClass, type TrainingReport, describeTraining, isMain, rmse, secondsSince, trainWithEarlyStopping, trainingReport } from '../data.js';
import { fitAutoregression, fitScaling, loadCo2, nextStepSequences, slidingWindows } from '../series.js';

/** Shared with test/examples.test.ts. */
export const SETTINGS = {
  steps: 52,
  stride: 2,
  testFrom: 1995,
  epochs: 200,
  validationSplit: 0.2,
  earlyStopping: { patience: 20, minDelta: 1e-4 },
  seed: 1,
};

export interface Co2Result extends TrainingReport {
  /** Test RMSE (ppm) of one-week-ahead forecasts: network, persistence, linear autoregression. */
  readonly testRmse: number;
  readonly persistenceRmse: number;
  readonly autoregressionRmse: number;
  readonly filledWeeks: number;
}

/** The trainer of a many-to-many model: predictions of n sequences, one per step. */
type SequenceTrainerClass = TrainerClass;

export function run(Model: SequenceTrainerClass, settings: typeof SETTINGS = SETTINGS): Co2Result {
  const { values: levels, times, filled } = loadCo2();
  const testStart = times.findIndex((t) => t >= settings.testFrom); // first forecast week: level index
  // d[i] = x[i+1] − x[i]: the change into week i + 1
  const changes = Float64Array.from({ length: levels.length - 1 }, (_, i) => levels[i + 1] - levels[i]);
  // Known before the test: the changes into weeks before testStart, d[0 … testStart − 2].
  const known = testStart - 1;
  const scaling = fitScaling(changes, known);
  const scaled = scaling.apply(changes);
  const T = settings.steps;
  const train = nextStepSequences(scaled, T, 0, known, settings.stride);

  const trained = trainWithEarlyStopping(Model, train, settings);

  // Week t ≥ testStart is forecast from d[t − 1 − T … t − 2]; its change is d[t − 1].
  const windows = slidingWindows(scaled, T, testStart - 1, changes.length);
  const perStep = new Float64Array(windows.n * T);
  trained.model.predictBatch(windows.X, windows.n, perStep);
  const lastStep = Float64Array.from({ length: windows.n }, (_, r) => perStep[r * T + T - 1]);
  const predictedChange = scaling.invert(lastStep);

  // The baselines, from the same T changes before each week (unscaled).
  const rawTrain = slidingWindows(changes, T, T, known);
  const rawTest = slidingWindows(changes, T, testStart - 1, changes.length);
  const arChange = new Float64Array(rawTest.n);
  fitAutoregression(rawTrain).predict(rawTest.X, rawTest.n, arChange);

  const actual = levels.subarray(testStart);
  const previous = levels.subarray(testStart - 1, levels.length - 1);
  const plus = (change: Float64Array) => Float64Array.from(previous, (x, i) => x + change[i]);
  return {
    testRmse: rmse(plus(predictedChange), actual),
    persistenceRmse: rmse(previous, actual),
    autoregressionRmse: rmse(plus(arChange), actual),
    filledWeeks: filled.length,
    ...trainingReport(train, actual.length, trained),
  };
}

if (isMain(import.meta.url)) {
  const { Co2 } = await import('../../generated/co2/model.js');
  const start = performance.now();
  const r = run(Co2);
  console.log(`${r.filledWeeks} missing weeks filled by linear interpolation`);
  console.log(describeTraining(r, SETTINGS.validationSplit, `sequences of ${SETTINGS.steps} weekly changes`));
  console.log(`persistence (next week = this week):                 test RMSE ${r.persistenceRmse.toFixed(3)} ppm`);
  console.log(`linear autoregression on ${SETTINGS.steps} changes (least squares): test RMSE ${r.autoregressionRmse.toFixed(3)} ppm`);
  console.log(`co2: GRU (many-to-many) one-week-ahead test RMSE ${r.testRmse.toFixed(3)} ppm vs ${r.autoregressionRmse.toFixed(3)} (linear AR) and ${r.persistenceRmse.toFixed(3)} (persistence) on ${r.testSize} weeks ${SETTINGS.testFrom}–2001, trained in ${secondsSince(start)} s`);
}
