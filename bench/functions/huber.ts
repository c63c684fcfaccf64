// (c) Branches: the Huber loss (δ = 0.5) of a line fitted to 32 points of sin t, t = i/8.
import { differentiable } from 'nncompile';

export const huber = differentiable((slope: number, intercept: number) => {
  let loss = 0;
  for (let i = 0; i < 32; i++) {
    const t = i / 8;
    const r = Math.sin(t) - (slope * t + intercept);
    if (r > 0.5) loss += 0.5 * (r - 0.25);
    else if (r < -0.5) loss += 0.5 * (-r - 0.25);
    else loss += 0.5 * r * r;
  }
  return loss / 32;
});
