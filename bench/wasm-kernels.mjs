// WebAssembly SIMD matrix kernels vs the TypeScript backend's kernels vs a
// naive JS loop (vs numpy, when python3 has it), side by side in one run, on
// the matrix products of one training step of the 784-128-10 (batch 64) and
// 64-32-10 (batch 32) networks: forward z = a Wᵀ, backward δa = δ W, weight
// gradient ∂L/∂W = δᵀ a. Every implementation is checked against the others
// first; the table gives GFLOP/s (2·R·K·M flops per product).
//
//   node --import tsx --expose-gc bench/wasm-kernels.mjs            (about 1–2 min)
//   node --import tsx --expose-gc bench/wasm-kernels.mjs --quick    (short smoke run)
//   ... --clock=wall                                                (wall time instead of process CPU time)
//
// The fused columns: the same kernels with relaxed SIMD's fused multiply-add
// (f64x2/f32x4.relaxed_madd), which Node 20 (V8 11.3) validates only after
// v8.setFlagsFromString('--experimental-wasm-relaxed-simd'); this bench sets
// it (Node 22 has relaxed SIMD on by default), the generated trainers do not.
//
// Writes the table to stdout and bench/wasm-kernels-results.md.
import { spawnSync } from 'node:child_process';
import v8 from 'node:v8';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { buildKernelModule, loadToolchain, matmulName } from '../src/backends/wasm/index.ts';
import { matmulKernel } from '../src/backends/ts/tensor/matmul-kernels.ts';
import { seededRandom } from '../src/util/seeded-random.ts';
import { machineInfo } from './report.mjs';
import { measure, pairedRatio } from './timing.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const clock = args.find((a) => a.startsWith('--clock='))?.slice('--clock='.length) ?? 'cpu';
const timing = quick
  ? { warmupMs: 50, batchMs: 20, rounds: 3, minRounds: 3, budgetMs: 500, clock }
  : { warmupMs: 200, batchMs: 50, rounds: 9, minRounds: 5, budgetMs: 2_500, clock };
const log = (...xs) => console.error(...xs);

const NETWORKS = [
  { name: '784-128-10', widths: [784, 128, 10], batch: 64 },
  { name: '64-32-10', widths: [64, 32, 10], batch: 32 },
];

/** The products of one training step: C is R × M, summed over K; `n` is the batch, the kernels' runtime size. */
function stepProducts({ widths, batch: n }) {
  return widths.slice(1).flatMap((out, l) => {
    const inp = widths[l];
    return [
      { label: `z${l + 1} = a${l} W${l + 1}ᵀ`, variant: 'matmul_nt', R: n, K: inp, M: out },
      ...(l > 0 ? [{ label: `δa${l} = δ${l + 1} W${l + 1}`, variant: 'matmul', R: n, K: out, M: inp }] : []),
      { label: `∂L/∂W${l + 1} = δ${l + 1}ᵀ a${l}`, variant: 'matmul_tn', R: out, K: n, M: inp },
    ];
  });
}

const flops = ({ R, K, M }) => 2 * R * K * M;
/** The runtime size and the WASM shape: the batch is R for A Bᵀ and A B, K for Aᵀ B. */
const runtime = (p) => (p.variant === 'matmul_tn'
  ? { n: p.K, shape: { rows: p.R, inner: 'n', cols: p.M } }
  : { n: p.R, shape: { rows: 'n', inner: p.K, cols: p.M } });

// ---- the three JS-side implementations ----------------------------------------------

/** Plain loops, as a careful person writes them without blocking: one accumulator per element. */
const NAIVE = {
  matmul_nt: `for (let r = 0; r < R; r++) for (let c = 0; c < M; c++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += A[r * K + k] * B[c * K + k];
    C[r * M + c] = s;
  }`,
  matmul: `for (let r = 0; r < R; r++) for (let c = 0; c < M; c++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += A[r * K + k] * B[k * M + c];
    C[r * M + c] = s;
  }`,
  matmul_tn: `for (let r = 0; r < R; r++) for (let c = 0; c < M; c++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += A[k * R + r] * B[k * M + c];
    C[r * M + c] = s;
  }`,
};

