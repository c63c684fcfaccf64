import { adam, adamw } from './adam.js';
import type { CommonOptimizerOptions, OptimizerModule } from './optimizer.js';
import { rmsprop } from './rmsprop.js';
import { sgd } from './sgd.js';

/** Every optimizer, by the `kind` a spec names it with. Adding one: its module, and a line here. */
export const OPTIMIZERS = { sgd, rmsprop, adam, adamw } as const;

export type OptimizerName = keyof typeof OPTIMIZERS;
export const OPTIMIZER_NAMES = Object.keys(OPTIMIZERS) as readonly OptimizerName[];

/** An optimizer's own options (e.g. momentum, nesterov for sgd). */
export type OptionsOf<K extends OptimizerName> = (typeof OPTIMIZERS)[K] extends OptimizerModule<infer O> ? O : never;

/** An optimizer as the user writes it: kind and lr, everything else optional. */
export type OptimizerInput = {
  readonly [K in OptimizerName]: { readonly kind: K; readonly lr: number; readonly batchSize?: number | 'full' } & Partial<OptionsOf<K>>;
}[OptimizerName];

/** An optimizer with every option resolved. */
export type ResolvedOptimizer = {
  readonly [K in OptimizerName]: { readonly kind: K } & CommonOptimizerOptions & OptionsOf<K>;
}[OptimizerName];

/** The module of a resolved optimizer, with its options bound: its update rule. */
export function updateRuleOf(o: ResolvedOptimizer) {
  return (OPTIMIZERS[o.kind] as OptimizerModule<OptionsOf<typeof o.kind>>).rule(o as never);
}
