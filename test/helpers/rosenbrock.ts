/**
 * The Rosenbrock function of a vector, Σ_{i < n−1} 100 (x_{i+1} − x_i²)² + (1 − x_i)²,
 * as a model.ts writes it: the source text of a `differentiable` function, a
 * loop reading x[i] and x[i + 1].
 */
export const ROSENBROCK = `(x: Float64Array) => {
  let f = 0;
  for (let i = 0; i < x.length - 1; i++) {
    const a = x[i + 1] - x[i] * x[i];
    const b = 1 - x[i];
    f += 100 * a * a + b * b;
  }
  return f;
}`;
