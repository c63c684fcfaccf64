// Fits the logistic regression of examples/logistic/model.ts to 80% of the
// breast-cancer data and reports its accuracy on the other 20%.
//
//   npm run example -- logistic
//
// Protocol (data/README.md): shuffle with a fixed seed, hold out the last 20%
// as a test set that training never sees. Of the remaining 80%, fit() holds
// out its last 20% as a validation set for early stopping: the weights kept
// are those of the epoch with the lowest validation loss. The test set is
// scored once, at the end.
import { type TrainerClass, type TrainingReport, describeTraining, isMain, loadBreastCancer, percent, secondsSince, trainTestSplit, trainWithEarlyStopping, trainingReport } from '../data.js';

/** Shared with test/examples.test.ts. */
export const SETTINGS = {
  splitSeed: 42,
  epochs: 200,
  validationSplit: 0.2,
  earlyStopping: { patience: 20, minDelta: 1e-4 },
  seed: 1,
};

export interface LogisticResult extends TrainingReport {
  readonly testAccuracy: number;
  readonly testLoss: number;
}

export function run(Model: TrainerClass, settings: typeof SETTINGS = SETTINGS): LogisticResult {
  const { train, test } = trainTestSplit(loadBreastCancer(), settings.splitSeed);
  const trained = trainWithEarlyStopping(Model, train, settings);
  const { loss, accuracy = 0 } = trained.model.evaluate(test);
  return { testAccuracy: accuracy, testLoss: loss, ...trainingReport(train, test.n, trained) };
}

if (isMain(import.meta.url)) {
  const { BreastCancer } = await import('../../generated/logistic/model.js');
  const start = performance.now();
  const r = run(BreastCancer);
  console.log(describeTraining(r, SETTINGS.validationSplit, 'tumours'));
  console.log(`test loss ${r.testLoss.toFixed(4)}`);
  console.log(`logistic: test accuracy ${percent(r.testAccuracy)} (${r.testSize} held-out tumours), trained in ${secondsSince(start)} s`);
}
