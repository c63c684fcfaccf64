/**
 * What this module uses of the WebAssembly API (declared here: the module needs neither DOM nor Node types).
 * The memory and the backend choice are exported: a trainer's public constructor and `WasmKernels` name them,
 * so a consumer compiling with `declaration: true` must be able to name them too.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: Readonly<Record<string, unknown>> };
  readonly Memory: new (descriptor: { initial: number }) => WasmMemory;
  validate(bytes: Uint8Array): boolean;
  instantiate(bytes: Uint8Array, imports: object): Promise<{ readonly instance: { readonly exports: Readonly<Record<string, unknown>> } }>;
}

/** A module's instance and the memory it was given. */
interface WasmInstance {
  readonly memory: WasmMemory;
  readonly exports: Readonly<Record<string, unknown>>;
}

/**
 * Which kernels run: 'auto' takes WebAssembly where it runs this module
 * (128-bit SIMD included) and the TypeScript kernels elsewhere; 'wasm' and
 * 'ts' force one.
 */
export type KernelBackend = 'auto' | 'wasm' | 'ts';

/** The bytes of a base64 text (RFC 4648 alphabet, `=` padding). */
function decodeBase64(text: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let bits = 0;
  let count = 0;
  let at = 0;
  for (let i = 0; i < text.length - padding; i++) {
    bits = ((bits << 6) | alphabet.indexOf(text.charAt(i))) & 0xfff; // 6 bits a character, 4 characters for 3 bytes
    count += 6;
    if (count >= 8) {
      count -= 8;
      bytes[at++] = (bits >> count) & 0xff;
    }
  }
  return bytes;
}

/**
 * The WebAssembly API and the module's bytes when the module is to run here,
 * undefined when the TypeScript kernels are to run instead.
 */
function wasmToRun(base64: string, backend: KernelBackend): { readonly api: WasmApi; readonly bytes: Uint8Array } | undefined {
  // (a JavaScript caller's 'wsm' would otherwise run as 'auto')
  if (backend !== 'auto' && backend !== 'wasm' && backend !== 'ts') {
    throw new Error(`the kernel backend must be 'auto', 'wasm' or 'ts', got ${String(JSON.stringify(backend))}`);
  }
  if (backend === 'ts') return undefined;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  const bytes = decodeBase64(base64);
  if (api === undefined || !api.validate(bytes)) {
    if (backend === 'wasm') {
      throw new Error('WebAssembly with 128-bit SIMD is not available here: choose the TypeScript kernels (backend "ts" or "auto")');
    }
    return undefined;
  }
  return { api, bytes };
}

/**
 * Compiles and instantiates a module synchronously (as Node and workers
 * allow) with a new memory of `pages` 64 KiB pages, imported as
 * `env.memory`. Undefined when the TypeScript kernels are to run instead.
 */
function instantiateWasm(base64: string, pages: number, backend: KernelBackend): WasmInstance | undefined {
  const run = wasmToRun(base64, backend);
  if (run === undefined) return undefined;
  const memory = new run.api.Memory({ initial: pages });
  const instance = new run.api.Instance(new run.api.Module(run.bytes), { env: { memory } });
  return { memory, exports: instance.exports };
}

/** As instantiateWasm, compiling off the main thread: for a browser's main thread, which limits synchronous compilation to small modules. */
async function instantiateWasmAsync(base64: string, pages: number, backend: KernelBackend): Promise<WasmInstance | undefined> {
  const run = wasmToRun(base64, backend);
  if (run === undefined) return undefined;
  const memory = new run.api.Memory({ initial: pages });
  const { instance } = await run.api.instantiate(run.bytes, { env: { memory } });
  return { memory, exports: instance.exports };
}
