import type { Graph, IrNode, NodeId } from '../ir/graph.js';
import { consumersOf, fusedIntoConsumer, isElementwise } from './fusion.js';

/** How a loop program computes a node. */
export type Lowering =
  | 'const' // a literal where used
  | 'var' // an input (a variable, or a node whose value is given)
  | 'scalar' // a local from an element-wise expression
  | 'reduction' // a local summed over an array (sum, mean)
  | 'inlined' // an element-wise expression inside its consumer's loop
  | 'uniform' // a broadcast scalar: every element is that scalar's local
  | 'alias' // a reshape: its argument's array
  | 'array'; // a statement writing an array

/**
 * How each scheduled node is computed.
 * - Element-wise tensors fuse into their consumer's loop where fusion.ts allows.
 * - A scalar broadcast to a tensor (1/n per example row) that only
 *   element-wise loops read, directly or through reshapes, is that scalar:
 *   `uniform`, with no array.
 */
export function classify(g: Graph, order: readonly NodeId[], rootList: readonly NodeId[], given: ReadonlySet<NodeId> = new Set()): Map<NodeId, Lowering> {
  const consumers = consumersOf(g, order.filter((id) => !given.has(id))); // a given node reads nothing
  const roots = new Set(rootList);
  const fused = fusedIntoConsumer(g, consumers, roots);
  const onlyElementwiseReaders = (id: NodeId): boolean =>
    !roots.has(id) && (consumers.get(id) ?? []).every((c) =>
      g.node(c).op === 'reshape' ? onlyElementwiseReaders(c) : isElementwise(g.node(c)));
  const uniform = (n: IrNode): boolean =>
    (n.op === 'broadcast_to' || n.op === 'reshape') && onlyElementwiseReaders(n.id)
    && (g.node(n.args[0]).shape.length === 0 || uniform(g.node(n.args[0])));
  const lowering = (n: IrNode): Lowering => {
    if (given.has(n.id)) return 'var';
    if (n.op === 'const' || n.op === 'var') return n.op;
    if (n.shape.length === 0 && isElementwise(n)) return 'scalar';
    if (uniform(n)) return 'uniform';
    if (fused(n.id)) return 'inlined';
    if (n.op === 'reshape') return 'alias';
    if (n.op === 'sum' || n.op === 'mean') return 'reduction';
    return 'array';
  };
  return new Map(order.map((id) => [id, lowering(g.node(id))]));
}
