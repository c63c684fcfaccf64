import type { Graph, NodeId } from '../ir/graph.js';
import { BATCH, type Dim, formatShape, sizeOf } from '../ir/shape.js';

/**
 * Which tensors carry the batch on their first axis: those whose first
 * dimension is the symbolic batch n (never a length that happens to match).
 * Generated code runs such axes to the runtime number of rows (≤ the
 * allocated capacity), so one compiled program serves a full batch, a short
 * last batch and a single example. Only the first axis may be symbolic.
 */
export class BatchLayout {
  constructor(private readonly g: Graph) {}

  isBatched(id: NodeId): boolean {
    return this.g.shapeOf(id)[0] === BATCH;
  }

  /** The node's dimensions: numbers, and the symbol n for a batched first axis. */
  dims(id: NodeId): Dim[] {
    return [...this.g.shapeOf(id)];
  }

  /** Elements of the node's array: in all, or per example row when batched. */
  rowLength(id: NodeId): number {
    const shape = this.g.shapeOf(id);
    const rest = this.isBatched(id) ? shape.slice(1) : shape;
    if (rest.some((d) => typeof d !== 'number')) {
      throw new Error(`%${id}: shape ${formatShape(shape)} has a symbolic dimension after the first axis; only the batch axis may be symbolic`);
    }
    return sizeOf(rest);
  }
}
