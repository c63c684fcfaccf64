import { type Graph, type NodeId, strided } from '../ir/graph.js';
import { nodesNeeded } from '../ir/order.js';

/**
 * Lowering of a function whose loops were kept as loops (frontends/typescript/
 * lanes.ts): a graph of scalars and lane vectors (one entry per iteration of
 * a loop of m iterations, shape [m]) over number and vector variables. The
 * plan computes every lane vector inside one loop over its m entries, not as
 * an array: the generated code is a sequence of stages
 *
 *   scalars of level 0 → loops of level 0 → scalars of level 1 → loops of level 1 → …
 *
 * where a node's level counts the sums (reductions) on its longest path from
 * the variables: a lane entry that needs Σ of other lanes can only be
 * computed after the loop that sums them. The backward pass of Σ terms is
 * level 0 too (its adjoint is the constant seed), so value and gradient of a
 * sum over a loop share one loop, as hand-written code does.
 *
 * Per node: constants are literals; a vector variable read in a loop is
 * x[k], a slice x[k + s], the index vector k + s; a scalar broadcast to a
 * lane is that scalar (uniform); lanes that depend on no variable (sin(i/8))
 * are a table filled once when the module loads; a lane read by a loop of a
 * later stage is kept in a tape array; a vector gradient, a sum of pads (the
 * adjoints of slices), is written by scatters `grad[off + s + k] += v` in the
 * loops, after the gradient's entries are set to 0.
 */
export type LaneHow =
  | 'const' // a literal
  | 'input' // a number variable, or a vector variable read as x[k]
  | 'gather' // slice of a vector variable: x[k + s] (or x[s] for one element)
  | 'index' // range(s, [m]): k + s
  | 'literal' // table(T, s, [m]): T[k + s] of a module-level constant array
  | 'uniform' // broadcast_to(scalar, [m]): the scalar
  | 'table' // a lane that depends on no variable, kept in a table filled once
  | 'local' // computed in its stage (a scalar statement, or a lane local in its loop)
  | 'scan' // a recurrence: a loop of its own carrying values (a step of the plan)
  | 'scanned'; // an entry (or a lane) of a scan's value: a carried variable after its loop, or its tape

/** A gradient output: a scalar into out[offset], or a vector of `length` entries into out[offset …]. */
export interface LaneOutput {
  readonly node: NodeId;
  readonly offset: number;
  readonly length?: number;
}

/** out[offset + start (+ k)] += value: a term of a vector gradient (`=` when it is the first write to those entries). */
export interface Scatter {
  readonly output: number;
  readonly start: number;
  /** The step between the entries it writes (a pad with a stride), 1 when absent. */
  readonly stride?: number;
  readonly value: NodeId;
  assign?: boolean;
}

export interface LaneLoop {
  readonly length: number;
  /** Lane locals computed in the loop, in order. */
  readonly nodes: readonly NodeId[];
  /** Sums over the loop's entries (scalars after it). */
  readonly reductions: readonly NodeId[];
  readonly scatters: readonly Scatter[];
}

export type LaneStep =
  | { readonly kind: 'scalar'; readonly node: NodeId }
  /**
   * A recurrence's loop (ir/scan.ts); `stored`: the ranges of its value read from its tape, [from, to);
   * `scatters`: its per-iteration outputs written into a vector gradient in its own loop (a reverse sweep's δx_k)
   */
  | { readonly kind: 'scan'; readonly node: NodeId; readonly stored: readonly (readonly [number, number])[]; readonly scatters: readonly Scatter[] }
  | { readonly kind: 'scatter'; readonly scatter: Scatter }
  | { readonly kind: 'loop'; readonly loop: LaneLoop };

