import { Graph, type NodeId } from '../ir/graph.js';
import { OPS, type OpName } from '../ops/registry.js';
import { simplify } from '../passes/simplify.js';

/** One op's derivative rule in general form: F(a, b) and ∂F/∂(slot) for the slots asked for. */
export interface OpRule {
  readonly op: OpName;
  readonly graph: Graph;
  /** F applied to its slot variables (u for one argument; a, b, c, d for more). */
  readonly applied: NodeId;
  readonly slots: readonly { readonly variable: NodeId; readonly derivative: NodeId }[];
}

/** The slot variables' names: u for a one-argument op, a, b, … otherwise. */
export const slotName = (arity: number, i: number) => (arity === 1 ? 'u' : 'abcd'[i]);

/**
 * A scalar op's rule from its own vjp, applied to variables (d/du sin u =
 * cos u; ∂(ab)/∂a = b), simplified for reading, for the argument slots
 * `slots` (those the expression uses). Undefined when the op cannot be built on
 * scalar variables alone (ops with attributes).
 */
export function opRule(op: OpName, slots: readonly number[]): OpRule | undefined {
  const def = OPS[op];
  const built = new Graph();
  const vars = Array.from({ length: def.arity }, (_, i) => built.variable(slotName(def.arity, i)));
  let applied: NodeId;
  try {
    applied = built.apply(op, vars);
  } catch {
    return undefined;
  }
  const node = built.node(applied);
  if (node.op !== op) return undefined; // an identity rewrote it (cannot happen on distinct variables)
  const terms = def.vjp(built, node, built.constant(1));
  const { graph, map } = simplify(built);
  const used = slots.filter((i) => terms[i] !== null && terms[i] !== undefined);
  return {
    op,
    graph,
    applied: map[applied],
    slots: used.map((i) => ({ variable: map[vars[i]], derivative: map[terms[i] as NodeId] })),
  };
}
