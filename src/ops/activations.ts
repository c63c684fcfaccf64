import { unaryOp } from './elementwise.js';

/** σ(x) = 1 / (1 + e^{-x}), evaluated without overflow for large |x|. */
export function stableSigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** softplus(x) = ln(1 + eˣ), evaluated without overflow for large x. */
export function stableSoftplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

// d/dx σ(x) = σ(x) (1 - σ(x))
export const sigmoid = unaryOp({
  fn: stableSigmoid,
  derivative: (g, _x, out) => g.mul(out, g.sub(g.constant(1), out)),
  cost: 'call',
});

// d/dx softplus(x) = σ(x)
export const softplus = unaryOp({
  fn: stableSoftplus,
  derivative: (g, x) => g.call('sigmoid', x),
  cost: 'call',
});

// ln σ(x) = −softplus(−x), finite for every x (σ(−1000) underflows to 0, ln σ(−1000) = −1000);
// d/dx ln σ(x) = 1 − σ(x) = σ(−x)
export const log_sigmoid = unaryOp({
  fn: (x) => -stableSoftplus(-x),
  derivative: (g, x) => g.call('sigmoid', g.neg(x)),
  cost: 'call',
});

// d/dx relu(x) = H(x), the unit step (0 at x = 0)
export const relu = unaryOp({
  fn: (x) => (x < 0 ? 0 : x), // NaN stays NaN
  derivative: (g, x) => g.call('step', x),
  cost: 'branch',
});

// H(x) is piecewise constant: d/dx H(x) = 0 (almost everywhere)
export const step = unaryOp({
  fn: (x) => (x > 0 ? 1 : 0),
  derivative: (g) => g.constant(0),
  cost: 'branch',
});
