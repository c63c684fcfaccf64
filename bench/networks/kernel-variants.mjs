// Scratch benchmark (not part of the report): what do V8's optimizing tiers
// reward in the matrix-product kernels of the generated trainers?
// Compares the kernels the generator emits today (emitMatmulKernel from dist/)
// with hand-made variants — register-block shapes, loop orders, transposed
// copies, fused bias+activation epilogues — at the sizes of the network
// benchmark's workloads (b) 64-32-10 / batch 32 and (c) 784-128-10 / batch 64.
//
//   npm run build && node --expose-gc bench/networks/kernel-variants.mjs [filter]
//   (filter: a substring of the section titles, e.g. '(c)', 'breakdown', 'end-to-end';
//    ROUNDS and ROUND_MS environment variables set the timing; ROUNDS=41 ROUND_MS=5 was used)
//
// Every variant is checked against a naive reference first. Timing: variants
// of one shape interleaved in rounds, min and median per call (min is the
// robust statistic on a busy machine).
import ts from 'typescript';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { emitMatmulKernel } from '../../dist/backends/ts/tensor/matmul-kernels.js';
import { compileModelFile } from '../../dist/index.js';

const filter = process.argv[2];
const ROUNDS = Number(process.env.ROUNDS ?? 15);
const ROUND_MS = Number(process.env.ROUND_MS ?? 30);
const gc = globalThis.gc ?? (() => {});

/** Compiles a TS/JS function source (one `function name(...)`) to a function object. */
function compile(source, name) {
  const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText;
  // eslint-disable-next-line no-new-func
  return new Function(`${js}\nreturn ${name};`)();
}

const generated = (variant, sizes) => {
  const src = emitMatmulKernel(variant, sizes);
  return compile(src, /function (\w+)/.exec(src)[1]);
};

// ---- variant generators (constants inlined, as the generator does) ------------------
const range = (n) => Array.from({ length: n }, (_, i) => i);

/** C = A Bᵀ, rb rows × cb cols register block, k innermost; R = n at run time. */
function ntBlock(K, M, rb, cb, { epilogue } = {}) {
  const acc = (i, j) => `s${i}_${j}`;
  const store = (row, col, v) => (epilogue ? epilogue(`C[${row} + ${col}]`, v, col) : `C[${row} + ${col}] = ${v};`);
  const src = `function nt(n, A, B, C, bias) {
  const K = ${K}, M = ${M};
  let r = 0;
  for (; r + ${rb - 1} < n; r += ${rb}) {
    ${range(rb).map((i) => `const a${i} = (r + ${i}) * K, c${i} = (r + ${i}) * M;`).join(' ')}
    let c = 0;
    for (; c + ${cb - 1} < M; c += ${cb}) {
      ${range(cb).map((j) => `const b${j} = (c + ${j}) * K;`).join(' ')}
      let ${range(rb).flatMap((i) => range(cb).map((j) => `${acc(i, j)} = 0`)).join(', ')};
      for (let k = 0; k < K; k++) {
        ${range(rb).map((i) => `const x${i} = A[a${i} + k];`).join(' ')}
        ${range(cb).map((j) => `const y${j} = B[b${j} + k];`).join(' ')}
        ${range(rb).flatMap((i) => range(cb).map((j) => `${acc(i, j)} += x${i} * y${j};`)).join(' ')}
      }
      ${range(rb).flatMap((i) => range(cb).map((j) => store(`c${i}`, `c + ${j}`, acc(i, j)))).join(' ')}
    }
    for (; c < M; c++) {
      const b0 = c * K;
      let ${range(rb).map((i) => `t${i} = 0`).join(', ')};
      for (let k = 0; k < K; k++) { const y = B[b0 + k]; ${range(rb).map((i) => `t${i} += A[a${i} + k] * y;`).join(' ')} }
      ${range(rb).map((i) => store(`c${i}`, 'c', `t${i}`)).join(' ')}
    }
  }
  for (; r < n; r++) {
    const a0 = r * K, c0 = r * M;
    for (let c = 0; c < M; c++) {
      const b0 = c * K;
      let t = 0;
      for (let k = 0; k < K; k++) t += A[a0 + k] * B[b0 + k];
      ${store('c0', 'c', 't')}
    }
  }
}`;
  return compile(src, 'nt');
}

