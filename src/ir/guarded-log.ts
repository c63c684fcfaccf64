import type { Graph, NodeId } from './graph.js';

/**
 * `a` when `id` is ln(a = 0 ? 1 : a), the guard of ∂(a^b)/∂b = a^b ln a
 * (ops/arithmetic.ts: ln a taken as 0 at a = 0, where a^b ln a → 0 for
 * b > 0); undefined otherwise. The notes print it as ln a and state the
 * convention once.
 */
export function guardedLogArgument(g: Graph, id: NodeId): NodeId | undefined {
  const n = g.node(id);
  if (n.op !== 'log') return undefined;
  const guard = g.node(n.args[0]);
  if (guard.op !== 'select_eq') return undefined;
  const [a, zero, one, otherwise] = guard.args;
  return g.isConstant(zero, 0) && g.isConstant(one, 1) && otherwise === a ? a : undefined;
}

/** A node's arguments as the notes read it: those of ln a for the guarded ln of x^y's derivative, its own otherwise. */
export function readArguments(g: Graph, id: NodeId): readonly NodeId[] {
  const a = guardedLogArgument(g, id);
  return a === undefined ? g.node(id).args : [a];
}
