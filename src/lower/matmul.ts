import type { Graph, IrNode, NodeId } from '../ir/graph.js';
import type { Dim } from '../ir/shape.js';
import type { BatchLayout } from './layout.js';

/** The matrix products of the IR: C = A B, A Bᵀ and Aᵀ B. */
export const MATMUL_OPS = ['matmul', 'matmul_nt', 'matmul_tn'] as const;
export type MatmulOp = (typeof MATMUL_OPS)[number];

export function isMatmul(n: IrNode): n is IrNode & { readonly op: MatmulOp } {
  return (MATMUL_OPS as readonly string[]).includes(n.op);
}

/**
 * Whether an operand is expected to hold many exact zeros: a relu, a unit
 * step, or an element-wise product with one — δ ⊙ H(z), the backward pass
 * through a relu, zero wherever the unit was off (about half of a layer's
 * units). A kernel may then sum over its nonzero elements only.
 */
export function zeroRich(graph: Graph, id: NodeId): boolean {
  const node = graph.node(id);
  const rectified = (n: IrNode) => n.op === 'relu' || n.op === 'step';
  return rectified(node) || (node.op === 'mul' && node.args.some((a) => rectified(graph.node(a))));
}

/** A product's sizes: C is rows × cols, the sum runs over inner; a symbolic size (the batch n) is a runtime bound. */
export interface MatmulSizes {
  readonly rows: Dim;
  readonly inner: Dim;
  readonly cols: Dim;
}

/**
 * The sizes of a matrix-product node from its operands' dimensions:
 * matmul A[rows, inner] B[inner, cols]; matmul_nt A[rows, inner] B[cols, inner];
 * matmul_tn A[inner, rows] B[inner, cols].
 */
export function matmulSizes(n: IrNode & { readonly op: MatmulOp }, layout: BatchLayout): MatmulSizes {
  const [a, b] = n.args.map((id) => layout.dims(id));
  switch (n.op) {
    case 'matmul': return { rows: a[0], inner: a[1], cols: b[1] };
    case 'matmul_nt': return { rows: a[0], inner: a[1], cols: b[0] };
    case 'matmul_tn': return { rows: a[1], inner: a[0], cols: b[1] };
  }
}
