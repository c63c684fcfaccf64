// ---------------------------------------------------------------------------
// Trainer runtime: everything about training that does not depend on the
// network's sizes (PRNG, initialization, the epoch/batch loop, validation,
// early stopping, standardization, evaluation, JSON). The generated subclass
// below supplies the size-specialized forward/backward pass and optimizer step.
// Allocation: buffers are made once per fit (or grown once per capacity);
// the per-step path (#trainEpoch, #gatherRow, random, the generated
// lossAndGradient/step) allocates nothing.
// ---------------------------------------------------------------------------

/** The host's console, if any (lib ES2022 has none); used only for `verbose` progress lines. */
declare const console: { log(...args: unknown[]): void };

/**
 * The arrays a trainer keeps — parameters, gradients, optimizer state,
 * workspace: Float64Array, or Float32Array for a model of precision 'f32'
 * (its class declares which). Inputs, targets and outputs are Float64Array either way.
 */
type TrainerArray = Float64Array | Float32Array;

/**
 * Class labels, one integer per row (0 … classes − 1): what a categorical
 * cross-entropy (softmax) model accepts in place of one-hot rows of Y.
 */
export type ClassLabels = Int32Array | Uint8Array;

/**
 * Rows of examples: X is n×inputs, Y is n×outputs, row-major; or, for a
 * softmax / cce model, Y may be n class labels (ClassLabels).
 */
export interface Dataset<Targets extends Float64Array | ClassLabels = Float64Array> {
  readonly X: Float64Array;
  readonly Y: Targets;
  readonly n: number;
}

/** One epoch of training, as reported to onEpoch and kept in FitResult.history. */
export interface EpochInfo {
  /** Epochs completed so far (1 after the first; keeps counting across fit calls until initialize()). */
  epoch: number;
  /**
   * Mean training loss per example over the epoch's steps (penalties and dropout
   * included): of the standardized targets when the model standardizes them.
   */
  loss: number;
  /** Training accuracy after the epoch (classification tasks; no dropout). */
  accuracy?: number;
  /** Mean data loss of the validation rows, in the targets' own units (as evaluate reports it). */
  valLoss?: number;
  valAccuracy?: number;
  /** The learning rate used during this epoch. */
  learningRate: number;
  /** Per layer ||∂L/∂W^l||₂ of the epoch's last step. */
  gradientNorms: Float64Array;
}

/**
 * How fit trains. Only epochs is required; every other option has the default it names. The optimizer,
 * its learning rate and the loss are the model's (model.ts), not fit's. An unknown key is an error.
 */
export interface FitOptions<Targets extends Float64Array | ClassLabels = Float64Array> {
  /** Passes over the training rows (0: none); the epoch count continues across fit calls. */
  epochs: number;
  /** Examples per step (default: the spec's); 1 is SGD, 'full' the whole training set in one step. */
  batchSize?: number | 'full';
  /** Seed of shuffling and dropout (default: the spec's init seed). */
  seed?: number;
  /** Reshuffle the training rows every epoch (default true). */
  shuffle?: boolean;
  /**
   * Score the training rows after every epoch, without dropout, for the
   * history's accuracy (default true): one forward pass over them per epoch.
   * false skips it; the history keeps the mean loss of the epoch's batches.
   */
  scoreTraining?: boolean;
  /** Held-out examples scored after every epoch, or: */
  validation?: Dataset<Targets>;
  /** the last fraction of the (unshuffled) data, held out (0 < fraction < 1). */
  validationSplit?: number;
  /** Stop when the validation loss (training loss without validation) has not improved by minDelta for patience epochs. */
  earlyStopping?: { patience: number; minDelta?: number; restoreBest?: boolean };
  /** After every epoch; return false to stop. */
  onEpoch?: (info: EpochInfo) => void | boolean;
  /** After every optimizer step (grads and gradientNorms() are those of this step). */
  onStep?: (step: number, loss: number) => void;
  /** Print a progress line per epoch (or every progressEvery epochs, and the last one). */
  verbose?: boolean;
  progressEvery?: number;
  /** Where progress lines go (default console.log). */
  log?: (line: string) => void;
}

export interface FitResult {
  /** Epochs run by this call. */
  epochs: number;
  history: EpochInfo[];
  /** True when early stopping (or onEpoch returning false) ended training before `epochs`. */
  stoppedEarly: boolean;
  /** The epoch with the lowest validation loss (training loss without validation). */
  bestEpoch: number;
  bestValLoss?: number;
}

export interface Evaluation {
  /**
   * Mean data loss per example (no penalties, no dropout; the mean whether the
   * spec's loss reduction is the mean or the sum), in the targets' own units: a
   * model that standardizes its targets maps its outputs back first, so this is
   * the loss of its predictions against Y as given, not the training loss.
   */
  loss: number;
  /** Fraction correct (binary: per output at 0.5; multiclass: argmax). */
  accuracy?: number;
  /** Root mean squared error over all outputs (regression). */
  rmse?: number;
}

/**
 * A trained model as plain JSON: the format, the model's name and layers, the
 * weights by name and the fitted input and target standardizations.
 */
export interface ModelJSON {
  /** The layout of this object (1); loadJSON refuses a format it does not know. */
  formatVersion: number;
  model: string;
  /** The layers as model.ts declares them (`dense 16 tanh`, `lstm 8`): loadJSON refuses weights of other activations or kinds. */
  architecture: string[];
  layerSizes: number[];
  params: Record<string, number[]>;
  /** The inputs' mean and std per feature (standardize: true or { inputs: true }). */
  standardization?: { mean: number[]; std: number[] };
  /** The targets' mean and std per output (standardize: { targets: true }). */
  targetStandardization?: { mean: number[]; std: number[] };
}

/**
 * What loadJSON accepts besides toJSON's own result: the same with typed
 * arrays in place of number arrays; without formatVersion and architecture (a
 * JSON written before format 1), checked by the model's name and sizes only.
 */
export interface ModelJSONInput {
  formatVersion?: number;
  model: string;
  architecture?: ArrayLike<string>;
  layerSizes: ArrayLike<number>;
  params: Record<string, ArrayLike<number>>;
  standardization?: { mean: ArrayLike<number>; std: ArrayLike<number> };
  targetStandardization?: { mean: ArrayLike<number>; std: ArrayLike<number> };
}

/** The loss of one output, d = prediction − target: ½ d² (mse), d² (mse with half: false), |d| (mae), or a cross-entropy. */
export type OutputLoss = 'half-squared' | 'squared' | 'absolute' | 'cross-entropy';
