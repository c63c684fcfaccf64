import type { DescentOptions } from './expr.js';

/** Options of a function exported with `differentiable(fn, options)` in model.ts. */
export interface DifferentiableOptions {
  /**
   * A point for the worked numbers in the notes: a number per number
   * parameter, an array per vector parameter.
   */
  readonly at?: Readonly<Record<string, number | readonly number[]>>;
  /** Also generate `E_hess`, the Hessian by differentiating the gradient again. */
  readonly hessian?: boolean;
  /**
   * The length of each vector parameter (`number[]`, `Float64Array`, …)
   * whose type does not give it; a tuple type such as `[number, number]` does.
   */
  readonly lengths?: Readonly<Record<string, number>>;
  /** Gradient descent from `at` for the notes, as for `expr`: `{ steps: 10, lr: 0.1 }`. */
  readonly descent?: DescentOptions;
}

/**
 * What `differentiable(...)` returns: the function, kept as it is (callable
 * from the user's own code), and the options. nncompile reads the function's
 * source text in model.ts, never runs it.
 */
export interface DifferentiableSpec<F extends (...args: never[]) => number = (...args: never[]) => number> {
  readonly kind: 'function';
  readonly fn: F;
  readonly options: DifferentiableOptions;
}

/**
 * Declares a plain TypeScript function for nncompile to differentiate, e.g.
 * `export const energy = differentiable((x: number, v: number) => 0.5 * v * v + 9.81 * x)`.
 * The generated module exports `energy`, `energy_grad` (and `energy_hess`).
 */
export function differentiable<F extends (...args: never[]) => number>(
  fn: F,
  options: DifferentiableOptions = {},
): DifferentiableSpec<F> {
  return { kind: 'function', fn, options };
}

export function isDifferentiableSpec(value: unknown): value is DifferentiableSpec {
  return typeof value === 'object' && value !== null && (value as DifferentiableSpec).kind === 'function';
}
