import { type Attrs, IrError, strided } from '../../ir/graph.js';
import { type Shape, formatShape } from '../../ir/shape.js';
import { tensor } from '../../ir/tensor.js';
import type { OpDef } from '../def.js';
import { targetShape } from './common.js';

/**
 * Vector slices, their adjoint and the index vector: what a `for` loop over
 * a vector becomes when it is kept a loop (frontends/typescript/lanes.ts):
 * `x[i + 1]` for i = 0 … m−1 is slice(x, 1, [m]), `i` itself is range(0, [m]).
 * All three work on vectors (rank 1) or scalars; the start is attrs.value.
 */

/** attrs.value: the first index, a non-negative integer. */
function startOf(op: string, attrs: Attrs): number {
  const start = attrs.value;
  if (start === undefined || !Number.isInteger(start) || start < 0) {
    throw new IrError(`${op} needs its start, a non-negative integer, in attrs.value (got ${String(start)})`);
  }
  return start;
}

/** attrs.stride: the step between consecutive elements, a positive integer (1 when absent). */
export function strideOf(attrs: Attrs): number {
  const stride = attrs.stride ?? 1;
  if (!Number.isInteger(stride) || stride < 1) throw new IrError(`a stride is a positive integer (got ${String(stride)})`);
  return stride;
}

/** The length of a vector shape, 1 for a scalar; throws for a matrix or a symbolic length. */
function lengthOf(op: string, shape: Shape): number {
  if (shape.length === 0) return 1;
  if (shape.length !== 1 || typeof shape[0] !== 'number') {
    throw new IrError(`${op} works on vectors of known length or scalars, got ${formatShape(shape)}`);
  }
  return shape[0];
}

/**
 * slice(x, start, shape) for x of shape [n]: y[j] = x[start + j], j < m, with
 * shape [m] (or [] for the single element x[start]). Each y[j] is one x[i]
 * with weight 1, so dx = pad(dy, start, [n]) (zero where nothing was read).
 */
export const slice: OpDef = {
  arity: 1,
  shape: ([x], attrs) => {
    const start = startOf('slice', attrs);
    const target = targetShape('slice', attrs);
    const m = lengthOf('slice', target);
    if (x.length !== 1) throw new IrError(`slice takes a vector, got ${formatShape(x)}`);
    const n = lengthOf('slice', x);
    const last = start + (m - 1) * strideOf(attrs);
    if (last >= n) throw new IrError(`slice: elements ${start}…${last} are outside ${formatShape(x)}`);
    return target;
  },
  evaluate: ([x], node) => {
    const start = startOf('slice', node.attrs);
    const stride = strideOf(node.attrs);
    const out = tensor(node.shape);
    for (let j = 0; j < out.data.length; j++) out.data[j] = x.data[start + j * stride];
    return out;
  },
  vjp: (g, node, adjoint) => [g.apply('pad', [adjoint], { value: startOf('slice', node.attrs), shape: g.shapeOf(node.args[0]), ...strided(strideOf(node.attrs)) })],
  traits: { elementwise: false, cost: 'free' },
};

/**
 * pad(x, start, [n]) for x of shape [m] (or a scalar, m = 1): y[start + j] = x[j],
 * and 0 at the other n − m positions — the adjoint of slice (a scatter).
 * Its own adjoint reads those positions back: dx = slice(dy, start, shape(x)).
 */
export const pad: OpDef = {
  arity: 1,
  shape: ([x], attrs) => {
    const start = startOf('pad', attrs);
    const target = targetShape('pad', attrs);
    if (target.length !== 1) throw new IrError(`pad makes a vector, not ${formatShape(target)}`);
    const m = lengthOf('pad', x);
    const n = lengthOf('pad', target);
    if (start + (m - 1) * strideOf(attrs) >= n) throw new IrError(`pad: ${formatShape(x)} at ${start} does not fit in ${formatShape(target)}`);
    return target;
  },
  evaluate: ([x], node) => {
    const start = startOf('pad', node.attrs);
    const stride = strideOf(node.attrs);
    const out = tensor(node.shape);
    for (let j = 0; j < x.data.length; j++) out.data[start + j * stride] = x.data[j];
    return out;
  },
  vjp: (g, node, adjoint) => [g.apply('slice', [adjoint], { value: startOf('pad', node.attrs), shape: g.shapeOf(node.args[0]), ...strided(strideOf(node.attrs)) })],
  traits: { elementwise: false, cost: 'free' },
};

/**
 * range(start, [m]): the index vector y[j] = start + j (a loop index i = start … start+m−1
 * as a vector). It has no arguments, so nothing to differentiate.
 */
export const range: OpDef = {
  arity: 0,
  shape: (_args, attrs) => {
    const target = targetShape('range', attrs);
    if (target.length !== 1 || typeof target[0] !== 'number') throw new IrError(`range makes a vector of known length, not ${formatShape(target)}`);
    if (attrs.value === undefined || !Number.isInteger(attrs.value)) throw new IrError('range needs an integer start in attrs.value');
    strideOf(attrs);
    return target;
  },
  evaluate: (_args, node) => {
    const out = tensor(node.shape);
    const stride = strideOf(node.attrs);
    for (let j = 0; j < out.data.length; j++) out.data[j] = (node.attrs.value as number) + j * stride;
    return out;
  },
  vjp: () => [],
  traits: { elementwise: false, cost: 'free' },
};
