// evaluate reports the mean data loss per example whatever the spec's loss
// reduction: with reduction 'sum' (the published examples' convention) it was
// the rows of each evaluation chunk times the chunk's sum, divided by n — one
// row's loss for n = 1, 200 rows' for n = 200, 225 rows' for n = 300 (found
// trying the package as a new user, issue 12). Checked against each row's
// dataLoss on its own, which is that row's loss under either reduction.
import { describe, expect, it } from 'vitest';
import { dense, loadTrainer, testNetwork } from '../helpers/network-module.js';

interface Evaluating {
  dataLoss(X: Float64Array, Y: Float64Array, n: number, out: Float64Array): number;
  evaluate(data: { X: Float64Array; Y: Float64Array; n: number }): { loss: number };
  fit(data: { X: Float64Array; Y: Float64Array; n: number }, options: { epochs: number; batchSize?: number }): { history: { loss: number }[] };
}

/** n rows of 3 inputs and 2 targets in (0, 1), all different. */
function rows(n: number) {
  const X = Float64Array.from({ length: n * 3 }, (_, i) => Math.sin(0.7 * i + 0.2));
  const Y = Float64Array.from({ length: n * 2 }, (_, i) => 0.5 + 0.4 * Math.cos(1.3 * i));
  return { X, Y, n };
}

/** The mean over the rows of each row's loss, one dataLoss call per row. */
function meanRowLoss(net: Evaluating, data: ReturnType<typeof rows>): number {
  const out = new Float64Array(2);
  let sum = 0;
  for (let r = 0; r < data.n; r++) sum += net.dataLoss(data.X.subarray(r * 3, r * 3 + 3), data.Y.subarray(r * 2, r * 2 + 2), 1, out);
  return sum / data.n;
}

describe.each(['mean', 'sum'] as const)("evaluate's loss with reduction '%s'", (reduction) => {
  it('is the mean of the rows’ losses, for one row, a few, and more rows than one evaluation chunk', async () => {
    const { Trainer } = await loadTrainer(testNetwork({
      layers: [dense(4, 'tanh'), dense(2, 'sigmoid')], loss: { kind: 'mse', reduction }, optimizer: { kind: 'sgd', lr: 0.1, batchSize: 8 },
    }));
    const net = new Trainer() as unknown as Evaluating;
    for (const n of [1, 5, 300, 600]) {
      const data = rows(n);
      expect(net.evaluate(data).loss).toBeCloseTo(meanRowLoss(net, data), 12);
    }
  });
});
