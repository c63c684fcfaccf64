import { matmulFunction, matmulName, matmulScratch, type MatmulOptions, type MatmulShape, type MatmulVariant } from './matmul-wat.js';
import type { ElementKernel } from './element-kernel.js';
import { helperFunctions, type SimdHelper } from './simd-math.js';
import type { WasmToolchain } from './toolchain.js';
import { printFunction } from './wat.js';
import type { Precision } from './vector.js';

/** One kernel a module should export. */
export interface MatmulRequest extends MatmulOptions {
  readonly variant: MatmulVariant;
  readonly shape: MatmulShape;
}

export interface KernelModule {
  /** The WAT source (for reading and debugging). */
  readonly wat: string;
  /** The validated binary. */
  readonly bytes: Uint8Array;
  /** Export names, one per request (duplicates requested once). */
  readonly exports: readonly string[];
  /** The exports that are element kernels: n, the arrays' byte offsets, then their scalars' byte addresses (all i32). */
  readonly elementExports?: ReadonlySet<string>;
  /** The matrix kernels that take scratch memory as a fifth argument (matmulScratch). */
  readonly scratchExports?: ReadonlySet<string>;
}

/** The name the generated module imports its linear memory under: `env.memory`. */
export const MEMORY_IMPORT = { module: 'env', name: 'memory' } as const;

/**
 * An element kernel's export name, from its text (the same loop, the same
 * name, in every module): its prefix (`map_`, `update_`, …) and an FNV-1a
 * hash of the function.
 */
export function elementKernelName(kernel: ElementKernel): string {
  const text = printFunction(kernel.fn);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `${kernel.prefix ?? 'map'}_${hash.toString(16).padStart(8, '0')}`;
}

/**
 * The WAT text of a module exporting the requested kernels (and the internal
 * SIMD helpers the element kernels call). The memory is imported, so the code
 * that instantiates it owns its size and growth and can lay out parameters,
 * gradients and workspace in it.
 */
export function kernelModuleText(
  requests: readonly MatmulRequest[],
  elements: readonly ElementKernel[] = [],
): { wat: string; exports: string[]; elementExports: Set<string>; scratchExports: Set<string> } {
  const unique = new Map<string, string>();
  const scratchExports = new Set<string>();
  for (const r of requests) {
    const name = matmulName(r.variant, r.shape, r.precision, r.fused, r.packDepth, r.sparseA);
    unique.set(name, printFunction(matmulFunction(r.variant, r.shape, r)));
    if (matmulScratch(r.variant, r.shape, r) !== undefined) scratchExports.add(name);
  }
  const elementExports = new Set<string>();
  const helpers = new Map<Precision, Set<SimdHelper>>([['f64', new Set()], ['f32', new Set()]]);
  for (const e of elements) {
    const name = elementKernelName(e);
    unique.set(name, printFunction({ ...e.fn, name }));
    elementExports.add(name);
    e.helpers.forEach((h) => helpers.get(e.precision)?.add(h));
  }
  const wat = [
    '(module',
    `  (import "${MEMORY_IMPORT.module}" "${MEMORY_IMPORT.name}" (memory 0))`,
    ...[...helpers].flatMap(([precision, used]) => helperFunctions(used, precision)),
    ...unique.values(),
    ')',
    '',
  ].join('\n');
  return { wat, exports: [...unique.keys()], elementExports, scratchExports };
}

/** The module's text and validated binary. */
export function buildKernelModule(toolchain: WasmToolchain, requests: readonly MatmulRequest[], elements: readonly ElementKernel[] = []): KernelModule {
  const { wat, exports, elementExports, scratchExports } = kernelModuleText(requests, elements);
  return { wat, exports, elementExports, scratchExports, bytes: toolchain.assemble('kernels.wat', wat) };
}
