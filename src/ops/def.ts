import type { Attrs, ConcreteNode, Graph, IrNode, NodeId } from '../ir/graph.js';
import type { Shape } from '../ir/shape.js';
import type { Tensor } from '../ir/tensor.js';

/**
 * What computing one element costs, coarsely; backends decide from it what is
 * worth recomputing rather than storing:
 * - `free`: moves or relabels data (broadcast_to, reshape);
 * - `arithmetic`: one add, subtract, multiply or negation;
 * - `divide`: a division (several times a multiply);
 * - `branch`: a comparison and select (abs, sign, relu, step, leaky_relu);
 * - `call`: a library function (exp, log, sin, tanh, pow, …);
 * - `reduction`: a sum or scan over an axis or all elements (sum, mean, sum_to, softmax, fused losses);
 * - `product`: a matrix product.
 */
export type CostClass = 'free' | 'arithmetic' | 'divide' | 'branch' | 'call' | 'reduction' | 'product';

export interface OpTraits {
  /**
   * Each output element is a function of the arguments' elements at the same
   * (broadcast) position only, so element-wise nodes of one shape fuse into one loop.
   */
  readonly elementwise: boolean;
  readonly cost: CostClass;
}

/**
 * Everything nncompile knows about the mathematics of one op, in one record:
 * how its shape follows from its arguments, how to evaluate it, its
 * derivative rule, and its traits. How an op is printed belongs to each
 * backend (backends/ts/op-forms.ts, backends/print/op-forms.ts).
 */
export interface OpDef {
  /** How many arguments it takes; with `variadic`, the fewest (hypot(a, b, c, …)). */
  readonly arity: number;
  readonly variadic?: boolean;
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
  readonly traits: OpTraits;
}
