import type { Graph, NodeId } from '../ir/graph.js';
import type { OpDef } from './def.js';
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

// hypot(x₁, …, xₙ) = √(x₁² + … + xₙ²), one op for any n ≥ 2 (Math.hypot's own value, bit for bit:
// nested two-argument hypots round differently): ∂/∂xᵢ = xᵢ / hypot. At the origin, where every
// xᵢ = 0, that is 0/0; the subgradient 0 is taken there (a select on hypot = 0), never NaN.
export const hypot: OpDef = {
  ...binaryOp({
    fn: Math.hypot,
    vjp: (g, node, adj) => {
      const zero = g.constant(0);
      const scaled = g.apply('select_eq', [node.id, zero, zero, g.div(adj, node.id)]);
      return node.args.map((x) => g.mul(scaled, x));
    },
    cost: 'call',
  }),
  variadic: true,
};
