import {
  buildKernelModule, loadToolchain, matmulName, matmulScratch, type KernelModule, type MatmulBlock, type MatmulShape, type MatmulVariant,
  type Precision,
} from '../../src/backends/wasm/index.js';
import type { Sizes } from './matmul-reference.js';

/** The WASM kernel's shape for concrete sizes: the batch (runtime n) is R for A B and A Bᵀ, K for Aᵀ B. */
export function kernelShape(variant: MatmulVariant, { R, K, M }: Sizes): { shape: MatmulShape; n: number } {
  return variant === 'matmul_tn'
    ? { shape: { rows: R, inner: 'n', cols: M }, n: K }
    : { shape: { rows: 'n', inner: K, cols: M }, n: R };
}

/** The WebAssembly API the tests use (the project compiles with the ES2022 library only, which does not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
export interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: Readonly<Record<string, unknown>> };
  readonly Memory: new (descriptor: { initial: number }) => WasmMemory;
  validate(bytes: Uint8Array): boolean;
}
export const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** `(n, a, b, c)`, and the scratch's byte offset t for a kernel that packs panels. */
export type WasmKernel = (n: number, a: number, b: number, c: number, t?: number) => void;

export interface Instantiated {
  readonly module: KernelModule;
  readonly memory: WasmMemory;
  readonly kernels: Readonly<Record<string, WasmKernel>>;
}

/** Builds a module with a kernel per (variant, sizes) and instantiates it on a memory of `pages` pages. */
export async function instantiateKernels(
  cases: readonly { variant: MatmulVariant; sizes: Sizes; block?: MatmulBlock; precision?: Precision; fused?: boolean; packDepth?: number; sparseA?: boolean }[],
  pages = 16,
): Promise<Instantiated> {
  const toolchain = await loadToolchain();
  const module = buildKernelModule(toolchain, cases.map((c) => ({
    variant: c.variant, shape: kernelShape(c.variant, c.sizes).shape, block: c.block, precision: c.precision, fused: c.fused, packDepth: c.packDepth, sparseA: c.sparseA,
  })));
  const memory = new wasmApi.Memory({ initial: pages });
  const instance = new wasmApi.Instance(new wasmApi.Module(module.bytes), { env: { memory } });
  return { module, memory, kernels: instance.exports as Record<string, WasmKernel> };
}

/** Guard doubles written around C: a kernel must leave them alone. */
const GUARD = 3;
const SENTINEL = -12345.678;

/**
 * Runs the WASM kernel on A and B laid out at offsets aligned to the element
 * size only (not 16 bytes), with C prefilled with NaN (every element must be
 * written) between sentinels (none may be). A kernel with scratch (packed
 * panels, lists of nonzeros) gets it after C, NaN-filled, between sentinels too. Returns C (in
 * f32 mode A and B are f32 arrays and so is C).
 */
export function runWasmKernel(
  wasm: Instantiated, variant: MatmulVariant, sizes: Sizes, A: Float64Array | Float32Array, B: Float64Array | Float32Array,
  precision: Precision = 'f64',
  fused = false,
  options: { readonly packDepth?: number; readonly sparseA?: boolean; readonly block?: MatmulBlock } = {},
): Float64Array | Float32Array {
  const { shape, n } = kernelShape(variant, sizes);
  const { packDepth, sparseA, block } = options;
  const name = matmulName(variant, shape, precision, fused, packDepth, sparseA);
  const kernel = wasm.kernels[name];
  if (!kernel) throw new Error(`no kernel ${name}`);
  const cLength = sizes.R * sizes.M;
  const scratch = matmulScratch(variant, shape, { precision, packDepth, sparseA, block }) ?? 0;
  const at = { a: 1, b: 1 + A.length + 1, c: 1 + A.length + 1 + B.length + GUARD };
  const t = at.c + cLength + 2 * GUARD;
  const heap = precision === 'f64' ? new Float64Array(wasm.memory.buffer) : new Float32Array(wasm.memory.buffer);
  if (t + scratch + GUARD > heap.length) throw new Error('test memory too small');
  heap.set(A, at.a);
  heap.set(B, at.b);
  const sentinel = precision === 'f64' ? SENTINEL : Math.fround(SENTINEL);
  heap.fill(SENTINEL, at.c - GUARD, at.c + cLength + GUARD);
  heap.fill(Number.NaN, at.c, at.c + cLength);
  heap.fill(SENTINEL, t - GUARD, t + scratch + GUARD);
  heap.fill(Number.NaN, t, t + scratch);
  const bytes = heap.BYTES_PER_ELEMENT;
  kernel(n, at.a * bytes, at.b * bytes, at.c * bytes, t * bytes);
  for (const i of [...Array(GUARD).keys()].flatMap((g) => [at.c - 1 - g, at.c + cLength + g])) {
    if (heap[i] !== sentinel) throw new Error(`${name} wrote outside C (at ${i - at.c})`);
  }
  for (const i of [...Array(GUARD).keys()].flatMap((g) => [t - 1 - g, t + scratch + g])) {
    if (heap[i] !== sentinel) throw new Error(`${name} wrote outside its scratch (at ${i - t})`);
  }
  return heap.slice(at.c, at.c + cLength);
}
