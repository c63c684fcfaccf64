// (a) CS231n's staged computation f(x, y) = (x + σ(y)) / (σ(x) + (x + y)²).
import { differentiable } from 'nncompile';

export const staged = differentiable((x: number, y: number) => {
  const sigy = 1.0 / (1 + Math.exp(-y));
  const num = x + sigy;
  const sigx = 1.0 / (1 + Math.exp(-x));
  const xpy = x + y;
  const xpysqr = xpy ** 2;
  const den = sigx + xpysqr;
  const invden = 1.0 / den;
  return num * invden;
});
