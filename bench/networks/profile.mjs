// Where the generated feedforward trainer's training step spends its time:
// workload (b), (c) or (d) of bench/run-networks.mjs (mlp64: 64-32-10, batch 32;
// mnist: 784-128-10, batch 64; mnist32: the same in precision 'f32') compiled, warmed up, then `steps` calls of
// trainStep under V8's sampling profiler (node:inspector, as `node
// --cpu-prof` records it), and the self time of the trainer's methods and
// kernels as shares of the trainer's samples. WebAssembly functions are
// `wasm-function[k]`: first the internal SIMD helpers the kernels call (e^x,
// tanh x, ln x, in that order, those used; the f64x2 ones, then the f32x4 ones), then
// the exports in order (listed).
//
//   npm run build && node bench/networks/profile.mjs mlp64|mnist|mnist32 [auto|wasm|ts] [steps]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileTrainer, scratchFolder } from '../compiler.mjs';
import { profileSelfTime } from '../sampling-profile.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const [id = 'mnist', backend = 'auto', stepsText = '400'] = process.argv.slice(2);
const CLASSES = { mlp64: 'Mlp64', mnist: 'Mnist', mnist32: 'MnistF32' };
const FILES = { mlp64: 'mlp64', mnist: 'mnist', mnist32: 'mnist-f32' };
if (!(id in CLASSES) || !['auto', 'wasm', 'ts'].includes(backend)) {
  console.error('usage: node bench/networks/profile.mjs mlp64|mnist|mnist32 [auto|wasm|ts] [steps]');
  process.exit(1);
}
const tmp = scratchFolder('nncompile-profile-');
const { Trainer } = await compileTrainer(join(here, `${FILES[id]}.ts`), CLASSES[id], tmp, 'node bench/networks/profile.mjs');
const trainer = new Trainer(undefined, backend);
const n = trainer.defaultBatchSize;
const [inputs, outputs] = [trainer.inputSize, trainer.outputSize];
// 16 batches as the bench draws them: inputs in [0, 1), one-hot targets
const batches = Array.from({ length: 16 }, (_, b) => {
  const X = Float64Array.from({ length: n * inputs }, (_, i) => (Math.sin(i * 12.9898 + b * 78.233) * 43758.5453) % 1 * 0.5 + 0.5);
  const Y = new Float64Array(n * outputs);
  for (let r = 0; r < n; r++) Y[r * outputs + ((r * 7 + b) % outputs)] = 1;
  return { X, Y };
});
const train = (count) => {
  for (let i = 0; i < count; i++) trainer.trainStep(batches[i & 15].X, batches[i & 15].Y, n);
};
train(200); // warm-up: the methods reach the optimizing tier

const steps = Number(stepsText);
const { self, trainerTime, others, otherTime, cpuUs, wallMs } = await profileSelfTime(() => train(steps), tmp, 200);

// wasm-function[k] → a name: the helpers (functions before the exports), then the exports in order
const exports = trainer.usesWasm ? Object.keys(trainer.wasm).filter((k) => k !== 'memory') : [];
const source = readFileSync(join(tmp, `${FILES[id]}.mjs`), 'utf8');
const bytes = Buffer.from(/KERNELS_WASM =\s*'([^']*)'/.exec(source)?.[1] ?? '', 'base64');
const helpers = functionCount(bytes) - exports.length;
const wasmName = (name) => {
  const k = Number(/wasm-function\[(\d+)\]/.exec(name)?.[1]);
  return Number.isNaN(k) ? name : k < helpers ? `${name} (SIMD helper ${k + 1} of ${helpers}: e^x, tanh x, ln x, those used, f64x2 then f32x4)` : `${name} ${exports[k - helpers]}`;
};

console.log(`${CLASSES[id]}, ${trainer.usesWasm ? 'WebAssembly kernels' : 'TypeScript kernels'}, batch ${n}: `
  + `${(cpuUs / steps).toFixed(0)} µs CPU, ${(1000 * wallMs / steps).toFixed(0)} µs wall per training step (${steps} steps, profiled)`);
const top = [...others].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([name, t]) => `${name} ${((100 * t) / (trainerTime + otherTime)).toFixed(0)} %`);
console.log(`self time, % of the trainer's samples (${(100 * trainerTime / (trainerTime + otherTime)).toFixed(0)} % of all; the rest: ${top.join(', ')}, …):`);
for (const [name, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
  console.log(`${((100 * t) / trainerTime).toFixed(1).padStart(5)} %  ${wasmName(name)}`);
}

/** The number of functions a module defines: the count of its function section (id 3). */
function functionCount(wasm) {
  let at = 8; // magic, version
  const leb = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = wasm[at++];
      result |= (byte & 0x7f) << shift;
      shift += 7;
      if ((byte & 0x80) === 0) return result;
    }
  };
  while (at < wasm.length) {
    const id = wasm[at++];
    const size = leb();
    if (id === 3) return leb();
    at += size;
  }
  return 0;
}
