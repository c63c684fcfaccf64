import type { Graph, NodeId } from '../ir/graph.js';
import { evaluateTaken } from '../ir/evaluate-taken.js';
import { sinkForBranches } from '../passes/sink-selects.js';

/** `roots` (a function's value and derivatives) in the graph the generated code computes them from. */
export interface GeneratedForm {
  /** With selects, the graph after sinkSelects that the code prints; else the input graph. */
  readonly graph: Graph;
  readonly roots: readonly NodeId[];
}

/** Numbers at a point as the generated code computes them (with real branches). */
export interface GeneratedNumbers {
  /** The value of every node of the form's graph computed; a node missing is on a side not taken. */
  readonly computed: ReadonlyMap<NodeId, number>;
  /** The roots' values, in order. */
  readonly numbers: readonly number[];
}

/**
 * `roots` of `input` (`value`, the function's value, among them) as the
 * generated E, E_grad, E_hess compute them: the derivatives' arithmetic moved
 * into the branches (passes/sink-selects.ts, as lower/branch-graph.ts does
 * for the code).
 */
export function generatedForm(input: Graph, value: NodeId, roots: readonly NodeId[]): GeneratedForm {
  const { graph, map } = sinkForBranches(input, value, roots);
  return { graph, roots: roots.map((r) => map[r]) };
}

/**
 * The form's roots at a point, only the side taken of each branch computed
 * (ir/evaluate-taken.ts), as the code runs. So the point's gradient is the
 * code's: at x = −1, d/dx (x > 0 ? ln x : 0) is 0, not 0 · (1/x) with the
 * 1/x of a ln the code never computes.
 */
export function evaluateGenerated(form: GeneratedForm, values: Readonly<Record<string, number>>): GeneratedNumbers {
  const computed = evaluateTaken(form.graph, form.roots, values);
  return { computed, numbers: form.roots.map((r) => computed.get(r) as number) };
}
