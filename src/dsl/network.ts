import type { OptimizerInput } from '../compile/network/optimizers/registry.js';
import type { ScheduleInput } from '../compile/network/schedules/registry.js';

/** Activation functions of a dense layer (the one list: the validator checks against it). */
export const ACTIVATIONS = ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'softplus', 'linear', 'softmax'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** A dense layer's bias: one per unit (true, the default), none (false), or one number shared by every unit ('shared'). */
export const BIAS_KINDS = [true, false, 'shared'] as const;
export type BiasKind = (typeof BIAS_KINDS)[number];

/** Parameters a layer can freeze: kept at their initial (or loaded) values, never updated by training. */
export const FREEZABLE = ['weights', 'bias'] as const;
export type Freezable = (typeof FREEZABLE)[number];

export interface DenseOptions {
  /** Slope for x < 0 of 'leaky_relu' (default 0.01). */
  readonly alpha?: number;
  /** Inverted dropout on this layer's output during training (0 ≤ rate < 1). */
  readonly dropout?: number;
  /** true (default): b has one entry per unit; false: no bias; 'shared': one bias for all the layer's units. */
  readonly bias?: BiasKind;
  /** Parameters not trained (e.g. ['bias'], as in Mazur's worked example): no gradient is computed for them, the update skips them. */
  readonly frozen?: readonly Freezable[];
}

export interface DenseLayer {
  readonly kind: 'dense';
  readonly units: number;
  readonly activation: Activation;
  readonly options: DenseOptions;
}

/** Activations of a simple (Elman) recurrent layer: h_t = f(W x_t + U h_{t−1} + b). */
export const RNN_ACTIVATIONS = ['tanh', 'relu'] as const;
export type RnnActivation = (typeof RNN_ACTIVATIONS)[number];

export interface RecurrentOptions {
  /**
   * Give the layers after it the state of every time step (many-to-many: the
   * dense layers run at each step and the loss covers every step) instead of
   * the last step's only (many-to-one, the default). Only the last recurrent
   * layer takes it: a recurrent layer stacked on another reads every step anyway.
   */
  readonly returnSequences?: boolean;
}

/** h_t = f(W x_t + U h_{t−1} + b), h_{−1} = 0. */
export interface RnnLayer {
  readonly kind: 'rnn';
  readonly units: number;
  readonly activation: RnnActivation;
  readonly options: RecurrentOptions;
}

/** Long short-term memory: input, forget and output gates and a cell state c_t beside h_t. */
export interface LstmLayer {
  readonly kind: 'lstm';
  readonly units: number;
  readonly options: RecurrentOptions;
}

/** Gated recurrent unit (Cho et al. 2014): update and reset gates. */
export interface GruLayer {
  readonly kind: 'gru';
  readonly units: number;
  readonly options: RecurrentOptions;
}

/** Layers applied to each example as a whole (or to each time step after recurrent layers). */
export type FeedforwardLayer = DenseLayer;
/** Layers that run over the time steps of a sequence, carrying a state. */
export type RecurrentLayer = RnnLayer | LstmLayer | GruLayer;
/** A layer of any kind (each kind is one module of src/compile/network/layers/, registered by its `kind`). */
export type Layer = FeedforwardLayer | RecurrentLayer;
export type LayerKindName = Layer['kind'];
export type FeedforwardKindName = FeedforwardLayer['kind'];
export type RecurrentKindName = RecurrentLayer['kind'];

/**
 * The argument each field of a layer comes from, per constructor (how
 * `dense(units, activation, options)` fills its layer): model-source follows
 * a field's path into the call's arguments to report a mistake at its column.
 */
export const LAYER_ARGUMENTS: Readonly<Record<LayerKindName, readonly string[]>> = {
  dense: ['units', 'activation', 'options'],
  rnn: ['units', 'activation', 'options'],
  lstm: ['units', 'options'],
  gru: ['units', 'options'],
};

/** A fully connected layer: a = f(W a_prev + b). */
export function dense(units: number, activation: Activation = 'linear', options: DenseOptions = {}): DenseLayer {
  return { kind: 'dense', units, activation, options };
}

/** A simple (Elman) recurrent layer: h_t = f(W x_t + U h_{t−1} + b), f tanh (default) or relu. */
export function rnn(units: number, activation: RnnActivation = 'tanh', options: RecurrentOptions = {}): RnnLayer {
  return { kind: 'rnn', units, activation, options };
}

