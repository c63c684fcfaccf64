import type { Graph, NodeId } from '../../../ir/graph.js';
import type { Bound } from './loops.js';

/**
 * Which tensors carry the batch on their first axis. The IR is built for a
 * nominal batch size chosen to differ from every other dimension of the
 * graph, so a first axis of that length is the batch and nothing else. The
 * generated code runs such axes to the runtime `n` (≤ the allocated
 * capacity), so one compiled program serves a full batch, a short last batch
 * and a single example.
 */
export class BatchLayout {
  constructor(
    private readonly g: Graph,
    private readonly batch: number | undefined,
  ) {}

  isBatched(id: NodeId): boolean {
    const shape = this.g.shapeOf(id);
    return this.batch !== undefined && shape.length > 0 && shape[0] === this.batch;
  }

  /** The node's dimensions, with `n` for a batched first axis. */
  dims(id: NodeId): Bound[] {
    const batched = this.isBatched(id);
    return this.g.shapeOf(id).map((d, i) => (i === 0 && batched ? 'n' : d));
  }
}
