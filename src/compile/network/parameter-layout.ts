import { layerKindOf } from './layers/registry.js';
import type { ParameterDeclaration } from './layers/layer-kind.js';
import type { ResolvedNetwork } from './resolved.js';

/** One parameter array of the network: what its layer declared, which layer, and its length. */
export interface ParameterSlot extends ParameterDeclaration {
  /** 1-based layer number. */
  readonly layer: number;
  /** Entries (the product of the shape). */
  readonly size: number;
}

/**
 * The network's parameter arrays in order (layer 1's, then layer 2's, …; each
 * layer's in the order its kind declares them: W1, b1, W2, b2 for dense). The
 * generated class carries it, so the trainer template never assumes a layout.
 * `first` numbers the first layer (the dense layers after R recurrent ones start at R + 1).
 */
export function parameterLayout(spec: ResolvedNetwork, first = 1): readonly ParameterSlot[] {
  const sizes = layerSizes(spec);
  return spec.layers.flatMap((layer, i) => slotsOf(layerKindOf(layer).parameters(layer, i + first, sizes[i]), i + first));
}

/** A layer's declared parameters as slots of the layout. */
export function slotsOf(declared: readonly ParameterDeclaration[], layer: number): ParameterSlot[] {
  return declared.map((p) => ({ ...p, layer, size: p.shape.reduce((n, d) => n * d, 1) }));
}

/** [inputs, units of layer 1, …, units of the output layer]. */
export function layerSizes(spec: ResolvedNetwork): readonly number[] {
  return [spec.inputs, ...spec.layers.map((l) => l.units)];
}
