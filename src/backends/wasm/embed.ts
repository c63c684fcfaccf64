import { readTemplate } from '../../util/templates.js';
import type { KernelModule } from './kernel-module.js';

import { EMBED_NAMES } from '../wasm-embed-names.js';

export { EMBED_NAMES };

const KERNEL_TYPE = '(n: number, a: number, b: number, c: number) => void';
/** A matrix kernel with scratch memory (packed panels, lists of nonzeros): its byte offset last. */
const SCRATCH_TYPE = '(n: number, a: number, b: number, c: number, t: number) => void';
/** An element kernel: n, the byte offsets of the arrays it reads and writes, then the byte addresses of its scalars (f64s). */
const ELEMENT_TYPE = '(n: number, ...byteOffsets: number[]) => void';

/**
 * TypeScript source that embeds the module's bytes (base64) and instantiates
 * them synchronously: the loader template, the bytes, a `WasmKernels`
 * interface with one typed function per export, and
 * `loadWasmKernels(pages, backend)`, which returns the kernels and their
 * memory, or undefined where the TypeScript kernels are to run (see
 * KernelBackend in templates/wasm/loader.ts); `loadWasmKernelsAsync` does
 * the same with asynchronous compilation, for a browser's main thread.
 */
export function embedKernelModule(module: KernelModule): string {
  const base64 = Buffer.from(module.bytes).toString('base64');
  const typeOf = (name: string) => (module.elementExports?.has(name) === true ? ELEMENT_TYPE
    : module.scratchExports?.has(name) === true ? SCRATCH_TYPE : KERNEL_TYPE);
  const reader = (type: string) => (type === KERNEL_TYPE ? 'kernel' : type === SCRATCH_TYPE ? 'scratchKernel' : 'elementKernel');
  const { bytes, kernels, bind, load, loadAsync } = EMBED_NAMES;
  const scratchNote = (module.scratchExports?.size ?? 0) > 0 ? ' (then of its scratch, where its type says so)' : '';
  return `${readTemplate('wasm/loader.ts')}
/** The WebAssembly matrix kernels (f64x2 SIMD), ${module.bytes.length} bytes in base64, assembled by nncompile from their WAT. */
const ${bytes} =
  '${base64}';

/**
 * Each matrix kernel takes the runtime size n and the byte offsets of A, B and C in \`memory\`${scratchNote}; each element
 * kernel (map_…) n, the byte offsets of its arrays, then the byte addresses of its scalars (f64s in \`memory\`: no
 * argument is a float, which V8 would box when it does not inline the call). Exported: a trainer's constructor takes it.
 */
export interface ${kernels} {
  readonly memory: WasmMemory;
${module.exports.map((name) => `  readonly ${name}: ${typeOf(name)};`).join('\n')}
}

/** The kernels of an instance, typed. */
function ${bind}(wasm: WasmInstance): ${kernels} {
${[KERNEL_TYPE, SCRATCH_TYPE, ELEMENT_TYPE].filter((t) => module.exports.some((name) => typeOf(name) === t))
    .map((t) => `  const ${reader(t)} = (name: string) => wasm.exports[name] as ${t};`).join('\n')}
  return {
    memory: wasm.memory,
${module.exports.map((name) => `    ${name}: ${reader(typeOf(name))}('${name}'),`).join('\n')}
  };
}

/** The kernels in a new memory of \`pages\` 64 KiB pages, or undefined where the TypeScript kernels are to run. */
function ${load}(pages: number, backend: KernelBackend): ${kernels} | undefined {
  const wasm = instantiateWasm(${bytes}, pages, backend);
  return wasm === undefined ? undefined : ${bind}(wasm);
}

/** As ${load}, compiled asynchronously (a browser's main thread). */
async function ${loadAsync}(pages: number, backend: KernelBackend): Promise<${kernels} | undefined> {
  const wasm = await instantiateWasmAsync(${bytes}, pages, backend);
  return wasm === undefined ? undefined : ${bind}(wasm);
}
`;
}
