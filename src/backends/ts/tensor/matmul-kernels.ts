import { type Bound, isUnrolled, loop, plus, times } from './loops.js';
import type { Precision } from '../../../dsl/network.js';
import { ARRAY_TYPES } from '../typed-arrays.js';

/**
 * Matrix-product kernels, specialized to their sizes. V8 neither vectorizes
 * nor reassociates sums, so what a person would not write by hand is where
 * the speed is: register blocks with several independent accumulators (or
 * several rows updated per pass), inner loops that stream contiguous rows, and
 * full unrolling when the inner sizes are small.
 *
 * All matrices are row-major Float64Arrays (Float32Arrays in f32 mode: the
 * sums are still doubles, each stored element rounded); `n` is the runtime batch size.
 */
export type MatmulVariant = 'matmul' | 'matmul_nt' | 'matmul_tn';

export interface MatmulSizes {
  /** C is rows × cols; the sum runs over inner. */
  readonly rows: Bound;
  readonly inner: Bound;
  readonly cols: Bound;
}

/** The kernel's function name: variant, sizes (n for the runtime batch size) and, in f32 mode, _f32. */
function kernelName(variant: MatmulVariant, s: MatmulSizes, precision: Precision): string {
  return `${variant}_${s.rows}x${s.inner}x${s.cols}${ARRAY_TYPES[precision].suffix}`;
}

/** Up to this inner size, C = A B holds a whole row block of A in registers (see fullInnerKernel). */
const FULL_INNER_LIMIT = 16;

/**
 * From how many rows C = A Bᵀ (inner > FULL_INNER_LIMIT, more than
 * UNROLL_LIMIT columns) first copies Bᵀ into a scratch array and then streams
 * its rows with the 4 × 4 block of the C = A B kernel: the copy costs about
 * one pass over B, which the faster product wins back from about 24 rows
 * (kernel alone, 128×10, 256×10, 32×10, 64×32: 1.15–1.25× at 24 rows,
 * 1.2–1.4× at 64; fewer rows, such as a single prediction, take dot products
 * directly). A Bᵀ past 256 KiB (784×128) pays more for the copy and
 * crowds the cache: 1.0–1.1× at 32 rows, 1.15–1.2× from 48.
 */
function transposeMinRows(s: MatmulSizes): number {
  return (s.inner as number) * (s.cols as number) > 32768 ? 48 : 24;
}

export interface MatmulKernel {
  /** The function to call: `name(n, A, B, C)`, or `name(n, A, B, C, T)` with a scratch. */
  readonly name: string;
  /** Kernel sources by name: this one and the kernels it calls. */
  readonly sources: ReadonlyMap<string, string>;
  /** Length of the scratch array T the kernel takes last (for a transposed copy of B), if any. */
  readonly scratch?: number;
}

/** The kernel computing C for the variant at these sizes. */
export function matmulKernel(variant: MatmulVariant, s: MatmulSizes, precision: Precision = 'f64'): MatmulKernel {
  const name = kernelName(variant, s, precision);
  const [F, operand] = arrayTypes(precision);
  if (variant !== 'matmul_nt' || !viaTranspose(s)) {
    return { name, sources: new Map([[name, emitMatmulKernel(variant, s, precision)]]) };
  }
  const product = matmulKernel('matmul', s, precision);
  const [K, M] = [s.inner as number, s.cols as number];
  const minRows = transposeMinRows(s);
  const source = `${kernelDoc(variant, s, `; from ${minRows} rows on via T = Bᵀ and ${product.name}`)}
function ${name}(n: number, A: ${operand}, B: ${operand}, C: ${F}, T: ${F}): void {
  if (n >= ${minRows}) {
    for (let c = 0; c < ${M}; c++) {
      const b0 = c * ${K};
      for (let k = 0; k < ${K}; k++) T[k * ${M} + c] = B[b0 + k];
    }
    ${product.name}(n, A, T, C);
    return;
  }
  ${kernelBody(variant, s)}
}`;
  return { name, sources: new Map([...product.sources, [name, source]]), scratch: K * M };
}

/**
 * The types of C (and the scratch) and of the operands: in f32 an operand may
 * also be the caller's Float64Array (the input rows X in a²W¹ᵀ and δᵀX).
 */
function arrayTypes(precision: Precision): [string, string] {
  const F = ARRAY_TYPES[precision].name;
  return [F, precision === 'f64' ? F : `${F} | Float64Array`];
}

/** C = A Bᵀ goes through Bᵀ for a runtime row count when B is past the full-inner and unrolled sizes. */
function viaTranspose(s: MatmulSizes): boolean {
  return typeof s.rows === 'string' && typeof s.inner === 'number' && s.inner > FULL_INNER_LIMIT
    && typeof s.cols === 'number' && !isUnrolled(s.cols);
}

