// Random feedforward networks in precision 'f32' (as network-property.test.ts
// draws them: depth, widths on both sides of the unrolling and WebAssembly
// limits, every hidden activation, every output/loss pair, penalties, batch
// sizes): the f32 trainer's loss, gradients, data loss and outputs equal the
// IR interpreter's, evaluated in f64 at the trainer's own (f32) parameters, to
// f32 rounding — each array to a small multiple of 2⁻²³ of its largest entry.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadToolchain, type WasmToolchain } from '../src/backends/wasm/index.js';
import { wasmMatmuls } from '../src/driver/wasm-kernels.js';
import { loadTrainers, lossOf } from './helpers/network-module.js';
import { batch, reference } from './helpers/network-reference.js';
import { randomNetworkSpecs, randomNetworks } from './helpers/random-network.js';

/** |actual − expected| ≤ tol · (the largest |expected| of the array, at least 1). */
function expectNear(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  const scale = Math.max(1, ...Array.from(expected, Math.abs));
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i]), `${what}[${i}]: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(tol * scale);
  }
}

let toolchain: WasmToolchain;
beforeAll(async () => {
  toolchain = await loadToolchain();
});

// 12 networks: two draws of six, each six compiled into one module (one trainer template to format and load for six).
describe("random networks in precision 'f32': generated trainer vs the IR interpreter in f64", () => {
  it.each([1, 2])('loss, gradients, data loss and outputs agree to f32 rounding for every batch size (draw %i: six networks)', async (draw) => {
    const TOL = 500 * 2 ** -23; // 6·10⁻⁵ of the array's scale: sums of ≤ 40 rounded products through ≤ 4 layers
    await fc.assert(
      fc.asyncProperty(randomNetworks(6), async (drawn) => {
        const specs = randomNetworkSpecs(drawn, { precision: 'f32' });
        const { trainers } = await loadTrainers(specs, { wasm: wasmMatmuls(toolchain) });
        for (const [k, { Trainer, compiled }] of trainers.entries()) {
          const { output: { units }, batches, seed } = drawn[k]!;
          const spec = specs[compiled.name]!;
          const trainer = new Trainer();
          expect(trainer.params[0]).toBeInstanceOf(Float32Array);
          for (const [i, n] of batches.entries()) {
            const data = batch(spec, n, seed + i);
            // the interpreter at the f32 parameters and the inputs as the trainer sees them (rounded to f32 where it copies them)
            const ref = reference(compiled, trainer, { ...data, X: Float64Array.from(Float32Array.from(data.X)) });
            const what = `${compiled.name}, batch ${n}`;
            expectNear([lossOf(trainer, data.X, data.Y, n)], [ref.loss], TOL, `${what}: loss`);
            trainer.grads.forEach((g, p) => expectNear(g, ref.grads[p], TOL, `${what}: gradient ${p}`));
            const out = new Float64Array(n * units);
            expectNear([trainer.dataLoss(data.X, data.Y, n, out)], [ref.dataLoss], TOL, `${what}: data loss`);
            expectNear(out, ref.outputs, TOL, `${what}: outputs`);
            out.fill(NaN);
            trainer.predictBatch(data.X, n, out);
            expectNear(out, ref.outputs, TOL, `${what}: predictions`);
          }
        }
      }),
      { numRuns: 1, seed: 20261126 + draw },
    );
  }, 300_000);
});
