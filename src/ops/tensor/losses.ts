import { IrError } from '../../ir/graph.js';
import { formatShape, sameShape } from '../../ir/shape.js';
import { tensor } from '../../ir/tensor.js';
import type { OpDef } from '../def.js';
import { binaryOp } from '../elementwise.js';
import { requireAxis, rowShape } from './common.js';
import { forEachRow, logSumExp } from './softmax.js';

/**
 * Losses fused with their output activation and computed from logits, so
 * they stay finite for any finite logit (±1000 included). Both are per
 * element / per row; callers take the mean.
 */

/**
 * Binary cross-entropy of σ(z) against y, element-wise (broadcasting):
 *   bce(z, y) = −y ln σ(z) − (1 − y) ln(1 − σ(z)) = max(z, 0) − z y + ln(1 + e^{−|z|}),
 * the right-hand form never exponentiates a positive number.
 *   ∂/∂z = σ(z) − y,   ∂/∂y = −z   (y is usually data, but the rule is honest).
 */
export const bce_logits = binaryOp({
  fn: (z, y) => Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z))),
  vjp: (g, node, adjoint) => {
    const [z, y] = node.args;
    return [g.mul(adjoint, g.sub(g.call('sigmoid', z), y)), g.mul(adjoint, g.neg(z))];
  },
  cost: 'call',
});

/**
 * Softmax cross-entropy per row (last axis) of logits z[.., K] against
 * targets y[.., K] (same shape; one-hot or any distribution), giving [..]:
 *   ce(z, y) = lse(z) − Σ_k y_k z_k,   lse(z) = log Σ_k e^{z_k} (max-shifted),
 * which equals −Σ_k y_k log softmax(z)_k when Σ_k y_k = 1.
 * ∂lse/∂z_k = softmax(z)_k, so (for any y)
 *   ∂ce/∂z_k = softmax(z)_k − y_k,   ∂ce/∂y_k = −z_k,
 * each times the row's upstream adjoint, reshaped to a [.., 1] column.
 */
export const softmax_ce: OpDef = {
  arity: 2,
  shape: ([z, y]) => {
    requireAxis('softmax_ce', z);
    if (!sameShape(z, y)) {
      throw new IrError(`softmax_ce: logits ${formatShape(z)} and targets ${formatShape(y)} must have the same shape`);
    }
    return z.slice(0, -1);
  },
  evaluate: ([z, y], node) => {
    const out = tensor(node.shape);
    forEachRow(z, (offset, k, row) => {
      let dot = 0;
      for (let j = 0; j < k; j++) dot += y.data[offset + j] * z.data[offset + j];
      out.data[row] = logSumExp(z.data, offset, k) - dot;
    });
    return out;
  },
  vjp: (g, node, adjoint) => {
    const [z, y] = node.args;
    const perRow = g.apply('reshape', [adjoint], { shape: rowShape(g.shapeOf(z)) });
    return [g.mul(g.sub(g.call('softmax', z), y), perRow), g.mul(g.neg(z), perRow)];
  },
  traits: { elementwise: false, cost: 'reduction' },
};
