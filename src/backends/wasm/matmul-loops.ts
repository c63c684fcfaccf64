import type { VectorOps } from './vector.js';
import { add32, advance, get, i32, mul32, set, whileFits } from './wat.js';
import { packRows, type PanelLayout } from './packed-panel.js';
import { listNonzeros, SPARSE_DEPTH, sumLists, tooDense } from './sparse-rows.js';
import type { Dim, MatmulBlock, MatmulShape } from './matmul-wat.js';

// The loops of the matrix-product kernels (matmul-wat.ts says which kernel
// and checks its shape): C cut into register blocks (tiles), the sum over k
// unrolled with exits (sumLoop), and the four ways a block is summed — dot
// products for A Bᵀ (dotKernel), axpy for A B and Aᵀ B (axpyKernel), over
// packed panels of A (packedKernel) or over A's nonzero elements (sparseKernel).

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const acc = (i: number, j: number): string => `s${i}_${j}`;
const x = (i: number): string => `x${i}`;
const y = (j: number): string => `y${j}`;
const bound = (d: Dim): string => (d === 'n' ? get('n') : i32(d));

/** The v128 locals of a register block of rows × vectors: its accumulators s_ij, then its operands x_i (of A) and y_j (of B). */
export function blockRegisters(rows: number, vectors: number): string[] {
  return [...range(rows).flatMap((i) => range(vectors).map((j) => acc(i, j))), ...range(rows).map(x), ...range(vectors).map(y)];
}

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
 * The loop over the sum, qa (A's pointer) counting the steps, `stride` bytes
 * each, from its start to `end`: passes of `unroll` steps, each step but the
 * pass's last followed by an exit when it was the sum's last, so any count
 * runs whole. `step(u)` is the u-th step of a pass (its loads offset by u
 * steps), `others(k)` moves the other pointers k steps on (no pointer is
 * read after the loop). The exits are what make unrolling pay: TurboFan
 * places every load of a basic block before its arithmetic, so a pass of
 * unexited steps holds all their operands in registers at once and spills;
 * an exit ends the block, and the step's arithmetic, needed on both paths,
 * stays before it.
 */
function sumLoop(stride: number, unroll: number, step: (u: number) => string[], others: (k: number) => string[]): string[] {
  const exitAfter = (u: number) => `(br_if $k_done (i32.ge_u ${add32(get('qa'), i32((u + 1) * stride))} ${get('end')}))`;
  return [
    '(block $k_done',
    `  (br_if $k_done (i32.ge_u ${get('qa')} ${get('end')}))`,
    '  (loop $k',
    ...range(unroll).flatMap((u) => [...step(u), ...(u < unroll - 1 ? [exitAfter(u)] : [])]).map((l) => `    ${l}`),
    `    ${advance('qa', unroll * stride)}`,
    ...others(unroll).map((l) => `    ${l}`),
    `    (br_if $k (i32.lt_u ${get('qa')} ${get('end')}))))`,
  ];
}

/** How far A's, B's and C's pointers move per row or column of C, in bytes. */
interface TileSteps {
  readonly aPerRow: number;
  readonly bPerCol: number;
  readonly cRow: number;
  readonly cCol: number;
}

/**
 * The blocks of C, rb rows × cb columns, both dimensions cut by `blocked`,
 * in the block's loop order. `body(rb, cb)` computes one block from pa (its
 * first row of A), pb (its first column of B) and qc (its first element of
 * C) and moves none of them; the loops move them, and pc, the outer loop's
 * position in C.
 */
function tiles(
  s: MatmulShape, block: MatmulBlock, steps: TileSteps, body: (rb: number, cb: number) => string[], start = { a: get('a'), b: get('b') },
): string[] {
  const rowsOuter = block.outer === 'rows';
  const nextRows = (rb: number) => [advance('pa', rb * steps.aPerRow), advance(rowsOuter ? 'pc' : 'qc', rb * steps.cRow)];
  const nextCols = (cb: number) => [advance('pb', cb * steps.bPerCol), advance(rowsOuter ? 'qc' : 'pc', cb * steps.cCol)];
  if (rowsOuter) {
    return [
      set('pa', start.a), set('pc', get('c')), set('r', i32(0)),
      ...blocked('r', s.rows, block.rows, (rb) => [
        set('pb', start.b), set('qc', get('pc')), set('j', i32(0)),
        ...blocked('j', s.cols, block.cols, (cb) => [...body(rb, cb), ...nextCols(cb)]),
        ...nextRows(rb),
      ]),
    ];
  }
  return [
    set('pb', start.b), set('pc', get('c')), set('j', i32(0)),
    ...blocked('j', s.cols, block.cols, (cb) => [
      set('pa', start.a), set('qc', get('pc')), set('r', i32(0)),
      ...blocked('r', s.rows, block.rows, (rb) => [...body(rb, cb), ...nextRows(rb)]),
      ...nextCols(cb),
    ]),
  ];
}

/** How the blocks of C = A B or Aᵀ B read A, where pa and pb start, and where the accumulators start. */
interface ASource {
  /** Elements between C's rows and between steps of the sum, in the block's piece of A. */
  readonly rowStride: number;
  readonly kStride: number;
  /** Bytes pa moves per row of C. */
  readonly aPerRow: number;
  /** pa's and pb's first values (the tiles' loops move them). */
  readonly start: { readonly a: string; readonly b: string };
  /** Where the sum's pointer qa ends, from pa. */
  readonly sumEnd: string;
  /** An i32 condition: when true, the accumulators start from C (a later block of the sum), else from zero. */
  readonly resume?: string;
}

/** A as the product's operand: A B (rows of A contiguous) or Aᵀ B (columns of A contiguous), the sum in one pass. */
export function plainSource(v: VectorOps, variant: 'matmul' | 'matmul_tn', s: MatmulShape): ASource {
  const e = v.bytes;
  // A[r,k] sits at (r·rowStride + k·kStride) elements.
  const [rowStride, kStride] = variant === 'matmul' ? [s.inner as number, 1] : [1, s.rows as number];
  const sumEnd = s.inner === 'n' ? add32(get('pa'), mul32(get('n'), i32(kStride * e))) : add32(get('pa'), i32(s.inner * kStride * e));
  return { rowStride, kStride, aPerRow: rowStride * e, start: { a: get('a'), b: get('b') }, sumEnd };
}

/**
 * C = Aᵀ B with A packed (packed-panel.ts): the sum runs in blocks of
 * `depth` rows of A; each block is copied into its panels at t, then every
 * block of C continues its sums over it — from zero in the first block,
 * from C's partial sums after — so each lane still sums its k in order 0,
 * 1, …, K−1, bit for bit the unpacked kernel's result. A runtime n of 0 runs
 * one empty block: C = 0.
 */
export function packedKernel(v: VectorOps, s: MatmulShape, block: MatmulBlock, layout: PanelLayout): string[] {
  const R = s.rows as number;
  const e = v.bytes;
  const source: ASource = {
    rowStride: 1,
    kStride: layout.rows,
    aPerRow: layout.depth * e,
    start: { a: get('t'), b: get('bk') },
    sumEnd: add32(get('pa'), mul32(get('kc'), i32(layout.rows * e))),
    resume: get('k0'),
  };
  return sumBlocks(v, s, layout.depth, [
    ...packRows(v, R, layout, add32(get('a'), mul32(get('k0'), i32(R * e))), get('kc'), get('t')),
    ...axpyKernel(v, s, block, source),
  ]);
}

/**
 * C = Aᵀ B over A's nonzero elements (sparse-rows.ts), block by block of
 * SPARSE_DEPTH rows of A; a block too dense to gain runs the plain loop
 * (continuing the same sums). Every lane sums its nonzero terms in k order.
 */
export function sparseKernel(v: VectorOps, s: MatmulShape, block: MatmulBlock): string[] {
  const R = s.rows as number;
  const e = v.bytes;
  const blockOfA = add32(get('a'), mul32(get('k0'), i32(R * e)));
  const plain: ASource = {
    rowStride: 1,
    kStride: R,
    aPerRow: e,
    start: { a: blockOfA, b: get('bk') },
    sumEnd: add32(get('pa'), mul32(get('kc'), i32(R * e))),
    resume: get('k0'),
  };
  return sumBlocks(v, s, SPARSE_DEPTH, [
    ...listNonzeros(v, R, s.cols, blockOfA, get('t')),
    `(if ${tooDense(v, R)}`,
    '  (then',
    ...axpyKernel(v, s, block, plain).map((l) => `    ${l}`),
    '  )',
    '  (else',
    ...sumLists(v, R, s.cols, get('t'), get('k0')).map((l) => `    ${l}`),
    '  ))',
  ]);
}

/**
 * The sum of Aᵀ B in blocks of `depth` rows of A: k0 the block's first
 * row, kc its rows (depth, or what is left), bk B's row k0; `body` adds the
 * block's terms to C — from zero in the first block (k0 = 0), from C's
 * partial sums after. A runtime n of 0 runs one empty block (C = 0).
 */
function sumBlocks(v: VectorOps, s: MatmulShape, depth: number, body: readonly string[]): string[] {
  const left = `(i32.sub ${bound(s.inner)} ${get('k0')})`;
  return [
    set('k0', i32(0)),
    '(loop $blocks',
    ...[
      set('kc', `(select ${i32(depth)} ${left} (i32.lt_u ${i32(depth)} ${left}))`),
      set('bk', add32(get('b'), mul32(get('k0'), i32(s.cols * v.bytes)))),
      ...body,
      advance('k0', depth),
    ].map((l) => `  ${l}`),
    `  (br_if $blocks (i32.lt_u ${get('k0')} ${bound(s.inner)})))`,
  ];
}

/** The multiply-add of a register block: s_ij += x_i · y_j. */
function multiplyAdd(v: VectorOps, rows: number, cols: number): string[] {
  return range(rows).flatMap((i) => range(cols).map((j) => set(acc(i, j), v.multiplyAdd(get(acc(i, j)), get(x(i)), get(y(j))))));
}

function zeroAccumulators(v: VectorOps, rows: number, cols: number): string[] {
  return range(rows).flatMap((i) => range(cols).map((j) => set(acc(i, j), v.zero)));
}

/**
 * C = A Bᵀ as dot products of contiguous rows, a vector of k at a time: a
 * block of rb rows of A × cb rows of B keeps rb·cb accumulators, lane l
 * summing the k ≡ l (mod lanes) in order; a K that is not a multiple of the
 * lanes ends with a part vector (the other lanes load +0). Then C[r,c] is
 * the sum of the lanes: f64 lane 0 + lane 1, f32 (0 + 1) + (2 + 3).
 * The block reads pa, pb, qc (see tiles) and walks the sum with qa, qb.
 */
export function dotKernel(v: VectorOps, s: MatmulShape, block: MatmulBlock): string[] {
  const K = s.inner as number;
  const M = s.cols;
  const aRow = K * v.bytes, bRow = K * v.bytes, cRow = M * v.bytes;
  const vector = v.lanes * v.bytes;
  const whole = Math.floor(K / v.lanes);
  const rest = K % v.lanes;
  const step = (rb: number, cb: number, load: (address: string, offset: number) => string, u: number) => [
    ...range(rb).map((i) => set(x(i), load(get('qa'), i * aRow + u * vector))),
    ...range(cb).map((j) => set(y(j), load(get('qb'), j * bRow + u * vector))),
    ...multiplyAdd(v, rb, cb),
  ];
  const dotBlock = (rb: number, cb: number): string[] => [
    ...zeroAccumulators(v, rb, cb),
    set('qa', get('pa')),
    set('qb', get('pb')),
    ...(whole > 0 ? [
      set('end', add32(get('pa'), i32(whole * vector))),
      ...sumLoop(vector, block.unroll, (u) => step(rb, cb, v.load, u), (k) => [advance('qb', k * vector)]),
    ] : []),
    ...(rest > 0 ? step(rb, cb, (address, offset) => v.loadPart(address, offset, rest), 0) : []),
    ...range(rb).flatMap((i) => range(cb).map((j) => v.storeLaneSum(get('qc'), i * cRow + j * v.bytes, get(acc(i, j))))),
  ];
  return tiles(s, block, { aPerRow: aRow, bPerCol: bRow, cRow, cCol: v.bytes }, dotBlock);
}

/**
 * C = A B and C = Aᵀ B as sums of rank-1 updates, vectorized along the
 * contiguous rows of B and C: a block of rb rows × cb columns of C keeps
 * rb·⌈cb/lanes⌉ accumulators in registers over the whole sum; per k it
 * splats rb elements of A and loads the block's part of B's row k. Each lane
 * sums its k in order 0, 1, …, K-1, as a plain loop does. Columns that do
 * not fill a vector end with a part vector (the other lanes load +0 and are
 * not stored).
 * The block reads pa, pb, qc (see tiles) and walks the sum with qa, qb.
 */
export function axpyKernel(v: VectorOps, s: MatmulShape, block: MatmulBlock, source: ASource): string[] {
  const M = s.cols;
  const e = v.bytes;
  const { rowStride, kStride, sumEnd } = source;
  const cRow = M * e;
  const axpyBlock = (rb: number, cb: number): string[] => {
    const cv = Math.ceil(cb / v.lanes);
    const part = cb % v.lanes; // lanes of the last vector, when it is a part
    const isPart = (j: number) => part > 0 && j === cv - 1;
    const loadB = (j: number, u: number) => {
      const offset = j * v.lanes * e + u * cRow;
      return isPart(j) ? v.loadPart(get('qb'), offset, part) : v.load(get('qb'), offset);
    };
    const storeC = (i: number, j: number) => {
      const offset = i * cRow + j * v.lanes * e;
      return isPart(j) ? v.storePart(get('qc'), offset, get(acc(i, j)), part) : v.store(get('qc'), offset, get(acc(i, j)));
    };
    const loadC = (i: number, j: number) => {
      const offset = i * cRow + j * v.lanes * e;
      return set(acc(i, j), isPart(j) ? v.loadPart(get('qc'), offset, part) : v.load(get('qc'), offset));
    };
    const start = source.resume === undefined ? zeroAccumulators(v, rb, cv) : [
      `(if ${source.resume}`,
      `  (then ${range(rb).flatMap((i) => range(cv).map((j) => loadC(i, j))).join(' ')})`,
      `  (else ${zeroAccumulators(v, rb, cv).join(' ')}))`,
    ];
    const rotated = block.aLoads === 'rotated' && rb % v.lanes === 0 && part === 0 ? rotatedLoads(v, rb, cv, cRow) : undefined;
    const loadA = rotated?.loadA
      ?? ((offset: number) => range(rb).map((i) => set(x(i), v.splat(get('qa'), i * rowStride * e + offset))));
    return [
      ...start,
      set('qa', get('pa')),
      set('qb', get('pb')),
      set('end', sumEnd),
      ...sumLoop(kStride * e, block.unroll, (u) => [
        ...loadA(u * kStride * e),
        ...range(cv).map((j) => set(y(j), loadB(j, u))),
        ...multiplyAdd(v, rb, cv),
      ], (k) => [advance('qb', k * cRow)]),
      ...(rotated?.storeC ?? range(rb).flatMap((i) => range(cv).map((j) => storeC(i, j)))),
    ];
  };
  return tiles(s, block, { aPerRow: source.aPerRow, bPerCol: e, cRow, cCol: e }, axpyBlock, source.start);
}

/**
 * Aᵀ B with A's elements as whole vectors (the rb elements of a step sit
 * side by side in A's row k): A-vector a holds rows aL … aL+L−1 of the
 * block (L lanes), and x(aL + t) is it rotated by t, so accumulator
 * s(aL + t, j) sums in lane l the products for C's row aL + (l + t) mod L
 * and column jL + l. Rows come out of the registers by blending: row
 * aL + q takes lane l from s(aL + (q − l) mod L, j). Each lane still sums its
 * k in order. Per step: rb / L loads of A and rb − rb / L shuffles instead
 * of rb splat loads (the loads are what limits these loops; measured in
 * bench/wasm-kernels.mjs).
 */
function rotatedLoads(v: VectorOps, rb: number, cv: number, cRow: number): { loadA: (offset: number) => string[]; storeC: string[] } {
  const L = v.lanes;
  const vectors = range(rb / L);
  return {
    loadA: (offset) => vectors.flatMap((a) => [
      set(x(a * L), v.load(get('qa'), offset + a * L * v.bytes)),
      ...range(L - 1).map((t) => set(x(a * L + t + 1), v.rotate(get(x(a * L)), t + 1))),
    ]),
    storeC: vectors.flatMap((a) => range(L).flatMap((q) => range(cv).map((j) =>
      v.store(get('qc'), (a * L + q) * cRow + j * L * v.bytes, v.blend(range(L).map((l) => get(acc(a * L + ((q - l + L) % L), j)))))))),
  };
}
