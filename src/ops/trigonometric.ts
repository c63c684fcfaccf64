import type { Graph, NodeId } from '../ir/graph.js';
import { binaryOp, unaryOp } from './elementwise.js';

const one = (g: Graph): NodeId => g.constant(1);
/** 1 − x², the radicand of the arcsine's and arccosine's derivatives and the denominator of artanh's. */
const oneMinusSquare = (g: Graph, x: NodeId): NodeId => g.sub(one(g), g.mul(x, x));

// d/dx arcsin x = 1 / √(1 − x²)
export const asin = unaryOp({
  fn: Math.asin,
  derivative: (g, x) => g.div(one(g), g.call('sqrt', oneMinusSquare(g, x))),
  cost: 'call',
});

// d/dx arccos x = −1 / √(1 − x²)
export const acos = unaryOp({
  fn: Math.acos,
  derivative: (g, x) => g.neg(g.div(one(g), g.call('sqrt', oneMinusSquare(g, x)))),
  cost: 'call',
});

// d/dx arctan x = 1 / (1 + x²)
export const atan = unaryOp({
  fn: Math.atan,
  derivative: (g, x) => g.div(one(g), g.add(one(g), g.mul(x, x))),
  cost: 'call',
});

// atan2(y, x) is the angle of the point (x, y): ∂/∂y = x / (x² + y²), ∂/∂x = −y / (x² + y²)
export const atan2 = binaryOp({
  fn: Math.atan2,
  vjp: (g, node, adj) => {
    const [y, x] = node.args;
    const scaled = g.div(adj, g.add(g.mul(x, x), g.mul(y, y)));
    return [g.mul(scaled, x), g.neg(g.mul(scaled, y))];
  },
  cost: 'call',
});

// d/dx sinh x = cosh x
export const sinh = unaryOp({
  fn: Math.sinh,
  derivative: (g, x) => g.call('cosh', x),
  cost: 'call',
});

// d/dx cosh x = sinh x
export const cosh = unaryOp({
  fn: Math.cosh,
  derivative: (g, x) => g.call('sinh', x),
  cost: 'call',
});

// d/dx arsinh x = 1 / √(x² + 1)
export const asinh = unaryOp({
  fn: Math.asinh,
  derivative: (g, x) => g.div(one(g), g.call('sqrt', g.add(g.mul(x, x), one(g)))),
  cost: 'call',
});

// d/dx arcosh x = 1 / √(x² − 1), for x > 1 (arcosh is defined from 1, where its slope is ∞)
export const acosh = unaryOp({
  fn: Math.acosh,
  derivative: (g, x) => g.div(one(g), g.call('sqrt', g.sub(g.mul(x, x), one(g)))),
  cost: 'call',
});

// d/dx artanh x = 1 / (1 − x²), for |x| < 1 (artanh is ±∞ at ±1)
export const atanh = unaryOp({
  fn: Math.atanh,
  derivative: (g, x) => g.div(one(g), oneMinusSquare(g, x)),
  cost: 'call',
});