/** An LSTM layer of `units` cells. */
export function lstm(units: number, options: RecurrentOptions = {}): LstmLayer {
  return { kind: 'lstm', units, options };
}

/** A GRU layer of `units` cells. */
export function gru(units: number, options: RecurrentOptions = {}): GruLayer {
  return { kind: 'gru', units, options };
}

/**
 * Losses, averaged over the batch by default. 'mse' is ½·mean of squared
 * errors (the ½ cancels in δ^L = a − y); 'bce' and 'cce' are computed from the
 * logits, fused with the sigmoid / softmax output, so they stay finite for any logits.
 */
export const LOSSES = ['mse', 'mae', 'bce', 'cce'] as const;
export type Loss = (typeof LOSSES)[number];

/** How the examples' losses combine into the batch loss: their mean (default) or their sum. */
export const LOSS_REDUCTIONS = ['mean', 'sum'] as const;
export type LossReduction = (typeof LOSS_REDUCTIONS)[number];

/**
 * A loss with its convention spelled out: `{ kind: 'mse', half: false, reduction: 'sum' }`.
 * half (mse only, default true): ½ Σ_k (a_k − y_k)² per example, or without the ½.
 */
export interface LossSpec {
  readonly kind: Loss;
  readonly half?: boolean;
  readonly reduction?: LossReduction;
}

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

/**
 * Initial parameters of one layer — for worked examples — keyed by the
 * parameter's name without its layer number: for a dense layer W (rows of
 * output units) and b (one number per unit, one number if shared, absent with bias: false).
 */
export interface GivenWeights {
  readonly W: readonly (readonly number[])[];
  readonly b?: readonly number[] | number;
}

/** How a many-to-many network's loss combines its time steps: the mean (default) or the sum over steps. */
export const LOSS_OVER_STEPS = ['mean', 'sum'] as const;
export type LossOverSteps = (typeof LOSS_OVER_STEPS)[number];

/**
 * The floating-point format of a trainer's parameters, gradients, optimizer
 * state and workspace: 'f64' (Float64Array, the default) or 'f32'
 * (Float32Array, the products as f32x4 WebAssembly kernels: about twice the
 * speed on large layers, about 7 significant digits).
 */
export const PRECISIONS = ['f64', 'f32'] as const;
export type Precision = (typeof PRECISIONS)[number];

/** What `standardize` fits on the training rows: the inputs, the regression targets, or both. */
export interface StandardizeOptions {
  readonly inputs?: boolean;
  readonly targets?: boolean;
}

/** A feedforward network: examples are rows of `inputs` features. */
export interface NetworkSpecInput {
  /** Features of one example. */
  readonly inputs: number;
  readonly layers: readonly FeedforwardLayer[];
  readonly loss: Loss | LossSpec;
  readonly optimizer: Optimizer;
  readonly init?: Init;
  readonly schedule?: LearningRateSchedule;
  readonly regularization?: { readonly l1?: number; readonly l2?: number };
  readonly clip?: { readonly value?: number; readonly norm?: number };
  /**
   * Standardization fitted by `fit` on the training rows and stored with the
   * model (toJSON/loadJSON). `true` standardizes the inputs, x̂ = (x − μ)/σ per
   * feature (the same as `{ inputs: true }`); `{ targets: true }` (regression,
   * mse or mae, linear output) trains on ŷ = (y − μ_y)/σ_y, and predict,
   * predictBatch and evaluate answer in the targets' own units.
   */
  readonly standardize?: boolean | StandardizeOptions;
  /**
   * 'f64' (default) or 'f32': the arrays the trainer keeps (params, grads,
   * optimizer state, workspace) are Float32Array in 'f32', and the large
   * layers' products run as f32x4 SIMD kernels. Inputs and targets stay
   * Float64Array (converted as they are read); losses are numbers.
   */
  readonly precision?: Precision;
  /**
   * Given initial weights and one example (x, y: arrays of numbers) or a
   * mini-batch (x, y: one row per example): the notes then work a training
   * step in numbers, and `steps` steps in all (default 1) with the loss after each.
   * `masks`: the dropout keep indicators to work with (per layer: 1 kept, 0
   * dropped, one per unit — a row per example for a mini-batch — or null for
   * a layer without dropout), the same at every step; without it, the masks
   * the generated trainer's `fit` draws on these examples (one full batch a step).
   */
  readonly worked?: {
    readonly weights: readonly GivenWeights[];
    readonly x: readonly number[] | readonly (readonly number[])[];
    readonly y: readonly number[] | readonly (readonly number[])[];
    readonly steps?: number;
    readonly masks?: readonly (readonly number[] | readonly (readonly number[])[] | null)[];
    /**
     * For a model that standardizes its inputs: x is given in the data's own
     * units and the notes standardize it as the trainer does, with each
     * feature's mean and standard deviation over these examples ('batch') or
     * the ones given (e.g. the training set's). Without it x is used as given.
     */
    readonly standardize?: 'batch' | { readonly mean: readonly number[]; readonly std: readonly number[] };
  };
}

