import type { Graph, NodeId } from '../../../ir/graph.js';
import { BATCH } from '../../../ir/shape.js';
import type { Bound } from './loops.js';

/**
 * Which tensors carry the batch on their first axis: those whose first
 * dimension is the symbolic batch n. The generated code runs such axes to the
 * runtime `n` (≤ the allocated capacity), so one compiled program serves a
 * full batch, a short last batch and a single example.
 */
export class BatchLayout {
  constructor(private readonly g: Graph) {}

  isBatched(id: NodeId): boolean {
    return this.g.shapeOf(id)[0] === BATCH;
  }

  /** The node's dimensions, with `n` for a batched first axis. */
  dims(id: NodeId): Bound[] {
    return [...this.g.shapeOf(id)];
  }
}
