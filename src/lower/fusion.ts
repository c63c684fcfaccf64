import type { Graph, IrNode, NodeId } from '../ir/graph.js';
import { OPS } from '../ops/registry.js';
import { sameShape } from '../ir/shape.js';

/** Whether the node is an op applied element by element (its record's trait). */
export function isElementwise(n: IrNode): boolean {
  return n.op !== 'const' && n.op !== 'var' && OPS[n.op].traits.elementwise;
}

/** Cheap enough to compute again at each use rather than store: data movement and +, −, × (no division, branch or call). */
function cheapOp(n: IrNode): boolean {
  if (n.op === 'const' || n.op === 'var') return false;
  const { cost } = OPS[n.op].traits;
  return cost === 'free' || cost === 'arithmetic';
}

/** Who reads each node, once per argument slot (x·x lists the product twice). */
export function consumersOf(g: Graph, order: readonly NodeId[]): Map<NodeId, NodeId[]> {
  const consumers = new Map<NodeId, NodeId[]>();
  for (const id of order) for (const a of g.node(id).args) consumers.set(a, [...(consumers.get(a) ?? []), id]);
  return consumers;
}

/**
 * The element-wise tensors computed inside their consumer's loop instead of
 * an array of their own (loop fusion). A tensor fuses when one consumer reads
 * it: an element-wise consumer of the same shape, or a sum/mean (so Σ W∘W of
 * an L2 penalty never fills an array). It may be read there more than once
 * (the fan-out sum λ/2·W + λ/2·W of that penalty's gradient) when recomputing
 * it is cheap: +, −, × and nothing costlier inside.
 */
export function fusedIntoConsumer(
  g: Graph,
  consumers: ReadonlyMap<NodeId, readonly NodeId[]>,
  roots: ReadonlySet<NodeId>,
): (id: NodeId) => boolean {
  const decided = new Map<NodeId, boolean>();
  const fused = (id: NodeId): boolean => {
    if (!decided.has(id)) decided.set(id, fusable(id));
    return decided.get(id) as boolean;
  };
  const fusable = (id: NodeId): boolean => {
    const n = g.node(id);
    const readers = consumers.get(id) ?? [];
    if (roots.has(id) || n.shape.length === 0 || !isElementwise(n) || readers.length === 0) return false;
    const c = g.node(readers[0]);
    if (readers.some((r) => r !== c.id)) return false;
    if (readers.length > 1 && !cheap(id)) return false;
    return c.op === 'sum' || c.op === 'mean' || (isElementwise(c) && sameShape(c.shape, n.shape));
  };
  const cheap = (id: NodeId): boolean =>
    cheapOp(g.node(id)) && g.node(id).args.every((a) => g.node(a).shape.length === 0 || !fused(a) || cheap(a));
  return fused;
}

/**
 * softmax(z) and softmax_ce(z, y) of the same logits, paired both ways: one
 * row kernel computes both (each exponential once), at the first of the two,
 * when y is ready by then.
 */
export function pairedSoftmax(g: Graph, order: readonly NodeId[], position: ReadonlyMap<NodeId, number>): Map<NodeId, NodeId> {
  const pairs = new Map<NodeId, NodeId>();
  for (const loss of order) {
    const [z, y] = g.node(loss).args;
    if (g.node(loss).op !== 'softmax_ce') continue;
    const p = order.find((id) => g.node(id).op === 'softmax' && g.node(id).args[0] === z && !pairs.has(id));
    if (p === undefined || (position.get(y) as number) > Math.min(position.get(p) as number, position.get(loss) as number)) continue;
    pairs.set(p, loss).set(loss, p);
  }
  return pairs;
}
