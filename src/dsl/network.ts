import type { OptimizerInput } from '../compile/network/optimizers/registry.js';
import type { ScheduleInput } from '../compile/network/schedules/registry.js';

/** Activation functions of a dense layer (the one list: the validator checks against it). */
export const ACTIVATIONS = ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'softplus', 'linear', 'softmax'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export interface DenseOptions {
  /** Slope for x < 0 of 'leaky_relu' (default 0.01). */
  readonly alpha?: number;
  /** Inverted dropout on this layer's output during training (0 ≤ rate < 1). */
  readonly dropout?: number;
}

export interface DenseLayer {
  readonly kind: 'dense';
  readonly units: number;
  readonly activation: Activation;
  readonly options: DenseOptions;
}

/** A layer of any kind (each kind is one module of src/compile/network/layers/, registered by its `kind`). */
export type Layer = DenseLayer;
export type LayerKindName = Layer['kind'];

/** A fully connected layer: a = f(W a_prev + b). */
export function dense(units: number, activation: Activation = 'linear', options: DenseOptions = {}): DenseLayer {
  return { kind: 'dense', units, activation, options };
}

/**
 * Losses, averaged over the batch. 'mse' is ½·mean of squared errors (the ½
 * cancels in δ^L = a − y); 'bce' and 'cce' are computed from the logits, fused
 * with the sigmoid / softmax output, so they stay finite for any logits.
 */
export const LOSSES = ['mse', 'mae', 'bce', 'cce'] as const;
export type Loss = (typeof LOSSES)[number];

/**
 * An optimizer: kind and learning rate lr, the batch size (default 32; 1 is
 * plain SGD, 'full' full-batch gradient descent) and the kind's own options
 * (sgd: momentum, nesterov; rmsprop: rho, epsilon; adam: beta1, beta2,
 * epsilon; adamw: also weightDecay). The kinds are the optimizer modules of
 * src/compile/network/optimizers/.
 */
export type Optimizer = OptimizerInput;

/** A learning-rate schedule: { kind: 'step', every, factor } or { kind: 'exponential', rate } (none: constant). */
export type LearningRateSchedule = ScheduleInput;

export const INIT_KINDS = ['xavier', 'he'] as const;
export const INIT_DISTRIBUTIONS = ['uniform', 'normal'] as const;
export interface Init {
  readonly kind: (typeof INIT_KINDS)[number];
  readonly distribution?: (typeof INIT_DISTRIBUTIONS)[number];
  readonly seed: number;
}

/** Initial weights per layer (W as rows of output units) — for worked examples. */
export interface GivenWeights {
  readonly W: readonly (readonly number[])[];
  readonly b: readonly number[];
}

export interface NetworkSpecInput {
  readonly inputs: number;
  readonly layers: readonly Layer[];
  readonly loss: Loss;
  readonly optimizer: Optimizer;
  readonly init?: Init;
  readonly schedule?: LearningRateSchedule;
  readonly regularization?: { readonly l1?: number; readonly l2?: number };
  readonly clip?: { readonly value?: number; readonly norm?: number };
  /** Standardize inputs with mean/std fitted on the training set (stored with the model). */
  readonly standardize?: boolean;
  /** Given initial weights and one example: the notes then work one training step in numbers. */
  readonly worked?: {
    readonly weights: readonly GivenWeights[];
    readonly x: readonly number[];
    readonly y: readonly number[];
  };
}

export interface NetworkSpec extends NetworkSpecInput {
  readonly kind: 'network';
}

/** Declares a feedforward network for nncompile to compile into a trainer. */
export function network(spec: NetworkSpecInput): NetworkSpec {
  return { kind: 'network', ...spec };
}

export function isNetworkSpec(value: unknown): value is NetworkSpec {
  return typeof value === 'object' && value !== null && (value as NetworkSpec).kind === 'network';
}
