import type { Graph, NodeId } from '../ir/graph.js';
import type { Derivation, LocalDerivative } from './expression-derivation.js';

/** A place in the layout: a column (layer) and a row within it. */
export interface Cell {
  /** Depth: 1 + the deepest argument for a step; a variable one less than its first consumer. */
  readonly layer: number;
  /** Position within its layer, 0 at the top. */
  readonly row: number;
}

/** A node of the computational-graph figure: a variable or a forward step, placed by depth. */
export interface LaidOutNode extends Cell {
  readonly node: NodeId;
}

/** An edge from an argument to the step that uses it, with its local derivative when the output depends on it. */
export interface LaidOutEdge {
  readonly from: NodeId;
  readonly to: NodeId;
  readonly local?: LocalDerivative;
  /** The cells the edge passes through in the layers between its ends (one a layer it skips), kept free of nodes. */
  readonly via: readonly Cell[];
}

export interface GraphLayout {
  readonly nodes: readonly LaidOutNode[];
  readonly edges: readonly LaidOutEdge[];
  /** The number of layers and the most rows in one layer (the figure's extent). */
  readonly layers: number;
  readonly rows: number;
  /** The rows of each layer: its nodes and the edges passing through it. */
  readonly rowsOf: readonly number[];
}

/** A row of a layer: a node, or an edge on its way through the layer (a layer it skips). */
type Slot = { readonly node: NodeId } | { readonly edge: number };

/** How many times the order of every layer is revised from its neighbours' (down, then up). */
const SWEEPS = 4;