export interface LanePlan {
  readonly graph: Graph;
  readonly how: ReadonlyMap<NodeId, LaneHow>;
  readonly steps: readonly LaneStep[];
  /** Entries [from, to) of vector outputs (index into outputs) set to 0 before the scatters add to them. */
  readonly zeroed: readonly { readonly output: number; readonly from: number; readonly to: number }[];
  /** Scalar outputs written at the end: out[offset] = node. */
  readonly scalarOutputs: readonly LaneOutput[];
  /** Lanes read by a later stage: each is stored in an array of its length in its loop. */
  readonly tapes: readonly NodeId[];
  /** The constant arrays the loops read (table nodes: T[k + s]), in order. */
  readonly literals: readonly NodeId[];
  /** Tables by length: the constant lanes to compute once (`init`, in order) and those to keep (`kept`). */
  readonly tables: readonly { readonly length: number; readonly init: readonly NodeId[]; readonly kept: readonly NodeId[] }[];
  /** Nodes printed inside the select branch that reads them (computed only when that branch is taken). */
  readonly inlined: ReadonlySet<NodeId>;
}

/** Plans the code of `value` and the outputs (gradients) of a lane graph. */
export function planLanes(g: Graph, value: NodeId, outputs: readonly LaneOutput[]): LanePlan {
  const scatters: Scatter[] = [];
  outputs.forEach((o, index) => {
    if (o.length === undefined) return;
    for (const leaf of sumLeaves(g, o.node)) {
      const n = g.node(leaf);
      if (g.constantValue(leaf) === 0) continue;
      scatters.push(n.op === 'pad' ? { output: index, start: n.attrs.value as number, ...strided(n.attrs.stride ?? 1), value: n.args[0] } : { output: index, start: 0, value: leaf });
    }
  });
  const scalarOutputs = outputs.filter((o) => o.length === undefined);
  const roots = [value, ...scalarOutputs.map((o) => o.node), ...scatters.map((s) => s.value)];
  const order = nodesNeeded(g, roots);

  const variable = new Set<NodeId>();
  const how = new Map<NodeId, LaneHow>();
  const level = new Map<NodeId, number>();
  for (const id of order) {
    const n = g.node(id);
    const args = n.args;
    if (n.op === 'var' || args.some((a) => variable.has(a))) variable.add(id);
    how.set(id, howOf(g, id, variable.has(id)));
    const argLevel = Math.max(0, ...args.map((a) => level.get(a) as number));
    level.set(id, isReduction(g, id) || n.op === 'scan' ? argLevel + 1 : argLevel);
  }

  const uses = new Map<NodeId, NodeId[]>();
  for (const id of order) for (const a of g.node(id).args) uses.set(a, [...(uses.get(a) ?? []), id]);
  const rootSet = new Set(roots);

  // Tables: constant lanes read by a node that depends on a variable (or a root); the rest of the constant lanes they need are computed in the same init loop.
  const kept = order.filter((id) => how.get(id) === 'table' && (rootSet.has(id) || (uses.get(id) ?? []).some((u) => variable.has(u))));
  const init = nodesNeeded(g, kept).filter((id) => how.get(id) === 'table');
  const lengths = [...new Set(init.map((id) => laneLength(g, id)))];
  const tables = lengths.map((length) => ({
    length,
    init: init.filter((id) => laneLength(g, id) === length),
    kept: kept.filter((id) => laneLength(g, id) === length),
  }));

  // The stage that computes a lane local (a reduction is computed in its argument's loop).
  const stageOf = (id: NodeId): number => level.get(id) as number;
  const isLaneLocal = (id: NodeId) => how.get(id) === 'local' && g.shapeOf(id).length === 1;
  // (a lane a scan reads is computed in an earlier loop than the scan's own)
  const tapes = order.filter((id) => isLaneLocal(id)
    && (uses.get(id) ?? []).some((u) => g.node(u).op === 'scan' || (isReduction(g, u) ? stageOf(u) - 1 : stageOf(u)) > stageOf(id)));

  const inlined = branchOnly(g, order, uses, rootSet, new Set(tapes), (id) => how.get(id) === 'local' && !isReduction(g, id), stageOf);
  // a vector gradient's term that is a scan's per-iteration output, read by nothing else, is written in the scan's loop (no tape, no loop of its own)
  const inScan = new Set(scatters.filter((s) => how.get(s.value) === 'scanned' && g.shapeOf(s.value).length === 1
    && (uses.get(s.value) ?? []).every((u) => g.node(u).op === 'pad')));
  const steps: LaneStep[] = [];
  const maxLevel = Math.max(0, ...order.map((id) => level.get(id) as number));
  for (let l = 0; l <= maxLevel; l++) {
    for (const id of order) {
      if (level.get(id) === l && how.get(id) === 'local' && g.shapeOf(id).length === 0 && !isReduction(g, id) && !inlined.has(id)) {
        steps.push({ kind: 'scalar', node: id });
      }
    }
    for (const s of scatters) if (g.shapeOf(s.value).length === 0 && level.get(s.value) === l) steps.push({ kind: 'scatter', scatter: s });
    const loops = new Map<number, { nodes: NodeId[]; reductions: NodeId[]; scatters: Scatter[] }>();
    const loopOf = (m: number) => {
      if (!loops.has(m)) loops.set(m, { nodes: [], reductions: [], scatters: [] });
      return loops.get(m) as { nodes: NodeId[]; reductions: NodeId[]; scatters: Scatter[] };
    };
    for (const id of order) {
      if (isLaneLocal(id) && level.get(id) === l && !inlined.has(id)) loopOf(laneLength(g, id)).nodes.push(id);
      if (isReduction(g, id) && level.get(id) === l + 1) loopOf(laneLength(g, g.node(id).args[0])).reductions.push(id);
    }
    for (const s of scatters) {
      if (g.shapeOf(s.value).length === 1 && level.get(s.value) === l && !inScan.has(s)) loopOf(laneLength(g, s.value)).scatters.push(s);
    }
    for (const [length, loop] of [...loops].sort((a, b) => a[0] - b[0])) steps.push({ kind: 'loop', loop: { length, ...loop } });
    for (const id of order) {
      if (how.get(id) !== 'scan' || level.get(id) !== l + 1) continue;
      const own = scatters.filter((s) => inScan.has(s) && g.node(s.value).args[0] === id);
      steps.push({ kind: 'scan', node: id, stored: storedRanges(g, id, uses, new Set(own.map((s) => s.value))), scatters: own });
    }
  }
  const zeroed = outputs.flatMap((o, index) => (o.length === undefined ? [] : zeroFill(g, steps, index, o.length)));
  const literals = order.filter((id) => how.get(id) === 'literal');
  return { graph: g, how, steps, zeroed, scalarOutputs, tapes, tables, literals, inlined };
}

