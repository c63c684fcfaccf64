import { FUSED, VECTOR, type Precision } from './vector.js';
import type { WatFunction } from './wat.js';
import { panelElements } from './packed-panel.js';
import { SPARSE_V128_LOCALS, sparseScratchBytes } from './sparse-rows.js';
import { axpyKernel, blockRegisters, dotKernel, packedKernel, plainSource, sparseKernel } from './matmul-loops.js';

/**
 * SIMD matrix-product kernels (f64x2, or f32x4 in f32 mode), specialized to
 * their constant sizes. All matrices are row-major in linear memory; a kernel
 * takes the runtime size `n` and the byte offsets of A, B and C: `name(n, a, b, c)`.
 *
 *   matmul     C = A B    C[r,c] = Σ_k A[r,k] B[k,c]   (rows = n: δ^{l+1} W^{l+1})
 *   matmul_nt  C = A Bᵀ   C[r,c] = Σ_k A[r,k] B[c,k]   (rows = n: z = a Wᵀ)
 *   matmul_tn  C = Aᵀ B   C[r,c] = Σ_k A[k,r] B[k,c]   (inner = n: ∂L/∂W = δᵀ a)
 */
export type MatmulVariant = 'matmul' | 'matmul_nt' | 'matmul_tn';

/** A size known at compile time, or `'n'`: the kernel's runtime argument. */
export type Dim = number | 'n';

export interface MatmulShape {
  /** C is rows × cols; the sum runs over inner. */
  readonly rows: Dim;
  readonly inner: Dim;
  readonly cols: number;
}

/** The register block: rows × columns of C per pass (for A B and Aᵀ B, columns come in vectors of 2 f64 or 4 f32). */
export interface MatmulBlock {
  readonly rows: number;
  readonly cols: number;
  /** Steps of the sum (k, or a vector of k for C = A Bᵀ) per loop pass. */
  readonly unroll: number;
  /** The outer loop: over row blocks (a row block of A stays in cache) or column blocks (a column block of B does). */
  readonly outer: 'rows' | 'cols';
  /**
   * Aᵀ B only: how a step of the sum gets the block's elements of A (one row
   * of A, contiguous): 'splat' loads each into all lanes (rows loads);
   * 'rotated' loads them as vectors and rotates each (rows / lanes loads and
   * rows − rows / lanes shuffles; see rotatedLoads). Default 'splat'.
   */
  readonly aLoads?: 'splat' | 'rotated';
}

/**
 * The default blocks keep 8 accumulators plus their operands within the 15
 * SIMD registers V8 allocates on x86-64 (xmm15 is its scratch): TurboFan
 * places all the loads of a basic block before its arithmetic, so a pass
 * holds accumulators + every operand it loads + one product at once.
 * C = A Bᵀ 4 rows × 2 columns (4 + 2 loads per 8 multiply-adds: 8 + 6 + 1);
 * C = A B and Aᵀ B 4 rows × 2 vectors (4 splats + 2 loads per 8). Measured
 * (bench/wasm-kernels.mjs shapes and in-cache ones, V8 11.3, CPU time, best
 * and median of interleaved rounds, ±10 % noise on the shared machine):
 * larger blocks (5×2, 3×3, 2×5 for A Bᵀ; 8×2 for Aᵀ B) spill and lose 15–25 %;
 * 2×4 and 2×8 tie; unrolling the sum 2× or 4× (with the exits of sumLoop,
 * no spills) and the rotated loads of A tie within the noise, so the
 * defaults stay plain. In cache these loops run at about 18 GFLOP/s f64,
 * 5.3 cycles per 8 f64x2 multiply-adds where the two multiply and two add
 * pipes of this Zen 3 allow 4; fused multiply-adds (FUSED) gain 20–30 %.
 */
export function defaultBlock(variant: MatmulVariant, precision: Precision = 'f64'): MatmulBlock {
  const vector = VECTOR[precision].lanes;
  if (variant === 'matmul_nt') return { rows: 4, cols: 2, unroll: 1, outer: 'cols' };
  return { rows: 4, cols: 2 * vector, unroll: 1, outer: variant === 'matmul' ? 'rows' : 'cols' };
}

export interface MatmulOptions {
  /** f64 (f64x2 vectors, the default) or f32 (f32x4). */
  readonly precision?: Precision;
  /** The register block; the variant's default when omitted. */
  readonly block?: MatmulBlock;
  /** Fused multiply-adds (relaxed SIMD, see FUSED in vector.ts); default false. */
  readonly fused?: boolean;
  /**
   * Aᵀ B only: pack A into panels (packed-panel.ts), this many rows of A
   * (k) at a time, in scratch memory the caller gives as a fifth argument
   * (`packedScratch` elements): `name(n, a, b, c, t)`. Default: no packing.
   */
  readonly packDepth?: number;
  /**
   * Aᵀ B only: sum over A's nonzero elements (sparse-rows.ts: for δ behind
   * a relu, about half are zero), listed in scratch memory the caller gives
   * as a fifth argument (`matmulScratch` elements). Default false.
   */
  readonly sparseA?: boolean;
}

/**
 * The kernel's export name: variant, sizes (n for the runtime size), _f32 in
 * f32 mode, _fused with fused multiply-adds, _pk and the depth with packed
 * panels, _sparse summing A's nonzero elements only.
 */
