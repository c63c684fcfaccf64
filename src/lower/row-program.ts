import type { Graph, IrNode, NodeId } from '../ir/graph.js';
import { nodesNeeded } from '../ir/order.js';
import { sizeOf } from '../ir/shape.js';
import { isElementwise } from './fusion.js';
import { BatchLayout } from './layout.js';

/**
 * When a node of a row program is computed:
 * - `before`: once, before the loop over the rows (parameters, constants, what depends only on them);
 * - `row`: per example row, in the loop (the row's activations, errors, …);
 * - `accumulate`: a sum over the rows, added to in the loop (∂L/∂W = Σ_rows δᵀ a, Σ_rows ℓ);
 * - `after`: once, after the loop, from the sums (the mean loss, gradients with penalty terms).
 */
export type RowPhase = 'before' | 'row' | 'accumulate' | 'after';

/** A graph as one pass over the example rows, every tensor a set of scalars. */
export interface RowProgram {
  readonly graph: Graph;
  /** The nodes the roots need, in a topological order. */
  readonly order: readonly NodeId[];
  readonly phase: ReadonlyMap<NodeId, RowPhase>;
  readonly layout: BatchLayout;
  /** Scalars the program names: every element of every node per row, plus those computed once. */
  readonly scalars: number;
}

/** Ops a row may compute besides the element-wise ones: each reads its own row only. */
const ROW_OPS = new Set(['matmul', 'matmul_nt', 'sum_to', 'reshape', 'softmax', 'softmax_ce']);
/** Ops that sum over the rows. */
const ACCUMULATE_OPS = new Set(['sum', 'mean', 'sum_to', 'matmul_tn']);

/**
 * Lowers a batched graph to one pass over its rows — straight-line code per
 * row, sums over the rows in accumulators — or says why it cannot: every
 * batched node must be computable from its own row (no row may need a sum
 * over all rows, which would take a second pass), and every size but the
 * batch must be a number. Only the batch n is symbolic, so the per-row code
 * has constant sizes and needs no loop but the one over the rows.
 */
export function lowerRowProgram(g: Graph, roots: readonly NodeId[]): RowProgram | { readonly reason: string } {
  const order = nodesNeeded(g, roots);
  const layout = new BatchLayout(g);
  const phase = new Map<NodeId, RowPhase>();
  let scalars = 0;
  for (const id of order) {
    const n = g.node(id);
    const shape = g.shapeOf(id);
    const batched = layout.isBatched(id);
    const rest = batched ? shape.slice(1) : shape;
    if (rest.some((d) => typeof d !== 'number')) return { reason: `%${id} has a symbolic size besides the batch` };
    scalars += sizeOf(rest);
    const argPhases = n.args.map((a) => phase.get(a) as RowPhase);
    const p = phaseOf(n, batched, argPhases, n.args.map((a) => layout.isBatched(a)));
    if (typeof p !== 'string') return { reason: `%${id} = ${n.op}: ${p.reason}` };
    phase.set(id, p);
  }
  return { graph: g, order, phase, layout, scalars };
}

function phaseOf(n: IrNode, batched: boolean, args: readonly RowPhase[], argBatched: readonly boolean[]): RowPhase | { reason: string } {
  if (n.op === 'const') return 'before';
  if (n.op === 'var') return batched ? 'row' : 'before';
  const late = args.some((p) => p === 'accumulate' || p === 'after');
  if (batched) {
    if (late) return { reason: 'a row needs a sum over all rows (two passes)' };
    if (!isElementwise(n) && !ROW_OPS.has(n.op)) return { reason: 'not computable row by row' };
    if ((n.op === 'matmul' || n.op === 'matmul_nt') && argBatched[1]) return { reason: 'a product of two batched operands' };
    return 'row';
  }
  if (argBatched.some((b) => b)) {
    if (!ACCUMULATE_OPS.has(n.op) || late) return { reason: 'an unbatched result of batched operands that is not a sum over the rows' };
    if (n.op === 'matmul_tn' && !(argBatched[0] && argBatched[1])) return { reason: 'a sum over the rows of a batched and an unbatched operand' };
    return 'accumulate';
  }
  return late ? 'after' : 'before';
}
