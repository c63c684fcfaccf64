import { IrError } from '../../ir/graph.js';
import { formatShape, formatSize, sameSize } from '../../ir/shape.js';
import { tensor } from '../../ir/tensor.js';
import type { OpDef } from '../def.js';
import { targetShape } from './common.js';

/**
 * reshape(x, shape): the same elements in the same row-major order, another
 * shape (equal size): y[i] = x[i], so dx = reshape(dy, shape(x)).
 * softmax_ce uses it to turn its per-row adjoint [B] into a column [B, 1].
 */
export const reshape: OpDef = {
  arity: 1,
  shape: ([x], attrs) => {
    const target = targetShape('reshape', attrs);
    if (!sameSize(target, x)) {
      throw new IrError(`reshape: ${formatShape(x)} has ${formatSize(x)} elements, ${formatShape(target)} has ${formatSize(target)}`);
    }
    return target;
  },
  evaluate: ([x], node) => tensor(node.shape, x.data),
  vjp: (g, node, adjoint) => [g.apply('reshape', [adjoint], { shape: g.shapeOf(node.args[0]) })],
  // The same elements under another shape: free, but not element-wise (positions are renumbered across axes).
  traits: { elementwise: false, cost: 'free' },
};
