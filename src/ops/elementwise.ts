import { type Graph, type IrNode, type NodeId, IrError } from '../ir/graph.js';
import { type ConcreteShape, type Shape, broadcastShapes, formatShape, sizeOf } from '../ir/shape.js';
import type { Tensor } from '../ir/tensor.js';
import type { CostClass, OpDef } from './def.js';

/** Position in a (possibly broadcast) argument of flat output index `i`. */
export function broadcastIndex(i: number, out: ConcreteShape, arg: ConcreteShape): number {
  if (arg.length === 0) return 0;
  let index = 0;
  let stride = 1;
  let rest = i;
  const offset = out.length - arg.length;
  for (let d = out.length - 1; d >= 0; d--) {
    const coord = rest % out[d];
    rest = Math.floor(rest / out[d]);
    if (d >= offset) {
      const size = arg[d - offset];
      if (size !== 1) index += coord * stride;
      stride *= size;
    }
  }
  return index;
}

/** Evaluates a scalar function element by element, with broadcasting. */
export function mapElements(
  shape: ConcreteShape,
  args: readonly Tensor[],
  fn: (...xs: number[]) => number,
): Tensor {
  const data = new Float64Array(sizeOf(shape));
  const xs = new Array<number>(args.length);
  for (let i = 0; i < data.length; i++) {
    for (let k = 0; k < args.length; k++) xs[k] = args[k].data[broadcastIndex(i, shape, args[k].shape)];
    data[i] = fn(...xs);
  }
  return { shape, data };
}

export function broadcastShapeRule(args: readonly Shape[]): Shape {
  const out = args.reduce<Shape | undefined>((acc, s) => acc && broadcastShapes(acc, s), []);
  if (!out) throw new IrError(`shapes ${args.map(formatShape).join(' and ')} do not broadcast`);
  return out;
}

interface UnarySpec {
  /** The scalar function. */
  fn(x: number): number;
  /** Local derivative d out / d x, built in the graph (out is this node). */
  derivative(g: Graph, x: NodeId, out: NodeId): NodeId;
  cost: CostClass;
}

/** An element-wise one-argument op: its adjoint rule is upstream × local derivative. */
export function unaryOp(spec: UnarySpec): OpDef {
  return {
    arity: 1,
    shape: ([x]) => x,
    evaluate: (args, node) => mapElements(node.shape, args, spec.fn),
    vjp: (g: Graph, node: IrNode, adjoint: NodeId) => [
      g.mul(adjoint, spec.derivative(g, node.args[0], node.id)),
    ],
    traits: { elementwise: true, cost: spec.cost },
  };
}

interface BinarySpec {
  fn(a: number, b: number): number;
  vjp(g: Graph, node: IrNode, adjoint: NodeId): readonly (NodeId | null)[];
  cost: CostClass;
}

/** An element-wise two-argument op with broadcasting. */
export function binaryOp(spec: BinarySpec): OpDef {
  return {
    arity: 2,
    shape: broadcastShapeRule,
    evaluate: (args, node) => mapElements(node.shape, args, spec.fn),
    vjp: spec.vjp,
    traits: { elementwise: true, cost: spec.cost },
  };
}
