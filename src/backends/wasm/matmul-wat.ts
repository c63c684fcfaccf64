import {
  add32, addPair, advance, get, i32, laneSum, loadLow, loadPair, loadSplat, mul32, mulPair, set, storeF64, storeLow,
  storePair, whileFits, zeroPair, type WatFunction,
} from './wat.js';

/**
 * f64x2 SIMD matrix-product kernels, specialized to their constant sizes.
 * All matrices are row-major f64 in linear memory; a kernel takes the runtime
 * size `n` and the byte offsets of A, B and C: `name(n, a, b, c)`.
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

/** The register block: rows × columns of C per pass (C = A B, Aᵀ B: 2 columns per f64x2 accumulator). */
export interface MatmulBlock {
  readonly rows: number;
  readonly cols: number;
  /** Steps of the sum (k, or k pairs for C = A Bᵀ) per loop pass. */
  readonly unroll: number;
  /** The outer loop: over row blocks (a row block of A stays in cache) or column blocks (a column block of B does). */
  readonly outer: 'rows' | 'cols';
}

/**
 * The default blocks keep 8 f64x2 accumulators plus their operands within
 * the 16 SIMD registers of x86-64: C = A Bᵀ 2 rows × 4 columns (2 + 4 loads
 * per 8 multiply-adds); C = A B and Aᵀ B 4 rows × 4 columns (4 splats + 2
 * loads per 8 multiply-adds).
 */
export const DEFAULT_BLOCK: Readonly<Record<MatmulVariant, MatmulBlock>> = {
  matmul_nt: { rows: 4, cols: 2, unroll: 1, outer: 'cols' },
  matmul: { rows: 4, cols: 4, unroll: 1, outer: 'rows' },
  matmul_tn: { rows: 4, cols: 4, unroll: 1, outer: 'cols' },
};

export const F64 = 8;

/** The kernel's export name: variant and sizes (n for the runtime size). */
export function matmulName(variant: MatmulVariant, s: MatmulShape): string {
  return `${variant}_${s.rows}x${s.inner}x${s.cols}`;
}

const DOC: Readonly<Record<MatmulVariant, string>> = {
  matmul: 'C = A B: C[r,c] = Σ_k A[r,k] B[k,c]',
  matmul_nt: 'C = A Bᵀ: C[r,c] = Σ_k A[r,k] B[c,k]',
  matmul_tn: 'C = Aᵀ B: C[r,c] = Σ_k A[k,r] B[k,c]',
};

/** The kernel for the variant at these sizes, as a WAT function `name(n, a, b, c)`. */
export function matmulFunction(variant: MatmulVariant, s: MatmulShape, block = DEFAULT_BLOCK[variant]): WatFunction {
  checkShape(variant, s, block);
  const name = matmulName(variant, s);
  const doc = `${DOC[variant]} (${s.rows}×${s.inner} · ${s.inner}×${s.cols})`;
  const accumulators = range(block.rows).flatMap((i) => range(block.cols).map((j) => acc(i, j)));
  const operands = [...range(block.rows).map(x), ...range(block.cols).map(y)];
  const body = variant === 'matmul_nt' ? dotKernel(s, block) : axpyKernel(variant, s, block);
  return {
    name, doc, body,
    params: ['n', 'a', 'b', 'c'],
    i32Locals: ['r', 'j', 'pa', 'pb', 'pc', 'qa', 'qb', 'qc', 'end'],
    v128Locals: [...accumulators, ...operands],
  };
}

