import { EMBED_NAMES } from '../../wasm-embed-names.js';
import { ARRAY_TYPES, type ArrayType } from '../typed-arrays.js';
import { KERNEL_SCALARS } from '../tensor/kernel-scalars.js';

/** An array of the trainer: its field name and its length (per example row when batched). */
export interface MemoryArray {
  readonly name: string;
  readonly length: number;
}

/** The arrays a trainer keeps in the WebAssembly kernels' linear memory. */
export interface MemoryArrays {
  /** Parameters and gradients, in parameterLayout order (pairs θ, ∂L/∂θ). */
  readonly params: readonly { readonly name: string; readonly grad: string; readonly size: number }[];
  /** The optimizer's state arrays (the update kernels read and write them). */
  readonly state?: readonly MemoryArray[];
  /** Fixed-size workspace arrays. */
  readonly fixed: readonly MemoryArray[];
  /** Per-row arrays: batched workspace, dropout masks, the copy of the input rows. */
  readonly batched: readonly MemoryArray[];
  /** f64 slots of the kernels' scalar block (their float arguments: tensor/kernel-scalars.ts); 0 or absent: no block. */
  readonly scalars?: number;
}

const PAGE = 65536;

/**
 * The members of a trainer whose parameters, gradients and workspace are
 * Float64Array (f32: Float32Array) views into one buffer: the WebAssembly kernels' memory, or an
 * ArrayBuffer where the TypeScript kernels run. Fixed-size arrays come
 * first, at constant offsets (growing the memory keeps them), and after them
 * the kernels' scalar block (a Float64Array in either precision: the f64s
 * the kernels read their float arguments from); the per-row arrays follow,
 * placed for the batch capacity. A larger batch grows the
 * buffer and remakes every view (ensureCapacity, outside the hot path): the
 * user reads parameters through `params` or the named fields, never a view
 * kept from before.
 */
export function linearMemoryMembers(className: string, arrays: MemoryArrays, initialRows: number, F: ArrayType = ARRAY_TYPES.f64): string {
  const state = arrays.state ?? [];
  const fixed = [...arrays.params.flatMap((p) => [{ name: p.name, length: p.size }, { name: p.grad, length: p.size }]), ...state, ...arrays.fixed];
  const isPrivate = (name: string) => name.startsWith('ws') || state.some((a) => a.name === name);
  // f32 arrays start on 16-byte boundaries (whole f32x4 vectors): each length is rounded up to 4 elements
  const span = (length: number) => F.bytes * (F.bytes === 4 ? Math.ceil(length / 4) * 4 : length);
  const scalarSlots = arrays.scalars ?? 0;
  // 8-byte aligned in either precision (every span is a multiple of 8); rounded up to 16 bytes
  const scalarBytes = Math.ceil(scalarSlots / 2) * 16;
  const fixedBytes = fixed.reduce((s, a) => s + span(a.length), 0) + scalarBytes;
  const rowBytes = arrays.batched.reduce((s, a) => s + span(a.length), 0);
  const pages = Math.max(1, Math.ceil((fixedBytes + initialRows * rowBytes) / PAGE));
  let at = 0;
  const fixedViews = fixed.map((a) => {
    const line = `    this.${a.name} = new ${F.name}(buffer, ${at}, ${a.length});`;
    at += span(a.length);
    return line;
  });
  const { field } = KERNEL_SCALARS;
  if (scalarSlots > 0) fixedViews.push(`    this.${field} = new Float64Array(buffer, ${at}, ${scalarSlots});`);
  return `
  // Parameters θ (the notes' W^l, b^l), gradients ∂L/∂θ,${state.length > 0 ? ' optimizer state' : ''} and workspace: ${F.name} views into the
  // WebAssembly kernels' linear memory (an ArrayBuffer where they do not run), remade when a larger batch grows it
${fixed.map((a) => `  ${isPrivate(a.name) ? 'private ' : ''}${a.name} = new ${F.name}(0);`).join('\n')}
${arrays.batched.map((a) => `  private ${a.name} = new ${F.name}(0);`).join('\n')}${scalarSlots === 0 ? '' : `
  // The kernels' float arguments (1/n, η, …): each method writes them here and passes their byte addresses
  // (V8 boxes a double passed to a WebAssembly call it does not inline; an integer it does not)
  private ${field} = new Float64Array(0);`}
  params: ${F.name}[] = [];
  grads: ${F.name}[] = [];
${kernelMembers(className, pages, 'this.layOut(this.capacity);', `  private capacity = ${initialRows};`)}

  protected ensureCapacity(n: number): void {
    if (n <= this.capacity) return;
    this.capacity = n;
    this.layOut(n);
  }

  /** Places the arrays for \`rows\` example rows (${fixedBytes} bytes fixed, ${rowBytes} per row), growing the buffer, and remakes the views. */
  private layOut(rows: number): void {
${bufferOf(`${fixedBytes} + rows * ${rowBytes}`, fixedBytes, state.length > 0 ? 'θ, ∂L/∂θ and the optimizer state' : undefined)}
${fixedViews.join('\n')}
    let at = ${fixedBytes};
${arrays.batched.map((a) => `    this.${a.name} = new ${F.name}(buffer, at, rows * ${a.length});\n    at += ${F.bytes === 8 ? `rows * ${8 * a.length}` : `Math.ceil((rows * ${a.length}) / 4) * 16`};`).join('\n')}
    this.params = [${arrays.params.map((p) => `this.${p.name}`).join(', ')}];
    this.grads = [${arrays.params.map((p) => `this.${p.grad}`).join(', ')}];
  }
`;
}

