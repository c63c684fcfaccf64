// Habit 3 for networks: random feedforward networks (depth, widths on both
// sides of the unrolling limits, every hidden activation, every output/loss
// pair, penalties) and random batch sizes (short batches, a batch equal to a
// layer's width, growing capacity). The generated trainer's loss, gradients,
// data loss and outputs equal the IR interpreter's for every batch.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { loadTrainer, lossOf } from './helpers/network-module.js';
import { batch, reference } from './helpers/network-reference.js';
import { expectClose } from './helpers/numeric.js';
import { randomNetwork, randomNetworkSpec } from './helpers/random-network.js';

describe('random networks: generated trainer vs IR interpreter', () => {
  it('loss, gradients, data loss and outputs agree for every batch size', async () => {
    await fc.assert(
      fc.asyncProperty(randomNetwork, async (drawn) => {
        const { output: { units }, batches, seed } = drawn;
        const spec = randomNetworkSpec(drawn);
        const { Trainer, compiled } = await loadTrainer(spec);
        const trainer = new Trainer();
        for (const [i, n] of batches.entries()) {
          const data = batch(spec, n, seed + i);
          const ref = reference(compiled, trainer, data);
          expectClose(lossOf(trainer, data.X, data.Y, n), ref.loss, 1e-10);
          trainer.grads.forEach((g, p) => g.forEach((v, k) => expectClose(v, ref.grads[p][k], 1e-9, 1e-12)));
          const out = new Float64Array(n * units);
          expectClose(trainer.dataLoss(data.X, data.Y, n, out), ref.dataLoss, 1e-10);
          out.forEach((v, k) => expectClose(v, ref.outputs[k], 1e-10, 1e-14));
          out.fill(NaN);
          trainer.predictBatch(data.X, n, out);
          out.forEach((v, k) => expectClose(v, ref.outputs[k], 1e-10, 1e-14));
        }
      }),
      { numRuns: 30, seed: 20261123 },
    );
  }, 120_000);
});
