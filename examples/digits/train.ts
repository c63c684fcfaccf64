// Trains the digit classifier of examples/digits/model.ts and reports its
// accuracy on held-out images.
//
//   npm run example -- digits
//
// Protocol (data/README.md): shuffle with a fixed seed, hold out the last 20%
// (360 images) as a test set that training never sees. fit() holds out the
// last 10% of the remaining 1437 as a validation set; training stops when the
// validation loss has not improved for `patience` epochs and keeps the best
// weights. The test set is scored once, at the end: nothing here was chosen
// by looking at it.
import { type TrainerClass, trainWithEarlyStopping, isMain, loadDigits, percent, secondsSince, trainTestSplit } from '../data.js';

/** Shared with test/examples.test.ts. */
export const SETTINGS = {
  splitSeed: 42,
  epochs: 200,
  validationSplit: 0.1,
  earlyStopping: { patience: 20, minDelta: 1e-4 },
  seed: 1,
};

export interface DigitsResult {
  readonly testAccuracy: number;
  readonly validationAccuracy: number;
  readonly testSize: number;
  readonly trainSize: number;
  readonly epochs: number;
  readonly bestEpoch: number;
  readonly seconds: number;
}

export function run(Model: TrainerClass, settings: typeof SETTINGS = SETTINGS): DigitsResult {
  const { train, test } = trainTestSplit(loadDigits(), settings.splitSeed);
  const { model, fit, seconds } = trainWithEarlyStopping(Model, train, settings);
  const best = fit.history.find((e) => e.epoch === fit.bestEpoch);
  const { accuracy = 0 } = model.evaluate(test);
  return {
    testAccuracy: accuracy,
    validationAccuracy: best?.valAccuracy ?? NaN,
    testSize: test.n,
    trainSize: train.n,
    epochs: fit.epochs,
    bestEpoch: fit.bestEpoch,
    seconds,
  };
}

if (isMain(import.meta.url)) {
  const { Digits } = await import('../../generated/digits/model.js');
  const start = performance.now();
  const r = run(Digits);
  const nVal = Math.floor(r.trainSize * SETTINGS.validationSplit);
  console.log(`trained on ${r.trainSize - nVal} images (+${nVal} for validation) for ${r.epochs} epochs; kept epoch ${r.bestEpoch} (validation accuracy ${percent(r.validationAccuracy)})`);
  console.log(`digits: test accuracy ${percent(r.testAccuracy)} (${r.testSize} held-out images), trained in ${secondsSince(start)} s`);
}
