import { differentiate, type Differentiated } from '../../passes/differentiate.js';
import { buildNetworkGraph, type NetworkGraph } from './build-graph.js';
import { parameterLayout, type ParameterSlot } from './parameter-layout.js';
import type { ResolvedNetwork } from './resolved.js';
import { updateRuleOf } from './optimizers/registry.js';
import type { UpdateRule } from './optimizers/rule.js';
import { learningRateExpression } from './schedules/registry.js';
import type { Scalar } from './optimizers/rule.js';

/**
 * The batch size the IR is built for: shapes need a number, and the generated
 * code runs any n rows. It differs from every layer size (and from 1), so the
 * code generator can tell the batch axis from the others by its length.
 */
export function nominalBatch(spec: ResolvedNetwork): number {
  const sizes = new Set([spec.inputs, ...spec.layers.map((l) => l.units)]);
  let batch = 2;
  while (sizes.has(batch)) batch++;
  return batch;
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
  /** Training graph (with dropout masks) and its reverse sweep wrt W1, b1, W2, b2, … */
  readonly train: NetworkGraph;
  readonly gradient: Differentiated;
  /** The same network without dropout: predictions and evaluation. */
  readonly inference: NetworkGraph;
}

export function compileNetwork(name: string, spec: ResolvedNetwork): CompiledNetwork {
  const batch = nominalBatch(spec);
  const train = buildNetworkGraph(spec, batch);
  const gradient = differentiate(train.graph, train.loss, train.params);
  return {
    name,
    spec,
    layout: parameterLayout(spec),
    update: updateRuleOf(spec.optimizer),
    learningRate: learningRateExpression(spec.schedule),
    train,
    gradient,
    inference: buildNetworkGraph(withoutDropout(spec), batch),
  };
}

/** The spec as used for prediction and evaluation: every dropout rate 0. */
export function withoutDropout(spec: ResolvedNetwork): ResolvedNetwork {
  return { ...spec, layers: spec.layers.map((l) => ({ ...l, options: { ...l.options, dropout: 0 } })) };
}
