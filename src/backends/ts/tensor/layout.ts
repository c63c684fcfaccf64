import type { Graph, IrNode, NodeId } from '../../../ir/graph.js';
import type { Bound } from './loops.js';

/**
 * Which tensors carry the batch on their first axis. Their row count is the
 * runtime `n` (≤ the batch size the IR was built for), so one compiled
 * program serves a full batch, a short last batch and a single example.
 */
export class BatchLayout {
  private readonly batched = new Set<NodeId>();

  constructor(
    private readonly g: Graph,
    order: readonly NodeId[],
    batchInputs: ReadonlySet<NodeId>,
  ) {
    for (const id of order) {
      const n = g.node(id);
      if (batchInputs.has(id) || this.inherits(n)) this.batched.add(id);
    }
  }

  isBatched(id: NodeId): boolean {
    return this.batched.has(id);
  }

  /** The node's dimensions, with `n` for a batched first axis. */
  dims(id: NodeId): Bound[] {
    const shape = this.g.shapeOf(id);
    return shape.map((d, i) => (i === 0 && this.batched.has(id) ? 'n' : d));
  }

  /** Does the op keep the batch axis of its (batched) argument(s)? */
  private inherits(n: IrNode): boolean {
    const first = n.args[0];
    if (first === undefined) return false;
    switch (n.op) {
      case 'matmul':
      case 'matmul_nt':
        return this.batched.has(first);
      case 'matmul_tn':
      case 'sum':
      case 'mean':
        return false; // contracted over the batch
      case 'reshape':
        // [n] → [n, 1] and back: the first axis survives.
        return this.batched.has(first) && n.shape[0] === this.g.shapeOf(first)[0];
      case 'sum_to':
      case 'broadcast_to':
        // Batched when the first axis survives with the argument's length (not summed away).
        return this.batched.has(first) && n.shape.length === this.g.shapeOf(first).length &&
          n.shape[0] === this.g.shapeOf(first)[0];
      default: {
        // Element-wise and row-wise ops: batched if an argument of the same rank is.
        return n.args.some((a) => this.batched.has(a) && this.g.shapeOf(a).length === n.shape.length);
      }
    }
  }
}
