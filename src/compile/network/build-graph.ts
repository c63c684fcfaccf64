import { Graph, type NodeId } from '../../ir/graph.js';
import { BATCH, type Dim } from '../../ir/shape.js';
import type { LayerNodesBase } from './layers/layer-kind.js';
import { layerKindOf, type LayerNodes } from './layers/registry.js';
import { layerSizes, parameterLayout, type ParameterSlot } from './parameter-layout.js';
import type { ResolvedNetwork } from './resolved.js';

/** A network as IR: one batch of `batch` examples through every layer to the loss. */
export interface NetworkGraph {
  readonly graph: Graph;
  /** The number of example rows: the symbolic batch n, or a fixed count (one row for a worked example). */
  readonly batch: Dim;
  /** Inputs X[batch, inputs] and targets Y[batch, outputs]. */
  readonly X: NodeId;
  readonly Y: NodeId;
  /** 1 / (number of examples in the batch): a runtime scalar, so a short last batch is exact. */
  readonly invN: NodeId;
  readonly layers: readonly LayerNodes[];
  /** The loss terms of each example: per output (n × outputs), or per example for cce (n). */
  readonly lossTerms: NodeId;
  /** Σ of the loss terms, × invN for the mean over the batch (the loss convention's reduction). */
  readonly dataLoss: NodeId;
  /** dataLoss + penalties: what training minimizes. */
  readonly loss: NodeId;
  /** The parameters in layout order (W1, b1, W2, b2, … for dense layers). */
  readonly params: readonly NodeId[];
  /** The parameters training updates (layout order, frozen ones left out): what the loss is differentiated with respect to. */
  readonly trained: readonly NodeId[];
  readonly paramNames: readonly string[];
  /** What each parameter is (same order as params). */
  readonly layout: readonly ParameterSlot[];
}

/**
 * Builds the training loss of a resolved network spec for a batch (its layers
 * numbered from `first`: 1, or R + 1 for the dense head after R recurrent layers): each layer
 * kind builds its piece (dense: z^l = a^{l-1} (W^l)^T + b^l, a^l = f^l(z^l),
 * rows are examples), then
 *   L = (1/n) Σ_examples ℓ(a^L, y) + λ₂/2 Σ ||W||² + λ₁ Σ |W|   (weights only)
 * with ℓ = ½ Σ_k (a_k − y_k)² (mse), Σ_k |a_k − y_k| (mae), and bce / cce
 * computed from the logits z^L (fused with σ / softmax, stable for any z).
 */
export function buildNetworkGraph(spec: ResolvedNetwork, batch: Dim = BATCH, first = 1): NetworkGraph {
  const g = new Graph();
  const sizes = layerSizes(spec);
  const layout = parameterLayout(spec, first);
  const X = g.variable('X', [batch, spec.inputs]);
  const Y = g.variable('Y', [batch, sizes[sizes.length - 1]]);
  const invN = g.variable('invN');
  const params: NodeId[] = [];
  const layers: LayerNodes[] = [];
  let input = X;
  spec.layers.forEach((layer, i) => {
    const l = i + first;
    // each layer's parameters just before its nodes (node ids, hence generated names, follow this order)
    const own = layout.filter((p) => p.layer === l).map((p) => g.variable(p.name, p.shape));
    params.push(...own);
    const nodes = layerKindOf(layer).build(g, layer, { l, input, params: own, batch });
    layers.push(nodes);
    input = nodes.out;
  });
  const last = layers[layers.length - 1];
  const perExample = exampleLoss(g, spec, last, Y);
  const total = g.apply('sum', [perExample]);
  const dataLoss = spec.lossConvention.reduction === 'mean' ? g.mul(total, invN) : total; // (1/n) Σ or Σ over the examples
  const weights = params.filter((_id, k) => layout[k].role === 'weight' && layout[k].frozen !== true);
  const loss = addPenalties(g, spec, weights, dataLoss);
  const trained = params.filter((_id, k) => layout[k].frozen !== true);
  return { graph: g, batch, X, Y, invN, layers, lossTerms: perExample, dataLoss, loss, params, trained, paramNames: layout.map((p) => p.name), layout };
}

/** The loss of each example (per output, or per row for cce) from the output layer's z and output. */
export function exampleLoss(g: Graph, spec: Pick<ResolvedNetwork, 'loss' | 'lossConvention'>, last: Pick<LayerNodesBase, 'z' | 'out'>, Y: NodeId): NodeId {
  switch (spec.loss) {
    case 'mse': {
      const e = g.sub(last.out, Y);
      return spec.lossConvention.half ? g.mul(g.constant(0.5), g.mul(e, e)) : g.mul(e, e); // ½ (a − y)², or (a − y)²
    }
    case 'mae':
      return g.call('abs', g.sub(last.out, Y)); // |a − y|
    case 'bce':
      return g.apply('bce_logits', [last.z, Y]); // −y ln σ(z) − (1 − y) ln(1 − σ(z))
    case 'cce':
      return g.apply('softmax_ce', [last.z, Y]); // −Σ_k y_k ln softmax(z)_k
  }
}

function addPenalties(g: Graph, spec: ResolvedNetwork, weights: readonly NodeId[], dataLoss: NodeId): NodeId {
  const { l1, l2 } = spec.regularization;
  let loss = dataLoss;
  for (const W of weights) {
    if (l2 > 0) loss = g.add(loss, weightPenalty(g, 'l2', l2, W));
    if (l1 > 0) loss = g.add(loss, weightPenalty(g, 'l1', l1, W));
  }
  return loss;
}

/** One penalty on a weight array W: λ₂/2 ||W||² (l2) or λ₁ Σ|W| (l1). */
export function weightPenalty(g: Graph, kind: 'l1' | 'l2', lambda: number, W: NodeId): NodeId {
  return kind === 'l2'
    ? g.mul(g.constant(lambda / 2), g.apply('sum', [g.mul(W, W)])) // λ₂/2 ||W||²
    : g.mul(g.constant(lambda), g.apply('sum', [g.call('abs', W)])); // λ₁ Σ|W|
}