function checkShape(variant: MatmulVariant, s: MatmulShape, block: MatmulBlock): void {
  const where = `${matmulName(variant, s)}:`;
  for (const d of [s.rows, s.inner, s.cols]) {
    if (d !== 'n' && !(Number.isInteger(d) && d >= 1)) throw new Error(`${where} size ${d} is not 'n' or a positive integer`);
  }
  if (![block.rows, block.cols, block.unroll].every((b) => Number.isInteger(b) && b >= 1)) {
    throw new Error(`${where} block ${block.rows}×${block.cols} unrolled ${block.unroll}× must be positive integers`);
  }
  // Strides must be constants: they are the offset immediates of the loads.
  const constant = { matmul: s.inner, matmul_nt: s.inner, matmul_tn: s.rows }[variant];
  if (constant === 'n') {
    const which = variant === 'matmul_tn' ? 'rows' : 'inner';
    throw new Error(`${where} the ${which} size must be known at compile time for ${variant}`);
  }
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const acc = (i: number, j: number): string => `s${i}_${j}`;
const x = (i: number): string => `x${i}`;
const y = (j: number): string => `y${j}`;
const bound = (d: Dim): string => (d === 'n' ? get('n') : i32(d));

/**
 * A dimension cut into blocks of `size`: a loop over the full blocks, then
 * the rest — one block of the remaining size when the dimension is a
 * constant, a loop over single items when it is the runtime n. `emit(k)`
 * handles a block of k items and moves the pointers past it.
 */
function blocked(label: string, dim: Dim, size: number, emit: (k: number) => string[]): string[] {
  const full = dim === 'n' || dim >= size ? whileFits(label, label, size, bound(dim), emit(size)) : [];
  if (dim !== 'n') return [...full, ...(dim % size > 0 ? emit(dim % size) : [])];
  return size === 1 ? full : [...full, ...whileFits(`${label}_rest`, label, 1, bound(dim), emit(1))];
}

/**
 * The loop over the sum: passes of `unroll` steps while they fit before
 * `end`, then single steps. qa (A's pointer) counts the steps, `stride`
 * bytes each; `step(u)` is the u-th step of a pass (its loads offset by u
 * steps), `others(k)` moves the other pointers k steps on.
 */
function sumLoop(stride: number, unroll: number, step: (u: number) => string[], others: (k: number) => string[]): string[] {
  const passes = unroll > 1
    ? whileFits('k', 'qa', unroll * stride, get('end'), [...range(unroll).flatMap(step), ...others(unroll)])
    : [];
  return [...passes, ...whileFits('k_rest', 'qa', stride, get('end'), [...step(0), ...others(1)])];
}

/** How far A's, B's and C's pointers move per row or column of C, in bytes. */
interface TileSteps {
  readonly aPerRow: number;
  readonly bPerCol: number;
  readonly cRow: number;
}

/**
 * The blocks of C, rb rows × cb columns, both dimensions cut by `blocked`,
 * in the block's loop order. `body(rb, cb)` computes one block from pa (its
 * first row of A), pb (its first column of B) and qc (its first element of
 * C) and moves none of them; the loops move them, and pc, the outer loop's
 * position in C.
 */
function tiles(s: MatmulShape, block: MatmulBlock, steps: TileSteps, body: (rb: number, cb: number) => string[]): string[] {
  const rowsOuter = block.outer === 'rows';
  const nextRows = (rb: number) => [advance('pa', rb * steps.aPerRow), advance(rowsOuter ? 'pc' : 'qc', rb * steps.cRow)];
  const nextCols = (cb: number) => [advance('pb', cb * steps.bPerCol), advance(rowsOuter ? 'qc' : 'pc', cb * F64)];
  if (rowsOuter) {
    return [
      set('pa', get('a')), set('pc', get('c')), set('r', i32(0)),
      ...blocked('r', s.rows, block.rows, (rb) => [
        set('pb', get('b')), set('qc', get('pc')), set('j', i32(0)),
        ...blocked('j', s.cols, block.cols, (cb) => [...body(rb, cb), ...nextCols(cb)]),
        ...nextRows(rb),
      ]),
    ];
  }
  return [
    set('pb', get('b')), set('pc', get('c')), set('j', i32(0)),
    ...blocked('j', s.cols, block.cols, (cb) => [
      set('pa', get('a')), set('qc', get('pc')), set('r', i32(0)),
      ...blocked('r', s.rows, block.rows, (rb) => [...body(rb, cb), ...nextRows(rb)]),
      ...nextCols(cb),
    ]),
  ];
}

/** The multiply-add of a register block: s_ij += x_i · y_j. */
function multiplyAdd(rows: number, cols: number): string[] {
  return range(rows).flatMap((i) => range(cols).map((j) => set(acc(i, j), addPair(get(acc(i, j)), mulPair(get(x(i)), get(y(j)))))));
}

function zeroAccumulators(rows: number, cols: number): string[] {
  return range(rows).flatMap((i) => range(cols).map((j) => set(acc(i, j), zeroPair)));
}

/**
 * C = A Bᵀ as dot products of contiguous rows, two k per f64x2 lane pair:
 * a block of rb rows of A × cb rows of B keeps rb·cb accumulators, each
 * summing the even k in lane 0 and the odd k in lane 1; an odd K ends with a
 * half pair (the other lane loads +0). C[r,c] = lane 0 + lane 1.
 * The block reads pa, pb, qc (see tiles) and walks the sum with qa, qb.
 */
function dotKernel(s: MatmulShape, block: MatmulBlock): string[] {
  const K = s.inner as number;
  const M = s.cols;
  const aRow = K * F64, bRow = K * F64, cRow = M * F64;
  const pairs = Math.floor(K / 2);
  const step = (rb: number, cb: number, load: typeof loadPair, u: number) => [
    ...range(rb).map((i) => set(x(i), load(get('qa'), i * aRow + u * 2 * F64))),
    ...range(cb).map((j) => set(y(j), load(get('qb'), j * bRow + u * 2 * F64))),
    ...multiplyAdd(rb, cb),
  ];
  const dotBlock = (rb: number, cb: number): string[] => [
    ...zeroAccumulators(rb, cb),
    set('qa', get('pa')),
    set('qb', get('pb')),
    ...(pairs > 0 ? [
      set('end', add32(get('pa'), i32(pairs * 2 * F64))),
      ...sumLoop(2 * F64, block.unroll, (u) => step(rb, cb, loadPair, u), (k) => [advance('qb', k * 2 * F64)]),
    ] : []),
    ...(K % 2 === 1 ? step(rb, cb, loadLow, 0) : []),
    ...range(rb).flatMap((i) => range(cb).map((j) => storeF64(get('qc'), i * cRow + j * F64, laneSum(get(acc(i, j)))))),
  ];
  return tiles(s, block, { aPerRow: aRow, bPerCol: bRow, cRow }, dotBlock);
}

/**
 * C = A B and C = Aᵀ B as sums of rank-1 updates, vectorized along the
 * contiguous rows of B and C: a block of rb rows × 2·cv columns of C keeps
 * rb·cv accumulators in registers over the whole sum; per k it splats rb
 * elements of A and loads cv pairs of B's row k. Each lane sums its k in
 * order 0, 1, …, K-1, as a plain loop does. An odd column count ends with a
 * half pair (lane 1 loads +0 and is not stored).
 * The block reads pa, pb, qc (see tiles) and walks the sum with qa, qb.
 */
function axpyKernel(variant: 'matmul' | 'matmul_tn', s: MatmulShape, block: MatmulBlock): string[] {
  const M = s.cols;
  // A[r,k] sits at (r·rowStride + k·kStride) elements.
  const [rowStride, kStride] = variant === 'matmul' ? [s.inner as number, 1] : [1, s.rows as number];
  const cRow = M * F64;
  const sumEnd = s.inner === 'n' ? add32(get('pa'), mul32(get('n'), i32(kStride * F64))) : add32(get('pa'), i32(s.inner * kStride * F64));
  const axpyBlock = (rb: number, lanes: number): string[] => {
    const cv = Math.ceil(lanes / 2);
    const half = lanes % 2 === 1;
    const loadB = (j: number, u: number) => (half && j === cv - 1 ? loadLow : loadPair)(get('qb'), j * 2 * F64 + u * cRow);
    const storeC = (i: number, j: number) =>
      (half && j === cv - 1 ? storeLow : storePair)(get('qc'), i * cRow + j * 2 * F64, get(acc(i, j)));
    return [
      ...zeroAccumulators(rb, cv),
      set('qa', get('pa')),
      set('qb', get('pb')),
      set('end', sumEnd),
      ...sumLoop(kStride * F64, block.unroll, (u) => [
        ...range(rb).map((i) => set(x(i), loadSplat(get('qa'), (i * rowStride + u * kStride) * F64))),
        ...range(cv).map((j) => set(y(j), loadB(j, u))),
        ...multiplyAdd(rb, cv),
      ], (k) => [advance('qb', k * cRow)]),
      ...range(rb).flatMap((i) => range(cv).map((j) => storeC(i, j))),
    ];
  };
  return tiles(s, block, { aPerRow: rowStride * F64, bPerCol: F64, cRow }, axpyBlock);
}
