import type { Graph, NodeId } from '../ir/graph.js';

/**
 * Where a program keeps a node's value, as far as liveness is concerned:
 * - `array`: its own array (a workspace slot, an output or an input);
 * - `inlined`: recomputed inside each consumer's statement, so its arguments are read there;
 * - `alias`: the same array as its argument (a reshape);
 * - `none`: no array (constants and scalars, which live in locals).
 */
export type Storage = 'array' | 'inlined' | 'alias' | 'none';

export interface LivenessInput {
  readonly graph: Graph;
  /** The scheduled nodes; statement positions index into this. */
  readonly order: readonly NodeId[];
  readonly storage: (id: NodeId) => Storage;
  /** The position of the statement that computes a node (fused nodes share one). */
  readonly at: (id: NodeId) => number;
  /** Read after the program ran: live to the end. */
  readonly roots: readonly NodeId[];
}

/**
 * For every node held in an array, the position of the last statement that
 * needs it: the last one that reads it — directly, through inlined
 * element-wise expressions or through aliases — or the one that writes it if
 * nothing reads it. Roots are needed to the end (Infinity). After that
 * statement the array is free for another tensor.
 */
export function lastUses(input: LivenessInput): Map<NodeId, number> {
  const { graph: g, order, storage, at } = input;
  const last = new Map<NodeId, number>();
  const use = (id: NodeId, position: number): void => {
    switch (storage(id)) {
      case 'array':
        last.set(id, Math.max(last.get(id) ?? position, position));
        return;
      case 'inlined':
        for (const a of g.node(id).args) use(a, position);
        return;
      case 'alias':
        use(g.node(id).args[0], position);
        return;
      case 'none':
        return;
    }
  };
  for (const id of order) {
    const kind = storage(id);
    if (kind === 'inlined' || kind === 'alias') continue; // no statement of its own
    use(id, at(id)); // written here
    for (const a of g.node(id).args) use(a, at(id));
  }
  for (const r of input.roots) use(r, Infinity);
  return last;
}
