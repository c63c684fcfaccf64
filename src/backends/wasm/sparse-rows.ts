import type { VectorOps } from './vector.js';
import { add32, advance, get, i32, mul32, set } from './wat.js';

/**
 * C = Aᵀ B over the nonzero elements of A only: C[r,:] = Σ_{k: A[k,r] ≠ 0}
 * A[k,r] B[k,:]. For ∂L/∂W = δᵀ a behind a relu, δ = δa ⊙ H(z) is zero
 * wherever the unit was off — about half its elements — and each zero
 * saves a row of B's multiply-adds. A block of `depth` rows of A (k) at a
 * time, the kernel lists for every r the k with A[k,r] ≠ 0 in scratch
 * memory, in k order — an entry is the value and B's row k as a byte
 * offset —, then sums each row r of C a column block at a time over its
 * list. Skipping a zero term s + 0·b = s changes nothing while b is finite
 * (a sum that starts at +0 never becomes −0), so each lane gets the plain
 * kernel's sum bit for bit; a block too dense to gain (more than
 * DENSE_SHARE of A's elements nonzero) runs the plain kernel instead.
 */
export const SPARSE_DEPTH = 64;

/** Above this share of nonzero elements in a block of A, listing them does not pay (measured break-even about 0.7). */
export const DENSE_SHARE = 0.6;

/** Vectors of C's row per pass over a list: 6 accumulators, the splat and 6 loads of B fit the 15 registers (measured: 6 vectors 1.46×, 5 1.25×, 4 1.32× the plain kernel at half zeros). */
export const SPARSE_VECTORS = 6;

/**
 * Whether listing pays at these sizes: C of at least 64 rows and 4 column
 * blocks (measured at half zeros: 128×64·64×784 1.3–1.5×, 256×32·32×64
 * 1.25×, but 32×32·32×12 0.7× — a short row of C is mostly the list's overhead).
 */
export function listsPay(v: VectorOps, R: number, M: number): boolean {
  return R >= 64 && M >= 4 * SPARSE_VECTORS * v.lanes;
}

/** Bytes per list entry: the value, then B's row offset (i32), aligned to the value. */
export const entryBytes = (v: VectorOps): number => (v.bytes === 8 ? 16 : 8);

/** Bytes of scratch: R lists of `depth` entries, then R list ends (i32). */
export function sparseScratchBytes(v: VectorOps, R: number): number {
  return R * SPARSE_DEPTH * entryBytes(v) + R * 4;
}

/**
 * The lists of rows kc rows of A from `source` on (row k of A: R
 * contiguous elements): for each r, k = 0 … kc − 1 appended when A[k,r] ≠ 0
 * (branch-free: the entry is written, the end moves on only for a nonzero),
 * its end stored after the lists. Leaves the bytes of all entries in `nnz`.
 * Uses the locals r, pa, j, qb, pc, end, lim.
 */
export function listNonzeros(v: VectorOps, R: number, M: number, source: string, t: string): string[] {
  const E = entryBytes(v);
  const bRow = M * v.bytes;
  return [
    set('lim', mul32(get('kc'), i32(bRow))),
    set('qb', t),
    set('pc', add32(t, i32(R * SPARSE_DEPTH * E))),
    set('nnz', i32(0)),
    set('r', i32(0)),
    '(loop $lists',
    ...[
      set('pa', add32(source, mul32(get('r'), i32(v.bytes)))),
      set('end', get('qb')),
      set('j', i32(0)),
      '(block $list_done',
      `  (br_if $list_done (i32.ge_u ${get('j')} ${get('lim')}))`,
      '  (loop $list',
      ...[
        v.storeScalar(get('end'), 0, v.loadScalar(get('pa'), 0)),
        `(i32.store offset=${v.bytes} ${get('end')} ${get('j')})`,
        set('end', add32(get('end'), `(select ${i32(E)} ${i32(0)} (${v.bytes === 8 ? 'f64' : 'f32'}.ne ${v.loadScalar(get('pa'), 0)} (${v.bytes === 8 ? 'f64' : 'f32'}.const 0)))`)),
        advance('pa', R * v.bytes),
        advance('j', bRow),
        `(br_if $list (i32.lt_u ${get('j')} ${get('lim')}))))`,
      ].map((l) => `    ${l}`),
      `(i32.store ${get('pc')} ${get('end')})`,
      set('nnz', add32(get('nnz'), `(i32.sub ${get('end')} ${get('qb')})`)),
      advance('pc', 4),
      advance('qb', SPARSE_DEPTH * E),
      advance('r', 1),
      `(br_if $lists (i32.lt_u ${get('r')} ${i32(R)}))`,
    ].map((l) => `  ${l}`),
    ')',
  ];
}

