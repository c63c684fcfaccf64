import type { Graph, NodeId } from '../ir/graph.js';
import { unaryOp } from './elementwise.js';
import { type Notation, PREC, type Printed, printed, wrap } from './notation.js';

/** `\sin x` for a plain argument, `\sin\left(…\right)` otherwise; `sin(x)` in text. */
export function functionForm(textName: string, texName: string) {
  return (x: Printed, n: Notation): Printed => {
    if (n === 'text') return printed(`${textName}(${x.text})`, PREC.ATOM);
    const plain = x.prec >= PREC.ATOM && !x.text.includes('\\frac');
    return printed(plain ? `${texName} ${x.text}` : `${texName}\\left(${x.text}\\right)`, PREC.POW);
  };
}

const one = (g: Graph): NodeId => g.constant(1);

// d/dx sin x = cos x
export const sin = unaryOp({
  fn: Math.sin,
  derivative: (g, x) => g.call('cos', x),
  ts: (x) => `Math.sin(${x})`,
  print: functionForm('sin', '\\sin'),
});

// d/dx cos x = -sin x
export const cos = unaryOp({
  fn: Math.cos,
  derivative: (g, x) => g.neg(g.call('sin', x)),
  ts: (x) => `Math.cos(${x})`,
  print: functionForm('cos', '\\cos'),
});

// d/dx tan x = 1 + tan² x
export const tan = unaryOp({
  fn: Math.tan,
  derivative: (g, _x, out) => g.add(one(g), g.mul(out, out)),
  ts: (x) => `Math.tan(${x})`,
  print: functionForm('tan', '\\tan'),
});

// d/dx eˣ = eˣ
export const exp = unaryOp({
  fn: Math.exp,
  derivative: (_g, _x, out) => out,
  ts: (x) => `Math.exp(${x})`,
  print: (x, n) =>
    n === 'tex' ? printed(`e^{${x.text}}`, PREC.POW) : printed(`exp(${x.text})`, PREC.ATOM),
});

// d/dx ln x = 1 / x
export const log = unaryOp({
  fn: Math.log,
  derivative: (g, x) => g.div(one(g), x),
  ts: (x) => `Math.log(${x})`,
  print: functionForm('log', '\\ln'),
});

// d/dx √x = 1 / (2√x)
export const sqrt = unaryOp({
  fn: Math.sqrt,
  derivative: (g, _x, out) => g.div(one(g), g.mul(g.constant(2), out)),
  ts: (x) => `Math.sqrt(${x})`,
  print: (x, n) =>
    n === 'tex' ? printed(`\\sqrt{${x.text}}`, PREC.ATOM) : printed(`sqrt(${x.text})`, PREC.ATOM),
});

// d/dx |x| = sgn x (taken as 0 at x = 0)
export const abs = unaryOp({
  fn: Math.abs,
  derivative: (g, x) => g.call('sign', x),
  ts: (x) => `Math.abs(${x})`,
  print: (x, n) =>
    n === 'tex'
      ? printed(`\\left|${x.text}\\right|`, PREC.ATOM)
      : printed(`abs(${x.text})`, PREC.ATOM),
});

// d/dx tanh x = 1 - tanh² x
export const tanh = unaryOp({
  fn: Math.tanh,
  derivative: (g, _x, out) => g.sub(one(g), g.mul(out, out)),
  ts: (x) => `Math.tanh(${x})`,
  print: functionForm('tanh', '\\tanh'),
});

// sgn x is piecewise constant: d/dx sgn x = 0 (almost everywhere)
export const sign = unaryOp({
  fn: Math.sign,
  derivative: (g) => g.constant(0),
  ts: (x) => `Math.sign(${x})`,
  print: functionForm('sign', '\\operatorname{sgn}'),
});

/** Wraps for printing a function whose LaTeX form always takes parentheses. */
export function parenthesizedForm(textName: string, texName: string) {
  return (x: Printed, n: Notation): Printed =>
    n === 'text'
      ? printed(`${textName}(${x.text})`, PREC.ATOM)
      : printed(`${texName}\\left(${wrap(x, 0, n)}\\right)`, PREC.ATOM);
}
