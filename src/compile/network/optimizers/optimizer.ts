import type { UpdateRule } from './rule.js';

/**
 * What one optimizer module declares: its options (with defaults, ranges and
 * hints, for validation and for resolving the spec) and its update rule with
 * the options bound. Everything else — the generated step(), the notes'
 * formulas, the worked numbers — is derived from the rule.
 */
export interface OptimizerModule<Options extends OptionValues> {
  readonly options: { readonly [K in keyof Options]: OptionDeclaration<Options[K]> };
  /** A check across options (Nesterov needs momentum > 0): the key to report at, message and hint. */
  readonly check?: (options: Options) => { readonly key: keyof Options & string; readonly message: string; readonly hint: string } | undefined;
  rule(options: Options): UpdateRule;
}

export type OptionValues = Readonly<Record<string, number | boolean>>;

/** [0, 1) (decay rates), > 0 (ε), ≥ 0 (decays that 0 turns off). */
export type NumberRange = 'unit' | 'positive' | 'nonNegative';

export type OptionDeclaration<T> = T extends boolean
  ? { readonly type: 'boolean'; readonly default: boolean; readonly hint: string }
  : { readonly type: 'number'; readonly default: number; readonly range: NumberRange; readonly hint: string };

/** The options every optimizer takes besides its own (η and the batch size). */
export interface CommonOptimizerOptions {
  /** Learning rate η. */
  readonly lr: number;
  /** Examples per step: 1 is plain SGD, 'full' is full-batch gradient descent. */
  readonly batchSize: number | 'full';
}

/** The default batch size when the spec gives none. */
export const DEFAULT_BATCH_SIZE = 32;
