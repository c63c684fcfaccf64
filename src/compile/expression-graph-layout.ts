import type { Graph, NodeId } from '../ir/graph.js';
import type { Derivation, LocalDerivative } from './expression-derivation.js';

/** A node of the computational-graph figure: a variable or a forward step, placed by depth. */
export interface LaidOutNode {
  readonly node: NodeId;
  /** Depth: 1 + the deepest argument for a step; a variable one less than its first consumer. */
  readonly layer: number;
  /** Position within its layer, 0 at the top. */
  readonly row: number;
}

/** An edge from an argument to the step that uses it, with its local derivative when the output depends on it. */
export interface LaidOutEdge {
  readonly from: NodeId;
  readonly to: NodeId;
  readonly local?: LocalDerivative;
}

export interface GraphLayout {
  readonly nodes: readonly LaidOutNode[];
  readonly edges: readonly LaidOutEdge[];
  /** The number of layers and the most rows in one layer (the figure's extent). */
  readonly layers: number;
  readonly rows: number;
}

/**
 * The computational graph of an expression laid out left to right: each
 * step one column after its deepest argument, each variable in the column
 * just before its first use (so a variable that enters late, the c of
 * (a·b + c)·f, sits beside the step it joins rather than far left with a
 * long edge across the figure), the rows of a column ordered by the mean row
 * of their arguments (a variable placed late just below the other arguments
 * of the step it joins; ties in creation order). Constants are not nodes
 * (they appear in the steps' definitions).
 */
export function layoutGraph(graph: Graph, variables: readonly NodeId[], steps: readonly NodeId[], derivation: Derivation): GraphLayout {
  const layerOf = new Map<NodeId, number>();
  for (const v of variables) layerOf.set(v, 0);
  for (const s of steps) {
    const depths = graph.node(s).args.map((a) => layerOf.get(a)).filter((d): d is number => d !== undefined);
    layerOf.set(s, depths.length === 0 ? 1 : 1 + Math.max(...depths));
  }
  // each variable moved to the column before its first (shallowest) consumer; no step moves
  const consumers = (v: NodeId) => steps.filter((s) => graph.node(s).args.includes(v));
  for (const v of variables) {
    const uses = consumers(v).map((s) => layerOf.get(s) ?? 1);
    if (uses.length > 0) layerOf.set(v, Math.min(...uses) - 1);
  }
  // Rows: each layer's nodes by the mean row of their arguments (ties in creation order), so that
  // edges run mostly straight and seldom cross; the first layer's variables in order.
  const rowOf = new Map<NodeId, number>();
  const all = [...variables, ...steps];
  const layers = all.length === 0 ? 0 : Math.max(...all.map((id) => layerOf.get(id) ?? 0)) + 1;
  for (let layer = 0; layer < layers; layer++) {
    const members = all.filter((id) => (layerOf.get(id) ?? 0) === layer);
    const meanRow = (id: NodeId) => {
      const rows = graph.node(id).args.map((a) => rowOf.get(a)).filter((r): r is number => r !== undefined);
      return rows.length === 0 ? undefined : rows.reduce((a, b) => a + b, 0) / rows.length;
    };
    const stepKeys = new Map(members.map((id) => [id, meanRow(id)]));
    // a variable after layer 0: just below the other arguments of its first consumer
    const key = (id: NodeId): number => {
      const own = stepKeys.get(id);
      if (own !== undefined || layer === 0) return own ?? 0;
      const partners = (consumers(id)[0] === undefined ? [] : graph.node(consumers(id)[0]).args).filter((a) => a !== id);
      const placed = partners.map((a) => rowOf.get(a) ?? stepKeys.get(a)).filter((r): r is number => r !== undefined);
      return placed.length === 0 ? 0 : Math.max(...placed) + 0.5;
    };
    const keyed = members.map((id, order) => ({ id, order, key: key(id) }));
    keyed.sort((a, b) => a.key - b.key || a.order - b.order).forEach(({ id }, row) => rowOf.set(id, row));
  }
  const count = new Map<number, number>();
  for (const id of all) count.set(layerOf.get(id) ?? 0, (count.get(layerOf.get(id) ?? 0) ?? 0) + 1);
  const nodes = all.map((node) => ({ node, layer: layerOf.get(node) ?? 0, row: rowOf.get(node) ?? 0 }));
  const edges = steps.flatMap((s) =>
    [...new Set(graph.node(s).args)].filter((a) => layerOf.has(a)).map((a) => ({
      from: a,
      to: s,
      local: derivation.locals.find((l) => l.step === s && l.arg === a),
    })));
  return { nodes, edges, layers: nodes.length === 0 ? 0 : Math.max(...nodes.map((n) => n.layer)) + 1, rows: Math.max(0, ...count.values()) };
}