/**
 * The computational graph of an expression laid out left to right: each
 * step one column after its deepest argument, each variable in the column
 * just before its first use (so a variable that enters late, the c of
 * (a·b + c)·f, sits beside the step it joins rather than far left with a
 * long edge across the figure). An edge that skips columns gets a row of its
 * own in each (it bends there, and so passes no node). The rows of a column
 * are first ordered by the mean row of their arguments (a variable placed
 * late just below the other arguments of the step it joins; ties in creation
 * order), then revised by the mean row of their neighbours, column by
 * column down and up, while that lowers the number of crossing edges
 * (Sugiyama's barycentre heuristic), and last two neighbours in a column
 * swapped wherever that removes a crossing. Constants are not nodes (they appear in
 * the steps' definitions).
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
  const all = [...variables, ...steps];
  const layers = all.length === 0 ? 0 : Math.max(...all.map((id) => layerOf.get(id) ?? 0)) + 1;
  const edges = steps.flatMap((s) =>
    [...new Set(graph.node(s).args)].filter((a) => layerOf.has(a)).map((a) => ({
      from: a,
      to: s,
      local: derivation.locals.find((l) => l.step === s && l.arg === a),
    })));
  const layerOfId = (id: NodeId) => layerOf.get(id) ?? 0;
  // the slots of each layer, in a first order: the nodes by the mean row of their arguments, an edge passing through beside the row it comes from
  const order: Slot[][] = [];
  const rowOf = (slot: Slot, layer: number) => order[layer].findIndex((s) => sameSlot(s, slot));
  // the slot an edge occupies in a layer: its start, a row on its way, or its end
  const slotOf = (e: number, layer: number): Slot =>
    (layer === layerOfId(edges[e].from) ? { node: edges[e].from } : layer === layerOfId(edges[e].to) ? { node: edges[e].to } : { edge: e });
  for (let layer = 0; layer < layers; layer++) {
    const members = all.filter((id) => layerOfId(id) === layer);
    const meanRow = (id: NodeId) => {
      const rows = edges.flatMap((edge, e) => (edge.to === id ? [rowOf(slotOf(e, layer - 1), layer - 1)] : []));
      return rows.length === 0 ? undefined : rows.reduce((a, b) => a + b, 0) / rows.length;
    };
    const stepKeys = new Map(members.map((id) => [id, meanRow(id)]));
    // a variable after layer 0: just below the other arguments of its first consumer
    const key = (id: NodeId): number => {
      const own = stepKeys.get(id);
      if (own !== undefined || layer === 0) return own ?? 0;
      const partners = (consumers(id)[0] === undefined ? [] : graph.node(consumers(id)[0]).args).filter((a) => a !== id);
      // a partner placed in an earlier layer by its row there, one in this layer by its key
      const placed = partners.map((a) => (layerOfId(a) < layer ? rowOf({ node: a }, layerOfId(a)) : stepKeys.get(a)))
        .filter((r): r is number => r !== undefined && r >= 0);
      return placed.length === 0 ? 0 : Math.max(...placed) + 0.5;
    };
    const passing = edges.flatMap((edge, e) => (layerOfId(edge.from) < layer && layer < layerOfId(edge.to) ? [e] : []));
    const keyed = [
      ...members.map((id, i) => ({ slot: { node: id } as Slot, order: i, key: key(id) })),
      ...passing.map((e, i) => ({ slot: { edge: e } as Slot, order: members.length + i, key: rowOf(slotOf(e, layer - 1), layer - 1) + 0.25 })),
    ];
    order.push(keyed.sort((a, b) => a.key - b.key || a.order - b.order).map(({ slot }) => slot));
  }
  // the pieces of the edges between neighbouring layers, as pairs of slots
  const pieces = (layer: number) => edges.flatMap((edge, e) =>
    (layerOfId(edge.from) <= layer && layer < layerOfId(edge.to) ? [[slotOf(e, layer), slotOf(e, layer + 1)] as const] : []));
  const crossings = (o: Slot[][]) => {
    let count = 0;
    for (let layer = 0; layer + 1 < layers; layer++) {
      const rows = pieces(layer).map(([a, b]) => [o[layer].findIndex((s) => sameSlot(s, a)), o[layer + 1].findIndex((s) => sameSlot(s, b))]);
      rows.forEach(([a1, b1], i) => rows.slice(i + 1).forEach(([a2, b2]) => { if ((a1 - a2) * (b1 - b2) < 0) count++; }));
    }
    return count;
  };
  let best = order.map((l) => [...l]);
  let fewest = crossings(best);
  const current = order.map((l) => [...l]);
  for (let sweep = 0; sweep < SWEEPS && fewest > 0; sweep++) {
    const down = sweep % 2 === 0;
    for (let i = 1; i < layers; i++) {
      const layer = down ? i : layers - 1 - i;
      const neighbour = down ? layer - 1 : layer + 1;
      const near = (slot: Slot) => pieces(Math.min(layer, neighbour)).filter((p) => sameSlot(p[down ? 1 : 0], slot))
        .map((p) => current[neighbour].findIndex((s) => sameSlot(s, p[down ? 0 : 1])));
      const mean = (slot: Slot, row: number) => {
        const rows = near(slot);
        return rows.length === 0 ? row : rows.reduce((a, b) => a + b, 0) / rows.length;
      };
      current[layer] = current[layer].map((slot, row) => ({ slot, row, key: mean(slot, row) }))
        .sort((a, b) => a.key - b.key || a.row - b.row).map(({ slot }) => slot);
    }
    const count = crossings(current);
    if (count < fewest) [best, fewest] = [current.map((l) => [...l]), count];
  }
  // then neighbours in a layer swapped while that removes crossings (the greedy switch after the sweeps)
  for (let improved = fewest > 0, rounds = 0; improved && rounds < SWEEPS; rounds++) {
    improved = false;
    for (const l of best) {
      for (let i = 0; i + 1 < l.length; i++) {
        [l[i], l[i + 1]] = [l[i + 1], l[i]];
        const count = crossings(best);
        if (count < fewest) [fewest, improved] = [count, true];
        else [l[i], l[i + 1]] = [l[i + 1], l[i]];
      }
    }
  }
  const cellOf = (slot: Slot, layer: number): Cell => ({ layer, row: best[layer].findIndex((s) => sameSlot(s, slot)) });
  const nodes = all.map((node) => ({ node, ...cellOf({ node }, layerOfId(node)) }));
  const laidOutEdges = edges.map((edge, e) => ({
    ...edge,
    via: Array.from({ length: Math.max(0, layerOfId(edge.to) - layerOfId(edge.from) - 1) }, (_v, i) => cellOf({ edge: e }, layerOfId(edge.from) + 1 + i)),
  }));
  const rowsOf = best.map((l) => l.length);
  return { nodes, edges: laidOutEdges, layers, rows: Math.max(0, ...rowsOf), rowsOf };
}

function sameSlot(a: Slot, b: Slot): boolean {
  return 'node' in a ? 'node' in b && a.node === b.node : 'edge' in b && a.edge === b.edge;
}
