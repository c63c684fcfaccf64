import type { NetworkSpec } from '../../dsl/network.js';
import { differentiate, type Differentiated } from '../../passes/differentiate.js';
import { buildNetworkGraph, type NetworkGraph } from './build-graph.js';

/** The batch size the IR is built for: shapes need a number; the generated code runs any n rows. */
export const NOMINAL_BATCH = 4;

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
  const train = buildNetworkGraph(spec, NOMINAL_BATCH);
  const gradient = differentiate(train.graph, train.loss, train.params);
  const withoutDropout: NetworkSpec = {
    ...spec,
    layers: spec.layers.map((l) => ({ ...l, options: { ...l.options, dropout: 0 } })),
  };
  return { name, spec, train, gradient, inference: buildNetworkGraph(withoutDropout, NOMINAL_BATCH) };
}
