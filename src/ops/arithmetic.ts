import { binaryOp, unaryOp } from './elementwise.js';
import { PREC, printed, wrap } from './notation.js';

// d(a + b) = da + db
export const add = binaryOp({
  fn: (a, b) => a + b,
  vjp: (_g, _node, adj) => [adj, adj],
  ts: (a, b) => `${a} + ${b}`,
  print: (a, b, n) => printed(`${wrap(a, PREC.ADD, n)} + ${wrap(b, PREC.ADD, n)}`, PREC.ADD),
});

// d(a - b) = da - db
export const sub = binaryOp({
  fn: (a, b) => a - b,
  vjp: (g, _node, adj) => [adj, g.neg(adj)],
  ts: (a, b) => `${a} - ${b}`,
  print: (a, b, n) => printed(`${wrap(a, PREC.ADD, n)} - ${wrap(b, PREC.MUL, n)}`, PREC.ADD),
});

// d(a b) = b da + a db
export const mul = binaryOp({
  fn: (a, b) => a * b,
  vjp: (g, node, adj) => [g.mul(adj, node.args[1]), g.mul(adj, node.args[0])],
  ts: (a, b) => `${a} * ${b}`,
  print: (a, b, n) => {
    const left = wrap(a, PREC.MUL, n);
    const right = wrap(b, PREC.POW, n);
    // 3x rather than 3 · x: a number before a symbol reads as a coefficient.
    const juxtapose = n === 'tex' && /^[0-9.]+$/.test(left) && /^[a-zA-Z\\]/.test(right);
    return printed(juxtapose ? `${left} ${right}` : `${left} ${n === 'tex' ? '\\cdot' : '*'} ${right}`, PREC.MUL);
  },
});

// d(a / b) = da / b - (a / b²) db = da / b - (out / b) db
export const div = binaryOp({
  fn: (a, b) => a / b,
  vjp: (g, node, adj) => {
    const [, b] = node.args;
    return [g.div(adj, b), g.neg(g.mul(adj, g.div(node.id, b)))];
  },
  ts: (a, b) => `${a} / ${b}`,
  print: (a, b, n) =>
    n === 'tex'
      ? printed(`\\frac{${a.text}}{${b.text}}`, PREC.ATOM)
      : printed(`${wrap(a, PREC.MUL, n)} / ${wrap(b, PREC.POW, n)}`, PREC.MUL),
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
  // x² as x * x: a multiply is cheaper than a call to pow.
  ts: (a, b) => (b === '2' ? `${a} * ${a}` : `${a} ** ${b}`),
  print: (a, b, n) =>
    n === 'tex'
      ? printed(`${wrap(a, PREC.ATOM, n)}^{${b.text}}`, PREC.POW)
      : printed(`${wrap(a, PREC.ATOM, n)} ^ ${wrap(b, PREC.ATOM, n)}`, PREC.POW),
});

// d(-a) = -da
export const neg = unaryOp({
  fn: (x) => -x,
  derivative: (g) => g.constant(-1),
  ts: (x) => `-${x}`,
  print: (x, n) => printed(`-${wrap(x, PREC.MUL, n)}`, PREC.ADD),
});
