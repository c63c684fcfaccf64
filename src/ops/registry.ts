import type { OpDef } from './def.js';
import { add, div, mul, neg, pow, sub } from './arithmetic.js';
import { abs, cos, exp, log, sign, sin, sqrt, tan, tanh } from './elementary.js';
import { log_sigmoid, relu, sigmoid, softplus, step } from './activations.js';
import { acos, acosh, asin, asinh, atan, atan2, atanh, cosh, sinh } from './trigonometric.js';
import { cbrt, expm1, hypot, log10, log1p, log2 } from './logarithmic.js';
import { ceil, floor, round, trunc } from './rounding.js';
import { max, min, select_eq, select_le, select_lt } from './piecewise.js';
import { matmul, matmul_nt, matmul_tn } from './tensor/matmul.js';
import { broadcast_to, sum_to } from './tensor/broadcast.js';
import { reshape } from './tensor/reshape.js';
import { mean, sum } from './tensor/reduce.js';
import { softmax } from './tensor/softmax.js';
import { leaky_relu } from './tensor/leaky-relu.js';
import { bce_logits, softmax_ce } from './tensor/losses.js';
import { pad, range, slice } from './tensor/slice.js';
import { scan } from './tensor/scan.js';
import { table } from './tensor/table.js';

/**
 * Element-wise ops without attributes: each is a scalar function, applied
 * element by element with broadcasting (the expression frontend's functions).
 */
export const SCALAR_OPS = [
  'add', 'sub', 'mul', 'div', 'pow', 'neg',
  'sin', 'cos', 'tan', 'exp', 'log', 'sqrt', 'abs', 'tanh', 'sign',
  'sigmoid', 'softplus', 'relu', 'step', 'log_sigmoid',
  'asin', 'acos', 'atan', 'atan2', 'sinh', 'cosh', 'asinh', 'acosh', 'atanh',
  'expm1', 'log1p', 'log2', 'log10', 'cbrt', 'hypot',
  'floor', 'ceil', 'round', 'trunc',
  'max', 'min', 'select_lt', 'select_le', 'select_eq',
] as const;

/**
 * Ops for networks: matrix products, shape movement, reductions, softmax,
 * and ops with attributes or fused losses; and for loops kept as loops:
 * vector slices, their adjoint pad, the index vector range and a constant vector table (an array read at the loop's index); for recurrences kept as loops, scan. Which are element-wise is each
 * record's trait (leaky_relu, bce_logits and broadcast_to are).
 */
export const TENSOR_OPS = [
  'matmul', 'matmul_nt', 'matmul_tn',
  'sum_to', 'broadcast_to', 'reshape', 'sum', 'mean',
  'softmax', 'leaky_relu', 'bce_logits', 'softmax_ce',
  'slice', 'pad', 'range', 'scan', 'table',
] as const;

/** Every op a node can apply (leaves — constants and variables — are not ops). */
export type OpName = (typeof SCALAR_OPS)[number] | (typeof TENSOR_OPS)[number];

/** A node is a leaf or an applied op. */
export type NodeOp = OpName | 'const' | 'var';

/**
 * The single table of op definitions: a missing entry is a compile error.
 * Adding an op: its record (shape, evaluate, vjp, traits), a line here and
 * in SCALAR_OPS or TENSOR_OPS, and one line in each backend's table
 * (backends/ts/op-forms.ts, backends/print/op-forms.ts), which then fail to
 * compile until it is there.
 */
export const OPS = {
  add, sub, mul, div, pow, neg,
  sin, cos, tan, exp, log, sqrt, abs, tanh, sign,
  sigmoid, softplus, relu, step, log_sigmoid,
  asin, acos, atan, atan2, sinh, cosh, asinh, acosh, atanh,
  expm1, log1p, log2, log10, cbrt, hypot,
  floor, ceil, round, trunc,
  max, min, select_lt, select_le, select_eq,
  matmul, matmul_nt, matmul_tn,
  sum_to, broadcast_to, reshape, sum, mean,
  softmax, leaky_relu, bce_logits, softmax_ce,
  slice, pad, range, scan, table,
} satisfies Record<OpName, OpDef>;

export function isOpName(name: string): name is OpName {
  return Object.hasOwn(OPS, name);
}
