import { Graph, type NodeId } from '../../ir/graph.js';
import type { Shape } from '../../ir/shape.js';
import { differentiate } from '../../passes/differentiate.js';
import { simplify } from '../../passes/simplify.js';
import { exampleLoss, weightPenalty } from './build-graph.js';
import { activate } from './layers/dense.js';
import type { ResolvedLayer } from './layers/registry.js';
import type { ResolvedNetwork } from './resolved.js';

/**
 * The local derivatives the network notes print, derived rather than written
 * by hand: each is built in a small graph with the same builder functions as
 * the network's graph, differentiated by the same reverse sweep (so each op's
 * own vjp rule supplies the derivative) and simplified. The notes name the
 * leaves (z, a, y) and print the rest with the ops' print forms.
 */

/** f′(z) of a layer's activation, as a node of `graph`. */
export interface ActivationDerivative {
  readonly graph: Graph;
  /** The argument z (a scalar variable). */
  readonly z: NodeId;
  /** The activation a = f(z) (z itself for a linear layer). */
  readonly a: NodeId;
  /** df/dz, simplified: in terms of z and a. */
  readonly derivative: NodeId;
  /** The derivative contains the unit step H (ReLU, leaky ReLU): its value at the kink is a convention. */
  readonly usesStep: boolean;
}

/** δ^L = ∂ℓ/∂z^L of the output layer and loss of one example, as nodes of `graph`. */
export interface OutputError {
  readonly graph: Graph;
  /** The logits z (a scalar, or a vector for a softmax output), the output a = f(z), the target y. */
  readonly z: NodeId;
  readonly a: NodeId;
  readonly y: NodeId;
  /** ∂ℓ/∂z, simplified; undefined for a softmax output under mse / mae (a Jacobian, not entrywise). */
  readonly delta?: NodeId;
  /** ∂ℓ/∂a where the loss is computed from a (mse, mae); undefined for the fused losses, computed from z. */
  readonly lossGradient?: NodeId;
}

/**
 * f′ of an element-wise activation: f applied to a scalar variable z,
 * differentiated. Undefined for softmax, which is not element-wise (its
 * derivative is a Jacobian).
 */
export function activationDerivative(layer: ResolvedLayer): ActivationDerivative | undefined {
  if (layer.activation === 'softmax') return undefined;
  const g = new Graph();
  const z = g.variable('z');
  const a = activate(g, layer, z);
  const d = differentiate(g, a, [z]);
  const { graph, map } = simplify(d.graph);
  const root = map[d.gradient[0]];
  return { graph, z: map[z], a: map[a], derivative: root, usesStep: reaches(graph, root, 'step') };
}

/**
 * δ^L for the spec's output layer and loss: the loss of one example built
 * from logits z and target y by the network's own builders, differentiated
 * with respect to z (and a). The logits are a scalar (one output unit stands
 * for each, every op being element-wise) or, for a softmax output, a vector
 * of the layer's size. A softmax output under mse / mae has no entrywise δ
 * (it is the softmax Jacobian applied to ∂ℓ/∂a): there only ∂ℓ/∂a is
 * derived, with the output a taken as given.
 */
export function outputError(spec: ResolvedNetwork): OutputError {
  const layer = spec.layers[spec.layers.length - 1];
  const jacobian = layer.activation === 'softmax' && spec.loss !== 'cce';
  const shape: Shape = layer.activation === 'softmax' && !jacobian ? [layer.units] : [];
  const g = new Graph();
  const z = g.variable('z', shape);
  const y = g.variable('y', shape);
  const a = jacobian ? g.variable('a', shape) : activate(g, layer, z);
  const loss = g.apply('sum', [exampleLoss(g, spec, { z, out: a }, y)]);
  const d = differentiate(g, loss, jacobian ? [a] : [z]);
  const { graph, map } = simplify(d.graph);
  const adjointOfA = d.adjoints.get(a); // undefined when the loss is computed from z
  return {
    graph,
    z: map[z],
    a: map[a],
    y: map[y],
    delta: jacobian ? undefined : map[d.gradient[0]],
    lossGradient: adjointOfA === undefined ? undefined : map[adjointOfA],
  };
}

/** The gradient of each weight penalty with respect to one weight w, as nodes of `graph`. */
export interface PenaltyGradients {
  readonly graph: Graph;
  /** The weight (a scalar variable: the penalties are sums over the entries). */
  readonly w: NodeId;
  /** ∂/∂w of λ₂/2 ||W||² then of λ₁ Σ|W|, for the penalties the spec has. */
  readonly terms: readonly NodeId[];
}

/**
 * The penalties' contributions to a weight's gradient (λ₂ w, λ₁ sgn w),
 * derived: each penalty of the spec built by the network's own builder on a
 * scalar weight and differentiated. Undefined without penalties.
 */
export function penaltyGradients(spec: ResolvedNetwork): PenaltyGradients | undefined {
  const { l1, l2 } = spec.regularization;
  const kinds = [...(l2 > 0 ? [['l2', l2] as const] : []), ...(l1 > 0 ? [['l1', l1] as const] : [])];
  if (kinds.length === 0) return undefined;
  let g = new Graph();
  const w = g.variable('W');
  const gradients: NodeId[] = [];
  for (const [kind, lambda] of kinds) {
    const d = differentiate(g, weightPenalty(g, kind, lambda, w), [w]);
    g = d.graph;
    gradients.push(d.gradient[0]);
  }
  const { graph, map } = simplify(g);
  return { graph, w: map[w], terms: gradients.map((id) => map[id]) };
}

/** `root` depends on a node applying `op`. */
function reaches(g: Graph, root: NodeId, op: string): boolean {
  const seen = new Set<NodeId>();
  const stack = [root];
  while (stack.length > 0) {
    const id = stack.pop() as NodeId;
    if (seen.has(id)) continue;
    seen.add(id);
    const n = g.node(id);
    if (n.op === op) return true;
    stack.push(...n.args);
  }
  return false;
}