/** A `function name(n, A, B, C): void` computing C for the variant. */
function emitMatmulKernel(variant: MatmulVariant, s: MatmulSizes, precision: Precision): string {
  const [F, operand] = arrayTypes(precision);
  return `${kernelDoc(variant, s, '')}
function ${kernelName(variant, s, precision)}(n: number, A: ${operand}, B: ${operand}, C: ${F}): void {
${kernelBody(variant, s)}
}`;
}

function kernelDoc(variant: MatmulVariant, s: MatmulSizes, note: string): string {
  const doc = {
    matmul: 'C = A B: C[r,c] = Σ_k A[r,k] B[k,c]',
    matmul_nt: 'C = A Bᵀ: C[r,c] = Σ_k A[r,k] B[c,k]',
    matmul_tn: 'C = Aᵀ B: C[r,c] = Σ_k A[k,r] B[k,c]',
  }[variant];
  return `/** ${doc} (${s.rows}×${s.inner} · ${s.inner}×${s.cols})${note} */`;
}

function kernelBody(variant: MatmulVariant, s: MatmulSizes): string {
  const small = isUnrolled(s.inner) && isUnrolled(s.cols);
  const fullInner = variant === 'matmul' && typeof s.inner === 'number' && s.inner <= FULL_INNER_LIMIT;
  return small ? smallKernel(variant, s) : fullInner ? fullInnerKernel(s, 2) : BLOCKED[variant](s);
}

/** Where A[r,k] and B[k,c] sit in each variant (row-major). */
function indexA(variant: MatmulVariant, s: MatmulSizes, r: string, k: string): string {
  return variant === 'matmul_tn' ? plus(times(k, s.rows), r) : plus(times(r, s.inner), k);
}
function indexB(variant: MatmulVariant, s: MatmulSizes, k: string, c: string): string {
  return variant === 'matmul_nt' ? plus(times(c, s.inner), k) : plus(times(k, s.cols), c);
}

/** Small inner sizes: each C element is one unrolled sum of products. */
function smallKernel(variant: MatmulVariant, s: MatmulSizes): string {
  const terms = (r: string, c: string) =>
    Array.from({ length: s.inner as number }, (_, k) =>
      `A[${indexA(variant, s, r, String(k))}] * B[${indexB(variant, s, String(k), c)}]`).join(' + ');
  return loop('r', s.rows, (r) => loop('c', s.cols, (c) => `C[${plus(times(r, s.cols), c)}] = ${terms(r, c)};`));
}

/** Accumulator names s00, s01, … for a register block. */
function acc(i: number, j: number): string {
  return `s${i}${j}`;
}

const BLOCKED: Record<MatmulVariant, (s: MatmulSizes) => string> = {
  // C = A Bᵀ: dot products of rows, 2 rows of A × 4 rows of B in 8 registers.
  matmul_nt: (s) => `const R = ${s.rows}, K = ${s.inner}, M = ${s.cols};
  let r = 0;
  for (; r + 1 < R; r += 2) {
    const a0 = r * K, a1 = a0 + K, c0 = r * M, c1 = c0 + M;
    let c = 0;
    for (; c + 3 < M; c += 4) {
      const b0 = c * K, b1 = b0 + K, b2 = b1 + K, b3 = b2 + K;
      let ${[0, 1].flatMap((i) => [0, 1, 2, 3].map((j) => `${acc(i, j)} = 0`)).join(', ')};
      for (let k = 0; k < K; k++) {
        const x0 = A[a0 + k], x1 = A[a1 + k];
        const y0 = B[b0 + k], y1 = B[b1 + k], y2 = B[b2 + k], y3 = B[b3 + k];
        ${[0, 1].flatMap((i) => [0, 1, 2, 3].map((j) => `${acc(i, j)} += x${i} * y${j};`)).join(' ')}
      }
      ${[0, 1].flatMap((i) => [0, 1, 2, 3].map((j) => `C[c${i} + c + ${j}] = ${acc(i, j)};`)).join(' ')}
    }
    for (; c < M; c++) {
      const b0 = c * K;
      let s0 = 0, s1 = 0;
      for (let k = 0; k < K; k++) { const y = B[b0 + k]; s0 += A[a0 + k] * y; s1 += A[a1 + k] * y; }
      C[c0 + c] = s0; C[c1 + c] = s1;
    }
  }
  for (; r < R; r++) {
    const a0 = r * K, c0 = r * M;
    for (let c = 0; c < M; c++) {
      const b0 = c * K;
      let s0 = 0, s1 = 0;
      let k = 0;
      for (; k + 1 < K; k += 2) { s0 += A[a0 + k] * B[b0 + k]; s1 += A[a0 + k + 1] * B[b0 + k + 1]; }
      for (; k < K; k++) s0 += A[a0 + k] * B[b0 + k];
      C[c0 + c] = s0 + s1;
    }
  }`,

  // C = A B: 4 k × 4 rows of A in registers per pass over 4 rows of B (1.1–1.4× the 2 × 4 block it replaced).
  matmul: (s) => axpyKernel('matmul', s, 4, 4),

  // C = Aᵀ B (the weight-gradient kernel): 4 × 4 pays off once C is large (784 × 128), 4 × 2 is better below that.
  matmul_tn: (s) => axpyKernel('matmul_tn', s, 4, typeof s.rows === 'number' && typeof s.cols === 'number' && s.rows * s.cols >= 8192 ? 4 : 2),
};

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/**
 * C = A B with a small inner size K (the δ^{l+1} W^{l+1} product of backprop):
 * rb rows of A are loaded into locals once, then every C element is one
 * unrolled sum written once — no zeroing pass, no read-modify-write of C.
 */
