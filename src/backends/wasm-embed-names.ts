/**
 * The names a generated module declares when it embeds WebAssembly kernels
 * (backends/wasm/embed.ts prints them; the TS trainer calls them), beside the
 * loader template's own (templates/wasm/loader.ts: `KernelBackend`, …).
 */
export const EMBED_NAMES = {
  bytes: 'KERNELS_WASM', kernels: 'WasmKernels', bind: 'bindWasmKernels', load: 'loadWasmKernels', loadAsync: 'loadWasmKernelsAsync',
  /** The loader template's type of the backend choice: 'auto' | 'wasm' | 'ts'. */
  backend: 'KernelBackend',
} as const;
