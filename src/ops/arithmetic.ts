import { binaryOp, unaryOp } from './elementwise.js';

// d(a + b) = da + db
export const add = binaryOp({
  fn: (a, b) => a + b,
  vjp: (_g, _node, adj) => [adj, adj],
  cost: 'arithmetic',
});

// d(a - b) = da - db
export const sub = binaryOp({
  fn: (a, b) => a - b,
  vjp: (g, _node, adj) => [adj, g.neg(adj)],
  cost: 'arithmetic',
});

// d(a b) = b da + a db
export const mul = binaryOp({
  fn: (a, b) => a * b,
  vjp: (g, node, adj) => [g.mul(adj, node.args[1]), g.mul(adj, node.args[0])],
  cost: 'arithmetic',
});

// d(a / b) = da / b - (a / b²) db = da / b - (out / b) db;
// for a constant numerator c, c / b² = out² / c: d(1/b) = -(1/b)² db, the out² independent of b's division.
export const div = binaryOp({
  fn: (a, b) => a / b,
  vjp: (g, node, adj) => {
    const [a, b] = node.args;
    const c = g.constantValue(a);
    const outOverB = c === undefined || c === 0 ? g.div(node.id, b) : g.div(g.mul(node.id, node.id), a);
    return [g.div(adj, b), g.neg(g.mul(adj, outOverB))];
  },
  cost: 'divide',
});

// d(a^b) = b a^(b-1) da + a^b ln(a) db; a constant exponent c gives c a^(c-1) da only.
// At a = 0 the db term is a^b ln a = 0 · (−∞) in floating point: the limit is 0
// (for b > 0), so ln a is taken as ln 1 = 0 there — a select guard, as JAX does.
export const pow = binaryOp({
  fn: (a, b) => a ** b,
  vjp: (g, node, adj) => {
    const [a, b] = node.args;
    const c = g.constantValue(b);
    const da = g.mul(adj, g.mul(b, g.pow(a, c === undefined ? g.sub(b, g.constant(1)) : g.constant(c - 1))));
    if (c !== undefined) return [da, null];
    const zero = g.constant(0);
    const guardedLog = g.call('log', g.apply('select_eq', [a, zero, g.constant(1), a]));
    return [da, g.mul(adj, g.mul(node.id, guardedLog))];
  },
  cost: 'call',
});

// d(-a) = -da
export const neg = unaryOp({
  fn: (x) => -x,
  derivative: (g) => g.constant(-1),
  cost: 'arithmetic',
});
