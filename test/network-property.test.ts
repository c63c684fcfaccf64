// Habit 3 for networks: random feedforward networks (depth, widths on both
// sides of the unrolling limits, every hidden activation, every output/loss
// pair, penalties) and random batch sizes (short batches, a batch equal to a
// layer's width, growing capacity). The generated trainer's loss, gradients,
// data loss and outputs equal the IR interpreter's for every batch.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { loadTrainers, lossOf } from './helpers/network-module.js';
import { batch, reference } from './helpers/network-reference.js';
import { expectClose } from './helpers/numeric.js';
import { randomNetworkSpecs, randomNetworks } from './helpers/random-network.js';

// 30 networks: three draws of ten, each ten compiled into one module (one trainer template to format and
// load for ten networks: the test took 107–123 s at load 20 with a module per network, against a 120 s timeout).
describe('random networks: generated trainer vs IR interpreter', () => {
  it.each([1, 2, 3])('loss, gradients, data loss and outputs agree for every batch size (draw %i: ten networks)', async (draw) => {
    await fc.assert(
      fc.asyncProperty(randomNetworks(10), async (drawn) => {
        const specs = randomNetworkSpecs(drawn);
        const { trainers } = await loadTrainers(specs);
        for (const [k, { Trainer, compiled }] of trainers.entries()) {
          const { output: { units }, batches, seed } = drawn[k]!;
          const spec = specs[compiled.name]!;
          const trainer = new Trainer();
          for (const [i, n] of batches.entries()) {
            const data = batch(spec, n, seed + i);
            const ref = reference(compiled, trainer, data);
            const what = `${compiled.name}, batch ${n}`;
            expectClose(lossOf(trainer, data.X, data.Y, n), ref.loss, 1e-10, 1e-10, `${what}: loss`);
            trainer.grads.forEach((g, p) => expectClose(Array.from(g), Array.from(ref.grads[p]), 1e-9, 1e-12, `${what}: gradient ${p}`));
            const out = new Float64Array(n * units);
            expectClose(trainer.dataLoss(data.X, data.Y, n, out), ref.dataLoss, 1e-10, 1e-10, `${what}: data loss`);
            expectClose(Array.from(out), Array.from(ref.outputs), 1e-10, 1e-14, `${what}: outputs`);
            out.fill(NaN);
            trainer.predictBatch(data.X, n, out);
            expectClose(Array.from(out), Array.from(ref.outputs), 1e-10, 1e-14, `${what}: predictions`);
          }
        }
      }),
      { numRuns: 1, seed: 20261123 + draw },
    );
  }, 120_000);
});
