// A/B of matrix-kernel variants on one product, side by side in one run:
// each variant's kernel called on the same operands in interleaved rounds,
// GFLOP/s on process CPU time and the paired ratio to the first variant.
// Every variant's C is checked against the first's (bit for bit: the
// variants here keep the summation order, and skip only zero terms).
// GFLOP/s counts the dense product's 2·R·K·M flops for every variant.
//
//   node --import tsx --expose-gc bench/kernel-variants.mjs [R K M] [--zeros=0.5] [--quick]
//     (C = Aᵀ B, R×K · K×M, K the batch; default 128 64 784: ∂L/∂W1 of 784-128-10;
//     --zeros: the share of A's elements set to 0, as in δ behind a relu; default 0.5)
import { buildKernelModule, loadToolchain, matmulName, matmulScratch } from '../src/backends/wasm/index.ts';
import { seededRandom } from '../src/util/seeded-random.ts';
import { machineInfo } from './report.mjs';
import { measure, pairedRatio } from './timing.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const sizes = args.filter((a) => !a.startsWith('--')).map(Number);
const [R, K, M] = sizes.concat([128, 64, 784].slice(sizes.length));
const zeros = Number(args.find((a) => a.startsWith('--zeros='))?.slice('--zeros='.length) ?? 0.5);
const timing = quick
  ? { warmupMs: 50, batchMs: 20, rounds: 5, minRounds: 3, budgetMs: 1_000, clock: 'cpu' }
  : { warmupMs: 200, batchMs: 60, rounds: 15, minRounds: 7, budgetMs: 6_000, clock: 'cpu' };

const shape = { rows: R, inner: 'n', cols: M };
const depth = Number(process.env.DEPTH ?? 64);
const VARIANTS = [
  { key: 'plain, columns outer', options: {} },
  { key: 'plain, rows outer', options: { block: { rows: 4, cols: 4, unroll: 1, outer: 'rows' } } },
  { key: `packed ${depth}, columns outer`, options: { packDepth: depth } },
  { key: `packed ${depth}, rows outer`, options: { packDepth: depth, block: { rows: 4, cols: 4, unroll: 1, outer: 'rows' } } },
  { key: 'nonzeros of A listed', options: { sparseA: true } },
];
// Variants differ in block; the name does not say the block, so each gets its own module.
const toolchain = await loadToolchain();
const memory = new WebAssembly.Memory({ initial: 512 });
const random = seededRandom(7);
const heap = new Float64Array(memory.buffer);
const A = 0, B = R * K, C0 = B + K * M;
for (let i = 0; i < C0; i++) heap[i] = i < B && random() < zeros ? 0 : random() * 2 - 1;
let at = C0;
const kernels = VARIANTS.map((variant) => {
  const request = { variant: 'matmul_tn', shape, ...variant.options };
  const module = buildKernelModule(toolchain, [request]);
  const exports = new WebAssembly.Instance(new WebAssembly.Module(module.bytes), { env: { memory } }).exports;
  const c = at;
  at += R * M;
  const t = at;
  at += matmulScratch('matmul_tn', shape, request) ?? 0;
  at = Math.ceil(at / 2) * 2;
  return { ...variant, fn: exports[matmulName('matmul_tn', shape, 'f64', false, request.packDepth, request.sparseA)], c, t };
});
if (at * 8 > memory.buffer.byteLength) throw new Error('memory too small');
for (const k of kernels) k.fn(K, A * 8, B * 8, k.c * 8, k.t * 8);
for (const k of kernels.slice(1)) {
  for (let i = 0; i < R * M; i++) {
    if (!Object.is(heap[k.c + i], heap[kernels[0].c + i])) throw new Error(`${k.key}: C[${i}] differs from ${kernels[0].key}`);
  }
}
let unique = 0;
const impls = kernels.map((k) => ({
  key: k.key,
  loop: new Function('f', 'heap', `// ${++unique}
    return function run(count) { let s = 0; for (let i = 0; i < count; i++) { f(${K}, ${A * 8}, ${B * 8}, ${k.c * 8}, ${k.t * 8}); s += heap[${k.c}]; } return s; };`)(k.fn, heap),
}));
const { results } = measure(impls, timing);
const gflops = (key) => (2 * R * K * M * results[key].opsPerSec) / 1e9;
console.log(`C = Aᵀ B, ${R}×${K}·${K}×${M} (K = the batch), f64, ${zeros * 100} % of A zero, GFLOP/s on process CPU time, median of ${results[kernels[0].key].rounds} interleaved rounds`);
console.log('| variant | GFLOP/s | paired / first |');
console.log('|---|---:|---:|');
for (const k of kernels) console.log(`| ${k.key} | ${gflops(k.key).toFixed(2)} | ${pairedRatio(results[k.key], results[kernels[0].key]).toFixed(2)}× |`);
console.log(machineInfo('cpu').map((l) => `- ${l}`).join('\n'));
