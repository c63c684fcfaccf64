// Trains the sunspot forecaster of examples/sunspots/model.ts and compares its
// test RMSE on 1960–2008 with persistence and a least-squares linear
// autoregression on the same window.
//
//   npm run example -- sunspots
//
// Protocol (data/README.md): the series is scaled with the mean and standard
// deviation of the years before 1960 only; every window of WINDOW years
// whose target year is before 1960 is a training example (the last 20 % of
// them, the most recent, validate for early stopping); the test examples are
// the windows whose target is 1960 … 2008 (their inputs may reach back
// before 1960: those years are known when the forecast is made). All three
// forecasts are scored on the same 49 test years, in sunspot numbers.
import { type TrainerClass, type TrainingReport, describeTraining, isMain, predictRows, rmse, secondsSince, trainWithEarlyStopping, trainingReport } from '../data.js';
import { fitAutoregression, fitScaling, loadSunspots, persistence, slidingWindows } from '../series.js';

/** Shared with test/examples.test.ts. */
export const SETTINGS = {
  window: 20,
  testFrom: 1960,
  epochs: 300,
  validationSplit: 0.2,
  earlyStopping: { patience: 30, minDelta: 1e-4 },
  seed: 1,
};

export interface SunspotsResult extends TrainingReport {
  /** Test RMSE (sunspot number) of the network, persistence and the linear autoregression. */
  readonly testRmse: number;
  readonly persistenceRmse: number;
  readonly autoregressionRmse: number;
}

export function run(Model: TrainerClass, settings: typeof SETTINGS = SETTINGS): SunspotsResult {
  const { years, values } = loadSunspots();
  const testStart = years.indexOf(settings.testFrom);
  const scaling = fitScaling(values, testStart);
  const scaled = scaling.apply(values);
  const train = slidingWindows(scaled, settings.window, settings.window, testStart);
  const test = slidingWindows(scaled, settings.window, testStart, values.length);

  const trained = trainWithEarlyStopping(Model, train, settings);
  const forecast = scaling.invert(predictRows(trained.model, test));
  const actual = scaling.invert(test.Y);

  // The baselines on the same windows, in the original units.
  const rawTrain = slidingWindows(values, settings.window, settings.window, testStart);
  const rawTest = slidingWindows(values, settings.window, testStart, values.length);
  const autoregression = new Float64Array(rawTest.n);
  fitAutoregression(rawTrain).predict(rawTest.X, rawTest.n, autoregression);

  return {
    testRmse: rmse(forecast, actual),
    persistenceRmse: rmse(persistence(rawTest), rawTest.Y),
    autoregressionRmse: rmse(autoregression, rawTest.Y),
    ...trainingReport(train, test.n, trained),
  };
}

if (isMain(import.meta.url)) {
  const { Sunspots } = await import('../../generated/sunspots/model.js');
  const start = performance.now();
  const r = run(Sunspots);
  const w = SETTINGS.window;
  console.log(describeTraining(r, SETTINGS.validationSplit, `windows of ${w} years`));
  console.log(`persistence (next year = this year):          test RMSE ${r.persistenceRmse.toFixed(2)}`);
  console.log(`linear autoregression on ${w} years (least sq.): test RMSE ${r.autoregressionRmse.toFixed(2)}`);
  console.log(`sunspots: LSTM test RMSE ${r.testRmse.toFixed(2)} vs ${r.autoregressionRmse.toFixed(2)} (linear AR) and ${r.persistenceRmse.toFixed(2)} (persistence) on ${r.testSize} years ${SETTINGS.testFrom}–${SETTINGS.testFrom + r.testSize - 1}, trained in ${secondsSince(start)} s`);
}
