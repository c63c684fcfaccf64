import type { Graph, NodeId } from '../ir/graph.js';
import { rebuildGraph, type Rebuilt } from './simplify.js';

/** The two-argument ops whose value does not depend on the order of their arguments. */
const COMMUTATIVE: ReadonlySet<string> = new Set(['add', 'mul']);

/**
 * One node for a·b and b·a (and for a + b and b + a). The graph builder
 * shares structurally equal nodes, not commuted ones, so a reverse sweep's
 * w·λ beside the forward pass's λ·w was computed twice in every iteration
 * (ridge_grad). The later node becomes the earlier one, whose order of
 * arguments is kept. IEEE 754 addition and multiplication commute exactly,
 * so every value is the same, bit for bit.
 */
export function shareCommuted(input: Graph): Rebuilt {
  const built = new Map<string, NodeId>();
  return rebuildGraph(input, (g, n, args) => {
    const commutative = COMMUTATIVE.has(n.op) && args.length === 2;
    const earlier = commutative ? built.get(`${n.op} ${args[1]} ${args[0]}`) : undefined;
    if (earlier !== undefined) return earlier;
    const id = g.apply(n.op, args, n.attrs);
    if (commutative) built.set(`${n.op} ${args[0]} ${args[1]}`, id);
    return id;
  });
}
