import { evaluateScalars } from '../ir/evaluate.js';
import { type Differentiated, hessian } from '../passes/differentiate.js';

/** At most this many Newton (or gradient) steps. */
const MAX_STEPS = 200;
/** Converged when ‖∇E‖ ≤ TOLERANCE · max(1, |E|). */
const TOLERANCE = 1e-9;

/**
 * The local minimum a descent run heads for, found from its last iterate by
 * damped Newton steps (a gradient step where the Hessian is not positive
 * definite), each with a backtracking line search (Armijo: E decreases by at
 * least 10⁻⁴ of what the slope promises). For one or two variables, to choose
 * what a plot shows (Rosenbrock's minimum at (1, 1) with its valley, not a
 * box around a hundred short steps). Undefined when no minimum is found
 * (E unbounded below, a saddle, or not converged within MAX_STEPS).
 */
export function localMinimum(gradient: Differentiated, variables: readonly string[], start: readonly number[]): number[] | undefined {
  if (variables.length < 1 || variables.length > 2) return undefined;
  const h = hessian(gradient);
  const at = (p: readonly number[]) => Object.fromEntries(variables.map((v, i) => [v, p[i]]));
  const valueAndSlope = (p: readonly number[]) => evaluateScalars(gradient.graph, [gradient.output, ...gradient.gradient], at(p));
  let point = [...start];
  for (let step = 0; step < MAX_STEPS; step++) {
    const [value, ...slope] = valueAndSlope(point);
    if (![value, ...slope].every(Number.isFinite)) return undefined;
    const curvature = evaluateScalars(h.graph, h.rows.flat(), at(point));
    if (Math.hypot(...slope) <= TOLERANCE * Math.max(1, Math.abs(value))) return positiveDefinite(curvature, variables.length) ? point : undefined;
    const direction = newtonDirection(curvature, slope) ?? slope.map((s) => -s);
    const descent = direction.reduce((sum, d, i) => sum + d * slope[i], 0);
    let t = 1;
    const moved = (s: number) => point.map((x, i) => x + s * direction[i]);
    while (t > 1e-12 && !(valueAndSlope(moved(t))[0] <= value + 1e-4 * t * descent)) t /= 2;
    if (t <= 1e-12) return undefined;
    point = moved(t);
  }
  return undefined;
}

/** H positive definite (1 × 1 or 2 × 2, row by row). */
function positiveDefinite(h: readonly number[], n: number): boolean {
  return n === 1 ? h[0] > 0 : h[0] > 0 && h[0] * h[3] - h[1] * h[2] > 0;
}

/** −H⁻¹ ∇E when H is positive definite, else undefined. */
function newtonDirection(h: readonly number[], slope: readonly number[]): number[] | undefined {
  if (!h.every(Number.isFinite) || !positiveDefinite(h, slope.length)) return undefined;
  if (slope.length === 1) return [-slope[0] / h[0]];
  const det = h[0] * h[3] - h[1] * h[2];
  return [-(h[3] * slope[0] - h[1] * slope[1]) / det, -(h[0] * slope[1] - h[2] * slope[0]) / det];
}
