import type { Graph, NodeId } from '../ir/graph.js';

/** Where a computation leaves the finite numbers: a step whose arguments are finite and whose result is not (ln 0 = −∞, ln(−1) = NaN, 1/0). */
export interface NonFiniteStep {
  readonly node: NodeId;
  /** The arguments' values, in the node's argument order. */
  readonly args: readonly number[];
  /** ±∞ or NaN. */
  readonly value: number;
}

/**
 * Among the nodes of `graph` computed (`computed`: their values at a point,
 * ir/evaluate-taken.ts — a side not taken is not computed), the first step
 * (in creation order) whose arguments are finite and whose result is not, or
 * undefined when every step is finite. A point outside an expression's
 * domain has one (the step that is undefined there); so has a run of
 * numbers that overflowed.
 */
export function firstNonFiniteStep(graph: Graph, computed: ReadonlyMap<NodeId, number>): NonFiniteStep | undefined {
  const number = (id: NodeId) => computed.get(id) ?? NaN;
  const first = [...computed.keys()].sort((a, b) => a - b).find((id) =>
    !Number.isFinite(number(id)) && graph.node(id).args.every((a) => Number.isFinite(number(a))));
  return first === undefined ? undefined : { node: first, args: graph.node(first).args.map(number), value: number(first) };
}

/** A number as the messages show it: 6 significant digits, no trailing zeros (`0.333333`, `22026.5`, `-1`). */
export function formatValue(v: number): string {
  return String(Number(v.toPrecision(6)));
}

/** The binary steps written as operators (^ without spaces, as in the expression language's x^2). */
const INFIX: Readonly<Record<string, string>> = { add: ' + ', sub: ' - ', mul: ' * ', div: ' / ', pow: '^' };

/** The step written with its arguments' numbers: `log(0)`, `1 / 0`, `0^-1`, `exp(22026.5)`. */
export function stepCall(graph: Graph, step: NonFiniteStep): string {
  const { op } = graph.node(step.node);
  const args = step.args.map(formatValue);
  return INFIX[op] !== undefined && args.length === 2 ? args.join(INFIX[op]) : `${op}(${args.join(', ')})`;
}
