// (b) A loop over a 100-long vector: the Rosenbrock function Σ 100 (x_{i+1} − x_i²)² + (1 − x_i)².
import { differentiable } from 'nncompile';

export const rosenbrock = differentiable(
  (x: Float64Array) => {
    let f = 0;
    for (let i = 0; i < x.length - 1; i++) {
      const a = x[i + 1] - x[i] * x[i];
      const b = 1 - x[i];
      f += 100 * a * a + b * b;
    }
    return f;
  },
  { lengths: { x: 100 } },
);