/**
 * The entries of vector output `output` to set to 0 first. When the first
 * step that writes it is a loop, its scatter with the largest start writes
 * each of its entries before any other (a scatter starting lower reaches an
 * entry in a later iteration), so it assigns them (`=`) and they need no 0.
 */
function zeroFill(g: Graph, steps: readonly LaneStep[], output: number, length: number): { output: number; from: number; to: number }[] {
  const scattersOf = (s: LaneStep) => (s.kind === 'loop' ? s.loop.scatters : s.kind === 'scan' ? s.scatters : s.kind === 'scatter' ? [s.scatter] : []);
  const first = steps.find((s) => scattersOf(s).some((x) => x.output === output));
  const mine = first === undefined || first.kind === 'scatter' ? [] : scattersOf(first).filter((x) => x.output === output);
  // a scatter with a stride leaves entries between its own: everything is set to 0 first
  if (mine.length === 0 || mine.some((x) => x.stride !== undefined)) return [{ output, from: 0, to: length }];
  // a loop from the last iteration down reaches an entry first through the scatter that starts lowest
  const backwards = first?.kind === 'scan' && g.node(first.node).attrs.scan?.reverse === true;
  const top = mine.reduce((a, b) => ((backwards ? b.start < a.start : b.start > a.start) ? b : a));
  top.assign = true;
  const end = top.start + laneLength(g, top.value);
  return [{ output, from: 0, to: top.start }, { output, from: end, to: length }].filter((r) => r.to > r.from);
}

