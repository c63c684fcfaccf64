// Small networks in precision 'f32': the straight-line row trainer keeps its
// arithmetic in JavaScript's doubles and stores θ, ∂L/∂θ and the optimizer
// state as Float32Arrays (rounded as stored). This measures what that storage
// costs against the f64 trainer of the same network, side by side in one run
// (interleaved rounds, bench/timing.mjs), on workload (a) of
// bench/run-networks.mjs: XOR 2-4-1, full batch, plain SGD.
//
//   npm run build && node --expose-gc bench/precision-small.mjs
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure } from './timing.mjs';
import { nativeLoop } from './training-loops.mjs';
import { compileTrainer, scratchFolder } from './compiler.mjs';
import { ops } from './report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const tmp = scratchFolder('nncompile-precision-');
const command = 'node bench/precision-small.mjs';
const X = Float64Array.of(0, 0, 0, 1, 1, 0, 1, 1);
const Y = Float64Array.of(0, 1, 1, 0);
const batches = Array.from({ length: 16 }, () => ({ X, Y, n: 4 }));
const impls = [];
for (const [key, file, className] of [['f64', 'xor.ts', 'XorBench'], ['f32', 'xor-f32.ts', 'XorBenchF32']]) {
  const { Trainer } = await compileTrainer(join(here, 'networks', file), className, tmp, command);
  const t = new Trainer();
  impls.push({ key, trainer: t, loop: nativeLoop(t, batches, 't.trainStep(X, Y, n); acc += t.lastLoss;') });
}
// the same weights (the f32 ones), then 100 steps each: the losses agree to f32 rounding
impls[0].trainer.params.forEach((p, k) => p.set(impls[1].trainer.params[k]));
impls.forEach(({ loop }) => loop(100));
const [l64, l32] = impls.map((i) => i.trainer.lastLoss);
console.log(`after 100 steps: loss f64 ${l64}, f32 ${l32} (relative difference ${(Math.abs(l32 - l64) / l64).toExponential(2)})`);
const { results } = measure(impls.map(({ key, loop }) => ({ key, loop })), { warmupMs: 500, batchMs: 200, rounds: 9 });
console.log('| XOR 2-4-1 step | steps/s |\n|---|---:|');
for (const { key } of impls) console.log(`| ${key} | ${ops(results[key].opsPerSec)} |`);
console.log(`f32 / f64: ${(results.f32.opsPerSec / results.f64.opsPerSec).toFixed(2)}×`);
