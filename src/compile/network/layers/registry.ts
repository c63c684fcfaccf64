import type { LayerKindName } from '../../../dsl/network.js';
import { dense } from './dense.js';
import type { LayerKind, LayerNodesBase, ResolvedLayerBase } from './layer-kind.js';

/**
 * Every layer kind, by the `kind` of its DSL value (`satisfies`: every DSL layer has its module). Adding one: its
 * module, a line here, and its constructor in dsl/network.ts (the function users call, e.g. dense(units, activation)).
 */
export const LAYER_KINDS = { dense } satisfies Record<LayerKindName, LayerKind<ResolvedLayerBase, LayerNodesBase>>;
export const LAYER_KIND_NAMES = Object.keys(LAYER_KINDS) as readonly LayerKindName[];

type Kinds = typeof LAYER_KINDS;
/** A layer with every option resolved. */
export type ResolvedLayer = { [K in LayerKindName]: Kinds[K] extends LayerKind<infer R, LayerNodesBase> ? R : never }[LayerKindName];
/** The graph nodes of a layer. */
export type LayerNodes = { [K in LayerKindName]: Kinds[K] extends LayerKind<ResolvedLayerBase, infer N> ? N : never }[LayerKindName];

/** The module of a layer's kind, typed for that layer. */
export function layerKindOf(layer: ResolvedLayer): LayerKind<ResolvedLayer, LayerNodes> {
  return LAYER_KINDS[layer.kind] as unknown as LayerKind<ResolvedLayer, LayerNodes>;
}
