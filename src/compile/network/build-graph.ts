import { Graph, type NodeId } from '../../ir/graph.js';
import type { DenseLayer, NetworkSpec } from '../../dsl/network.js';
import type { OpName } from '../../ops/registry.js';
import { BATCH, type Dim } from '../../ir/shape.js';

/** The nodes of one dense layer: z = a_prev W^T + b, a = f(z) (then dropout). */
export interface LayerNodes {
  readonly W: NodeId;
  readonly b: NodeId;
  readonly z: NodeId;
  /** The activation (for a fused bce/cce output layer: σ(z) / softmax(z), for predictions). */
  readonly a: NodeId;
  /** The dropout mask input M (values 0 or 1/(1-p)), when the layer has dropout. */
  readonly mask?: NodeId;
  /** What the next layer consumes: a, or a ⊙ M with dropout. */
  readonly out: NodeId;
}

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
  /** Σ of per-example data losses × invN. */
  readonly dataLoss: NodeId;
  /** dataLoss + penalties: what training minimizes. */
  readonly loss: NodeId;
  /** The parameters in order W1, b1, W2, b2, … */
  readonly params: readonly NodeId[];
  readonly paramNames: readonly string[];
}

const ACTIVATION_OP: Readonly<Record<string, OpName | undefined>> = {
  sigmoid: 'sigmoid', tanh: 'tanh', relu: 'relu', softplus: 'softplus', softmax: 'softmax', linear: undefined,
};

function activate(g: Graph, layer: DenseLayer, z: NodeId): NodeId {
  if (layer.activation === 'leaky_relu') {
    return g.apply('leaky_relu', [z], { value: layer.options.alpha ?? 0.01 });
  }
  const op = ACTIVATION_OP[layer.activation];
  return op === undefined ? z : g.call(op, z);
}

/**
 * Builds the training loss of a (validated) network spec for a batch:
 *   z^l = a^{l-1} (W^l)^T + b^l,  a^l = f^l(z^l)   (rows are examples)
 *   L = (1/n) Σ_examples ℓ(a^L, y) + λ₂/2 Σ ||W||² + λ₁ Σ |W|
 * with ℓ = ½ Σ_k (a_k − y_k)² (mse), Σ_k |a_k − y_k| (mae), and bce / cce
 * computed from the logits z^L (fused with σ / softmax, stable for any z).
 */
export function buildNetworkGraph(spec: NetworkSpec, batch: Dim = BATCH): NetworkGraph {
  const g = new Graph();
  const sizes = [spec.inputs, ...spec.layers.map((l) => l.units)];
  const X = g.variable('X', [batch, spec.inputs]);
  const Y = g.variable('Y', [batch, sizes[sizes.length - 1]]);
  const invN = g.variable('invN');
  const layers: LayerNodes[] = [];
  const params: NodeId[] = [];
  const paramNames: string[] = [];
  let input = X;
  spec.layers.forEach((layer, i) => {
    const l = i + 1;
    const W = g.variable(`W${l}`, [layer.units, sizes[i]]);
    const b = g.variable(`b${l}`, [layer.units]);
    const z = g.add(g.apply('matmul_nt', [input, W]), b);
    const a = activate(g, layer, z);
    const rate = layer.options.dropout ?? 0;
    const mask = rate > 0 ? g.variable(`M${l}`, [batch, layer.units]) : undefined;
    const out = mask === undefined ? a : g.mul(a, mask);
    layers.push({ W, b, z, a, mask, out });
    params.push(W, b);
    paramNames.push(`W${l}`, `b${l}`);
    input = out;
  });
  const last = layers[layers.length - 1];
  const perExample = exampleLoss(g, spec, last, Y);
  const dataLoss = g.mul(g.apply('sum', [perExample]), invN);
  const loss = addPenalties(g, spec, layers, dataLoss);
  return { graph: g, batch, X, Y, invN, layers, dataLoss, loss, params, paramNames };
}

function exampleLoss(g: Graph, spec: NetworkSpec, last: LayerNodes, Y: NodeId): NodeId {
  switch (spec.loss) {
    case 'mse': {
      const e = g.sub(last.out, Y);
      return g.mul(g.constant(0.5), g.mul(e, e)); // ½ (a − y)²
    }
    case 'mae':
      return g.call('abs', g.sub(last.out, Y)); // |a − y|
    case 'bce':
      return g.apply('bce_logits', [last.z, Y]); // −y ln σ(z) − (1 − y) ln(1 − σ(z))
    case 'cce':
      return g.apply('softmax_ce', [last.z, Y]); // −Σ_k y_k ln softmax(z)_k
  }
}

function addPenalties(g: Graph, spec: NetworkSpec, layers: readonly LayerNodes[], dataLoss: NodeId): NodeId {
  const { l1 = 0, l2 = 0 } = spec.regularization ?? {};
  let loss = dataLoss;
  for (const { W } of layers) {
    if (l2 > 0) loss = g.add(loss, g.mul(g.constant(l2 / 2), g.apply('sum', [g.mul(W, W)]))); // λ₂/2 ||W||²
    if (l1 > 0) loss = g.add(loss, g.mul(g.constant(l1), g.apply('sum', [g.call('abs', W)]))); // λ₁ Σ|W|
  }
  return loss;
}
