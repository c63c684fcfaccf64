import type { OpDef } from './def.js';
import { add, div, mul, neg, pow, sub } from './arithmetic.js';
import { abs, cos, exp, log, sign, sin, sqrt, tan, tanh } from './elementary.js';
import { relu, sigmoid, softplus, step } from './activations.js';

/** Every op a node can apply (leaves — constants and variables — are not ops). */
export type OpName =
  | 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'neg'
  | 'sin' | 'cos' | 'tan' | 'exp' | 'log' | 'sqrt' | 'abs' | 'tanh' | 'sign'
  | 'sigmoid' | 'softplus' | 'relu' | 'step';

/** A node is a leaf or an applied op. */
export type NodeOp = OpName | 'const' | 'var';

/** The single table of op definitions: a missing entry is a compile error. */
export const OPS = {
  add, sub, mul, div, pow, neg,
  sin, cos, tan, exp, log, sqrt, abs, tanh, sign,
  sigmoid, softplus, relu, step,
} satisfies Record<OpName, OpDef>;

export function isOpName(name: string): name is OpName {
  return Object.hasOwn(OPS, name);
}
