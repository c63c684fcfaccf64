import type { FeedforwardKindName, RecurrentKindName } from '../../../dsl/network.js';
import { dense } from './dense.js';
import { gru } from './gru.js';
import type { LayerKind, LayerNodesBase, ResolvedLayerBase } from './layer-kind.js';
import { lstm } from './lstm.js';
import type { RecurrentKind, ResolvedRecurrentBase } from './recurrent-kind.js';
import { rnn } from './rnn.js';

/**
 * Every layer kind, by the `kind` of its DSL value (`satisfies`: every DSL layer has its module). Adding one: its
 * module, a line here (feedforward or recurrent), and its constructor in dsl/network.ts (the function users call,
 * e.g. dense(units, activation)).
 */
export const LAYER_KINDS = { dense } satisfies Record<FeedforwardKindName, LayerKind<ResolvedLayerBase, LayerNodesBase>>;
export const RECURRENT_KINDS = { rnn, lstm, gru } satisfies Record<RecurrentKindName, RecurrentKind<ResolvedRecurrentBase>>;
export const LAYER_KIND_NAMES = Object.keys(LAYER_KINDS) as readonly FeedforwardKindName[];
export const RECURRENT_KIND_NAMES = Object.keys(RECURRENT_KINDS) as readonly RecurrentKindName[];

type Kinds = typeof LAYER_KINDS;
/** A feedforward layer with every option resolved. */
export type ResolvedLayer = { [K in FeedforwardKindName]: Kinds[K] extends LayerKind<infer R, LayerNodesBase> ? R : never }[FeedforwardKindName];
/** The graph nodes of a feedforward layer. */
export type LayerNodes = { [K in FeedforwardKindName]: Kinds[K] extends LayerKind<ResolvedLayerBase, infer N> ? N : never }[FeedforwardKindName];
/** A recurrent layer with every option resolved. */
export type ResolvedRecurrentLayer = {
  [K in RecurrentKindName]: (typeof RECURRENT_KINDS)[K] extends RecurrentKind<infer R> ? R : never;
}[RecurrentKindName];

/** The module of a recurrent layer's kind, typed for that layer. */
export function recurrentKindOf(layer: ResolvedRecurrentLayer): RecurrentKind<ResolvedRecurrentLayer> {
  return RECURRENT_KINDS[layer.kind] as unknown as RecurrentKind<ResolvedRecurrentLayer>;
}

/** The module of a layer's kind, typed for that layer. */
export function layerKindOf(layer: ResolvedLayer): LayerKind<ResolvedLayer, LayerNodes> {
  return LAYER_KINDS[layer.kind] as unknown as LayerKind<ResolvedLayer, LayerNodes>;
}
