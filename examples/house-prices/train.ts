// Trains the house-price network of examples/house-prices/model.ts and
// compares its test RMSE with the closed-form least-squares baseline.
//
//   npm run example -- house-prices
//
// Protocol (data/README.md): shuffle with a fixed seed, hold out the last 20%
// as a test set that training never sees. The network trains on the first
// 80% of the rest and stops early on the last 20% (validation); the
// least-squares baseline is fitted to all of the training 80%. Both are
// scored once on the same test rows.
import { type TrainerClass, type TrainingReport, describeTraining, fitLeastSquares, isMain, loadBostonHousing, rmse, secondsSince, trainTestSplit, trainWithEarlyStopping, trainingReport } from '../data.js';

/** Shared with test/examples.test.ts. */
export const SETTINGS = {
  splitSeed: 42,
  epochs: 500,
  validationSplit: 0.2,
  earlyStopping: { patience: 40, minDelta: 1e-3 },
  seed: 1,
};

export interface HousePricesResult extends TrainingReport {
  /** Root-mean-square error on the test rows, in k$. */
  readonly testRmse: number;
  readonly baselineRmse: number;
}

export function run(Model: TrainerClass, settings: typeof SETTINGS = SETTINGS): HousePricesResult {
  const { train, test } = trainTestSplit(loadBostonHousing(), settings.splitSeed);

  const trained = trainWithEarlyStopping(Model, train, settings);
  const { rmse: testRmse = NaN } = trained.model.evaluate(test);

  const baseline = fitLeastSquares(train);
  const predicted = new Float64Array(test.n);
  baseline.predict(test.X, test.n, predicted);

  return {
    testRmse,
    baselineRmse: rmse(predicted, test.Y),
    ...trainingReport(train, test.n, trained),
  };
}

if (isMain(import.meta.url)) {
  const { HousePrices } = await import('../../generated/house-prices/model.js');
  const start = performance.now();
  const r = run(HousePrices);
  console.log(describeTraining(r, SETTINGS.validationSplit, 'tracts'));
  console.log(`least squares (closed form, same split): test RMSE ${r.baselineRmse.toFixed(2)} k$`);
  console.log(`house-prices: test RMSE ${r.testRmse.toFixed(2)} k$ vs ${r.baselineRmse.toFixed(2)} k$ for least squares (${r.testSize} held-out tracts), trained in ${secondsSince(start)} s`);
}
