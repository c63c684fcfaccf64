import { createRequire } from 'node:module';
import type Wabt from 'wabt';

/**
 * WAT text → validated WebAssembly bytes, with WABT's JavaScript build (the
 * `wabt` package: an Emscripten build of wat2wasm, no native binary). It is a
 * compile-time dependency of nncompile only: generated modules embed the bytes.
 * Loading it is asynchronous (it instantiates its own WebAssembly), so the
 * toolchain is loaded once and then assembles synchronously.
 */
export interface WasmToolchain {
  /** The binary of a module in WAT text; throws with the assembler's message when the text is invalid. */
  assemble(fileName: string, wat: string): Uint8Array;
}

/** The post-MVP features the kernels use: 128-bit SIMD, and relaxed SIMD's fused multiply-add where asked for. */
const FEATURES = { simd: true, relaxed_simd: true } as const;

let loading: Promise<WasmToolchain> | undefined;

/**
 * The `wabt` package (CommonJS) by `require`, not `import()`: the CLI runs as one
 * CommonJS bundle through V8's code cache (cli/code-cache.ts), whose scripts have
 * no dynamic-import callback in Node 20 (import() there threw
 * ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING for every model with a network).
 */
function requireWabt(): typeof Wabt {
  return createRequire(import.meta.url)('wabt') as typeof Wabt;
}

export function loadToolchain(): Promise<WasmToolchain> {
  loading ??= Promise.resolve().then(async () => {
    const wabt = await requireWabt()();
    return {
      assemble(fileName: string, wat: string): Uint8Array {
        const module = wabt.parseWat(fileName, wat, FEATURES);
        try {
          module.validate();
          // A copy: the result may be a view into the assembler's own memory.
          return Uint8Array.from(module.toBinary({ canonicalize_lebs: true }).buffer);
        } finally {
          module.destroy();
        }
      },
    };
  });
  return loading;
}
