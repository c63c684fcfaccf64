import { type Graph, IrError, type NodeId } from '../ir/graph.js';
import { formatShape, sameShape } from '../ir/shape.js';
import { OPS } from '../ops/registry.js';
import { scanVjp } from './differentiate-scan.js';

/** One term of an adjoint sum: what `consumer` passes back to its argument. */
export interface Contribution {
  readonly consumer: NodeId;
  readonly argIndex: number;
  readonly term: NodeId;
}

export interface Differentiated {
  /** The input graph extended with the derivative nodes (ordinary IR). */
  readonly graph: Graph;
  readonly output: NodeId;
  readonly wrt: readonly NodeId[];
  /** ∂output/∂wrt[i]; the constant 0 where output does not depend on wrt[i]. */
  readonly gradient: readonly NodeId[];
  /** ∂output/∂node for every node on a path from a wrt variable to the output. */
  readonly adjoints: ReadonlyMap<NodeId, NodeId>;
  /** The terms summed into each adjoint, one per (consumer, argument) edge. */
  readonly contributions: ReadonlyMap<NodeId, readonly Contribution[]>;
  /** Nodes on a path from a wrt variable to the output, in creation order. */
  readonly active: readonly NodeId[];
}

/**
 * Reverse mode: one backward sweep over the DAG. The adjoint of a node is the
 * sum over its consumers of upstream adjoint × local derivative (each op's vjp
 * rule); a node that fans out accumulates one term per use. Terms that are the
 * symbolic zero are dropped. Each node is visited once and each rule adds a
 * constant number of nodes, so the gradient costs a small constant times the
 * function (the cheap-gradient principle).
 */
export function differentiate(input: Graph, output: NodeId, wrt: readonly NodeId[]): Differentiated {
  const g = input.clone();
  if (g.shapeOf(output).length !== 0) {
    throw new IrError(`can only differentiate a scalar output, got ${formatShape(g.shapeOf(output))}`);
  }
  const activeSet = activeNodes(g, output, wrt);
  const terms = new Map<NodeId, Contribution[]>();
  const adjoints = new Map<NodeId, NodeId>();
  const seed = g.constant(1);

  for (let id = output; id >= 0; id--) {
    if (!activeSet.has(id)) continue;
    const incoming = terms.get(id) ?? [];
    const adjoint = id === output ? seed : sumTerms(g, incoming.map((c) => c.term));
    if (adjoint === undefined) continue;
    adjoints.set(id, adjoint);
    const node = g.node(id);
    if (node.op === 'const' || node.op === 'var') continue;
    // a scan's vjp differentiates its step graph with this pass (differentiate-scan.ts)
    const vjps = node.op === 'scan' ? scanVjp(g, node, adjoint) : OPS[node.op].vjp(g, node, adjoint);
    node.args.forEach((arg, argIndex) => {
      const local = vjps[argIndex];
      if (local === null || local === undefined || !activeSet.has(arg) || g.isConstant(local, 0)) return;
      const term = unbroadcast(g, local, arg);
      const list = terms.get(arg) ?? [];
      list.push({ consumer: id, argIndex, term });
      terms.set(arg, list);
    });
  }

  const zero = g.constant(0);
  return {
    graph: g,
    output,
    wrt,
    gradient: wrt.map((v) => adjoints.get(v) ?? zero),
    adjoints,
    contributions: terms,
    active: [...activeSet].sort((a, b) => a - b),
  };
}

/**
 * Unbroadcasting: an argument that broadcasting stretched to the node's shape
 * (b[n] in X + b of shape [B, n]) receives its adjoint summed over the
 * stretched dimensions, sum_to(term, shape(arg)) — the adjoint of broadcasting.
 */
function unbroadcast(g: Graph, term: NodeId, arg: NodeId): NodeId {
  const shape = g.shapeOf(arg);
  return sameShape(g.shapeOf(term), shape) ? term : g.apply('sum_to', [term], { shape });
}

/**
 * Σ terms, or undefined for an empty sum (the symbolic zero). A term that
 * arrives k times (x·x passes ū·x back through both arguments) is added once
 * as k·t, in the place of its first arrival: t + u + t = 2t + u.
 */
function sumTerms(g: Graph, terms: readonly NodeId[]): NodeId | undefined {
  if (terms.length === 0) return undefined;
  const counts = new Map<NodeId, number>();
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  // t + t is made as like terms (2t, constant factors merged: 2·(½·u) = u)
  const grouped = [...counts].map(([t, k]) => Array.from({ length: k - 1 }, () => t).reduce((acc) => g.add(acc, t), t));
  return grouped.reduce((acc, t) => g.add(acc, t));
}

/** Nodes that depend on some wrt variable and that the output depends on. */
function activeNodes(g: Graph, output: NodeId, wrt: readonly NodeId[]): Set<NodeId> {
  const dependsOnWrt = new Set<NodeId>(wrt);
  for (let id = 0; id <= output; id++) {
    if (g.node(id).args.some((a) => dependsOnWrt.has(a))) dependsOnWrt.add(id);
  }
  const active = new Set<NodeId>();
  const stack = [output];
  while (stack.length > 0) {
    const id = stack.pop() as NodeId;
    if (active.has(id) || !dependsOnWrt.has(id)) continue;
    active.add(id);
    stack.push(...g.node(id).args);
  }
  return active;
}

/**
 * The Hessian by differentiating each gradient component again: the output of
 * differentiate() is ordinary IR, so no separate code path is needed.
 * Returns the rows ∂²output/∂wrt[i]∂wrt[j], row-major, in one graph.
 */
export function hessian(first: Differentiated): { graph: Graph; rows: NodeId[][] } {
  let graph = first.graph;
  const rows: NodeId[][] = [];
  for (const component of first.gradient) {
    const second = differentiate(graph, component, first.wrt);
    graph = second.graph;
    rows.push([...second.gradient]);
  }
  return { graph, rows };
}
