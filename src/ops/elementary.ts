import type { Graph, NodeId } from '../ir/graph.js';
import { unaryOp } from './elementwise.js';

const one = (g: Graph): NodeId => g.constant(1);

// d/dx sin x = cos x
export const sin = unaryOp({
  fn: Math.sin,
  derivative: (g, x) => g.call('cos', x),
  cost: 'call',
});

// d/dx cos x = -sin x
export const cos = unaryOp({
  fn: Math.cos,
  derivative: (g, x) => g.neg(g.call('sin', x)),
  cost: 'call',
});

// d/dx tan x = 1 + tan² x
export const tan = unaryOp({
  fn: Math.tan,
  derivative: (g, _x, out) => g.add(one(g), g.mul(out, out)),
  cost: 'call',
});

// d/dx eˣ = eˣ
export const exp = unaryOp({
  fn: Math.exp,
  derivative: (_g, _x, out) => out,
  cost: 'call',
});

// d/dx ln x = 1 / x
export const log = unaryOp({
  fn: Math.log,
  derivative: (g, x) => g.div(one(g), x),
  cost: 'call',
});

// d/dx √x = 1 / (2√x)
export const sqrt = unaryOp({
  fn: Math.sqrt,
  derivative: (g, _x, out) => g.div(one(g), g.mul(g.constant(2), out)),
  cost: 'call',
});

// d/dx |x| = sgn x (taken as 0 at x = 0)
export const abs = unaryOp({
  fn: Math.abs,
  derivative: (g, x) => g.call('sign', x),
  cost: 'branch',
});

// d/dx tanh x = 1 - tanh² x
export const tanh = unaryOp({
  fn: Math.tanh,
  derivative: (g, _x, out) => g.sub(one(g), g.mul(out, out)),
  cost: 'call',
});

// sgn x is piecewise constant: d/dx sgn x = 0 (almost everywhere)
export const sign = unaryOp({
  fn: Math.sign,
  derivative: (g) => g.constant(0),
  cost: 'branch',
});

