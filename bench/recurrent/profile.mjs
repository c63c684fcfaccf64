// Where the generated recurrent trainer's training step spends its time: the
// workload of bench/run-recurrent.mjs (elman or lstm: T = 50, batch 32; or
// gru: bench/recurrent/gru.ts, the LSTM workload's sizes)
// compiled, warmed up, then `steps` training steps under V8's sampling
// profiler (node:inspector, as `node --cpu-prof` records it), and the self
// time of the trainer's methods and kernels (TypeScript, or WebAssembly:
// `wasm-function[k]`, in the module's export order, listed), as shares of
// the trainer's samples.
//
//   npm run build && node bench/recurrent/profile.mjs lstm|elman|gru [auto|wasm|ts] [steps]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileTrainer, scratchFolder } from '../compiler.mjs';
import { profileSelfTime } from '../sampling-profile.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const [id = 'lstm', backend = 'auto', stepsText = '40'] = process.argv.slice(2);
const CLASSES = { elman: 'ElmanBench', lstm: 'LstmBench', gru: 'GruBench' };
if (!(id in CLASSES) || !['auto', 'wasm', 'ts'].includes(backend)) {
  console.error('usage: node bench/recurrent/profile.mjs elman|lstm|gru [auto|wasm|ts] [steps]');
  process.exit(1);
}
const tmp = scratchFolder('nncompile-profile-');
const { Trainer } = await compileTrainer(join(here, `${id}.ts`), CLASSES[id], tmp, 'node bench/recurrent/profile.mjs');
const trainer = new Trainer(undefined, backend);
const T = 50;
const n = 32;
trainer.sequenceLength = T;
const X = Float64Array.from({ length: n * T * trainer.featureSize }, (_, i) => Math.sin(i));
const Y = Float64Array.from({ length: n }, (_, i) => Math.cos(i));
const train = (count) => {
  for (let i = 0; i < count; i++) {
    trainer.lossAndGradient(X, Y, n);
    trainer.step();
  }
};
train(10); // warm-up: the methods reach the optimizing tier

const { self, trainerTime, otherTime, cpuUs } = await profileSelfTime(() => train(Number(stepsText)), tmp, 1000);
const perStep = cpuUs / 1000 / Number(stepsText);
console.log(`${CLASSES[id]}, ${trainer.usesWasm ? 'WebAssembly kernels' : 'TypeScript kernels'}: ${perStep.toFixed(1)} ms CPU per training step (${stepsText} steps)`);
if (trainer.usesWasm) console.log('WebAssembly exports in order (wasm-function[k] is the k-th):', Object.keys(trainer.wasm).filter((k) => k !== 'memory').join(', '));
console.log(`self time, % of the trainer's samples (${(100 * trainerTime / (trainerTime + otherTime)).toFixed(0)} % of all; the rest: profiler, GC):`);
for (const [name, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 16)) {
  console.log(`${((100 * t) / trainerTime).toFixed(1).padStart(5)} %  ${name}`);
}
