import type { MatmulOp, MatmulSizes } from '../lower/matmul.js';
import type { ElementLoop } from '../lower/element-loop.js';
import type { UpdateLoop } from '../lower/update-loop.js';
import type { RowLoop } from '../lower/row-loop.js';
import type { WasmMatmuls } from '../backends/ts/network/trainer-class.js';
import {
  buildKernelModule, elementKernel, elementKernelName, embedKernelModule, matmulName, matmulRequest, matmulScratch, rowKernel, updateKernel,
  WASM_MIN_MULTIPLY_ADDS,
  type ElementKernel, type MatmulRequest, type Precision, type WasmToolchain,
} from '../backends/wasm/index.js';

/**
 * The WebAssembly backend as the TS trainers see it: which matrix products
 * run as WASM kernels (large enough, sizes a kernel takes), which
 * element-wise loops (every op with a SIMD form), which row loops
 * (softmax / cross-entropy rows, the column sums of ∂L/∂b) and which
 * optimizer updates (every rule with a SIMD form per entry), in the trainer's
 * precision (f64x2, or f32x4 for a precision: 'f32' network), recorded as the trainers
 * ask, then one module with every kernel asked for, assembled and embedded in
 * the generated file.
 */
export function wasmMatmuls(toolchain: WasmToolchain): WasmMatmuls {
  const requests: MatmulRequest[] = [];
  const elements: ElementKernel[] = [];
  /** A kernel of the element kind (n, offsets, scalars), recorded for the module: its name, or undefined where TS runs the loop. */
  const record = (kernel: ElementKernel | undefined): string | undefined => {
    if (kernel === undefined) return undefined;
    elements.push(kernel);
    return elementKernelName(kernel);
  };
  /** The kernel of a product large enough for one, at sizes a kernel takes. */
  const requestFor = (op: MatmulOp, sizes: MatmulSizes, precision: Precision, zeroRichA: boolean): MatmulRequest | undefined => {
    const perRow = (op === 'matmul_tn' ? 1 : (sizes.inner as number)) * (sizes.cols as number) * (op === 'matmul_tn' ? (sizes.rows as number) : 1);
    if (!(perRow >= WASM_MIN_MULTIPLY_ADDS)) return undefined;
    const request = matmulRequest(op, sizes, precision, zeroRichA);
    return typeof request === 'string' ? undefined : request;
  };
  return {
    kernelFor(op: MatmulOp, sizes: MatmulSizes, precision: Precision = 'f64', zeroRichA = false): string | undefined {
      const request = requestFor(op, sizes, precision, zeroRichA);
      if (request === undefined) return undefined;
      requests.push(request);
      return matmulName(request.variant, request.shape, request.precision, false, undefined, request.sparseA);
    },
    scratchFor(op: MatmulOp, sizes: MatmulSizes, precision: Precision = 'f64', zeroRichA = false): number | undefined {
      const request = requestFor(op, sizes, precision, zeroRichA);
      return request === undefined ? undefined : matmulScratch(request.variant, request.shape, request);
    },
    elementKernel: (loop: ElementLoop, precision: Precision = 'f64') => record(elementKernel(loop, precision)),
    updateKernel: (loop: UpdateLoop, precision: Precision = 'f64') => record(updateKernel(loop, precision)),
    rowKernel: (loop: RowLoop, precision: Precision = 'f64') => record(rowKernel(loop, precision)),
    embed(): string | undefined {
      return requests.length === 0 && elements.length === 0 ? undefined : embedKernelModule(buildKernelModule(toolchain, requests, elements));
    },
  };
}
