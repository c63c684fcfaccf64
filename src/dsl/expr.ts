/** Options of an exported expression in model.ts. */
export interface ExprOptions {
  /** Variables in the order of the generated functions' parameters (default: order of first appearance). */
  readonly wrt?: readonly string[];
  /** A point: the notes then give every node's value and adjoint there. */
  readonly at?: Readonly<Record<string, number>>;
  /** Also generate `E_hess`, the Hessian by differentiating the gradient again. */
  readonly hessian?: boolean;
  /**
   * Gradient descent from `at` for the notes: `steps` iterations
   * x_{n+1} = x_n − lr ∇E(x_n), shown as a table and (for one or two variables) a plot.
   */
  readonly descent?: DescentOptions;
}

/** `descent: { steps: 10, lr: 0.1 }`: how many gradient-descent steps, and the learning rate η. */
export interface DescentOptions {
  readonly steps: number;
  readonly lr: number;
}

/** What `expr(...)` returns: a description nncompile compiles (nothing is evaluated at run time). */
export interface ExprSpec {
  readonly kind: 'expr';
  readonly source: string;
  readonly options: ExprOptions;
}

/**
 * Declares an expression for nncompile, e.g.
 * `export const J = expr('cos(sin(x^2) + 3*x^2)')`.
 */
export function expr(source: string, options: ExprOptions = {}): ExprSpec {
  return { kind: 'expr', source, options };
}

export function isExprSpec(value: unknown): value is ExprSpec {
  return typeof value === 'object' && value !== null && (value as ExprSpec).kind === 'expr';
}
