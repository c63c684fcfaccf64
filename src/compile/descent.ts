import { evaluateScalars } from '../ir/evaluate.js';
import type { Differentiated } from '../passes/differentiate.js';
import type { DescentOptions } from '../dsl/expr.js';

/** One point of a gradient-descent run: x_n, E(x_n) and ∇E(x_n). */
export interface DescentIterate {
  readonly point: readonly number[];
  readonly value: number;
  readonly gradient: readonly number[];
}

/** Gradient descent from the expression's point, for the notes (the generated code does not run it). */
export interface Descent {
  readonly steps: number;
  readonly lr: number;
  /** x_0 (the point) … x_steps, or fewer when an iterate left the finite numbers (`diverged`). */
  readonly iterates: readonly DescentIterate[];
  /** Set when a value or gradient became ∞ or NaN: the run stopped at that iterate. */
  readonly diverged: boolean;
}

/**
 * x_{n+1} = x_n − η ∇E(x_n) for `steps` steps from `start` (values in
 * `variables` order), each E and ∇E from the IR interpreter on the gradient graph.
 */
export function gradientDescent(
  gradient: Differentiated,
  variables: readonly string[],
  start: Readonly<Record<string, number>>,
  options: DescentOptions,
): Descent {
  const iterates: DescentIterate[] = [];
  let point = variables.map((v) => start[v]);
  for (let n = 0; n <= options.steps; n++) {
    const values = Object.fromEntries(variables.map((v, i) => [v, point[i]]));
    const [value, ...grad] = evaluateScalars(gradient.graph, [gradient.output, ...gradient.gradient], values);
    iterates.push({ point, value, gradient: grad });
    if (![value, ...grad, ...point].every(Number.isFinite)) return { ...options, iterates, diverged: true };
    point = point.map((x, i) => x - options.lr * grad[i]);
  }
  return { ...options, iterates, diverged: false };
}