export function matmulName(
  variant: MatmulVariant, s: MatmulShape, precision: Precision = 'f64', fused = false, packDepth?: number, sparseA = false,
): string {
  const suffix = `${precision === 'f64' ? '' : `_${precision}`}${fused ? '_fused' : ''}${packDepth === undefined ? '' : `_pk${packDepth}`}`;
  return `${variant}_${s.rows}x${s.inner}x${s.cols}${suffix}${sparseA ? '_sparse' : ''}`;
}

/** Elements of scratch a kernel takes as its fifth argument (packed panels, or lists of nonzeros), or undefined when it takes none. */
export function matmulScratch(variant: MatmulVariant, s: MatmulShape, options: MatmulOptions = {}): number | undefined {
  if (variant !== 'matmul_tn') return undefined;
  const v = VECTOR[options.precision ?? 'f64'];
  if (options.sparseA === true) return Math.ceil(sparseScratchBytes(v, s.rows as number) / v.bytes);
  if (options.packDepth === undefined) return undefined;
  const block = options.block ?? defaultBlock(variant, options.precision);
  return panelElements(s.rows as number, { depth: options.packDepth, rows: block.rows });
}

const DOC: Readonly<Record<MatmulVariant, string>> = {
  matmul: 'C = A B: C[r,c] = Σ_k A[r,k] B[k,c]',
  matmul_nt: 'C = A Bᵀ: C[r,c] = Σ_k A[r,k] B[c,k]',
  matmul_tn: 'C = Aᵀ B: C[r,c] = Σ_k A[k,r] B[k,c]',
};

/** The kernel for the variant at these sizes, as a WAT function `name(n, a, b, c)`. */
export function matmulFunction(variant: MatmulVariant, s: MatmulShape, options: MatmulOptions = {}): WatFunction {
  const precision = options.precision ?? 'f64';
  const block = options.block ?? defaultBlock(variant, precision);
  const name = matmulName(variant, s, precision, options.fused, options.packDepth, options.sparseA);
  checkShape(name, variant, s, block, options);
  const v = (options.fused === true ? FUSED : VECTOR)[precision];
  const doc = `${DOC[variant]} (${s.rows}×${s.inner} · ${s.inner}×${s.cols}, ${precision})`;
  const vectors = variant === 'matmul_nt' ? block.cols : Math.ceil(block.cols / v.lanes);
  const packed = options.packDepth === undefined ? undefined : { depth: options.packDepth, rows: block.rows };
  const sparse = options.sparseA === true;
  const body = variant === 'matmul_nt' ? dotKernel(v, s, block)
    : sparse ? sparseKernel(v, s, block)
      : packed !== undefined ? packedKernel(v, s, block, packed) : axpyKernel(v, s, block, plainSource(v, variant, s));
  const scratch = packed !== undefined || sparse;
  const note = sparse ? ', over the nonzero elements of A' : packed !== undefined ? `, A packed ${packed.depth} rows at a time` : '';
  return {
    name, doc: `${doc}${note}`, body,
    params: scratch ? ['n', 'a', 'b', 'c', 't'] : ['n', 'a', 'b', 'c'],
    i32Locals: ['r', 'j', 'pa', 'pb', 'pc', 'qa', 'qb', 'qc', 'end', ...(scratch ? ['k0', 'kc', 'bk'] : []), ...(sparse ? ['lim', 'nnz'] : [])],
    v128Locals: [...new Set([...blockRegisters(block.rows, vectors), ...(sparse ? ['x0', ...SPARSE_V128_LOCALS] : [])])],
  };
}

function checkShape(name: string, variant: MatmulVariant, s: MatmulShape, block: MatmulBlock, options: MatmulOptions): void {
  const reason = unsupportedShape(variant, s);
  if (reason !== undefined) throw new Error(`${name}: ${reason}`);
  const { packDepth, sparseA } = options;
  if (sparseA === true && (variant !== 'matmul_tn' || packDepth !== undefined || block.aLoads === 'rotated')) {
    throw new Error(`${name}: sums over A's nonzero elements are for Aᵀ B (matmul_tn), without packed panels or rotated loads`);
  }
  if (packDepth !== undefined && (variant !== 'matmul_tn' || block.aLoads === 'rotated' || !(Number.isInteger(packDepth) && packDepth >= 1))) {
    throw new Error(`${name}: packed panels are for Aᵀ B (matmul_tn) with splat loads, at a positive whole depth (got ${packDepth})`);
  }
  if (![block.rows, block.cols, block.unroll].every((b) => Number.isInteger(b) && b >= 1)) {
    throw new Error(`${name}: block ${block.rows}×${block.cols} unrolled ${block.unroll}× must be positive integers`);
  }
  if (block.aLoads === 'rotated' && variant !== 'matmul_tn') {
    throw new Error(`${name}: rotated loads of A need its block's elements contiguous, as in Aᵀ B (matmul_tn) only`);
  }
}

/** Why no kernel can be made for these sizes, or undefined when one can. */
export function unsupportedShape(variant: MatmulVariant, s: MatmulShape): string | undefined {
  for (const d of [s.rows, s.inner, s.cols]) {
    if (d !== 'n' && !(Number.isInteger(d) && d >= 1)) return `size ${d} is not 'n' or a positive integer`;
  }
  // Strides must be constants: they are the offset immediates of the loads.
  const constant = { matmul: s.inner, matmul_nt: s.inner, matmul_tn: s.rows }[variant];
  if (constant === 'n') {
    return `the ${variant === 'matmul_tn' ? 'rows' : 'inner'} size must be known at compile time for ${variant}`;
  }
  return undefined;
}
