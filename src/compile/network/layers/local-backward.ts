import { Graph, type NodeId } from '../../../ir/graph.js';
import { differentiate } from '../../../passes/differentiate.js';
import { simplify } from '../../../passes/simplify.js';
import type { LayerKind, LayerNodesBase, ResolvedLayerBase } from './layer-kind.js';

/**
 * A layer's forward and backward pass for one example, derived: the layer built by its own
 * kind on one input row, then differentiated by the same reverse sweep as the
 * network (each op's vjp rule), for an arbitrary error δ = ∂ℓ/∂z arriving at
 * its pre-activation. The notes print these nodes (vector form) and expand
 * them entry by entry (./entry-terms.ts): nothing about a layer's backward
 * pass is written by hand.
 */
export interface LocalBackward {
  readonly graph: Graph;
  /** The layer's input row a^{l-1} (1 × fanIn). */
  readonly input: NodeId;
  /** The error δ^l = ∂ℓ/∂z^l as a row (1 × units): a variable, the seed of the sweep. */
  readonly error: NodeId;
  /** The pre-activation z^l (1 × units) from the input and the parameters: the forward substitution lines expand it. */
  readonly preActivation: NodeId;
  /** The parameter arrays (the kind's declaration order), as variables of `graph`. */
  readonly params: readonly { readonly name: string; readonly node: NodeId }[];
  /** ∂ℓ/∂a^{l-1} = what the layer passes back to the previous one, in terms of δ^l and the parameters. */
  readonly inputError: NodeId | undefined;
  /** ∂ℓ/∂θ for each parameter array (same order), in terms of δ^l and the input. */
  readonly gradients: readonly (NodeId | undefined)[];
}

/**
 * Builds layer `l` of kind `kind` for one example and differentiates
 * Σ (z ⊙ δ) — whose gradient with respect to z is δ — with respect to the
 * input and the parameters, then simplifies.
 */
export function localBackward<R extends ResolvedLayerBase, N extends LayerNodesBase>(
  kind: LayerKind<R, N>, layer: R, l: number, fanIn: number,
): LocalBackward {
  const g = new Graph();
  const input = g.variable('A', [1, fanIn]);
  const declared = kind.parameters(layer, l, fanIn);
  const params = declared.map((p) => g.variable(p.name, p.shape));
  const nodes = kind.build(g, layer, { l, input, params, batch: 1 });
  const error = g.variable('D', g.shapeOf(nodes.z));
  const surrogate = g.apply('sum', [g.mul(nodes.z, error)]); // ∂/∂z Σ z ⊙ δ = δ
  const d = differentiate(g, surrogate, [input, ...params]);
  const { graph, map } = simplify(d.graph);
  const mapped = (id: NodeId) => (graph.isConstant(map[id], 0) ? undefined : map[id]);
  const [inputError, ...gradients] = d.gradient.map(mapped);
  return {
    graph,
    input: map[input],
    error: map[error],
    preActivation: map[nodes.z],
    params: declared.map((p, k) => ({ name: p.name, node: map[params[k]] })),
    inputError,
    gradients,
  };
}
