import ts from 'typescript';
import { matmulKernel } from '../../src/backends/ts/tensor/matmul-kernels.js';
import type { MatmulVariant, Precision } from '../../src/backends/wasm/index.js';

/** Concrete sizes of a product: C is R × M, the sum runs over K. */
export interface Sizes {
  readonly R: number;
  readonly K: number;
  readonly M: number;
}

/** Element counts of A and B (row-major) for the variant. */
export function operandLengths(variant: MatmulVariant, { R, K, M }: Sizes): { a: number; b: number } {
  return { a: R * K, b: K * M };
}

/** A[r,k] and B[k,c] of the variant, from row-major storage. */
function elements(variant: MatmulVariant, { R, K, M }: Sizes, A: Float64Array | Float32Array, B: Float64Array | Float32Array) {
  return {
    a: (r: number, k: number) => (variant === 'matmul_tn' ? A[k * R + r] : A[r * K + k]),
    b: (k: number, c: number) => (variant === 'matmul_nt' ? B[c * K + k] : B[k * M + c]),
  };
}

/**
 * C[r,c] = Σ_k A[r,k] B[k,c] summed in the order `lanes` gives: with one
 * lane, k = 0, 1, …, K-1 (a plain loop); with 2 or 4, lane l sums the
 * k ≡ l (mod lanes) in order and the lanes are then added, pairwise for 4
 * ((0 + 1) + (2 + 3)): the order of a SIMD dot product. In f32 every product
 * and sum is rounded to f32 (Math.fround of an f64 operation on f32 values
 * is the f32 operation: 53 ≥ 2·24 + 2 bits, so double rounding is harmless).
 */
export function referenceProduct(
  variant: MatmulVariant, s: Sizes, A: Float64Array | Float32Array, B: Float64Array | Float32Array,
  lanes: 1 | 2 | 4, precision: Precision = 'f64',
): Float64Array {
  const round = precision === 'f32' ? Math.fround : (v: number) => v;
  const { a, b } = elements(variant, s, A, B);
  const C = new Float64Array(s.R * s.M);
  for (let r = 0; r < s.R; r++) {
    for (let c = 0; c < s.M; c++) {
      const p = [0, 0, 0, 0];
      for (let k = 0; k < s.K; k++) p[k % lanes] = round(p[k % lanes] + round(a(r, k) * b(k, c)));
      C[r * s.M + c] = lanes === 4 ? round(round(p[0] + p[1]) + round(p[2] + p[3])) : round(p[0] + p[1]);
    }
  }
  return C;
}

/** Σ_k |A[r,k] B[k,c]| per element: the scale of the rounding error any summation order may make. */
export function absoluteProduct(variant: MatmulVariant, s: Sizes, A: Float64Array | Float32Array, B: Float64Array | Float32Array): Float64Array {
  return referenceProduct(variant, s, Float64Array.from(A, Math.abs), Float64Array.from(B, Math.abs), 1);
}

export type TsKernel = (n: number, A: Float64Array, B: Float64Array, C: Float64Array, T?: Float64Array) => void;

/**
 * The TypeScript backend's kernel for the variant at these sizes (the runtime
 * size n where the WASM kernel has it), transpiled and run standalone.
 */
export function typescriptKernel(variant: MatmulVariant, { R, K, M }: Sizes): { run: TsKernel; scratch: number } {
  const sizes = variant === 'matmul_tn' ? { rows: R, inner: 'n', cols: M } : { rows: 'n', inner: K, cols: M };
  const kernel = matmulKernel(variant, sizes);
  const cached = transpiled.get(kernel.name);
  if (cached) return cached;
  const source = [...kernel.sources.values()].join('\n');
  const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText;
  const compiled = { run: new Function(`${js}\nreturn ${kernel.name};`)() as TsKernel, scratch: kernel.scratch ?? 0 };
  transpiled.set(kernel.name, compiled);
  return compiled;
}

/** Kernels by name (the runtime size n does not change the kernel). */
const transpiled = new Map<string, { run: TsKernel; scratch: number }>();
