/**
 * The WebAssembly kernels' scalar block: a few f64 slots of linear memory
 * (a fixed region of the trainer's memory plan, `kernelScalars`) that a
 * method writes the scalars of its kernel calls to — 1/n, η, Adam's bias
 * corrections, the clipping scale … — passing each kernel the slot's byte
 * address instead of the value. No kernel argument is a float: V8 calls a
 * WebAssembly export it does not inline through a generic wrapper that boxes
 * every double argument (a heap allocation per call), while a small integer
 * (a size, a byte offset) is passed as it is.
 */

/** The trainer's field (a Float64Array view of the block) and the local a method reads it into. */
export const KERNEL_SCALARS = { field: 'kernelScalars', local: 'sc' } as const;

/** Bytes per slot: an f64 (an f32 kernel rounds it to f32 as it reads it). */
const SLOT_BYTES = 8;

/** The slots one method uses: each scalar written once, where a kernel first reads it. */
export interface ScalarSlots {
  /**
   * The kernel arguments of `scalars` (their slots' byte addresses) and the
   * stores of those this method has not written yet (`sc[k] = invN;`), to
   * run before the call.
   */
  pass(scalars: readonly string[]): { readonly stores: readonly string[]; readonly addresses: readonly string[] };
  /** How many slots the method uses (the block holds at least this many). */
  readonly count: number;
}

/** A method's slots, assigned in first-use order from slot 0 (methods never run at the same time: each writes its own). */
export function scalarSlots(): ScalarSlots {
  const slots: string[] = [];
  const { local } = KERNEL_SCALARS;
  return {
    pass(scalars) {
      const stores: string[] = [];
      const addresses = scalars.map((name) => {
        let k = slots.indexOf(name);
        if (k < 0) {
          k = slots.push(name) - 1;
          stores.push(`${local}[${k}] = ${name};`);
        }
        return k === 0 ? `${local}.byteOffset` : `${local}.byteOffset + ${SLOT_BYTES} * ${k}`;
      });
      return { stores, addresses };
    },
    get count() {
      return slots.length;
    },
  };
}

/** The method's line that reads the block into its local. */
export const scalarBlockLocal = (): string =>
  `const ${KERNEL_SCALARS.local} = this.${KERNEL_SCALARS.field}; // the kernels' float arguments, in linear memory (a double argument would be boxed)`;
