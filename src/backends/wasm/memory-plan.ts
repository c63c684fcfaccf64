import type { WorkspaceSlot } from '../../lower/workspace.js';

/** A WebAssembly page: 64 KiB. */
export const PAGE_BYTES = 65536;

/** Every array starts on a 16-byte boundary (one f64x2 / f32x4 vector). */
const ALIGN = 16;

export interface MemoryPlan {
  /** Byte offset of each array in the linear memory, by name. */
  readonly offsets: ReadonlyMap<string, number>;
  /** Bytes in use, and the pages that hold them. */
  readonly bytes: number;
  readonly pages: number;
}

/**
 * Where arrays live in the kernels' linear memory for a batch capacity:
 * parameters, gradients, inputs and workspace slots alike, as lowering
 * describes them (`length` elements, per example row when batched). The
 * fixed-size arrays come first, so a larger capacity moves only the batched
 * ones; every array is 16-byte aligned. The generated code makes one typed
 * view per array at its offset (again after the memory grows: growing
 * detaches the old buffer).
 */
export function planMemory(arrays: readonly WorkspaceSlot[], capacity: number, bytesPerElement: 8 | 4 = 8): MemoryPlan {
  if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`batch capacity ${capacity} must be a positive integer`);
  const offsets = new Map<string, number>();
  let at = 0;
  for (const a of [...arrays.filter((a) => !a.batched), ...arrays.filter((a) => a.batched)]) {
    if (offsets.has(a.name)) throw new Error(`array ${a.name} is placed twice`);
    offsets.set(a.name, at);
    at += Math.ceil((a.length * (a.batched ? capacity : 1) * bytesPerElement) / ALIGN) * ALIGN;
  }
  return { offsets, bytes: at, pages: Math.max(1, Math.ceil(at / PAGE_BYTES)) };
}
