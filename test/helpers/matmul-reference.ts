import ts from 'typescript';
import { matmulKernel } from '../../src/backends/ts/tensor/matmul-kernels.js';
import type { MatmulVariant } from '../../src/backends/wasm/index.js';

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
function elements(variant: MatmulVariant, { R, K, M }: Sizes, A: Float64Array, B: Float64Array) {
  return {
    a: (r: number, k: number) => (variant === 'matmul_tn' ? A[k * R + r] : A[r * K + k]),
    b: (k: number, c: number) => (variant === 'matmul_nt' ? B[c * K + k] : B[k * M + c]),
  };
}

/**
 * C[r,c] = Σ_k A[r,k] B[k,c] summed in the order `lanes` gives: with one
 * lane, k = 0, 1, …, K-1 (a plain loop); with two, the even k and the odd k
 * summed separately and then added (the order of an f64x2 dot product).
 */
export function referenceProduct(variant: MatmulVariant, s: Sizes, A: Float64Array, B: Float64Array, lanes: 1 | 2): Float64Array {
  const { a, b } = elements(variant, s, A, B);
  const C = new Float64Array(s.R * s.M);
  for (let r = 0; r < s.R; r++) {
    for (let c = 0; c < s.M; c++) {
      const partial = [0, 0];
      for (let k = 0; k < s.K; k++) partial[k % lanes] += a(r, k) * b(k, c);
      C[r * s.M + c] = lanes === 1 ? partial[0] : partial[0] + partial[1];
    }
  }
  return C;
}

/** Σ_k |A[r,k] B[k,c]| per element: the scale of the rounding error any summation order may make. */
export function absoluteProduct(variant: MatmulVariant, s: Sizes, A: Float64Array, B: Float64Array): Float64Array {
  return referenceProduct(variant, s, A.map(Math.abs), B.map(Math.abs), 1);
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