/**
 * The members every trainer with its arrays in linear memory has: the
 * kernels (or none), the fallback buffer, the constructor choosing the
 * backend ('auto' | 'wasm' | 'ts'), the asynchronous factory and usesWasm.
 * `layOut` is the constructor's call that places the arrays before the
 * parameters are initialized; `capacity` declares the fields it reads.
 */
export function kernelMembers(className: string, pages: number, layOut: string, capacity: string): string {
  const { kernels, backend, load, loadAsync } = EMBED_NAMES;
  return `  /** The WebAssembly kernels and their memory, or undefined where the TypeScript kernels run. */
  private readonly wasm: ${kernels} | undefined;
  private heap = new ArrayBuffer(0);
${capacity}

  /** backend: 'auto' runs the WebAssembly kernels where they run (SIMD), 'wasm' or 'ts' forces one. */
  constructor(seed?: number, backend: ${backend} = 'auto', kernels?: ${kernels}) {
    super();
    this.wasm = kernels ?? ${load}(${pages}, backend);
    ${layOut}
    this.initialize(seed ?? this.seed);
  }

  /** As the constructor, compiling the WebAssembly asynchronously (a browser's main thread limits synchronous compilation). */
  static async create(seed?: number, backend: ${backend} = 'auto'): Promise<${className}> {
    const kernels = await ${loadAsync}(${pages}, backend);
    return new ${className}(seed, kernels === undefined ? 'ts' : 'wasm', kernels);
  }

  /** Whether the WebAssembly kernels run (false: the TypeScript kernels). */
  get usesWasm(): boolean {
    return this.wasm !== undefined;
  }`;
}

/**
 * The statements of a layOut that make \`buffer\` hold \`bytes\` (an
 * expression): the kernels' memory grown (its contents kept), or a new
 * ArrayBuffer with the first \`fixedBytes\` (\`kept\`: θ, ∂L/∂θ, the optimizer state: what must survive)
 * copied from the old one.
 */
export function bufferOf(bytes: string, fixedBytes: number, kept = 'θ and ∂L/∂θ'): string {
  return `    const bytes = ${bytes};
    const memory = this.wasm?.memory;
    let buffer: ArrayBuffer;
    if (memory !== undefined) {
      const more = Math.ceil(bytes / ${PAGE}) - memory.buffer.byteLength / ${PAGE};
      if (more > 0) memory.grow(more); // keeps the contents
      buffer = memory.buffer;
    } else {
      buffer = new ArrayBuffer(bytes);
      const kept = Math.min(this.heap.byteLength, ${fixedBytes}); // ${kept} move to the new buffer
      new Uint8Array(buffer).set(new Uint8Array(this.heap, 0, kept));
      this.heap = buffer;
    }`;
}
