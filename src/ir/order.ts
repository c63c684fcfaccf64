import type { Graph, NodeId } from './graph.js';

/**
 * The nodes `roots` depend on (themselves included), in creation order —
 * a topological order, since a node's arguments are built before it.
 */
export function nodesNeeded(g: Graph, roots: readonly NodeId[]): NodeId[] {
  const needed = new Set<NodeId>();
  const stack = [...roots];
  while (stack.length > 0) {
    const id = stack.pop() as NodeId;
    if (needed.has(id)) continue;
    needed.add(id);
    stack.push(...g.node(id).args);
  }
  return [...needed].sort((a, b) => a - b);
}