/**
 * A sequence network: each example is a sequence of time steps of F features
 * (its length T is a run-time value), read by recurrent layers, then dense
 * layers on the last step's state (many-to-one) or on every step's
 * (`returnSequences`, many-to-many). Trained by backpropagation through time.
 */
export interface SequenceNetworkSpecInput extends Omit<NetworkSpecInput, 'inputs' | 'layers' | 'worked' | 'precision'> {
  /** Sequence networks train in f64 only: their step programs have no f32 form yet. */
  readonly precision?: 'f64';
  /** `{ sequence: F }`: F features per time step. */
  readonly inputs: { readonly sequence: number };
  /** Recurrent layers first (stacked in order), then at least one dense layer. */
  readonly layers: readonly Layer[];
  /** Truncated backpropagation through time: windows of `truncate` steps counted back from the last step (default: full BPTT). */
  readonly bptt?: { readonly truncate?: number };
  /** Many-to-many networks: the loss is the mean over steps (default) or their sum. */
  readonly lossOverSteps?: LossOverSteps;
  /**
   * Given parameters and one short sequence (or a mini-batch of sequences of
   * the same length): the notes then work one BPTT training step in numbers.
   * `weights`: one object per layer, keyed by its parameters' names without
   * the layer number — rnn { W, U, b }, lstm { Wi, Ui, bi, Wf, Uf, bf, Wc, Uc,
   * bc, Wo, Uo, bo }, gru { Wz, Uz, bz, Wr, Ur, br, Wn, Un, bn }, dense { W, b }
   * (W rows are units). `x`: T rows of F numbers (T numbers when F = 1), or a
   * list of such sequences. `y`: one target row per sequence, or one row per
   * step for a many-to-many network.
   */
  readonly worked?: {
    readonly weights: readonly Readonly<Record<string, number | readonly number[] | readonly (readonly number[])[]>>[];
    readonly x: readonly number[] | readonly (readonly number[])[] | readonly (readonly (readonly number[])[])[];
    readonly y: readonly number[] | readonly (readonly number[])[] | readonly (readonly (readonly number[])[])[];
    /** Training steps the notes take on the sequences: the first worked in numbers, then the loss before and after each (default 1). */
    readonly steps?: number;
  };
}

export interface NetworkSpec extends NetworkSpecInput {
  readonly kind: 'network';
}

export interface SequenceNetworkSpec extends SequenceNetworkSpecInput {
  readonly kind: 'network';
}

/** Declares a network for nncompile to compile into a trainer: feedforward, or over sequences when inputs is `{ sequence: F }`. */
// (the feedforward overload last: ReturnType<typeof network> is NetworkSpec)
export function network(spec: SequenceNetworkSpecInput): SequenceNetworkSpec;
export function network(spec: NetworkSpecInput): NetworkSpec;
export function network(spec: NetworkSpecInput | SequenceNetworkSpecInput): NetworkSpec | SequenceNetworkSpec {
  return { kind: 'network', ...spec };
}

/** A network of either form, as model.ts exports it. */
export function isNetworkSpec(value: unknown): value is NetworkSpec | SequenceNetworkSpec {
  return typeof value === 'object' && value !== null && (value as NetworkSpec).kind === 'network';
}

/** Whether a network spec's inputs declare sequences (`{ sequence: F }`), as model.ts gave them (not yet checked). */
export function declaresSequences(spec: unknown): boolean {
  const inputs = typeof spec === 'object' && spec !== null ? (spec as { inputs?: unknown }).inputs : undefined;
  return typeof inputs === 'object' && inputs !== null && !Array.isArray(inputs);
}
