import type { Dim } from '../ir/shape.js';

/**
 * The loops that work a row at a time, as every loop backend sees them (the
 * arrays row-major, `rows` a number or the batch n):
 *   column-sums  out[j] = Σ_i x[i, j]   (sum_to over the rows: ∂L/∂b)
 *   logits       per row of logits z, max-shifted: softmax into p, and/or the
 *                cross-entropy lse(z) − y·z into loss[i]
 */
export type RowLoop =
  | { readonly kind: 'column-sums'; readonly rows: Dim; readonly cols: number; readonly x: string; readonly out: string }
  | {
    readonly kind: 'logits';
    readonly rows: Dim;
    readonly width: number;
    readonly z: string;
    readonly p?: string;
    readonly ce?: { readonly loss: string; readonly y: string };
  };

/** The arrays a row loop reads and writes, in the order a kernel takes their offsets (after the row count). */
export function rowLoopArrays(loop: RowLoop): string[] {
  if (loop.kind === 'column-sums') return [loop.x, loop.out];
  return [loop.z, ...(loop.ce ? [loop.ce.y] : []), ...(loop.p === undefined ? [] : [loop.p]), ...(loop.ce ? [loop.ce.loss] : [])];
}
