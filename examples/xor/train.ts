// Trains the XOR network of examples/xor/model.ts until it classifies all
// four patterns, and prints its predictions.
//
//   npm run example -- xor
//
// `run` takes the generated class as an argument (the test passes one it
// compiled itself); the printing below runs only when this file is the script.
import { type TrainerClass, isMain, percent, predictRows, secondsSince, xorData } from '../data.js';

/** Shared with test/examples.test.ts. */
export const SETTINGS = {
  /** Give up after this many full-batch steps. */
  maxEpochs: 5000,
  /**
   * Stop once all four patterns are classified correctly (ŷ on the right side
   * of ½) and the mean cross-entropy is below this, i.e. with a clear margin.
   */
  targetLoss: 0.05,
} as const;

export interface XorResult {
  readonly epochs: number;
  readonly loss: number;
  readonly accuracy: number;
  /** ŷ for (0,0), (0,1), (1,0), (1,1). */
  readonly predictions: Float64Array;
  readonly seconds: number;
}

export function run(Model: TrainerClass): XorResult {
  const data = xorData();
  const model = new Model(); // weights from the model's init seed
  const start = performance.now();
  const fit = model.fit(data, {
    epochs: SETTINGS.maxEpochs,
    // onEpoch returning false stops training
    onEpoch: (e) => !(e.accuracy === 1 && e.loss < SETTINGS.targetLoss),
  });
  const seconds = (performance.now() - start) / 1000;
  const { loss, accuracy = 0 } = model.evaluate(data);
  return { epochs: fit.epochs, loss, accuracy, predictions: predictRows(model, data), seconds };
}

if (isMain(import.meta.url)) {
  const { Xor } = await import('../../generated/xor/model.js');
  const start = performance.now();
  const r = run(Xor);
  const data = xorData();
  console.log(`epochs used: ${r.epochs} (full batch, stop at 100% and loss < ${SETTINGS.targetLoss})`);
  console.log(`final loss:  ${r.loss.toFixed(4)}`);
  for (let i = 0; i < data.n; i++) {
    const [x1, x2] = data.X.subarray(2 * i, 2 * i + 2);
    console.log(`  ${x1} xor ${x2} = ${data.Y[i]}   predicted ${r.predictions[i].toFixed(4)}`);
  }
  console.log(`xor: accuracy ${percent(r.accuracy)} on the 4 patterns after ${r.epochs} epochs (loss ${r.loss.toFixed(4)}), trained in ${secondsSince(start)} s`);
  if (r.accuracy < 1) process.exitCode = 1;
}