/** C = A Bᵀ by transposing B into a scratch (K×M) once, then axpy rows: C[r,:] += A[r,k] Bᵀ[k,:]. */
function ntViaTranspose(K, M, rb, kb = 4) {
  const scratch = new Float64Array(K * M);
  const src = `function nt(n, A, B, C) {
  const K = ${K}, M = ${M};
  const T = scratch;
  for (let c = 0; c < M; c++) { const b0 = c * K; for (let k = 0; k < K; k++) T[k * M + c] = B[b0 + k]; }
  let r = 0;
  for (; r + ${rb - 1} < n; r += ${rb}) {
    ${range(rb).map((i) => `const a${i} = (r + ${i}) * K, c${i} = (r + ${i}) * M;`).join(' ')}
    ${range(rb).map((i) => `for (let c = 0; c < M; c++) C[c${i} + c] = 0;`).join(' ')}
    let k = 0;
    for (; k + ${kb - 1} < K; k += ${kb}) {
      ${range(rb).flatMap((i) => range(kb).map((q) => `const x${i}_${q} = A[a${i} + k + ${q}];`)).join(' ')}
      ${range(kb).map((q) => `const t${q} = (k + ${q}) * M;`).join(' ')}
      for (let c = 0; c < M; c++) {
        ${range(kb).map((q) => `const y${q} = T[t${q} + c];`).join(' ')}
        ${range(rb).map((i) => `C[c${i} + c] += ${range(kb).map((q) => `x${i}_${q} * y${q}`).join(' + ')};`).join(' ')}
      }
    }
    for (; k < K; k++) {
      const t0 = k * M;
      ${range(rb).map((i) => `const x${i} = A[a${i} + k];`).join(' ')}
      for (let c = 0; c < M; c++) { const y = T[t0 + c]; ${range(rb).map((i) => `C[c${i} + c] += x${i} * y;`).join(' ')} }
    }
  }
  for (; r < n; r++) {
    const a0 = r * K, c0 = r * M;
    for (let c = 0; c < M; c++) C[c0 + c] = 0;
    for (let k = 0; k < K; k++) { const x = A[a0 + k], t0 = k * M; for (let c = 0; c < M; c++) C[c0 + c] += x * T[t0 + c]; }
  }
}`;
  // eslint-disable-next-line no-new-func
  return new Function('scratch', `${src}\nreturn nt;`)(scratch);
}

/** C = Aᵀ B (R×n · n×M): axpy form, kb batch rows of B per pass, rb rows of C. */
function tnAxpy(R, M, kb, rb) {
  const src = `function tn(n, A, B, C) {
  const R = ${R}, M = ${M};
  C.fill(0, 0, R * M);
  let k = 0;
  for (; k + ${kb - 1} < n; k += ${kb}) {
    ${range(kb).map((q) => `const a${q} = (k + ${q}) * R, b${q} = (k + ${q}) * M;`).join(' ')}
    let r = 0;
    for (; r + ${rb - 1} < R; r += ${rb}) {
      ${range(rb).flatMap((i) => range(kb).map((q) => `const x${i}_${q} = A[a${q} + r + ${i}];`)).join(' ')}
      ${range(rb).map((i) => `const c${i} = (r + ${i}) * M;`).join(' ')}
      for (let c = 0; c < M; c++) {
        ${range(kb).map((q) => `const y${q} = B[b${q} + c];`).join(' ')}
        ${range(rb).map((i) => `C[c${i} + c] += ${range(kb).map((q) => `x${i}_${q} * y${q}`).join(' + ')};`).join(' ')}
      }
    }
    for (; r < R; r++) {
      ${range(kb).map((q) => `const x${q} = A[a${q} + r];`).join(' ')}
      const c0 = r * M;
      for (let c = 0; c < M; c++) C[c0 + c] += ${range(kb).map((q) => `x${q} * B[b${q} + c]`).join(' + ')};
    }
  }
  for (; k < n; k++) {
    const a0 = k * R, b0 = k * M;
    for (let r = 0; r < R; r++) { const x = A[a0 + r], c0 = r * M; for (let c = 0; c < M; c++) C[c0 + c] += x * B[b0 + c]; }
  }
}`;
  return compile(src, 'tn');
}

