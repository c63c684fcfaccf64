import type { Scalar } from '../optimizers/rule.js';

/**
 * One learning-rate schedule: its options (all required) and η_e, the learning
 * rate of epoch e (counted from 0), as an expression of η₀ and e that the
 * generated baseLearningRate(), the notes and the worked numbers all read.
 */
export interface ScheduleModule<Options extends Readonly<Record<string, number>>> {
  readonly options: { readonly [K in keyof Options]: ScheduleOption };
  /** Keys that belong to another schedule kind: the hint to give. */
  readonly misplaced?: Readonly<Record<string, string>>;
  /** Other names for this kind's keys (normalized spelling → key). */
  readonly aliases?: Readonly<Record<string, string>>;
  /** How the notes say it: 'The learning rate decays in steps'. */
  readonly description: string;
  /** The comment above the rate in generated code ('' for none). */
  readonly comment: string;
  rate(options: Options): Scalar;
}

export interface ScheduleOption {
  /** A positive integer (a number of epochs) or a factor in (0, 1]. */
  readonly range: 'positiveInteger' | 'halfOpenUnit';
  /** Hint when it is missing: 'add every: …'. */
  readonly missing: string;
  readonly hint: string;
}
