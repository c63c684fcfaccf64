// The optimizer update's share of a sequence trainer's training step, and
// step() as the WebAssembly update kernel against the TypeScript loop, side
// by side in one process: the character model of bench/recurrent/char.ts
// (or the LSTM workload, lstm.ts), one trainer with the kernels ('wasm': its
// step() calls the update kernel per parameter array) and one without ('ts':
// the same step() runs its TS loops). Process CPU time, the best of 7 rounds
// of 300 step() calls and 20 lossAndGradient calls each, alternated.
//
//   npm run build && node bench/recurrent/step-share.mjs [char|lstm] [n]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileTrainer, scratchFolder } from '../compiler.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const [id = 'char', nText = '1'] = process.argv.slice(2);
const WORKLOADS = { char: { className: 'CharBench', T: 25 }, lstm: { className: 'LstmBench', T: 50 } };
if (!(id in WORKLOADS)) {
  console.error('usage: node bench/recurrent/step-share.mjs [char|lstm] [n]');
  process.exit(1);
}
const { className, T } = WORKLOADS[id];
const n = Number(nText);
const { Trainer } = await compileTrainer(join(here, `${id}.ts`), className, scratchFolder('nncompile-step-share-'), 'node bench/recurrent/step-share.mjs');
const trainers = { wasm: new Trainer(1, 'wasm'), ts: new Trainer(1, 'ts') };
const F = trainers.ts.featureSize;
const outputs = trainers.ts.stepOutputSize;
const X = Float64Array.from({ length: n * T * F }, (_, i) => (i % 7 === 0 ? 1 : 0));
const Y = new Float64Array(n * outputs);
for (let i = 0; i < n; i++) Y[i * outputs + (i % outputs)] = 1;
for (const t of Object.values(trainers)) {
  t.sequenceLength = T;
  for (let r = 0; r < 20; r++) t.trainStep(X, Y, n); // warm-up
}
const cpu = () => process.cpuUsage().user;
const best = { wasm: { step: Infinity, gradient: Infinity }, ts: { step: Infinity, gradient: Infinity } };
for (let round = 0; round < 7; round++) {
  for (const [name, t] of Object.entries(trainers)) {
    let start = cpu();
    for (let r = 0; r < 300; r++) t.step();
    best[name].step = Math.min(best[name].step, (cpu() - start) / 300);
    start = cpu();
    for (let r = 0; r < 20; r++) t.lossAndGradient(X, Y, n);
    best[name].gradient = Math.min(best[name].gradient, (cpu() - start) / 20);
  }
}
const params = trainers.ts.params.reduce((s, p) => s + p.length, 0);
console.log(`${className}: ${params} parameters, batch ${n}, T = ${T}, optimizer step() per call (µs CPU, best of 7):`);
for (const [name, b] of Object.entries(best)) {
  console.log(`  ${name === 'wasm' ? 'update kernel' : 'TS loop      '} ${b.step.toFixed(1).padStart(7)} µs, ${(100 * b.step / (b.step + b.gradient)).toFixed(1)} % of the training step (lossAndGradient ${b.gradient.toFixed(0)} µs, ${name === 'wasm' ? 'WASM' : 'TS'} kernels)`);
}
console.log(`  step(): kernel / TS loop = ${(best.ts.step / best.wasm.step).toFixed(2)}× faster; share of a WASM training step with the TS loop instead: ${(100 * best.ts.step / (best.ts.step + best.wasm.gradient)).toFixed(1)} %`);
