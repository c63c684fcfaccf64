import type { Graph, NodeId } from '../ir/graph.js';
import { nodesNeeded } from '../ir/order.js';

/**
 * Dead-code elimination and scheduling in one: the nodes `roots` need, in
 * creation order (which is topological, as arguments are built first).
 */
export function schedule(g: Graph, roots: readonly NodeId[]): NodeId[] {
  return nodesNeeded(g, roots);
}

/** The computation steps of `output`: the op nodes it needs (no constants or variables), in order. */
export function forwardSteps(g: Graph, output: NodeId): NodeId[] {
  return schedule(g, [output]).filter((id) => {
    const op = g.node(id).op;
    return op !== 'const' && op !== 'var';
  });
}