/** Whether the block is dense enough for the plain kernel: nnz / E > DENSE_SHARE · R · kc, in integers. */
export function tooDense(v: VectorOps, R: number): string {
  const E = entryBytes(v);
  // nnz·10 > 6·E·R·kc (DENSE_SHARE = 0.6)
  return `(i32.gt_u (i32.mul ${get('nnz')} ${i32(10)}) (i32.mul ${get('kc')} ${i32(Math.round(DENSE_SHARE * 10) * E * R)}))`;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const acc = (j: number): string => `s0_${j}`;
const y = (j: number): string => `y${j}`;

/**
 * C += (A's block)ᵀ (B's block) from the lists: for each column block of
 * SPARSE_VECTORS vectors (the last one shorter, its last vector a part
 * when the columns do not fill it) and each row r of C, the accumulators
 * start from C (a later block of the sum: `resume` true) or zero, then take
 * a·B[k, block] for each entry (a, k) of r's list. B's block of the sum
 * starts at `bk`. Uses the locals r, j, pa, pb, pc, qa, qb, qc, end, x0.
 */
export function sumLists(v: VectorOps, R: number, M: number, t: string, resume: string): string[] {
  const E = entryBytes(v);
  const e = v.bytes;
  const columns = SPARSE_VECTORS * v.lanes;
  const rowBlock = (width: number, label: string): string[] => {
    const cv = Math.ceil(width / v.lanes);
    const part = width % v.lanes;
    const isPart = (j: number) => part > 0 && j === cv - 1;
    const loadB = (j: number) => (isPart(j) ? v.loadPart(get('j'), j * v.lanes * e, part) : v.load(get('j'), j * v.lanes * e));
    const loadC = (j: number) => (isPart(j) ? v.loadPart(get('qc'), j * v.lanes * e, part) : v.load(get('qc'), j * v.lanes * e));
    const storeC = (j: number) => (isPart(j) ? v.storePart(get('qc'), j * v.lanes * e, get(acc(j)), part) : v.store(get('qc'), j * v.lanes * e, get(acc(j))));
    return [
      set('r', i32(0)), set('qb', t), set('qc', get('pc')), set('pa', add32(t, i32(R * SPARSE_DEPTH * E))),
      `(loop $${label}`,
      ...[
        `(if ${resume} (then ${range(cv).map((j) => set(acc(j), loadC(j))).join(' ')}) (else ${range(cv).map((j) => set(acc(j), v.zero)).join(' ')}))`,
        set('qa', get('qb')),
        set('end', `(i32.load ${get('pa')})`),
        `(block $${label}_done`,
        `  (br_if $${label}_done (i32.ge_u ${get('qa')} ${get('end')}))`,
        `  (loop $${label}_k`,
        ...[
          set('j', add32(get('pb'), `(i32.load offset=${e} ${get('qa')})`)),
          set('x0', v.splat(get('qa'), 0)),
          ...range(cv).map((j) => set(y(j), loadB(j))),
          ...range(cv).map((j) => set(acc(j), v.multiplyAdd(get(acc(j)), get('x0'), get(y(j))))),
          advance('qa', E),
          `(br_if $${label}_k (i32.lt_u ${get('qa')} ${get('end')}))))`,
        ].map((l) => `    ${l}`),
        ...range(cv).map(storeC),
        advance('qc', M * e),
        advance('pa', 4),
        advance('qb', SPARSE_DEPTH * E),
        advance('r', 1),
        `(br_if $${label} (i32.lt_u ${get('r')} ${i32(R)}))`,
      ].map((l) => `  ${l}`),
      ')',
    ];
  };
  const full = Math.floor(M / columns);
  const rest = M % columns;
  return [
    set('pb', get('bk')), set('pc', get('c')),
    ...(full > 0 ? [
      `(loop $sparse_cols`,
      ...rowBlock(columns, 'sparse_rows').map((l) => `  ${l}`),
      `  ${advance('pb', columns * e)}`,
      `  ${advance('pc', columns * e)}`,
      `  (br_if $sparse_cols (i32.lt_u ${get('pc')} ${add32(get('c'), i32(full * columns * e))})))`,
    ] : []),
    ...(rest > 0 ? rowBlock(rest, 'sparse_rest') : []),
  ];
}

/** The v128 locals sumLists uses besides x0. */
export const SPARSE_V128_LOCALS: readonly string[] = [...range(SPARSE_VECTORS).map(acc), ...range(SPARSE_VECTORS).map(y)];
