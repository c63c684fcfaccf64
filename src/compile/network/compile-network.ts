import { differentiate, type Differentiated } from '../../passes/differentiate.js';
import { buildNetworkGraph, type NetworkGraph } from './build-graph.js';
import { parameterLayout, type ParameterSlot } from './parameter-layout.js';
import type { ResolvedNetwork } from './resolved.js';
import { updateRuleOf } from './optimizers/registry.js';
import type { UpdateRule } from './optimizers/rule.js';
import { learningRateExpression } from './schedules/registry.js';
import type { Scalar } from './optimizers/rule.js';
import {
  type ActivationDerivative, type OutputError, type PenaltyGradients, activationDerivative, outputError, penaltyGradients,
} from './local-derivatives.js';
import { type WorkedValues, workedValues } from './worked-values.js';

/** The local derivatives the notes print, derived from the op records (see local-derivatives.ts). */
export interface NetworkDerivatives {
  /** f′ of each layer's activation (index l−1); undefined for softmax. */
  readonly activations: readonly (ActivationDerivative | undefined)[];
  /** δ^L and ∂ℓ/∂a^L of the output layer and the loss. */
  readonly outputError: OutputError;
  /** The penalties' terms of a weight's gradient; undefined without penalties. */
  readonly penalties: PenaltyGradients | undefined;
}

/** A network after the middle end: what both backends print. */
export interface CompiledNetwork {
  readonly name: string;
  readonly spec: ResolvedNetwork;
  /** The parameter arrays, in order, with their layer, shape and role. */
  readonly layout: readonly ParameterSlot[];
  /** The optimizer's update, hyper-parameters bound: printed as step() and as the notes' formulas. */
  readonly update: UpdateRule;
  /** η_e as an expression of η₀ and the epoch e. */
  readonly learningRate: Scalar;
  /** Training graph (with dropout masks) and its reverse sweep wrt the trained parameters (train.trained: W1, b1, W2, b2, … less the frozen). */
  readonly train: NetworkGraph;
  readonly gradient: Differentiated;
  /** The same network without dropout: predictions and evaluation. */
  readonly inference: NetworkGraph;
  readonly derivatives: NetworkDerivatives;
  /** Every number of one training step on the spec's worked example (when it gives one). */
  readonly worked?: WorkedValues;
}

export function compileNetwork(name: string, spec: ResolvedNetwork): CompiledNetwork {
  // Built for the symbolic batch n: the generated code runs any number of rows.
  const train = buildNetworkGraph(spec);
  const gradient = differentiate(train.graph, train.loss, train.trained);
  const compiled: CompiledNetwork = {
    name,
    spec,
    layout: parameterLayout(spec),
    update: updateRuleOf(spec.optimizer),
    learningRate: learningRateExpression(spec.schedule),
    train,
    gradient,
    inference: buildNetworkGraph(withoutDropout(spec)),
    derivatives: {
      activations: spec.layers.map(activationDerivative),
      outputError: outputError(spec),
      penalties: penaltyGradients(spec),
    },
  };
  // The worked example's numbers come from these very graphs (and the optimizer rule above).
  return { ...compiled, worked: workedValues(compiled) };
}

/** The spec as used for prediction and evaluation: every dropout rate 0. */
export function withoutDropout(spec: ResolvedNetwork): ResolvedNetwork {
  return { ...spec, layers: spec.layers.map((l) => ({ ...l, options: { ...l.options, dropout: 0 } })) };
}
