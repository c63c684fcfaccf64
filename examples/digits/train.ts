// Trains the digit classifier of examples/digits/model.ts and reports its
// accuracy on held-out images.
//
//   npm run example -- digits          train on the training images, score the test images once
//   npm run example -- digits --cv     cross-validate this protocol on the training images only
//
// Protocol (data/README.md): shuffle with a fixed seed, hold out the last 20%
// (360 images) as a test set that training never sees. The network trains on
// the other 1437 images plus a copy of each shifted one pixel right, left,
// down and up (7185 rows; the test images are not shifted), for a fixed 20
// epochs: no validation split, no early stopping. The epoch count, the
// shifted copies, like the architecture, were chosen by 5-fold
// cross-validation repeated 5 times on the 1437 training images only (the
// table in model.ts): 98.71 ± 0.56% there, against 98.48 ± 0.57% for the
// previous protocol (60 epochs on the unshifted images, no decay, no L2).
// Nothing here was chosen by looking at the test images, but they have been
// scored before: the previous protocol scored 97.22% on them.
import { type Dataset, type TrainerClass, isMain, kFolds, loadDigits, percent, secondsSince, takeRows, trainForEpochs, trainTestSplit, withShiftedCopies } from '../data.js';

/** Shared with test/examples.test.ts. */
export const SETTINGS = {
  splitSeed: 42,
  epochs: 20,
  seed: 1,
  /** Cross-validation of `--cv`: `folds`-fold, repeated with fold seeds seed, seed + 1, … */
  cv: { folds: 5, repeats: 5, seed: 1000 },
};

/** What the network trains on: the images and their one-pixel shifts (8 × 8 pixels). */
export function trainingRows(images: Dataset): Dataset {
  return withShiftedCopies(images, 8, 8);
}

export interface DigitsResult {
  readonly testAccuracy: number;
  /** Accuracy on the training rows (with the shifted copies) after the last epoch (no dropout). */
  readonly trainAccuracy: number;
  readonly testSize: number;
  readonly trainSize: number;
  readonly epochs: number;
  readonly seconds: number;
}

export function run(Model: TrainerClass, settings: typeof SETTINGS = SETTINGS): DigitsResult {
  const { train, test } = trainTestSplit(loadDigits(), settings.splitSeed);
  const rows = trainingRows(train);
  const { model, fit, seconds } = trainForEpochs(Model, rows, settings);
  const { accuracy = 0 } = model.evaluate(test);
  return {
    testAccuracy: accuracy,
    trainAccuracy: model.evaluate(rows).accuracy ?? NaN,
    testSize: test.n,
    trainSize: train.n,
    epochs: fit.epochs,
    seconds,
  };
}

export interface CrossValidation {
  /** Held-out accuracy of every fold, repeat by repeat. */
  readonly accuracies: readonly number[];
  readonly mean: number;
  /** Sample standard deviation of the fold accuracies. */
  readonly std: number;
}

/**
 * The same protocol (a fresh model, all rows and their shifts, `epochs` epochs) under repeated
 * k-fold cross-validation of the training images; the test images are split
 * off first and never used.
 */
export function crossValidate(Model: TrainerClass, settings: typeof SETTINGS = SETTINGS): CrossValidation {
  const { train } = trainTestSplit(loadDigits(), settings.splitSeed);
  const accuracies: number[] = [];
  for (let r = 0; r < settings.cv.repeats; r++) {
    for (const fold of kFolds(train.n, settings.cv.folds, settings.cv.seed + r)) {
      const { model } = trainForEpochs(Model, trainingRows(takeRows(train, fold.train)), settings);
      accuracies.push(model.evaluate(takeRows(train, fold.heldOut)).accuracy ?? NaN);
    }
  }
  const mean = accuracies.reduce((s, a) => s + a, 0) / accuracies.length;
  const std = Math.sqrt(accuracies.reduce((s, a) => s + (a - mean) ** 2, 0) / (accuracies.length - 1));
  return { accuracies, mean, std };
}

if (isMain(import.meta.url)) {
  const { Digits } = await import('../../generated/digits/model.js');
  const start = performance.now();
  if (process.argv.includes('--cv')) {
    const { folds, repeats } = SETTINGS.cv;
    const cv = crossValidate(Digits);
    console.log(`digits: ${folds}-fold cross-validation × ${repeats} on the training images: accuracy ${percent(cv.mean)} ± ${percent(cv.std)} (${cv.accuracies.length} folds), in ${secondsSince(start)} s`);
  } else {
    const r = run(Digits);
    console.log(`trained on ${r.trainSize} images and their 4 one-pixel shifts for ${r.epochs} epochs (training accuracy ${percent(r.trainAccuracy)})`);
    console.log(`digits: test accuracy ${percent(r.testAccuracy)} (${r.testSize} held-out images), trained in ${secondsSince(start)} s`);
  }
}
