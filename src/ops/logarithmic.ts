import type { Graph, NodeId } from '../ir/graph.js';
import { binaryOp, unaryOp } from './elementwise.js';

const one = (g: Graph): NodeId => g.constant(1);

// d/dx (eˣ − 1) = eˣ = expm1(x) + 1 (accurate for small x: no cancellation in the value)
export const expm1 = unaryOp({
  fn: Math.expm1,
  derivative: (g, _x, out) => g.add(out, one(g)),
  cost: 'call',
});

// d/dx ln(1 + x) = 1 / (1 + x)
export const log1p = unaryOp({
  fn: Math.log1p,
  derivative: (g, x) => g.div(one(g), g.add(one(g), x)),
  cost: 'call',
});

// d/dx log₂ x = 1 / (x ln 2)
export const log2 = unaryOp({
  fn: Math.log2,
  derivative: (g, x) => g.div(one(g), g.mul(x, g.constant(Math.LN2))),
  cost: 'call',
});

// d/dx log₁₀ x = 1 / (x ln 10)
export const log10 = unaryOp({
  fn: Math.log10,
  derivative: (g, x) => g.div(one(g), g.mul(x, g.constant(Math.LN10))),
  cost: 'call',
});

// d/dx ∛x = 1 / (3 ∛x²) (infinite at 0, like √x)
export const cbrt = unaryOp({
  fn: Math.cbrt,
  derivative: (g, _x, out) => g.div(one(g), g.mul(g.constant(3), g.mul(out, out))),
  cost: 'call',
});

// hypot(a, b) = √(a² + b²): ∂/∂a = a / hypot, ∂/∂b = b / hypot (undefined at the origin)
export const hypot = binaryOp({
  fn: Math.hypot,
  vjp: (g, node, adj) => {
    const [a, b] = node.args;
    const scaled = g.div(adj, node.id);
    return [g.mul(scaled, a), g.mul(scaled, b)];
  },
  cost: 'call',
});