/** The terms of a vector gradient: through its sums (add) down to pads and other vectors. */
function sumLeaves(g: Graph, id: NodeId): NodeId[] {
  const n = g.node(id);
  return n.op === 'add' && g.shapeOf(id).length === 1 ? n.args.flatMap((a) => sumLeaves(g, a)) : [id];
}

export function isReduction(g: Graph, id: NodeId): boolean {
  const n = g.node(id);
  return (n.op === 'sum' || n.op === 'sum_to' || n.op === 'mean') && n.shape.length === 0 && g.shapeOf(n.args[0]).length === 1;
}

export function laneLength(g: Graph, id: NodeId): number {
  return g.shapeOf(id)[0] as number;
}

function howOf(g: Graph, id: NodeId, dependsOnVariable: boolean): LaneHow {
  const n = g.node(id);
  if (n.op === 'const') return 'const';
  if (n.op === 'var') return 'input';
  if (n.op === 'slice' && g.node(n.args[0]).op === 'var') return 'gather';
  if (n.op === 'scan') return 'scan';
  if (n.op === 'slice' && g.node(n.args[0]).op === 'scan') return 'scanned';
  if (n.op === 'range') return 'index';
  if (n.op === 'table') return 'literal';
  if (n.op === 'broadcast_to' && g.shapeOf(n.args[0]).length === 0) return 'uniform';
  if (n.shape.length === 1 && !dependsOnVariable) return 'table';
  if (n.op === 'pad' || n.op === 'slice' || n.shape.length > 1) {
    throw new Error(`%${id}: ${n.op} of shape [${n.shape.join(', ')}] has no lane form`);
  }
  return 'local';
}

/** The ranges of a scan's value read from its tape: every slice of it but its final carries (they stay in locals). */
function storedRanges(g: Graph, scan: NodeId, uses: ReadonlyMap<NodeId, readonly NodeId[]>, scattered: ReadonlySet<NodeId>): [number, number][] {
  const carries = g.node(scan).attrs.scan?.carries ?? 0;
  return (uses.get(scan) ?? []).map((u) => g.node(u))
    .filter((n) => n.op === 'slice' && !scattered.has(n.id) && !(n.shape.length === 0 && (n.attrs.value as number) < carries))
    .map((n) => [n.attrs.value as number, (n.attrs.value as number) + (n.shape.length === 0 ? 1 : (n.shape[0] as number))]);
}

/**
 * The nodes read only by one branch of a select (directly or through other
 * such nodes): printed inside that branch, so only the side taken is computed.
 */
function branchOnly(
  g: Graph,
  order: readonly NodeId[],
  uses: ReadonlyMap<NodeId, readonly NodeId[]>,
  roots: ReadonlySet<NodeId>,
  tapes: ReadonlySet<NodeId>,
  computed: (id: NodeId) => boolean,
  stage: (id: NodeId) => number,
): Set<NodeId> {
  const inlined = new Set<NodeId>();
  for (let i = order.length - 1; i >= 0; i--) {
    const id = order[i];
    const users = uses.get(id) ?? [];
    if (!computed(id) || roots.has(id) || tapes.has(id) || users.length !== 1) continue;
    const user = g.node(users[0]);
    const inBranch = user.op.startsWith('select_') && user.args.indexOf(id) >= 2;
    const sameLoop = g.shapeOf(id).length === g.shapeOf(user.id).length && stage(id) === stage(user.id);
    if ((inBranch || inlined.has(user.id)) && sameLoop) inlined.add(id);
  }
  return inlined;
}
