import { IrError } from '../../ir/graph.js';
import { SCALAR, formatShape, isConcrete, sizeOf } from '../../ir/shape.js';
import { scalar } from '../../ir/tensor.js';
import type { OpDef } from '../def.js';

function total(data: Float64Array): number {
  let s = 0;
  for (let i = 0; i < data.length; i++) s += data[i];
  return s;
}

/**
 * sum(x) = Σ_i x_i over all elements, a scalar. ∂sum/∂x_i = 1, so
 * dx = broadcast_to(dy, shape(x)).
 */
export const sum: OpDef = {
  arity: 1,
  shape: () => SCALAR,
  evaluate: ([x]) => scalar(total(x.data)),
  vjp: (g, node, adjoint) => [g.apply('broadcast_to', [adjoint], { shape: g.shapeOf(node.args[0]) })],
  traits: { elementwise: false, cost: 'reduction' },
};

/**
 * mean(x) = (1/N) Σ_i x_i over all N elements, a scalar. ∂mean/∂x_i = 1/N, so
 * dx = broadcast_to(dy / N, shape(x)) (the scalar is divided before it is spread).
 * N must be known at compile time: over a symbolic dimension, take sum(x) × 1/n
 * with 1/n an input (as the network loss does).
 */
export const mean: OpDef = {
  arity: 1,
  shape: () => SCALAR,
  evaluate: ([x]) => scalar(total(x.data) / x.data.length),
  vjp: (g, node, adjoint) => {
    const shape = g.shapeOf(node.args[0]);
    if (!isConcrete(shape)) {
      throw new IrError(`mean over ${formatShape(shape)}: its element count is known only at run time; use sum(x) times an input 1/n`);
    }
    return [g.apply('broadcast_to', [g.div(adjoint, g.constant(sizeOf(shape)))], { shape })];
  },
  traits: { elementwise: false, cost: 'reduction' },
};
