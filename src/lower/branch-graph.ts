import type { Graph, NodeId } from '../ir/graph.js';
import { nodesNeeded } from '../ir/order.js';
import { sinkForBranches } from '../passes/sink-selects.js';
import { type BranchPlan, planBranches } from './branch-blocks.js';

/** A scalar graph ready to print with real branches: the graph, where each input node is in it, its forward nodes, and the plan. */
export interface BranchedGraph {
  readonly graph: Graph;
  /** map[id]: the node of the input graph `id` became. */
  readonly map: readonly NodeId[];
  /** The nodes the value needs (the forward pass), in `graph`. */
  readonly forward: ReadonlySet<NodeId>;
  readonly plan: BranchPlan;
  /** The computed nodes in the order the plan prints them (an if's members before its branches). */
  readonly order: readonly NodeId[];
}

/**
 * Straight-line code of `value` and its derivatives `outputs`, the forward
 * pass first: with selects, the derivatives' arithmetic is first moved into
 * the branches (passes/sink-selects.ts; the forward pass is kept as the
 * source computes it), so that an adjoint select(c, ḡ, 0) times a local
 * derivative that is NaN on the side not taken (1/x, x ≤ 0) is computed as
 * select(c, ḡ/x, 0) and stays finite; then the nodes are placed in blocks
 * (branch-blocks.ts). A graph without selects is printed as it is.
 */
export function branchedGraph(input: Graph, value: NodeId, outputs: readonly NodeId[]): BranchedGraph {
  const roots = [value, ...outputs];
  const { graph, map } = sinkForBranches(input, value, roots);
  const mapped = roots.map((id) => map[id]);
  const forward = new Set(nodesNeeded(graph, [mapped[0]]));
  const order = nodesNeeded(graph, mapped);
  const plan = planBranches(graph, [order.filter((id) => forward.has(id)), order.filter((id) => !forward.has(id))], mapped, forward);
  return { graph, map, forward, plan, order: plan.order.filter((id) => !plan.forwarded.has(id)) };
}