function fullInnerKernel(s: MatmulSizes, rb: number): string {
  const K = s.inner as number;
  const sum = (i: number) => range(K).map((k) => `x${i}_${k} * B[${rowOffset(k, 'M')}c]`).join(' + ');
  return `const R = ${s.rows}, K = ${K}, M = ${s.cols};
  let r = 0;
  for (; r + ${rb - 1} < R; r += ${rb}) {
    ${range(rb).map((i) => `const a${i} = ${rowIndex(i)} * K, c${i} = ${rowIndex(i)} * M;`).join(' ')}
    ${range(rb).flatMap((i) => range(K).map((k) => `const x${i}_${k} = A[a${i} + ${k}];`)).join(' ')}
    for (let c = 0; c < M; c++) {
      ${range(rb).map((i) => `C[c${i} + c] = ${sum(i)};`).join(' ')}
    }
  }
  for (; r < R; r++) {
    const a0 = r * K, c0 = r * M;
    for (let c = 0; c < M; c++) {
      let t = 0;
      for (let k = 0; k < K; k++) t += A[a0 + k] * B[k * M + c];
      C[c0 + c] = t;
    }
  }`;
}

/**
 * C = A B or Aᵀ B as a sum of rank-1 updates, kb at a time: for kb
 * consecutive k and rb rows of C, the kb·rb coefficients A[r,k] sit in
 * registers while one pass over c streams kb rows of B and updates rb rows
 * of C. For Aᵀ B, k is usually the batch and C the weight gradient.
 */
function axpyKernel(variant: 'matmul' | 'matmul_tn', s: MatmulSizes, kb: number, rb: number): string {
  const term = (e: string) => (e.includes(' ') ? `(${e})` : e);
  const a = (r: string, k: string) => `A[${indexA(variant, s, term(r), term(k))}]`;
  return `const R = ${s.rows}, K = ${s.inner}, M = ${s.cols};
  C.fill(0, 0, R * M);
  let k = 0;
  for (; k + ${kb - 1} < K; k += ${kb}) {
    ${range(kb).map((q) => `const b${q} = ${term(plus('k', String(q)))} * M;`).join(' ')}
    let r = 0;
    for (; r + ${rb - 1} < R; r += ${rb}) {
      ${range(rb).flatMap((i) => range(kb).map((q) => `const x${i}_${q} = ${a(plus('r', String(i)), plus('k', String(q)))};`)).join(' ')}
      ${range(rb).map((i) => `const c${i} = ${rowIndex(i)} * M;`).join(' ')}
      for (let c = 0; c < M; c++) {
        ${range(kb).map((q) => `const y${q} = B[b${q} + c];`).join(' ')}
        ${range(rb).map((i) => `C[c${i} + c] += ${range(kb).map((q) => `x${i}_${q} * y${q}`).join(' + ')};`).join(' ')}
      }
    }
    for (; r < R; r++) {
      ${range(kb).map((q) => `const x${q} = ${a('r', plus('k', String(q)))};`).join(' ')}
      const c0 = r * M;
      for (let c = 0; c < M; c++) C[c0 + c] += ${range(kb).map((q) => `x${q} * B[b${q} + c]`).join(' + ')};
    }
  }
  for (; k < K; k++) {
    const b0 = k * M;
    for (let r = 0; r < R; r++) {
      const x = ${a('r', 'k')}, c0 = r * M;
      for (let c = 0; c < M; c++) C[c0 + c] += x * B[b0 + c];
    }
  }`;
}

/** Row r + i of a row block, as printed: r, (r + 1), … (no + 0). */
function rowIndex(i: number): string {
  const row = plus('r', String(i));
  return row.includes(' ') ? `(${row})` : row;
}

/** Where row k starts, `k * M + ` as printed, without the products by 0 and 1: '', 'M + ', '2 * M + '. */
function rowOffset(k: number, width: string): string {
  const start = times(String(k), width);
  return start === '0' ? '' : `${start} + `;
}
