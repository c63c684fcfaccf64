// The bundled network examples, end to end: compile examples/<name>/model.ts
// afresh (to a temporary folder, not generated/), load the generated module
// as a user would, train it with the very settings of examples/<name>/train.ts
// (its exported run()) and check the metric that train.ts prints.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileModelFile } from '../src/driver/model-file.js';
import { exampleCommand } from '../scripts/examples.js';
import { loadModule } from './helpers/generated-module.js';
import type { TrainerClass } from '../examples/data.js';
import * as xor from '../examples/xor/train.js';
import * as logistic from '../examples/logistic/train.js';
import * as housePrices from '../examples/house-prices/train.js';
import * as digits from '../examples/digits/train.js';
import * as sunspots from '../examples/sunspots/train.js';
import * as co2 from '../examples/co2/train.js';
import * as vanishing from '../examples/vanishing-gradients/train.js';
import { elementsNamed, parseXml } from './helpers/xml.js';

const out = mkdtempSync(join(tmpdir(), 'nncompile-examples-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Compiles examples/<name>/model.ts and returns the exported trainer class `className`. */
async function compileExample<C = TrainerClass>(name: string, className: string): Promise<C> {
  return (await compileExampleClasses<C>(name, [className]))[0];
}

/** Compiles examples/<name>/model.ts once and returns the exported trainer classes named. */
async function compileExampleClasses<C = TrainerClass>(name: string, classNames: readonly string[]): Promise<C[]> {
  const dir = join(out, name);
  await compileModelFile(`examples/${name}/model.ts`, { outDir: dir, command: exampleCommand(name) });
  const mod = (await loadModule(readFileSync(join(dir, 'model.ts'), 'utf8'))) as unknown as Record<string, unknown>;
  return classNames.map((className) => {
    const Model = mod[className];
    if (typeof Model !== 'function') throw new Error(`generated/${name}/model.ts does not export a class ${className}`);
    return Model as C;
  });
}

describe('examples', () => {
  it('xor: classifies all four patterns', async () => {
    const r = xor.run(await compileExample('xor', 'Xor'));
    expect(r.accuracy).toBe(1);
    expect(r.loss).toBeLessThan(xor.SETTINGS.targetLoss);
    expect(r.epochs).toBeLessThan(xor.SETTINGS.maxEpochs);
    // ŷ on the right side of ½ for (0,0)→0, (0,1)→1, (1,0)→1, (1,1)→0
    expect(Array.from(r.predictions, (p) => (p >= 0.5 ? 1 : 0))).toEqual([0, 1, 1, 0]);
  }, 30_000);

  it('logistic: ≥ 95% test accuracy on breast cancer', async () => {
    const r = logistic.run(await compileExample('logistic', 'BreastCancer'));
    expect(r.testSize).toBe(114);
    expect(r.testAccuracy).toBeGreaterThanOrEqual(0.95);
  }, 30_000);

  it('house-prices: test RMSE below the least-squares baseline', async () => {
    const r = housePrices.run(await compileExample('house-prices', 'HousePrices'));
    expect(r.testSize).toBe(102);
    // The linear baseline is the closed-form optimum of its class on the same
    // training rows; a 12-32-1 ReLU network that does not beat it has learnt
    // nothing beyond a linear fit. (Measured: 4.06 vs 5.81 k$.)
    expect(r.baselineRmse).toBeGreaterThan(4);
    expect(r.baselineRmse).toBeLessThan(8);
    expect(r.testRmse).toBeLessThan(r.baselineRmse);
  }, 30_000);

  it('digits: ≥ 97.5% test accuracy on 360 held-out images', async () => {
    const r = digits.run(await compileExample('digits', 'Digits'));
    expect(r.testSize).toBe(360);
    expect(r.trainSize).toBe(1437);
    // The target. Architecture and protocol (256 ReLU units, lr decay,
    // L2, the training images plus their one-pixel shifts, 20 epochs) were
    // chosen by 5×5-fold cross-validation on the training images only
    // (98.71 ± 0.56%); measured on the test images: 98.06% (7 errors).
    expect(r.testAccuracy).toBeGreaterThanOrEqual(0.975);
  }, 60_000);

  // The recurrent examples (issue 9). Their baselines are computed in closed
  // form on the same split, independently of the network.
  it('sunspots: LSTM test RMSE on 1960–2008 below the linear autoregression and persistence', async () => {
    const r = sunspots.run(await compileExample('sunspots', 'Sunspots'));
    expect(r.testSize).toBe(49);
    expect(r.persistenceRmse).toBeCloseTo(30.43, 1);
    expect(r.autoregressionRmse).toBeCloseTo(17.07, 1);
    // Measured: 15.00 (a 12 % margin over the autoregression).
    expect(r.testRmse).toBeLessThan(r.autoregressionRmse);
  }, 600_000);

  it('co2: the many-to-many GRU forecasts 1995–2001 one week ahead better than persistence, on par with the linear autoregression', async () => {
    const r = co2.run(await compileExample('co2', 'Co2'));
    expect(r.testSize).toBe(365);
    expect(r.filledWeeks).toBe(59);
    expect(r.persistenceRmse).toBeCloseTo(0.514, 2);
    expect(r.autoregressionRmse).toBeCloseTo(0.411, 2);
    // Measured: 0.410 ppm, on par with the linear autoregression (0.411); persistence 0.514.
    expect(r.testRmse).toBeLessThan(r.persistenceRmse);
    expect(r.testRmse).toBeLessThan(1.02 * r.autoregressionRmse);
  }, 600_000);

  it('vanishing-gradients: the simple RNN\'s gradient vanishes over the 50 steps at the start; the LSTM\'s does not, and it learns', async () => {
    const [SimpleRnn, Lstm] = await compileExampleClasses<vanishing.SequenceTrainerClass>('vanishing-gradients', ['SimpleRnn', 'Lstm']);
    const r = vanishing.run(SimpleRnn, Lstm);
    // Measured: 5.5 orders of magnitude from t = 50 back to t = 1 at the start. Whether the simple RNN
    // then fails is not robust: 50.4 % with the first slice of the compiler core, 100 % after its later
    // changes (momentum accumulates the tiny early-step gradient), so it is not asserted.
    expect(vanishing.decadesLost(r.rnn.normsBefore)).toBeGreaterThan(3);
    // Measured: no loss at the start (−0.2 orders), 100 % test accuracy.
    expect(vanishing.decadesLost(r.lstm.normsBefore)).toBeLessThan(1);
    expect(r.lstm.testAccuracy).toBeGreaterThan(0.95);
    const figure = parseXml(vanishing.normsFigure(r));
    const series = elementsNamed(figure, 'g').filter((g) => g.attributes.class === 'series');
    expect(series.map((g) => g.attributes['data-name'])).toEqual([
      'simple RNN, initial weights', 'simple RNN, trained', 'LSTM, initial weights', 'LSTM, trained',
    ]);
  }, 600_000);
});
