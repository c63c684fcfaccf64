import type { Init, Loss, LossReduction, Precision } from '../../dsl/network.js';
import type { ResolvedLayer } from './layers/registry.js';
import type { ResolvedOptimizer } from './optimizers/registry.js';
import type { ResolvedSchedule } from './schedules/registry.js';

/**
 * A network spec after validation, with every default filled in: what the
 * graph builder, both backends and the worked numbers read. No later stage
 * invents a default; each is set once, in validate.ts or the module that owns it.
 */
export interface ResolvedNetwork {
  readonly kind: 'network';
  readonly inputs: number;
  readonly layers: readonly ResolvedLayer[];
  readonly loss: Loss;
  /** Default: ½ Σ (mse, the only loss with a ½ to choose) and the mean over the batch. */
  readonly lossConvention: { readonly half: boolean; readonly reduction: LossReduction };
  /** With its batch size (default 32) and every hyper-parameter (defaults from its module). */
  readonly optimizer: ResolvedOptimizer;
  /** Default: He for a relu / leaky_relu first layer, else Xavier; uniform; seed 1. */
  readonly init: Required<Init>;
  /** Default: constant. */
  readonly schedule: ResolvedSchedule;
  /** Default: 0 and 0 (no penalty). */
  readonly regularization: { readonly l1: number; readonly l2: number };
  /** Absent bounds do not clip. */
  readonly clip: { readonly value?: number; readonly norm?: number };
  /** Default: neither (standardize: true is { inputs: true, targets: false }). */
  readonly standardize: { readonly inputs: boolean; readonly targets: boolean };
  /** Default: 'f64'. 'f32': Float32Array parameters, gradients, optimizer state and workspace; f32x4 kernels. */
  readonly precision: Precision;
  readonly worked?: ResolvedWorked;
}

/** A worked example, checked against the parameter layout: the notes' training steps in numbers. */
export interface ResolvedWorked {
  /** The given value of every parameter array, by its layout name (W1, b1, …), row-major. */
  readonly params: Readonly<Record<string, readonly number[]>>;
  /** The examples, one row each (one row when the model gives a single x and y). */
  readonly x: readonly (readonly number[])[];
  readonly y: readonly (readonly number[])[];
  /** Training steps worked (default 1), each on all the examples. */
  readonly steps: number;
  /**
   * Given dropout keep indicators (`worked.masks`): per layer (index l − 1),
   * one row of 0 / 1 per example for a layer with dropout, undefined for a
   * layer without; absent: the masks the generated trainer draws (dropout-masks.ts).
   */
  readonly masks?: readonly (readonly (readonly number[])[] | undefined)[];
  /** `worked.standardize`: x above is standardized from these raw rows, as the trainer would (absent: x is used as given). */
  readonly inputScaling?: ResolvedInputScaling;
}

/** The worked inputs' standardization: x̂_j = (x_j − μ_j) / σ_j per feature j. */
export interface ResolvedInputScaling {
  /** The rows as the model gives them, in the data's own units. */
  readonly raw: readonly (readonly number[])[];
  /** The standardized rows (what `x` of the worked example holds). */
  readonly x: readonly (readonly number[])[];
  readonly mean: readonly number[];
  /** σ_j as used (a σ of 0 over the batch taken as 1, as the trainer takes it). */
  readonly std: readonly number[];
  /** 'batch': μ and σ over the worked examples; 'given': the model's { mean, std }. */
  readonly from: 'batch' | 'given';
  /** Per feature: its σ over the batch was 0 (the feature is constant there), so 1 is used. */
  readonly constant: readonly boolean[];
}
