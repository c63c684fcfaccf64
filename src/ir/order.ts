import type { Graph, NodeId } from './graph.js';

/**
 * The nodes `roots` depend on (themselves included), in creation order —
 * a topological order, since a node's arguments are built before it.
 * Nodes in `given` are taken as known: they are listed, their arguments are
 * not followed (a value stored by an earlier program, read instead of recomputed).
 */
export function nodesNeeded(g: Graph, roots: readonly NodeId[], given: ReadonlySet<NodeId> = new Set()): NodeId[] {
  const needed = new Set<NodeId>();
  const stack = [...roots];
  while (stack.length > 0) {
    const id = stack.pop() as NodeId;
    if (needed.has(id)) continue;
    needed.add(id);
    if (!given.has(id)) stack.push(...g.node(id).args);
  }
  return [...needed].sort((a, b) => a - b);
}

/** Whether node `id` depends on a variable of its graph (a loop's vector element does, its index or a table does not). */
export function dependsOnVariable(g: Graph, id: NodeId): boolean {
  return nodesNeeded(g, [id]).some((n) => g.node(n).op === 'var');
}