let unique = 0;
/** A function compiled from its own source text (V8 keeps type feedback per source text). */
const compile = (params, body) => new Function(...params, `// ${++unique}\n${body}`);

function naiveKernel(p) {
  return compile(['A', 'B', 'C'], `const R = ${p.R}, K = ${p.K}, M = ${p.M};\n${NAIVE[p.variant]}`);
}

function typescriptKernel(p) {
  const { shape } = runtime(p);
  const kernel = matmulKernel(p.variant, shape);
  const source = [...kernel.sources.values()].join('\n');
  const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText;
  return { run: compile([], `${js}\nreturn ${kernel.name};`)(), scratch: new Float64Array(kernel.scratch ?? 0) };
}

// ---- data ----------------------------------------------------------------------------

const random = seededRandom(2026);
const randomMatrix = (length) => Float64Array.from({ length }, () => random() * 2 - 1);

/** Operands of every product, in Float64Arrays, copied into the WASM memory as f64 and (rounded) as f32. */
function layOut(products, memory) {
  let at = 0; // bytes, kept a multiple of 8
  const place = (array, Type) => {
    const offset = at;
    new Type(memory.buffer, offset, array.length).set(array);
    at += Math.ceil((array.length * Type.BYTES_PER_ELEMENT) / 8) * 8;
    return offset;
  };
  return products.map((p) => {
    const A = randomMatrix(p.R * p.K);
    const B = randomMatrix(p.K * p.M);
    const C = new Float64Array(p.R * p.M);
    const f64 = { a: place(A, Float64Array), b: place(B, Float64Array), c: place(C, Float64Array) };
    const f32 = { a: place(A, Float32Array), b: place(B, Float32Array), c: place(C, Float32Array) };
    return { p, A, B, C, f64, f32 };
  });
}

// ---- run -----------------------------------------------------------------------------

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
const toolchain = await loadToolchain();
const allProducts = NETWORKS.flatMap((net) => stepProducts(net).map((p) => ({ ...p, network: net.name })));
/** The WASM kernels measured: key, precision, fused multiply-add. */
const WASM_KINDS = [
  { key: 'wasm', precision: 'f64', fused: false }, { key: 'wasm32', precision: 'f32', fused: false },
  { key: 'wasmFused', precision: 'f64', fused: true }, { key: 'wasm32Fused', precision: 'f32', fused: true },
];
const module = buildKernelModule(toolchain, allProducts.flatMap((p) =>
  WASM_KINDS.map(({ precision, fused }) => ({ variant: p.variant, shape: runtime(p).shape, precision, fused }))));
const memory = new WebAssembly.Memory({ initial: 256 }); // 16 MiB
const wasm = new WebAssembly.Instance(new WebAssembly.Module(module.bytes), { env: { memory } }).exports;
const cases = layOut(allProducts, memory);
log(`WASM module: ${module.bytes.length} bytes, ${module.exports.length} kernels`);

/** Loops `(count) => checksum` calling each implementation on a set of products. */
function loops(set) {
  const heap = new Float64Array(memory.buffer);
  const tsKernels = set.map((c) => typescriptKernel(c.p));
  const Cs = set.map((_, i) => `C${i}`);
  const loop = (calls, checksum) => `return function run(count) {
    let sum = 0;
    for (let i = 0; i < count; i++) {
      ${calls.join('\n      ')}
      sum += ${checksum.join(' + ')};
    }
    return sum;
  };`;
  const n = (c) => runtime(c.p).n;
  const wasmLoop = ({ precision }) => compile(['k', 'heap'], loop(
    set.map((c, i) => `k[${i}](${n(c)}, ${c[precision].a}, ${c[precision].b}, ${c[precision].c});`),
    set.map((c) => `heap[${c[precision].c / 8}]`),
  ));
  const wasmKernels = ({ precision, fused }) => set.map((c) => wasm[matmulName(c.p.variant, runtime(c.p).shape, precision, fused)]);
  const tsLoop = compile(['k', 'A', 'B', 'T', ...Cs], loop(
    set.map((c, i) => `k[${i}](${n(c)}, A[${i}], B[${i}], C${i}, T[${i}]);`),
    Cs.map((C) => `${C}[0]`),
  ));
  const naiveLoop = compile(['k', 'A', 'B', ...Cs], loop(
    set.map((_, i) => `k[${i}](A[${i}], B[${i}], C${i});`),
    Cs.map((C) => `${C}[0]`),
  ));
  const [A, B, C] = [set.map((c) => c.A), set.map((c) => c.B), set.map((c) => c.C)];
  return [
    ...WASM_KINDS.map((kind) => ({ key: kind.key, loop: wasmLoop(kind)(wasmKernels(kind), heap) })),
    { key: 'ts', loop: tsLoop(tsKernels.map((t) => t.run), A, B, tsKernels.map((t) => t.scratch), ...C) },
    { key: 'naive', loop: naiveLoop(set.map((c) => naiveKernel(c.p)), A, B, ...C) },
  ];
}

