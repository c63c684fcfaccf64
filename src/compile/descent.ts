import { evaluateGenerated, generatedForm } from './as-generated.js';
import type { Differentiated } from '../passes/differentiate.js';
import type { DescentOptions } from '../dsl/expr.js';
import { type NonFiniteStep, firstNonFiniteStep } from './non-finite.js';

/** One point of a gradient-descent run: x_n, E(x_n) and ∇E(x_n), all finite. */
export interface DescentIterate {
  readonly point: readonly number[];
  readonly value: number;
  readonly gradient: readonly number[];
}

/**
 * Why a run stopped before its steps were done:
 * `diverged`: E(x_n) grew past DIVERGED times the scale of the start (E has no
 * reason to grow under gradient descent unless the steps overshoot, further each time);
 * `not finite`: x_n, E(x_n) or ∇E(x_n) is not a finite number — x_n left E's
 * domain (ln of a negative number) or the numbers overflowed; `failing` is the
 * first step of E or ∇E there that is not finite, when x_n itself is.
 */
export type DescentStop =
  | { readonly reason: 'diverged'; readonly step: number }
  | { readonly reason: 'not finite'; readonly step: number; readonly point: readonly number[]; readonly failing?: NonFiniteStep };

/** Gradient descent from the expression's point, for the notes (the generated code does not run it). */
export interface Descent {
  readonly steps: number;
  readonly lr: number;
  /** x_0 (the point) … x_steps, or up to the stop: every iterate here is finite, value and gradient too. */
  readonly iterates: readonly DescentIterate[];
  /** Set when the run stopped early; for `diverged` the last iterate is x_step, for `not finite` x_step is not among the iterates. */
  readonly stop?: DescentStop;
}

/** A run has diverged once E(x_n) − E(x_0) exceeds this many times max(|E(x_0)|, |E(x_1) − E(x_0)|). */
export const DIVERGED = 1e6;

/**
 * x_{n+1} = x_n − η ∇E(x_n) for `steps` steps from `start` (values in
 * `variables` order), each E and ∇E from the IR interpreter on the gradient
 * graph as the generated code computes them (compile/as-generated.ts); stopped when E has grown DIVERGED-fold or a number is not finite.
 */
export function gradientDescent(
  gradient: Differentiated,
  variables: readonly string[],
  start: Readonly<Record<string, number>>,
  options: DescentOptions,
): Descent {
  const iterates: DescentIterate[] = [];
  // E and ∇E as the generated code computes them: only the side taken of each branch
  const form = generatedForm(gradient.graph, gradient.output, [gradient.output, ...gradient.gradient]);
  let point = variables.map((v) => start[v]);
  for (let n = 0; n <= options.steps; n++) {
    const values = Object.fromEntries(variables.map((v, i) => [v, point[i]]));
    const at = evaluateGenerated(form, values);
    const [value, ...grad] = at.numbers;
    if (![value, ...grad, ...point].every(Number.isFinite)) {
      const failing = point.every(Number.isFinite) ? firstNonFiniteStep(form.graph, at.computed) : undefined;
      return { ...options, iterates, stop: { reason: 'not finite', step: n, point, ...(failing ? { failing } : {}) } };
    }
    iterates.push({ point, value, gradient: grad });
    if (hasDiverged(iterates)) return { ...options, iterates, stop: { reason: 'diverged', step: n } };
    point = point.map((x, i) => x - options.lr * grad[i]);
  }
  return { ...options, iterates };
}

/** E(x_n) − E(x_0) > DIVERGED · max(|E(x_0)|, |E(x_1) − E(x_0)|) for the last iterate x_n. */
function hasDiverged(iterates: readonly DescentIterate[]): boolean {
  if (iterates.length < 3) return false;
  const [first, second] = iterates;
  const scale = Math.max(Math.abs(first.value), Math.abs(second.value - first.value));
  return scale > 0 && iterates[iterates.length - 1].value - first.value > DIVERGED * scale;
}