/** C = Aᵀ B via transposed copies Aᵀ (R×n) and Bᵀ (M×n), then nt dot products with an rb×cb block. */
function tnViaTranspose(R, M, maxN, rb, cb) {
  const At = new Float64Array(R * maxN);
  const Bt = new Float64Array(M * maxN);
  const acc = (i, j) => `s${i}_${j}`;
  const src = `function tn(n, A, B, C) {
  const R = ${R}, M = ${M};
  for (let k = 0; k < n; k++) { const a0 = k * R; for (let r = 0; r < R; r++) At[r * n + k] = A[a0 + r]; }
  for (let k = 0; k < n; k++) { const b0 = k * M; for (let c = 0; c < M; c++) Bt[c * n + k] = B[b0 + c]; }
  let r = 0;
  for (; r + ${rb - 1} < R; r += ${rb}) {
    ${range(rb).map((i) => `const a${i} = (r + ${i}) * n, c${i} = (r + ${i}) * M;`).join(' ')}
    let c = 0;
    for (; c + ${cb - 1} < M; c += ${cb}) {
      ${range(cb).map((j) => `const b${j} = (c + ${j}) * n;`).join(' ')}
      let ${range(rb).flatMap((i) => range(cb).map((j) => `${acc(i, j)} = 0`)).join(', ')};
      for (let k = 0; k < n; k++) {
        ${range(rb).map((i) => `const x${i} = At[a${i} + k];`).join(' ')}
        ${range(cb).map((j) => `const y${j} = Bt[b${j} + k];`).join(' ')}
        ${range(rb).flatMap((i) => range(cb).map((j) => `${acc(i, j)} += x${i} * y${j};`)).join(' ')}
      }
      ${range(rb).flatMap((i) => range(cb).map((j) => `C[c${i} + c + ${j}] = ${acc(i, j)};`)).join(' ')}
    }
    for (; c < M; c++) {
      const b0 = c * n;
      ${range(rb).map((i) => `let t${i} = 0;`).join(' ')}
      for (let k = 0; k < n; k++) { const y = Bt[b0 + k]; ${range(rb).map((i) => `t${i} += At[a${i} + k] * y;`).join(' ')} }
      ${range(rb).map((i) => `C[c${i} + c] = t${i};`).join(' ')}
    }
  }
  for (; r < R; r++) {
    const a0 = r * n, c0 = r * M;
    for (let c = 0; c < M; c++) { const b0 = c * n; let t = 0; for (let k = 0; k < n; k++) t += At[a0 + k] * Bt[b0 + k]; C[c0 + c] = t; }
  }
}`;
  const js = ts.transpileModule(src, { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText;
  // eslint-disable-next-line no-new-func
  return new Function('At', 'Bt', `${js}\nreturn tn;`)(At, Bt);
}

/** C = A B (n×K · K×M) with K small: the whole k sum in one expression, C written once (no fill). */
function nnFullK(K, M, rb, { epilogue } = {}) {
  const sum = (i) => range(K).map((k) => `x${i}_${k} * B[${k * M} + c]`).join(' + ');
  const store = (i) => (epilogue ? epilogue(`C[c${i} + c]`, sum(i), 'c', `c${i} + c`) : `C[c${i} + c] = ${sum(i)};`);
  const src = `function nn(n, A, B, C, D) {
  const K = ${K}, M = ${M};
  let r = 0;
  for (; r + ${rb - 1} < n; r += ${rb}) {
    ${range(rb).map((i) => `const a${i} = (r + ${i}) * K, c${i} = (r + ${i}) * M;`).join(' ')}
    ${range(rb).flatMap((i) => range(K).map((k) => `const x${i}_${k} = A[a${i} + ${k}];`)).join(' ')}
    for (let c = 0; c < M; c++) {
      ${range(rb).map(store).join(' ')}
    }
  }
  for (; r < n; r++) {
    const a0 = r * K, c0 = r * M;
    for (let c = 0; c < M; c++) { let t = 0; for (let k = 0; k < K; k++) t += A[a0 + k] * B[k * M + c]; ${epilogue ? epilogue('C[c0 + c]', 't', 'c', 'c0 + c') : 'C[c0 + c] = t;'} }
  }
}`;
  return compile(src, 'nn');
}

// ---- reference and harness ------------------------------------------------------------
function reference(kind, n, K, M, A, B, C) {
  // nt: A n×K, B M×K; tn: A n×R(=K), B n×M, C R×M; nn: A n×K, B K×M
  if (kind === 'nt') for (let r = 0; r < n; r++) for (let c = 0; c < M; c++) { let s = 0; for (let k = 0; k < K; k++) s += A[r * K + k] * B[c * K + k]; C[r * M + c] = s; }
  if (kind === 'tn') for (let r = 0; r < K; r++) for (let c = 0; c < M; c++) { let s = 0; for (let k = 0; k < n; k++) s += A[k * K + r] * B[k * M + c]; C[r * M + c] = s; }
  if (kind === 'nn') for (let r = 0; r < n; r++) for (let c = 0; c < M; c++) { let s = 0; for (let k = 0; k < K; k++) s += A[r * K + k] * B[k * M + c]; C[r * M + c] = s; }
}

const rand = (len, seed) => {
  let s = seed >>> 0;
  return Float64Array.from({ length: len }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  });
};

/** Interleaved rounds; returns per variant { min, median } µs per call. */
function time(variants, args) {
  // calibrate
  const reps = new Map();
  for (const [name, fn] of variants) {
    let count = 1;
    for (;;) {
      const t0 = performance.now();
      for (let i = 0; i < count; i++) fn(...args);
      const ms = performance.now() - t0;
      if (ms > ROUND_MS / 2) { reps.set(name, Math.max(1, Math.round((count * ROUND_MS) / ms))); break; }
      count *= 2;
    }
  }
  const samples = new Map(variants.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (let j = 0; j < variants.length; j++) {
      const [name, fn] = variants[(j + round) % variants.length];
      const count = reps.get(name);
      gc();
      const t0 = performance.now();
      for (let i = 0; i < count; i++) fn(...args);
      samples.get(name).push(((performance.now() - t0) * 1000) / count);
    }
  }
  const out = new Map();
  for (const [name, xs] of samples) {
    xs.sort((a, b) => a - b);
    out.set(name, { min: xs[0], median: xs[xs.length >> 1] });
  }
  return out;
}

function runShape(title, kind, n, K, M, variants, macs, extraArgs = []) {
  if (filter && !title.includes(filter)) return;
  const [aLen, bLen, cLen] = kind === 'nt' ? [n * K, M * K, n * M] : kind === 'tn' ? [n * K, n * M, K * M] : [n * K, K * M, n * M];
  const A = rand(aLen, 1), B = rand(bLen, 2), want = new Float64Array(cLen);
  reference(kind, n, K, M, A, B, want);
  const ok = [];
  for (const [name, fn] of variants) {
    const C = new Float64Array(cLen).fill(NaN);
    fn(n, A, B, C, ...extraArgs);
    let err = 0;
    for (let i = 0; i < cLen; i++) err = Math.max(err, Math.abs(C[i] - want[i]));
    if (!(err < 1e-9) && !name.includes('+')) { console.log(`  ✗ ${name}: max error ${err}`); continue; }
    ok.push([name, fn]);
  }
  const C = new Float64Array(cLen);
  const res = time(ok, [n, A, B, C, ...extraArgs]);
  const base = res.get(ok[0][0]).min;
  console.log(`\n${title}  (${(macs / 1e3).toFixed(0)} k multiply-adds)`);
  for (const [name] of ok) {
    const { min, median } = res.get(name);
    console.log(`  ${name.padEnd(44)} min ${min.toFixed(1).padStart(8)} µs  median ${median.toFixed(1).padStart(8)} µs  ${(macs / min / 1e3).toFixed(2)} GMAC/s  ×${(base / min).toFixed(2)}`);
  }
}

// ---- shapes of the two workloads ---------------------------------------------------------
const ntShapes = [
  ['(c) forward  X·W1ᵀ  n=64 K=784 M=128', 64, 784, 128],
  ['(c) forward  a1·W2ᵀ n=64 K=128 M=10', 64, 128, 10],
  ['(b) forward  X·W1ᵀ  n=32 K=64 M=32', 32, 64, 32],
  ['(b) forward  a1·W2ᵀ n=32 K=32 M=10', 32, 32, 10],
];
for (const [title, n, K, M] of ntShapes) {
  runShape(title, 'nt', n, K, M, [
    ['generated (2×4 block)', generated('matmul_nt', { rows: 'n', inner: K, cols: M })],
    ['1×4 block', ntBlock(K, M, 1, 4)],
    ['2×2 block', ntBlock(K, M, 2, 2)],
    ['2×4 block (same shape, rewritten)', ntBlock(K, M, 2, 4)],
    ['4×2 block', ntBlock(K, M, 4, 2)],
    ['4×4 block', ntBlock(K, M, 4, 4)],
    ['2×8 block', ntBlock(K, M, 2, 8)],
    ['3×4 block', ntBlock(K, M, 3, 4)],
    ['transpose B, axpy 2 rows', ntViaTranspose(K, M, 2)],
    ['transpose B, axpy 4 rows', ntViaTranspose(K, M, 4)],
    ['transpose B, axpy 4 rows × 2 k', ntViaTranspose(K, M, 4, 2)],
    ['transpose B, axpy 4 rows × 8 k', ntViaTranspose(K, M, 4, 8)],
    ['transpose B, axpy 8 rows × 2 k', ntViaTranspose(K, M, 8, 2)],
    ['transpose B, axpy 3 rows × 4 k', ntViaTranspose(K, M, 3, 4)],
  ], n * K * M);
}

const tnShapes = [
  ['(c) dW1 = δ1ᵀ·X   R=128 n=64 M=784', 64, 128, 784],
  ['(c) dW2 = δ2ᵀ·a1  R=10 n=64 M=128', 64, 10, 128],
  ['(b) dW1 = δ1ᵀ·X   R=32 n=32 M=64', 32, 32, 64],
  ['(b) dW2 = δ2ᵀ·a1  R=10 n=32 M=32', 32, 10, 32],
];
for (const [title, n, R, M] of tnShapes) {
  runShape(title, 'tn', n, R, M, [
    ['generated (4 batch rows × 2 C rows)', generated('matmul_tn', { rows: R, inner: 'n', cols: M })],
    ['axpy 2 batch rows × 2 C rows', tnAxpy(R, M, 2, 2)],
    ['axpy 4 × 1', tnAxpy(R, M, 4, 1)],
    ['axpy 4 × 4', tnAxpy(R, M, 4, 4)],
    ['axpy 8 × 1', tnAxpy(R, M, 8, 1)],
    ['axpy 8 × 2', tnAxpy(R, M, 8, 2)],
    ['axpy 2 × 4', tnAxpy(R, M, 2, 4)],
    ['axpy 2 × 8', tnAxpy(R, M, 2, 8)],
    ['axpy 4 × 3', tnAxpy(R, M, 4, 3)],
    ['axpy 3 × 4', tnAxpy(R, M, 3, 4)],
    ['transpose both, dot 2×4', tnViaTranspose(R, M, n, 2, 4)],
    ['transpose both, dot 4×4', tnViaTranspose(R, M, n, 4, 4)],
  ], n * R * M);
}

const nnShapes = [
  ['(c) backprop δ2·W2  n=64 K=10 M=128', 64, 10, 128],
  ['(b) backprop δ2·W2  n=32 K=10 M=32', 32, 10, 32],
];
for (const [title, n, K, M] of nnShapes) {
  runShape(title, 'nn', n, K, M, [
    ['generated (2 rows × 4 k, fill + +=)', generated('matmul', { rows: 'n', inner: K, cols: M })],
    ['full k sum, 1 row, C written once', nnFullK(K, M, 1)],
    ['full k sum, 2 rows, C written once', nnFullK(K, M, 2)],
  ], n * K * M);
}

// ---- fusion: bias + activation in the matmul store vs separate passes ----------------
function fusionShape(title, n, K, M, act) {
  if (filter && !title.includes(filter)) return;
  const f = { relu: (v) => `(${v} > 0 ? ${v} : 0)`, tanh: (v) => `Math.tanh(${v})` }[act];
  const mm = generated('matmul_nt', { rows: 'n', inner: K, cols: M });
  // Today's program: matmul into Z, then z + b into Zb, then f into C (three arrays, two passes).
  // eslint-disable-next-line no-new-func
  const separateWithMm = new Function('mm', `${ts.transpileModule(`function sep(n, A, B, C, bias, Z, Zb) {
  mm(n, A, B, Z);
  for (let i = 0; i < n; i++) for (let j = 0; j < ${M}; j++) Zb[i * ${M} + j] = Z[i * ${M} + j] + bias[j];
  for (let i = 0; i < n; i++) for (let j = 0; j < ${M}; j++) C[i * ${M} + j] = ${f(`Zb[i * ${M} + j]`)};
}`, {}).outputText}\nreturn sep;`)(mm);
  // One pass after the matmul: bias + f together (element-wise fusion across the add).
  // eslint-disable-next-line no-new-func
  const onePass = new Function('mm', `function one(n, A, B, C, bias, Z, Zb) {
  mm(n, A, B, Z);
  for (let i = 0; i < n; i++) for (let j = 0; j < ${M}; j++) { const v = Z[i * ${M} + j] + bias[j]; Zb[i * ${M} + j] = v; C[i * ${M} + j] = ${f('v')}; }
}\nreturn one;`)(mm);
  // Fused into the matmul's store: C = f(s + b) straight from the accumulators (z kept for f').
  const fused = ntBlock(K, M, 2, 4, {
    epilogue: (target, v, col) => `{ const z = ${v} + bias[${col}]; ${target} = ${f('z')}; }`,
  });
  const A = rand(n * K, 3), B = rand(M * K, 4), bias = rand(M, 5);
  const C = new Float64Array(n * M), Z = new Float64Array(n * M), Zb = new Float64Array(n * M);
  const res = time([
    ['matmul, then + b pass, then f pass (today)', separateWithMm],
    ['matmul, then one (+ b, f) pass', onePass],
    ['fused into the matmul store', fused],
  ], [n, A, B, C, bias, Z, Zb]);
  console.log(`\n${title}`);
  const base = res.get('matmul, then + b pass, then f pass (today)').min;
  for (const [name, { min, median }] of res) {
    console.log(`  ${name.padEnd(44)} min ${min.toFixed(1).padStart(8)} µs  median ${median.toFixed(1).padStart(8)} µs  ×${(base / min).toFixed(2)}`);
  }
}
fusionShape('fusion (b) tanh(X·W1ᵀ + b) n=32 K=64 M=32', 32, 64, 32, 'tanh');
fusionShape('fusion (c) relu(X·W1ᵀ + b) n=64 K=784 M=128', 64, 784, 128, 'relu');

// ---- where a generated training step spends its time ----------------------------------
// lossAndGradient and step of the real generated trainers, and each of their
// matmul kernels alone at the same sizes; the rest is element-wise / row loops.
const here = dirname(fileURLToPath(import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'nncompile-kv-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

async function breakdown(file, className, batch) {
  const title = `breakdown ${file}`;
  if (filter && !title.includes(filter)) return;
  const { files } = await compileModelFile(join(here, file), { outDir: tmp });
  let src = readFileSync(files.find((f) => f.endsWith('.ts')), 'utf8');
  const kernelNames = [...src.matchAll(/^function (matmul\w+)/gm)].map((m) => m[1]);
  src += `\nexport { ${kernelNames.join(', ')} };\n`;
  const out = join(tmp, file.replace('.ts', '.mjs'));
  writeFileSync(out, ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText);
  const mod = await import(pathToFileURL(out).href);
  const net = new mod[className]();
  const [nIn, nOut] = [net.inputSize, net.outputSize];
  const X = rand(batch * nIn, 7).map((x) => x + 0.5);
  const Y = new Float64Array(batch * nOut);
  for (let r = 0; r < batch; r++) Y[r * nOut + (r % nOut)] = 1;
  // kernel calls with their sizes, parsed from the calls in lossAndGradient
  const body = src.slice(src.lastIndexOf('lossAndGradient(X: Float64Array'), src.lastIndexOf('predictBatch(X: Float64Array'));
  const calls = [...body.matchAll(/(matmul\w+)\(n, (\w+), (\w+), (\w+)\)/g)].map((m) => m[1]);
  const variants = [
    ['lossAndGradient', () => net.lossAndGradient(X, Y, batch)],
    ['step', () => net.step()],
  ];
  for (const name of calls) {
    const m = /matmul(_nt|_tn)?_(\w+)x(\w+)x(\w+)/.exec(name);
    const dim = (d) => (d === 'n' ? batch : Number(d));
    const [R, K, M] = [dim(m[2]), dim(m[3]), dim(m[4])];
    const len = m[1] === '_nt' ? [R * K, M * K] : m[1] === '_tn' ? [K * R, K * M] : [R * K, K * M];
    const A = rand(len[0], 8), B = rand(len[1], 9), C = new Float64Array(R * M);
    const fn = mod[name];
    variants.push([name, () => fn(batch, A, B, C)]);
  }
  net.lossAndGradient(X, Y, batch);
  const res = time(variants, []);
  console.log(`\n${title} (batch ${batch})`);
  const total = res.get('lossAndGradient').min + res.get('step').min;
  let kernels = 0;
  for (const [name, { min, median }] of res) {
    if (name.startsWith('matmul')) kernels += min;
    console.log(`  ${name.padEnd(26)} min ${min.toFixed(1).padStart(8)} µs  median ${median.toFixed(1).padStart(8)} µs  ${((100 * min) / total).toFixed(1).padStart(5)} % of a step`);
  }
  const rest = res.get('lossAndGradient').min - kernels;
  console.log(`  ${'rest of lossAndGradient'.padEnd(26)} ≈   ${rest.toFixed(1).padStart(8)} µs (element-wise, softmax, cross-entropy, bias sums)  ${((100 * rest) / total).toFixed(1)} %`);
}
await breakdown('mlp64.ts', 'Mlp64', 32);
await breakdown('mnist.ts', 'Mnist', 64);

// ---- end to end: the generated trainer with its big kernels swapped for the winners ------
// Two copies of the same generated module (kernels called through a `let`
// binding in both, so the comparison is fair); one copy gets the variants.
async function endToEnd(file, className, batch, patches) {
  const title = `end-to-end ${file}`;
  if (filter && !title.includes(filter)) return;
  const { files } = await compileModelFile(join(here, file), { outDir: tmp });
  let src = readFileSync(files.find((f) => f.endsWith('.ts')), 'utf8');
  const names = [...src.matchAll(/^function (matmul\w+)/gm)].map((m) => m[1]);
  for (const name of names) src = src.replace(`function ${name}(`, `function ${name}_orig(`);
  src += `\n${names.map((nm) => `let ${nm} = ${nm}_orig;`).join('\n')}
export function __patch(o: Record<string, any>): void { ${names.map((nm) => `if (o.${nm}) ${nm} = o.${nm};`).join(' ')} }\n`;
  const js = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  const mods = [];
  for (const tag of ['a', 'b']) {
    const out = join(tmp, `${tag}-${file.replace('.ts', '.mjs')}`);
    writeFileSync(out, js);
    mods.push(await import(pathToFileURL(out).href));
  }
  const missing = Object.keys(patches).filter((k) => !names.includes(k));
  if (missing.length) console.log(`  (kernels not in this model: ${missing.join(', ')})`);
  mods[1].__patch(patches);
  const [orig, patched] = mods.map((m) => new m[className]());
  const nIn = orig.inputSize, nOut = orig.outputSize;
  const X = rand(batch * nIn, 7).map((x) => x + 0.5);
  const Y = new Float64Array(batch * nOut);
  for (let r = 0; r < batch; r++) Y[r * nOut + (r % nOut)] = 1;
  // same results?
  const l0 = orig.lossAndGradient(X, Y, batch), l1 = patched.lossAndGradient(X, Y, batch);
  let gErr = 0;
  orig.grads.forEach((g, p) => g.forEach((v, i) => { gErr = Math.max(gErr, Math.abs(v - patched.grads[p][i])); }));
  const res = time([
    ['generated today', () => { orig.lossAndGradient(X, Y, batch); orig.step(); }],
    ['with the variant kernels', () => { patched.lossAndGradient(X, Y, batch); patched.step(); }],
  ], []);
  console.log(`\n${title} (batch ${batch}): swapped ${Object.keys(patches).join(', ')}; loss diff ${Math.abs(l0 - l1).toExponential(1)}, max grad diff ${gErr.toExponential(1)}`);
  const base = res.get('generated today').min;
  for (const [name, { min, median }] of res) {
    console.log(`  ${name.padEnd(26)} min ${min.toFixed(1).padStart(8)} µs  median ${median.toFixed(1).padStart(8)} µs  ×${(base / min).toFixed(2)}  (${((batch * 1e6) / min).toFixed(0)} samples/s)`);
  }
}
await endToEnd('mnist.ts', 'Mnist', 64, {
  matmul_nt_nx784x128: ntViaTranspose(784, 128, 4, 8),
  matmul_nt_nx128x10: ntViaTranspose(128, 10, 4, 4),
  matmul_tn_128xnx784: tnAxpy(128, 784, 4, 4),
  matmul_tn_10xnx128: tnAxpy(10, 128, 4, 3),
  matmul_nx10x128: nnFullK(10, 128, 2),
});
await endToEnd('mlp64.ts', 'Mlp64', 32, {
  matmul_tn_32xnx64: tnAxpy(32, 64, 4, 4),
  matmul_tn_10xnx32: tnAxpy(10, 32, 4, 4),
  matmul_nx10x32: nnFullK(10, 32, 2),
  matmul_nt_nx32x10: ntViaTranspose(32, 10, 4, 4),
});
await endToEnd('mlp64.ts', 'Mlp64', 32, { matmul_tn_32xnx64: tnAxpy(32, 64, 4, 4) });
await endToEnd('mlp64.ts', 'Mlp64', 32, { matmul_nx10x32: nnFullK(10, 32, 2) });