/** C of an implementation after one call. */
function resultOf(key, c) {
  const kind = WASM_KINDS.find((k) => k.key === key);
  if (kind?.precision === 'f64') return new Float64Array(memory.buffer, c.f64.c, c.C.length).slice();
  if (kind?.precision === 'f32') return Float64Array.from(new Float32Array(memory.buffer, c.f32.c, c.C.length));
  return c.C.slice();
}

/**
 * Runs each implementation once and compares C with the naive loop's: the
 * worst difference relative to (|C| + 1), for the f64 and the f32 implementations.
 */
function check(set) {
  const results = loops(set).map(({ key, loop }) => {
    loop(1);
    return { key, Cs: set.map((c) => resultOf(key, c)) };
  });
  const naive = results.find((r) => r.key === 'naive').Cs;
  const worst = { f64: 0, f32: 0 };
  for (const { key, Cs } of results) {
    Cs.forEach((C, i) => C.forEach((v, j) => {
      const precision = WASM_KINDS.find((k) => k.key === key)?.precision ?? 'f64';
      worst[precision] = Math.max(worst[precision], Math.abs(v - naive[i][j]) / (Math.abs(naive[i][j]) + 1));
    }));
  }
  return worst;
}

const rows = [];
let failed = false;
const measureSet = (label, network, set) => {
  const worst = check(set);
  if (!(worst.f64 < 1e-12 && worst.f32 < 1e-4)) {
    log(`✗ ${network} ${label}: implementations disagree (worst relative differences ${JSON.stringify(worst)})`);
    failed = true;
    return;
  }
  const { results } = measure(loops(set), timing);
  const work = set.reduce((s, c) => s + flops(c.p), 0);
  const gflops = (key) => (work * results[key].opsPerSec) / 1e9;
  rows.push({
    network, label, work,
    ...Object.fromEntries(WASM_KINDS.map(({ key }) => [key, gflops(key)])), ts: gflops('ts'), naive: gflops('naive'),
    overTs: pairedRatio(results.wasm, results.ts),
  });
  log(`${network} ${label}: wasm ${gflops('wasm').toFixed(2)} (fused ${gflops('wasmFused').toFixed(2)}), wasm f32 ${gflops('wasm32').toFixed(2)} (fused ${gflops('wasm32Fused').toFixed(2)}), ts ${gflops('ts').toFixed(2)}, naive ${gflops('naive').toFixed(2)} GFLOP/s`);
};

for (const net of NETWORKS) {
  const set = cases.filter((c) => c.p.network === net.name);
  for (const c of set) measureSet(`${c.p.label} (${c.p.R}×${c.p.K}·${c.p.K}×${c.p.M})`, net.name, [c]);
  measureSet('all products of a step', net.name, set);
}

// ---- numpy ----------------------------------------------------------------------------

