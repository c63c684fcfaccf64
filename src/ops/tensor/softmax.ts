import type { ConcreteShape } from '../../ir/shape.js';
import { type Tensor, tensor } from '../../ir/tensor.js';
import type { OpDef } from '../def.js';
import { requireAxis, rowShape } from './common.js';

/**
 * Calls `fn(offset, length)` for each row of x: the runs of its last axis.
 */
export function forEachRow(x: Tensor, fn: (offset: number, length: number, row: number) => void): void {
  const k = x.shape[x.shape.length - 1];
  const rows = k === 0 ? 0 : x.data.length / k;
  for (let r = 0; r < rows; r++) fn(r * k, k, r);
}

/** log Σ_j e^{x_j} over data[offset .. offset+k), shifted by the maximum so e^{·} never overflows. */
export function logSumExp(data: Float64Array, offset: number, k: number): number {
  let max = -Infinity;
  for (let j = 0; j < k; j++) max = Math.max(max, data[offset + j]);
  if (max === -Infinity || max === Infinity) return max;
  let s = 0;
  for (let j = 0; j < k; j++) s += Math.exp(data[offset + j] - max);
  return max + Math.log(s);
}

/** softmax over the last axis, s_j = e^{x_j − lse(x)}: finite for any finite x. */
export function softmaxRows(x: Tensor, shape: ConcreteShape = x.shape): Tensor {
  const out = tensor(shape);
  forEachRow(x, (offset, k) => {
    const lse = logSumExp(x.data, offset, k);
    for (let j = 0; j < k; j++) out.data[offset + j] = Math.exp(x.data[offset + j] - lse);
  });
  return out;
}

/**
 * softmax over the last axis: s_i = e^{x_i} / Σ_j e^{x_j} per row.
 * Jacobian ∂s_i/∂x_j = s_i (δ_ij − s_j), so the vjp is
 *   dx_j = Σ_i g_i s_i (δ_ij − s_j) = s_j (g_j − Σ_i g_i s_i),
 * the row sum Σ_i g_i s_i kept as a [.., 1] column (sum_to) that broadcasts back.
 */
export const softmax: OpDef = {
  arity: 1,
  shape: ([x]) => {
    requireAxis('softmax', x);
    return x;
  },
  evaluate: ([x], node) => softmaxRows(x, node.shape),
  vjp: (g, node, adjoint) => {
    const s = node.id;
    const rowSum = g.apply('sum_to', [g.mul(adjoint, s)], { shape: rowShape(node.shape) });
    return [g.mul(s, g.sub(adjoint, rowSum))];
  },
  traits: { elementwise: false, cost: 'reduction' },
};
