// A/B of the 784-128-10 training step (workload (c) of bench/run-networks.mjs:
// relu, softmax-CE, batch 64, SGD) with ∂L/∂W1 = δ1ᵀ X summed over δ1's
// nonzero elements (matmul_tn_…_sparse, what the compiler prints) against the
// same trainer with the plain Aᵀ B kernel: both compiled from the sources
// (src/, through tsx), the same weights and batches, their parameters after
// 20 steps checked to agree bit for bit first (the sparse kernel skips only
// zero terms), then trainStep timed in interleaved rounds on process CPU time;
// the paired ratio is the median of the per-round ratios.
//
//   node --import tsx --expose-gc bench/networks/step-ab.mjs [--quick] [--f32]   (--f32: precision 'f32', f32x4 kernels)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { dense, network } from '../../src/dsl/network.ts';
import { validateNetwork } from '../../src/compile/network/validate.ts';
import { compileNetwork } from '../../src/compile/network/compile-network.ts';
import { emitModule } from '../../src/backends/ts/module.ts';
import { wasmMatmuls } from '../../src/driver/wasm-kernels.ts';
import { loadToolchain } from '../../src/backends/wasm/index.ts';
import { machineInfo } from '../report.mjs';
import { measure, pairedRatio } from '../timing.mjs';

const quick = process.argv.includes('--quick');
const precision = process.argv.includes('--f32') ? 'f32' : 'f64';
const timing = quick
  ? { warmupMs: 100, batchMs: 50, rounds: 5, minRounds: 3, budgetMs: 2_000, clock: 'cpu', cycle: 16 }
  : { warmupMs: 400, batchMs: 150, rounds: 21, minRounds: 9, budgetMs: 20_000, clock: 'cpu', cycle: 16 };

// bench/networks/mnist.ts
const spec = network({
  inputs: 784,
  layers: [dense(128, 'relu'), dense(10, 'softmax')],
  loss: 'cce',
  optimizer: { kind: 'sgd', lr: 0.05, batchSize: 64 },
  init: { kind: 'he', seed: 3 },
  precision,
});

const FROM = { source: 'bench/networks/mnist.ts', command: 'node bench/networks/step-ab.mjs', notes: 'mnist.tex', version: 'bench' };
const toolchain = await loadToolchain();
/** The trainer class, compiled with the kernels as the compiler picks them, or with every product's plain kernel. */
async function trainerClass(plain) {
  const kernels = wasmMatmuls(toolchain);
  const wasm = plain
    ? { ...kernels, kernelFor: (op, sizes, precision) => kernels.kernelFor(op, sizes, precision, false), scratchFor: () => undefined }
    : kernels;
  const code = await emitModule({ expressions: [], networks: [compileNetwork('Mnist', validateNetwork(spec))] }, FROM, { wasm });
  const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } }).outputText;
  const dir = mkdtempSync(join(os.tmpdir(), 'nncompile-step-ab-'));
  try {
    const file = join(dir, `mnist-${plain ? 'plain' : 'sparse'}.mjs`);
    writeFileSync(file, js);
    return { Trainer: (await import(pathToFileURL(file).href)).Mnist, sparse: code.includes('_sparse(') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const [A, B] = [await trainerClass(false), await trainerClass(true)];
if (!A.sparse || B.sparse) throw new Error('expected the sparse kernel in A only');
const [a, b] = [new A.Trainer(3, 'wasm'), new B.Trainer(3, 'wasm')];
const n = 64;
// 16 batches as bench/networks/profile.mjs draws them: inputs in [0, 1), one-hot targets
const batches = Array.from({ length: 16 }, (_, k) => {
  const X = Float64Array.from({ length: n * 784 }, (_, i) => (Math.sin(i * 12.9898 + k * 78.233) * 43758.5453) % 1 * 0.5 + 0.5);
  const Y = new Float64Array(n * 10);
  for (let r = 0; r < n; r++) Y[r * 10 + ((r * 7 + k) % 10)] = 1;
  return { X, Y };
});
for (let s = 0; s < 20; s++) [a, b].forEach((t) => t.trainStep(batches[s & 15].X, batches[s & 15].Y, n));
a.params.forEach((p, i) => p.forEach((v, k) => {
  if (!Object.is(v, b.params[i][k])) throw new Error(`parameter ${i}[${k}] differs after 20 steps: ${v} vs ${b.params[i][k]}`);
}));
let zeros = 0;
a.trainStep(batches[0].X, batches[0].Y, n);
const delta = a.ws0 ?? [];
for (let i = 0; i < n * 128 && i < delta.length; i++) zeros += delta[i] === 0 ? 1 : 0;

let unique = 0;
const loop = (t) => new Function('t', 'batches', `// ${++unique}
  return function run(count) { let s = 0; for (let i = 0; i < count; i++) { const q = batches[i & 15]; t.trainStep(q.X, q.Y, ${n}); s += t.lastLoss; } return s; };`)(t, batches);
const { results } = measure([{ key: 'sparse', loop: loop(a) }, { key: 'plain', loop: loop(b) }], timing);
const us = (key) => (results[key].cpuPerCallNs / 1000).toFixed(0);
console.log(`784-128-10 (${precision}), batch ${n}, SGD: parameters after 20 steps equal bit for bit; δ1 ${(100 * zeros / (n * 128)).toFixed(0)} % zeros (a step's workspace)`);
console.log(`trainStep, process CPU time, median of ${results.sparse.rounds} interleaved rounds: ∂L/∂W1 over δ1's nonzeros ${us('sparse')} µs, plain kernel ${us('plain')} µs; `
  + `paired speed-up ${pairedRatio(results.sparse, results.plain).toFixed(2)}× (wall ${pairedRatio(results.sparse, results.plain, 'wall').toFixed(2)}×)`);
console.log(machineInfo('cpu').map((l) => `- ${l}`).join('\n'));