const NUMPY = `
import json, sys, time, timeit
import numpy as np
products = json.loads(sys.argv[1])
rng = np.random.default_rng(2026)
out = {}
for dtype in ('float64', 'float32'):
    out[dtype] = []
    for p in products:
        R, K, M = p['R'], p['K'], p['M']
        m = lambda rows, cols: rng.uniform(-1, 1, (rows, cols)).astype(dtype)
        if p['variant'] == 'matmul_tn':
            A = m(K, R); B = m(K, M); f = lambda: np.matmul(A.T, B, out=C)
        elif p['variant'] == 'matmul_nt':
            A = m(R, K); B = m(M, K); f = lambda: np.matmul(A, B.T, out=C)
        else:
            A = m(R, K); B = m(K, M); f = lambda: np.matmul(A, B, out=C)
        C = np.empty((R, M), dtype=dtype)
        # The clock the JS columns use: process CPU time with --clock=cpu (the default), else wall time.
        timer = timeit.Timer(f, timer=${clock === 'cpu' ? 'time.process_time' : 'time.perf_counter'})
        number, _ = timer.autorange()
        number = max(1, number // (20 if ${quick ? 'True' : 'False'} else 4))
        times = sorted(timer.repeat(repeat=${quick ? 3 : 7}, number=number))
        out[dtype].append(2 * R * K * M / (times[len(times) // 2] / number) / 1e9)
print(json.dumps({'version': np.__version__, 'f64': out['float64'], 'f32': out['float32']}))
`;

function numpyTimings() {
  const single = { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const result = spawnSync('python3', ['-c', NUMPY, JSON.stringify(allProducts)], {
    env: { ...process.env, ...single }, encoding: 'utf8', timeout: 120_000,
  });
  if (result.status !== 0) {
    log(`numpy: not measured (${(result.stderr || result.error?.message || '').trim().split('\n').at(-1)})`);
    return undefined;
  }
  return JSON.parse(result.stdout);
}

const numpy = numpyTimings();
const numpyFor = (row, precision) => {
  if (!numpy) return undefined;
  const gflops = numpy[precision];
  const index = allProducts.findIndex((p) => p.network === row.network && row.label.startsWith(p.label));
  if (index >= 0) return gflops[index];
  // The whole step: total flops over the summed times of its products.
  const mine = allProducts.map((p, i) => ({ p, i })).filter(({ p }) => p.network === row.network);
  const seconds = mine.reduce((sum, { p, i }) => sum + flops(p) / (gflops[i] * 1e9), 0);
  return row.work / seconds / 1e9;
};

// ---- report -----------------------------------------------------------------------------

const f = (x) => (x === undefined ? 'n/a' : x.toFixed(2));
const lines = [
  '# WebAssembly SIMD matrix kernels',
  '',
  `\`node --import tsx --expose-gc bench/wasm-kernels.mjs${quick ? ' --quick' : ''}\`, ${new Date().toISOString().slice(0, 16)}Z, clock: ${clock} time, median of rounds.`,
  'GFLOP/s = 2·R·K·M per product. WASM: f64x2 (f32: f32x4) kernels of src/backends/wasm (register blocks, operands in linear memory);',
  'fused: the same kernels with relaxed SIMD\'s fused multiply-add (relaxed_madd: vfmadd on this machine), enabled in this process by v8.setFlagsFromString;',
  'TS: the TypeScript backend\'s generated kernels (src/backends/ts/tensor/matmul-kernels.ts); naive: plain triple loop, one accumulator;',
  `numpy: ${numpy ? `${numpy.version}, \`np.matmul(…, out=C)\`, one BLAS thread, per-call Python overhead included, timed on the same clock` : 'not available'}.`,
  '',
  '| network | product | WASM f64 | WASM f64 fused | TS f64 | naive JS f64 | numpy f64 | WASM f64 / TS | WASM f32 | WASM f32 fused | numpy f32 |',
  '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.network} | ${r.label} | ${f(r.wasm)} | ${f(r.wasmFused)} | ${f(r.ts)} | ${f(r.naive)} | ${f(numpyFor(r, 'f64'))} | `
    + `${r.overTs.toFixed(2)}× | ${f(r.wasm32)} | ${f(r.wasm32Fused)} | ${f(numpyFor(r, 'f32'))} |`),
  '',
  ...machineInfo(clock).map((l) => `- ${l}`),
  '',
];
const table = lines.join('\n');
console.log(table);
if (!quick) writeFileSync(join(here, 'wasm-kernels-results.md'), table);
if (failed) process.exit(1);
