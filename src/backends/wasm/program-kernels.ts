import type { NodeId } from '../../ir/graph.js';
import { BATCH, type Dim as IrDim } from '../../ir/shape.js';
import { isMatmul, matmulSizes, type MatmulOp, type MatmulSizes } from '../../lower/matmul.js';
import type { LoweredProgram } from '../../lower/plan.js';
import type { MatmulRequest } from './kernel-module.js';
import { unsupportedShape, type Dim } from './matmul-wat.js';
import { VECTOR, type Precision } from './vector.js';
import { listsPay } from './sparse-rows.js';

export interface ProgramKernels {
  /** The WASM kernel of each matrix-product statement this backend takes, by node. */
  readonly kernels: ReadonlyMap<NodeId, MatmulRequest>;
  /** Matrix-product statements left to the TypeScript kernels, with the reason. */
  readonly left: ReadonlyMap<NodeId, string>;
}

/**
 * The WASM kernels a lowered program (src/lower/) calls: one per
 * matrix-product statement (an `array` node whose op is a matrix product),
 * at the sizes its operands' layout gives, with the batch symbol n as the
 * kernels' runtime size. A product whose sizes a kernel cannot take (a
 * symbolic stride or column count) stays with the TypeScript kernels.
 */
export function programKernels(program: LoweredProgram, precision: Precision = 'f64'): ProgramKernels {
  const kernels = new Map<NodeId, MatmulRequest>();
  const left = new Map<NodeId, string>();
  for (const id of program.order) {
    const node = program.graph.node(id);
    if (program.how.get(id) !== 'array' || !isMatmul(node)) continue;
    const request = matmulRequest(node.op, matmulSizes(node, program.layout), precision);
    if (typeof request === 'string') left.set(id, request);
    else kernels.set(id, request);
  }
  return { kernels, left };
}

/**
 * The kernel of one matrix product at its sizes (the batch symbol as the
 * runtime n), or why there is none. `zeroRichA`: A is expected to hold many
 * zeros (lower/matmul.ts zeroRich), so an Aᵀ B kernel sums over its nonzero
 * elements where that pays (sparse-rows.ts listsPay; measured 1.3–1.5× the
 * plain kernel on ∂L/∂W1 of 784-128-10 at half zeros, and it runs the plain
 * loop where A turns out dense).
 */
export function matmulRequest(variant: MatmulOp, sizes: MatmulSizes, precision: Precision = 'f64', zeroRichA = false): MatmulRequest | string {
  const [rows, inner, cols] = [sizes.rows, sizes.inner, sizes.cols].map(kernelDim);
  if (rows === undefined || inner === undefined || typeof cols !== 'number') {
    return `sizes ${sizes.rows}×${sizes.inner}·${sizes.inner}×${sizes.cols}: only the batch n may be symbolic, and not in the columns`;
  }
  const shape = { rows, inner, cols };
  const sparseA = zeroRichA && variant === 'matmul_tn' && listsPay(VECTOR[precision], rows as number, cols);
  return unsupportedShape(variant, shape) ?? { variant, shape, precision, ...(sparseA ? { sparseA } : {}) };
}

/**
 * Products with fewer multiply-adds per row of the batch than this stay with
 * the TypeScript kernels. bench/wasm-kernels.mjs measured the WASM kernels
 * 5.7–6.9× faster than the TS ones down to 32×10·10×32 (320 per row); smaller
 * products were not measured, and the smallest networks train in straight-line
 * rows anyway (backends/ts/network/row-step.ts).
 */
export const WASM_MIN_MULTIPLY_ADDS = 64;

/** The batch symbol is the kernels' runtime n; other symbols (a sequence length) have no kernel form yet. */
function kernelDim(d: IrDim): Dim | undefined {
  return typeof d === 'number' ? d : d === BATCH ? 'n' : undefined;
}
