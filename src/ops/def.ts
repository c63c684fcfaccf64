import type { Attrs, ConcreteNode, Graph, IrNode, NodeId } from '../ir/graph.js';
import type { Shape } from '../ir/shape.js';
import type { Tensor } from '../ir/tensor.js';
import type { Notation, Printed } from './notation.js';

/** Scalar helper functions the generated TypeScript may call (emitted from templates/helpers.ts). */
export type HelperName = 'sigmoid' | 'softplus';

/**
 * Everything nncompile knows about one op, in one record: how its shape
 * follows from its arguments, how to evaluate it, its derivative rule, and how
 * to print it as TypeScript, plain text and LaTeX.
 */
export interface OpDef {
  readonly arity: number;
  /** Output shape from argument shapes; throws IrError when they do not fit. */
  shape(args: readonly Shape[], attrs: Attrs): Shape;
  /** Numeric evaluation (the IR interpreter), with every symbolic dimension given its size. */
  evaluate(args: readonly Tensor[], node: ConcreteNode): Tensor;
  /**
   * Vector-Jacobian product: given the adjoint of this node's output, the
   * contribution to each argument's adjoint (null: no dependence). Written
   * against the graph builder, so the same rule builds code, numbers and notes.
   * Contributions have the output's shape; differentiate() unbroadcasts them.
   */
  vjp(g: Graph, node: IrNode, adjoint: NodeId): readonly (NodeId | null)[];
  /**
   * Element-wise TypeScript expression over already-named scalar arguments.
   * Ops that are not element-wise (matmul, sum, softmax, …) throw an IrError:
   * the TS backend emits a loop kernel for them instead.
   */
  ts(args: readonly string[], attrs: Attrs): string;
  /** Plain-text (mathjs syntax; op-name calls for tensor ops) and LaTeX forms. */
  print(args: readonly Printed[], notation: Notation, attrs: Attrs): Printed;
  /** Helper function the TS form calls, if any. */
  readonly helper?: HelperName;
}
