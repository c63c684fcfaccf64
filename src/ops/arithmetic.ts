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

// d(a / b) = da / b - (a / b²) db = da / b - (out / b) db
export const div = binaryOp({
  fn: (a, b) => a / b,
  vjp: (g, node, adj) => {
    const [, b] = node.args;
    return [g.div(adj, b), g.neg(g.mul(adj, g.div(node.id, b)))];
  },
  cost: 'divide',
});

// d(a^b) = b a^(b-1) da + a^b ln(a) db; a constant exponent c gives c a^(c-1) da only.
export const pow = binaryOp({
  fn: (a, b) => a ** b,
  vjp: (g, node, adj) => {
    const [a, b] = node.args;
    const c = g.constantValue(b);
    const da = g.mul(adj, g.mul(b, g.pow(a, c === undefined ? g.sub(b, g.constant(1)) : g.constant(c - 1))));
    return [da, c === undefined ? g.mul(adj, g.mul(node.id, g.call('log', a))) : null];
  },
  cost: 'call',
});

// d(-a) = -da
export const neg = unaryOp({
  fn: (x) => -x,
  derivative: (g) => g.constant(-1),
  cost: 'arithmetic',
});
