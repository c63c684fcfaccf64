import type { VectorOps } from './vector.js';
import { advance, get, i32, set, mul32, add32 } from './wat.js';

/**
 * Packed panels of A for C = Aᵀ B (∂L/∂W = δᵀ a): the kernel copies a block
 * of `depth` rows of A (k0 … k0 + depth − 1, each row contiguous) into
 * scratch memory, panel by panel — the panel of C's rows r0 … r0 + b − 1
 * (b: the register block's rows) holds A[k, r0 … r0 + b − 1] for each k of
 * the block, k after k — so the sum over k reads one contiguous stream
 * instead of b elements per row of A. Rows of A lie R elements apart (1 KiB
 * for δ of 128 units), so the b-element pieces the plain loop reads of a
 * block of rows map to a few L1 sets and evict each other; the panel's
 * stream does not. Every panel has the stride of a whole block (the short
 * last panel is padded), so panel p starts at p · b · depth elements.
 */
export interface PanelLayout {
  /** Rows of A (k) per packed block: the sum runs block by block. */
  readonly depth: number;
  /** C's rows per panel: the register block's rows. */
  readonly rows: number;
}

/** Elements of scratch the packed panels of an R-row C take: every panel padded to whole blocks. */
export function panelElements(R: number, layout: PanelLayout): number {
  return Math.ceil(R / layout.rows) * layout.rows * layout.depth;
}

/**
 * Bytes of packed panels the kernel aims for: 64 KiB (δ of 128 units and 64
 * rows, f64), which stays in L2 while the column blocks of B stream through
 * it. A larger batch is summed in blocks of that many rows of A.
 */
const PANEL_BYTES = 65536;

/** The block depth for an R-row C: as many rows of A as fit PANEL_BYTES, at least 16. */
export function panelDepth(R: number, rows: number, bytes: number): number {
  return Math.max(16, Math.floor(PANEL_BYTES / (Math.ceil(R / rows) * rows * bytes)));
}

/**
 * The copy of rows k0 … k0 + kc − 1 of A (R elements each, from `source`
 * bytes on) into the panels at `scratch`: per row of A, each panel's piece
 * in whole vectors and a part vector. Uses the locals qa (source row), qb
 * (the panels' row k) and end.
 */
export function packRows(v: VectorOps, R: number, layout: PanelLayout, source: string, count: string, scratch: string): string[] {
  const e = v.bytes;
  const copies: string[] = [];
  for (let r0 = 0; r0 < R; r0 += layout.rows) {
    const width = Math.min(layout.rows, R - r0);
    const panel = (r0 / layout.rows) * layout.rows * layout.depth * e;
    for (let i = 0; i < width; i += v.lanes) {
      const part = Math.min(v.lanes, width - i);
      const from = (r0 + i) * e;
      const to = panel + i * e;
      copies.push(part === v.lanes
        ? v.store(get('qb'), to, v.load(get('qa'), from))
        : storePartOf(v, to, v.loadPart(get('qa'), from, part), part));
    }
  }
  return [
    set('qa', source),
    set('qb', scratch),
    set('end', add32(get('qa'), mul32(count, i32(R * e)))),
    '(block $pack_done',
    `  (br_if $pack_done (i32.ge_u ${get('qa')} ${get('end')}))`,
    '  (loop $pack',
    ...copies.map((c) => `    ${c}`),
    `    ${advance('qa', R * e)}`,
    `    ${advance('qb', layout.rows * e)}`,
    `    (br_if $pack (i32.lt_u ${get('qa')} ${get('end')}))))`,
  ];
}

/** A part vector's store: its value goes through a local (storePart reads it once per piece). */
function storePartOf(v: VectorOps, offset: number, value: string, part: number): string {
  return `${set('x0', value)} ${v.storePart(get('qb'), offset, get('x0'), part)}`;
}
