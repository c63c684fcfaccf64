import { matmulFunction, matmulName, type MatmulOptions, type MatmulShape, type MatmulVariant } from './matmul-wat.js';
import type { WasmToolchain } from './toolchain.js';
import { printFunction } from './wat.js';

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
}

/** The name the generated module imports its linear memory under: `env.memory`. */
export const MEMORY_IMPORT = { module: 'env', name: 'memory' } as const;

/**
 * The WAT text of a module exporting the requested kernels. The memory is
 * imported, so the code that instantiates it owns its size and growth and can
 * lay out parameters, gradients and workspace in it.
 */
export function kernelModuleText(requests: readonly MatmulRequest[]): { wat: string; exports: string[] } {
  const unique = new Map<string, MatmulRequest>();
  for (const r of requests) unique.set(matmulName(r.variant, r.shape, r.precision), r);
  const functions = [...unique.values()].map((r) => printFunction(matmulFunction(r.variant, r.shape, r)));
  const wat = [
    '(module',
    `  (import "${MEMORY_IMPORT.module}" "${MEMORY_IMPORT.name}" (memory 0))`,
    ...functions,
    ')',
    '',
  ].join('\n');
  return { wat, exports: [...unique.keys()] };
}

/** The module's text and validated binary. */
export function buildKernelModule(toolchain: WasmToolchain, requests: readonly MatmulRequest[]): KernelModule {
  const { wat, exports } = kernelModuleText(requests);
  return { wat, exports, bytes: toolchain.assemble('kernels.wat', wat) };
}
