import type { Graph, NodeId } from '../ir/graph.js';
import { nodesNeeded } from '../ir/order.js';
import { SCALAR_OPS } from '../ops/registry.js';
import type { CompiledExpression } from './expression.js';

/** A function's gradient as sums over its loop's iterations (the graph the generated E_grad prints as a loop). */
export interface LoopSums {
  readonly graph: Graph;
  /** ∂E/∂x_i for each (number) parameter, in order: scalar nodes, sums over lanes of one iteration's terms. */
  readonly gradient: readonly NodeId[];
}

const PER_ITERATION: ReadonlySet<string> = new Set(SCALAR_OPS);

/**
 * The gradient of a function whose loop is kept as a loop, written over the
 * loop's iterations k — ∂E/∂θ = Σ_k (the term of iteration k) — when that is
 * what its looped gradient is: every parameter a number, and every node the
 * gradient needs a number, a lane of one value per iteration computed from
 * that iteration's values alone (an element-wise op, the index k itself: a
 * range, an array's element T_k: a table, a number copied to every iteration: broadcast_to), or a sum over
 * the iterations (sum_to, sum). Undefined otherwise (a vector parameter's
 * entries, slices reading the next iteration's element): the notes then
 * write the unrolled gradient.
 */
export function loopSums(e: CompiledExpression): LoopSums | undefined {
  const looped = e.looped?.gradient;
  if (looped === undefined || (e.origin?.parameters ?? []).some((p) => p.length !== undefined)) return undefined;
  const g = looped.graph;
  const scalar = (id: NodeId) => g.shapeOf(id).length === 0;
  const lane = (id: NodeId) => g.shapeOf(id).length === 1;
  const fits = nodesNeeded(g, looped.gradient).every((id) => {
    const n = g.node(id);
    if (n.op === 'var' || n.op === 'const') return scalar(id);
    if (n.op === 'range' || n.op === 'table') return lane(id) && n.attrs.stride === undefined;
    if (n.op === 'broadcast_to') return lane(id) && scalar(n.args[0]);
    if (n.op === 'sum_to' || n.op === 'sum') return scalar(id) && lane(n.args[0]);
    return PER_ITERATION.has(n.op) && (scalar(id) || lane(id));
  });
  return fits && looped.gradient.every(scalar) ? { graph: g, gradient: looped.gradient } : undefined;
}
