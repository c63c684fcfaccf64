import type { NodeId } from '../../ir/graph.js';
import { BATCH, type Dim as IrDim } from '../../ir/shape.js';
import { isMatmul, matmulSizes } from '../../lower/matmul.js';
import type { LoweredProgram } from '../../lower/plan.js';
import type { MatmulRequest } from './kernel-module.js';
import { unsupportedShape, type Dim } from './matmul-wat.js';
import type { Precision } from './vector.js';

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
    const sizes = matmulSizes(node, program.layout);
    const [rows, inner, cols] = [sizes.rows, sizes.inner, sizes.cols].map(kernelDim);
    if (rows === undefined || inner === undefined || typeof cols !== 'number') {
      left.set(id, `sizes ${sizes.rows}×${sizes.inner}·${sizes.inner}×${sizes.cols}: only the batch n may be symbolic, and not in the columns`);
      continue;
    }
    const shape = { rows, inner, cols };
    const reason = unsupportedShape(node.op, shape);
    if (reason === undefined) kernels.set(id, { variant: node.op, shape, precision });
    else left.set(id, reason);
  }
  return { kernels, left };
}

/** The batch symbol is the kernels' runtime n; other symbols (a sequence length) have no kernel form yet. */
function kernelDim(d: IrDim): Dim | undefined {
  return typeof d === 'number' ? d : d === BATCH ? 'n' : undefined;
}
