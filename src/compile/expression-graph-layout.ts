import type { Graph, NodeId } from '../ir/graph.js';
import type { Derivation, LocalDerivative } from './expression-derivation.js';

/** A node of the computational-graph figure: a variable or a forward step, placed by depth. */
export interface LaidOutNode {
  readonly node: NodeId;
  /** Depth: 0 for the variables, 1 + the deepest argument for a step. */
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
 * The computational graph of an expression laid out left to right: the
 * variables in the first column, each step one column after its deepest
 * argument, the rows of a column ordered by the mean row of their arguments
 * (ties in creation order). Constants are not nodes
 * (they appear in the steps' definitions).
 */
export function layoutGraph(graph: Graph, variables: readonly NodeId[], steps: readonly NodeId[], derivation: Derivation): GraphLayout {
  const layerOf = new Map<NodeId, number>();
  for (const v of variables) layerOf.set(v, 0);
  for (const s of steps) {
    const depths = graph.node(s).args.map((a) => layerOf.get(a)).filter((d): d is number => d !== undefined);
    layerOf.set(s, depths.length === 0 ? 1 : 1 + Math.max(...depths));
  }
  // Rows: the variables in order; each later layer's nodes by the mean row of their arguments
  // (ties in creation order), so that edges run mostly straight and seldom cross.
  const rowOf = new Map<NodeId, number>();
  const all = [...variables, ...steps];
  const layers = all.length === 0 ? 0 : Math.max(...all.map((id) => layerOf.get(id) ?? 0)) + 1;
  for (let layer = 0; layer < layers; layer++) {
    const members = all.filter((id) => (layerOf.get(id) ?? 0) === layer);
    const meanRow = (id: NodeId) => {
      const rows = graph.node(id).args.map((a) => rowOf.get(a)).filter((r): r is number => r !== undefined);
      return layer === 0 || rows.length === 0 ? 0 : rows.reduce((a, b) => a + b, 0) / rows.length;
    };
    const keyed = members.map((id, order) => ({ id, order, key: meanRow(id) }));
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
