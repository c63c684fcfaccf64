/**
 * The WebAssembly backend: f64x2 SIMD matrix kernels specialized to their
 * sizes, assembled to validated bytes at compile time and embedded in the
 * generated TypeScript, which instantiates them synchronously.
 */
export { embedKernelModule, EMBED_NAMES } from './embed.js';
export { elementKernel, describeTree, type ElementKernel } from './element-kernel.js';
export { WASM_FORMS, type WasmForm } from './element-forms.js';
export { updateKernel } from './update-kernel.js';
export { rowKernel } from './row-kernel.js';
export { buildKernelModule, elementKernelName, kernelModuleText, MEMORY_IMPORT, type KernelModule, type MatmulRequest } from './kernel-module.js';
export {
  defaultBlock, matmulFunction, matmulName, matmulScratch, unsupportedShape, type Dim, type MatmulBlock, type MatmulOptions, type MatmulShape, type MatmulVariant,
} from './matmul-wat.js';
export type { Precision } from './vector.js';
export { matmulRequest, programKernels, WASM_MIN_MULTIPLY_ADDS, type ProgramKernels } from './program-kernels.js';
export { loadToolchain, type WasmToolchain } from './toolchain.js';
