import { IrError } from '../../ir/graph.js';
import { type Shape, broadcastShapes, formatShape, sameShape } from '../../ir/shape.js';
import { tensor } from '../../ir/tensor.js';
import type { OpDef } from '../def.js';
import { broadcastIndex, mapElements } from '../elementwise.js';
import { targetShape } from './common.js';

/** True when `small` broadcasts (NumPy rules) to exactly `big`. */
function broadcastsTo(small: Shape, big: Shape): boolean {
  const joint = broadcastShapes(small, big);
  return joint !== undefined && sameShape(joint, big);
}

/**
 * sum_to(x, shape): the inverse of broadcasting. Sums x over every dimension
 * that broadcasting `shape` up to x's shape stretched (leading dimensions
 * that `shape` lacks, and dimensions where `shape` has 1):
 *   y[j] = Σ_{i : i broadcasts from j} x[i].
 * Each x[i] enters exactly one y[j] with weight 1, so dx = broadcast_to(dy, shape(x)).
 * differentiate() uses it to unbroadcast adjoints, and softmax uses it for row sums
 * (shape [B, 1]).
 */
export const sum_to: OpDef = {
  arity: 1,
  shape: ([x], attrs) => {
    const target = targetShape('sum_to', attrs);
    if (!broadcastsTo(target, x)) {
      throw new IrError(`sum_to: ${formatShape(x)} cannot be summed to ${formatShape(target)} (it does not broadcast back to it)`);
    }
    return target;
  },
  evaluate: ([x], node) => {
    const out = tensor(node.shape);
    for (let i = 0; i < x.data.length; i++) out.data[broadcastIndex(i, x.shape, node.shape)] += x.data[i];
    return out;
  },
  vjp: (g, node, adjoint) => [g.apply('broadcast_to', [adjoint], { shape: g.shapeOf(node.args[0]) })],
  traits: { elementwise: false, cost: 'reduction' },
};

/**
 * broadcast_to(x, shape): x repeated (NumPy rules) to `shape`,
 *   y[i] = x[j(i)], j(i) the broadcast source of i.
 * The adjoint sums the copies back: dx = sum_to(dy, shape(x)).
 */
export const broadcast_to: OpDef = {
  arity: 1,
  shape: ([x], attrs) => {
    const target = targetShape('broadcast_to', attrs);
    if (!broadcastsTo(x, target)) {
      throw new IrError(`broadcast_to: ${formatShape(x)} does not broadcast to ${formatShape(target)}`);
    }
    return target;
  },
  evaluate: (args, node) => mapElements(node.shape, args, (v) => v),
  vjp: (g, node, adjoint) => [g.apply('sum_to', [adjoint], { shape: g.shapeOf(node.args[0]) })],
  // y[i] = x[j(i)]: element-wise over its (broadcast) argument, and it only moves data.
  traits: { elementwise: true, cost: 'free' },
};
