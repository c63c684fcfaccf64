import type { NetworkSpec } from '../../dsl/network.js';
import { differentiate, type Differentiated } from '../../passes/differentiate.js';
import { buildNetworkGraph, type NetworkGraph } from './build-graph.js';

/** A network after the middle end: what both backends print. */
export interface CompiledNetwork {
  readonly name: string;
  readonly spec: NetworkSpec;
  /** Training graph (with dropout masks) and its reverse sweep wrt W1, b1, W2, b2, … */
  readonly train: NetworkGraph;
  readonly gradient: Differentiated;
  /** The same network without dropout: predictions and evaluation. */
  readonly inference: NetworkGraph;
}

export function compileNetwork(name: string, spec: NetworkSpec): CompiledNetwork {
  // Built for the symbolic batch n: the generated code runs any number of rows.
  const train = buildNetworkGraph(spec);
  const gradient = differentiate(train.graph, train.loss, train.params);
  return { name, spec, train, gradient, inference: buildNetworkGraph(withoutDropout(spec)) };
}

/** The spec as used for prediction and evaluation: every dropout rate 0. */
export function withoutDropout(spec: NetworkSpec): NetworkSpec {
  return { ...spec, layers: spec.layers.map((l) => ({ ...l, options: { ...l.options, dropout: 0 } })) };
}
