/** Activation functions of a dense layer. */
export type Activation = 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'softplus' | 'linear' | 'softmax';

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

/** A fully connected layer: a = f(W a_prev + b). */
export function dense(units: number, activation: Activation = 'linear', options: DenseOptions = {}): DenseLayer {
  return { kind: 'dense', units, activation, options };
}

/**
 * Losses, averaged over the batch. 'mse' is ½·mean of squared errors (the ½
 * cancels in δ^L = a − y); 'bce' and 'cce' are computed from the logits, fused
 * with the sigmoid / softmax output, so they stay finite for any logits.
 */
export type Loss = 'mse' | 'mae' | 'bce' | 'cce';

interface OptimizerBase {
  /** Learning rate. */
  readonly lr: number;
  /** Examples per step: 1 is plain SGD, 'full' is full-batch gradient descent (default 32). */
  readonly batchSize?: number | 'full';
}
export interface SgdOptimizer extends OptimizerBase {
  readonly kind: 'sgd';
  readonly momentum?: number;
  readonly nesterov?: boolean;
}
export interface RmspropOptimizer extends OptimizerBase {
  readonly kind: 'rmsprop';
  readonly rho?: number;
  readonly epsilon?: number;
}
export interface AdamOptimizer extends OptimizerBase {
  readonly kind: 'adam' | 'adamw';
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
  /** AdamW's decoupled weight decay (weights only). */
  readonly weightDecay?: number;
}
export type Optimizer = SgdOptimizer | RmspropOptimizer | AdamOptimizer;

export type LearningRateSchedule =
  | { readonly kind: 'step'; readonly every: number; readonly factor: number }
  | { readonly kind: 'exponential'; readonly rate: number };

export interface Init {
  readonly kind: 'xavier' | 'he';
  readonly distribution?: 'uniform' | 'normal';
  readonly seed: number;
}

/** Initial weights per layer (W as rows of output units) — for worked examples. */
export interface GivenWeights {
  readonly W: readonly (readonly number[])[];
  readonly b: readonly number[];
}

export interface NetworkSpecInput {
  readonly inputs: number;
  readonly layers: readonly DenseLayer[];
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
