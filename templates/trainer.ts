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

export interface FitOptions<Targets extends Float64Array | ClassLabels = Float64Array> {
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

/**
 * Per-column standardization of rows (inputs, or regression targets):
 * x̂_j = (x_j − μ_j) / σ_j, undone by x_j = μ_j + σ_j x̂_j.
 */
class ColumnScaling {
  constructor(
    readonly mean: Float64Array,
    readonly std: Float64Array,
  ) {}

  /** μ_j = mean of column j over n rows, σ_j = √(mean (x_j − μ_j)²), with σ_j = 0 → 1. */
  static fit(rows: Float64Array, n: number, width: number): ColumnScaling {
    const mean = new Float64Array(width);
    const std = new Float64Array(width);
    // (every index below is < n · width, the rows' length, or < width: the `!`s state it)
    for (let r = 0; r < n; r++) for (let j = 0; j < width; j++) mean[j]! += rows[r * width + j]!;
    for (let j = 0; j < width; j++) mean[j]! /= n;
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < width; j++) {
        const d = rows[r * width + j]! - mean[j]!;
        std[j]! += d * d;
      }
    }
    for (let j = 0; j < width; j++) {
      const s = Math.sqrt(std[j]! / n);
      std[j] = s > 0 ? s : 1;
    }
    return new ColumnScaling(mean, std);
  }

  /** dst row dstRow ← (src row srcRow − μ) / σ. */
  standardizeRow(src: Float64Array, srcRow: number, dst: Float64Array, dstRow: number): void {
    const width = this.mean.length;
    const s = srcRow * width;
    const d = dstRow * width;
    for (let j = 0; j < width; j++) dst[d + j] = (src[s + j]! - this.mean[j]!) / this.std[j]!;
  }

  /** The first n rows, standardized into a new array (once per fit). */
  standardizedCopy(rows: Float64Array, n: number): Float64Array {
    const copy = new Float64Array(n * this.mean.length);
    for (let r = 0; r < n; r++) this.standardizeRow(rows, r, copy, r);
    return copy;
  }

  /** rows[r, j] ← μ_j + σ_j rows[r, j] for the first n rows, in place: back to the original units. */
  restoreRows(rows: Float64Array, n: number): void {
    const width = this.mean.length;
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < width; j++)
        rows[r * width + j] = this.mean[j]! + this.std[j]! * rows[r * width + j]!;
    }
  }

  toJSON(): { mean: number[]; std: number[] } {
    return { mean: Array.from(this.mean), std: Array.from(this.std) };
  }
}

/**
 * One parameter array, as the compiler laid them out (the generated class's
 * parameterLayout): which layer it belongs to, its shape, and its role —
 * weights are initialized randomly (from fanIn and fanOut) and their gradient
 * norms reported, biases start at 0.
 */
export interface ParameterInfo {
  readonly name: string;
  /** 1-based layer number. */
  readonly layer: number;
  readonly role: 'weight' | 'bias';
  readonly shape: readonly number[];
  readonly fanIn: number;
  readonly fanOut: number;
  /** Not trained (present only when true): its gradient stays 0 and step() leaves it at its initial or loaded value. */
  readonly frozen?: true;
}

/** How fit runs an epoch: the (standardized) training rows, their order and the batch buffers. */
interface BatchPlan {
  readonly X: Float64Array;
  /** Target rows, or class labels (spread into one-hot rows of batchY). */
  readonly Y: Float64Array | ClassLabels;
  readonly n: number;
  /** Rows per step; the last batch of an epoch may be shorter. */
  readonly batch: number;
  /** Row order, reshuffled in place each epoch. */
  readonly order: Int32Array;
  /** Rows of the current batch, gathered in `order` (X and Y themselves for a full batch). */
  readonly batchX: Float64Array;
  readonly batchY: Float64Array;
  readonly fullBatch: boolean;
  readonly onStep: ((step: number, loss: number) => void) | undefined;
}

/**
 * The runtime half of a trainer. Its abstract members are the contract with
 * the generated half: the compiler's subclass provides each (tsc checks the
 * committed generated modules and the test fixture against it), and the
 * runtime reads parameters only through parameterLayout.
 */
abstract class NetworkTrainer<Targets extends Float64Array | ClassLabels = Float64Array> {
  // ---- provided by the generated subclass ---------------------------------
  abstract readonly modelName: string;
  abstract readonly inputSize: number;
  abstract readonly outputSize: number;
  abstract readonly task: 'binary' | 'multiclass' | 'regression';
  /** The parameter arrays in parameterLayout order (dense: W1, b1, W2, b2, …; W^l is units×fanIn, row-major). */
  abstract readonly params: readonly TrainerArray[];
  /** ∂L/∂ each param, same order, written by lossAndGradient. */
  abstract readonly grads: readonly TrainerArray[];
  abstract readonly paramNames: readonly string[];
  /** What each entry of params is (same order). */
  abstract readonly parameterLayout: readonly ParameterInfo[];
  /** [inputs, units1, units2, ...] */
  abstract readonly layerSizes: readonly number[];
  /** Each layer as model.ts declares it, kind, units and activation: `dense 16 tanh`, `lstm 8` (toJSON's architecture). */
  abstract readonly architecture: readonly string[];
  abstract readonly initKind: 'xavier' | 'he';
  abstract readonly initDistribution: 'uniform' | 'normal';
  abstract readonly seed: number;
  abstract readonly defaultBatchSize: number | 'full';
  abstract readonly standardizeInputs: boolean;
  /**
   * Regression targets standardized for training (standardize: { targets: true }):
   * the network learns ŷ = (y − μ_y) / σ_y, and predict, predictBatch and
   * evaluate map its outputs back by μ_y + σ_y ŷ.
   */
  abstract readonly standardizeTargets: boolean;
  /** The loss of one output (evaluate computes it in the targets' units when they are standardized). */
  abstract readonly outputLoss: OutputLoss;
  /** dataLoss and the training loss of n rows: the mean over the rows (default) or their sum (the spec's loss reduction). */
  abstract readonly lossReduction: 'mean' | 'sum';
  /** (Re)allocates the workspace for n rows; cheap when it is already big enough. */
  protected abstract ensureCapacity(n: number): void;
  /**
   * The forward and backward pass of n rows: writes grads and leaves the
   * training loss in lastLoss. It does not return the loss: V8 boxes a double
   * returned by a function it does not inline (a fresh heap number per call),
   * while a double field is updated in place.
   */
  protected abstract computeLossAndGradient(X: Float64Array, Y: Float64Array, n: number): void;
  /** One optimizer update from grads; increments stepCount and uses the schedule's rate at this.epoch (baseLearningRate's). */
  abstract step(): void;
  /** Network outputs (probabilities for sigmoid/softmax) of n rows as given (already standardized), no dropout. */
  protected abstract forwardBatch(X: Float64Array, n: number, out: Float64Array): void;
  /** Mean data loss of n rows (no penalties, no dropout); writes the outputs to out. */
  abstract dataLoss(X: Float64Array, Y: Float64Array, n: number, out: Float64Array): number;
  protected abstract resetOptimizerState(): void;
  /** The spec's learning rate and schedule at an epoch (0-based). */
  abstract baseLearningRate(epoch: number): number;

  // ---- state ---------------------------------------------------------------
  /** Training loss of the last lossAndGradient call. */
  lastLoss = 0;
  /** Epochs completed (the schedule's epoch while training). */
  epoch = 0;
  /** Optimizer steps taken (incremented by step()). */
  stepCount = 0;

  /** mulberry32's state, updated in place (see #fillUniform). */
  readonly #rngState = new Uint32Array(1);
  /** random()'s one draw. */
  readonly #draw = new Float64Array(1);
  #spareGaussian = 0;
  #hasSpareGaussian = false;
  /** Input standardization x̂ = (x − μ) / σ, once fitted (or set, or loaded). */
  #inputScaling: ColumnScaling | null = null;
  /** Target standardization ŷ = (y − μ_y) / σ_y, once fitted (or set, or loaded). */
  #targetScaling: ColumnScaling | null = null;
  /** Rows the workspace was last asked to hold (the largest so far). */
  #capacity = 0;
  // Buffers of evaluate/predict, grown when too small, never per call.
  #chunkX = new Float64Array(0);
  #chunkY = new Float64Array(0);
  #chunkOut = new Float64Array(0);
  #one = new Float64Array(0);
  /** One-hot rows of the class labels given to lossAndGradient. */
  #labelRows = new Float64Array(0);
  // Metrics of the last #score call besides the loss.
  #scoreAccuracy = 0;
  #scoreRmse = 0;

  /** The learning rate of the current epoch. */
  learningRate(): number {
    return this.baseLearningRate(this.epoch);
  }

  /**
   * Training loss (penalties included, dropout from this.random()) of n rows
   * into lastLoss; writes grads. Returns nothing: a returned double is boxed
   * whenever V8 does not inline the call (a heap allocation per step).
   */
  lossAndGradient(X: Float64Array, Y: Targets, n: number): void {
    this.#checkRows('lossAndGradient', X, Y, n);
    this.computeLossAndGradient(X, this.#targetRows(Y, n, 'lossAndGradient'), n);
  }

  /**
   * One training step on n rows: lossAndGradient, then step() when the loss
   * is finite. The loss is left in lastLoss, the gradients in grads.
   */
  trainStep(X: Float64Array, Y: Targets, n: number): void {
    this.#checkRows('trainStep', X, Y, n);
    this.computeTrainStep(X, this.#targetRows(Y, n, 'trainStep'), n);
  }

  /**
   * Y as target rows: itself, or class labels checked (O(n)) and spread into
   * one-hot rows of a buffer grown only for more rows (no allocation per call).
   */
  #targetRows(Y: Targets, n: number, method: string): Float64Array {
    if (Y instanceof Float64Array) return Y;
    this.#checkLabels(Y, n, method, '');
    const k = this.outputSize;
    if (this.#labelRows.length < n * k) this.#labelRows = new Float64Array(n * k);
    for (let r = 0; r < n; r++) this.#copyTargetRow(Y, r, this.#labelRows, r);
    return this.#labelRows;
  }

  /** trainStep after its checks; a small network's generated subclass fuses the two into one straight-line step. */
  protected computeTrainStep(X: Float64Array, Y: Float64Array, n: number): void {
    this.computeLossAndGradient(X, Y, n);
    if (Number.isFinite(this.lastLoss)) this.step();
  }

  // ---- random numbers --------------------------------------------------------
  /** Restarts the PRNG (and drops the cached Gaussian). */
  reseed(seed: number): void {
    this.#rngState[0] = seed >>> 0;
    this.#hasSpareGaussian = false;
  }

  /** Uniform in [0, 1): mulberry32, 32 bits of state. */
  random(): number {
    this.#fillUniform(this.#draw, 1);
    return this.#draw[0]!;
  }

  /**
   * dst[0..count) ← the next count numbers of mulberry32, uniform in [0, 1).
   * The state stays in a local and goes back to its Uint32Array once: a double
   * stored in a field of a receiver V8 has seen in many shapes (many trainer
   * classes share this method) would be boxed on every store.
   */
  #fillUniform(dst: TrainerArray, count: number): void {
    let state = this.#rngState[0]!;
    for (let i = 0; i < count; i++) {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      dst[i] = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }
    this.#rngState[0] = state;
  }

  /**
   * Inverted dropout: mask[i] = scale (= 1 / keep) with probability keep, else
   * 0, for i < count; the same draws as random() < keep (in a Float32Array
   * each draw is rounded to f32 first). Allocation-free.
   */
  protected fillDropoutMask(mask: TrainerArray, count: number, keep: number, scale: number): void {
    this.#fillUniform(mask, count);
    for (let i = 0; i < count; i++) mask[i] = mask[i]! < keep ? scale : 0;
  }

  /** Standard normal by Box–Muller: r = √(−2 ln u₁), θ = 2πu₂ give r cos θ and (cached) r sin θ. */
  gaussian(): number {
    if (this.#hasSpareGaussian) {
      this.#hasSpareGaussian = false;
      return this.#spareGaussian;
    }
    const u1 = 1 - this.random(); // in (0, 1], so ln u₁ is finite
    const theta = 2 * Math.PI * this.random();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.#spareGaussian = r * Math.sin(theta);
    this.#hasSpareGaussian = true;
    return r * Math.cos(theta);
  }

  // ---- initialization ----------------------------------------------------------
  /**
   * Random weights, zero biases. Xavier/Glorot: uniform on ±√(6/(fanIn+fanOut))
   * or normal with σ = √(2/(fanIn+fanOut)); He: uniform on ±√(6/fanIn) or
   * normal with σ = √(2/fanIn). Resets the optimizer state, epoch, stepCount
   * and the input and target standardizations.
   */
  initialize(seed: number = this.seed): void {
    this.reseed(seed);
    for (let k = 0; k < this.params.length; k++) {
      const p = this.params[k]!; // parameterLayout describes params entry by entry
      const info = this.parameterLayout[k]!;
      if (info.role === 'bias') {
        p.fill(0);
        continue;
      }
      const variance = this.initKind === 'he' ? 2 / info.fanIn : 2 / (info.fanIn + info.fanOut);
      if (this.initDistribution === 'normal') {
        const sigma = Math.sqrt(variance);
        for (let i = 0; i < p.length; i++) p[i] = sigma * this.gaussian();
      } else {
        const limit = Math.sqrt(3 * variance); // U(−a, a) has variance a²/3
        for (let i = 0; i < p.length; i++) p[i] = limit * (2 * this.random() - 1);
      }
    }
    this.resetOptimizerState();
    this.epoch = 0;
    this.stepCount = 0;
    this.#inputScaling = null;
    this.#targetScaling = null;
  }

  // ---- training ------------------------------------------------------------------
  fit(train: Dataset<Targets>, options: FitOptions<Targets>): FitResult {
    const nIn = this.inputSize;
    const nOut = this.outputSize;
    this.#checkDataset(train, 'training data');
    if (!Number.isInteger(options.epochs) || options.epochs < 0) {
      throw new Error(`fit: epochs must be a non-negative integer, got ${options.epochs}`);
    }
    const stopping = options.earlyStopping;
    if (stopping && !(Number.isInteger(stopping.patience) && stopping.patience >= 0)) {
      throw new Error(
        `fit: earlyStopping.patience must be a non-negative integer, got ${stopping.patience}`,
      );
    }

    // Split off the validation rows: the last fraction of the data, unshuffled.
    let nTrain = train.n;
    let val: Dataset<Targets> | undefined = options.validation;
    if (val) this.#checkDataset(val, 'validation data');
    if (options.validationSplit !== undefined) {
      const split = options.validationSplit;
      if (val) throw new Error('fit: give either validation or validationSplit, not both');
      if (!(split > 0 && split < 1)) {
        throw new Error(`fit: validationSplit must be in (0, 1), got ${split}`);
      }
      const nVal = Math.max(1, Math.floor(train.n * split));
      nTrain = train.n - nVal;
      if (nTrain < 1) {
        throw new Error(`fit: validationSplit ${split} leaves no training rows of ${train.n}`);
      }
      const width = this.#targetWidth(train.Y);
      val = {
        X: train.X.subarray(nTrain * nIn, train.n * nIn),
        Y: train.Y.subarray(nTrain * width, train.n * width) as Targets,
        n: nVal,
      };
    }

    // Standardization: fitted on the training rows only (unless set or loaded), then applied to copies.
    // Validation targets stay as given: the validation loss is scored in the targets' units.
    let trainX = train.X.subarray(0, nTrain * nIn);
    let trainY = train.Y.subarray(0, nTrain * this.#targetWidth(train.Y));
    if (this.standardizeInputs) {
      this.#inputScaling ??= ColumnScaling.fit(trainX, nTrain, nIn);
      trainX = this.#inputScaling.standardizedCopy(trainX, nTrain);
      if (val) val = { X: this.#inputScaling.standardizedCopy(val.X, val.n), Y: val.Y, n: val.n };
    }
    if (this.standardizeTargets && trainY instanceof Float64Array) {
      this.#targetScaling ??= ColumnScaling.fit(trainY, nTrain, nOut);
      trainY = this.#targetScaling.standardizedCopy(trainY, nTrain);
    }

    // Batches: 'full' (or a batch at least as large as the data) runs on trainX directly.
    const requested = options.batchSize ?? this.defaultBatchSize;
    if (requested !== 'full' && !(Number.isInteger(requested) && requested >= 1)) {
      throw new Error(`fit: batchSize must be a positive integer or 'full', got ${requested}`);
    }
    const batch = requested === 'full' ? nTrain : Math.min(requested, nTrain);
    const fullBatch = batch === nTrain;
    this.#reserve(batch);
    const plan: BatchPlan = {
      X: trainX,
      Y: trainY,
      n: nTrain,
      batch,
      order: new Int32Array(nTrain),
      batchX: fullBatch ? trainX : new Float64Array(batch * nIn),
      batchY: fullBatch && trainY instanceof Float64Array ? trainY : new Float64Array(batch * nOut),
      fullBatch,
      onStep: options.onStep,
    };
    for (let i = 0; i < nTrain; i++) plan.order[i] = i;
    if (fullBatch && !(trainY instanceof Float64Array)) {
      for (let r = 0; r < nTrain; r++) this.#copyTargetRow(trainY, r, plan.batchY, r); // one-hot once per fit
    }
    const shuffle = options.shuffle !== false && !fullBatch;
    this.reseed(((options.seed ?? this.seed) ^ 0x5bd1e995) >>> 0); // decorrelated from the init stream

    // Early stopping and the best parameters so far (one copy, allocated once).
    const restoreBest = stopping !== undefined && stopping.restoreBest !== false;
    const best = restoreBest ? this.params.map((p) => new Float64Array(p.length)) : [];
    let bestLoss = Infinity;
    let bestEpoch = this.epoch;
    let bestValLoss: number | undefined;
    let waited = 0;

    const history: EpochInfo[] = [];
    const firstEpoch = this.epoch;
    const lastEpoch = firstEpoch + options.epochs;
    const every = Math.max(1, Math.floor(options.progressEvery ?? 1));
    const log = options.log ?? ((line: string) => console.log(line));
    let stoppedEarly = false;

    for (let e = 0; e < options.epochs; e++) {
      const learningRate = this.learningRate();
      if (shuffle) this.#shuffle(plan.order);
      const loss = this.#trainEpoch(plan);
      this.epoch++;

      const info: EpochInfo = {
        epoch: this.epoch,
        loss,
        learningRate,
        gradientNorms: new Float64Array(this.layerSizes.length - 1),
      };
      this.gradientNorms(info.gradientNorms);
      if (this.task !== 'regression' && options.scoreTraining !== false) {
        this.#score(trainX, trainY, nTrain, false);
        info.accuracy = this.#scoreAccuracy;
      }
      if (val) {
        info.valLoss = this.#score(val.X, val.Y, val.n, false);
        if (this.task !== 'regression') info.valAccuracy = this.#scoreAccuracy;
      }
      history.push(info);

      // The monitored loss: validation loss when there is validation data.
      // An improvement is a drop by more than minDelta; patience counts epochs without one.
      const monitored = info.valLoss ?? info.loss;
      let stop = false;
      if (monitored < bestLoss - (stopping?.minDelta ?? 0)) {
        bestLoss = monitored;
        bestEpoch = this.epoch;
        bestValLoss = info.valLoss;
        waited = 0;
        best.forEach((copy, k) => copy.set(this.params[k]!));
      } else {
        waited++;
        stop = stopping !== undefined && waited >= stopping.patience;
      }
      if (options.onEpoch?.(info) === false) stop = true;
      if (options.verbose && ((e + 1) % every === 0 || this.epoch === lastEpoch || stop)) {
        log(this.#progressLine(info, lastEpoch));
      }
      if (stop) {
        stoppedEarly = e < options.epochs - 1;
        break;
      }
    }
    if (restoreBest && history.length > 0 && bestEpoch !== this.epoch) {
      best.forEach((copy, k) => this.params[k]!.set(copy));
    }
    const result: FitResult = { epochs: history.length, history, stoppedEarly, bestEpoch };
    if (bestValLoss !== undefined) result.bestValLoss = bestValLoss;
    return result;
  }

  /** One pass over the (shuffled) training rows; returns the mean loss. Allocation-free. */
  #trainEpoch(plan: BatchPlan): number {
    const { X, Y, n, batch, order, batchX, batchY, fullBatch, onStep } = plan;
    const nIn = this.inputSize;
    let lossSum = 0;
    for (let start = 0; start < n; start += batch) {
      const rows = Math.min(batch, n - start); // a short last batch runs with its own n
      if (!fullBatch) {
        for (let r = 0; r < rows; r++) {
          const row = order[start + r]!; // start + r < n = order.length
          this.#copyRow(X, row, batchX, r, nIn, false);
          this.#copyTargetRow(Y, row, batchY, r);
        }
      }
      this.computeTrainStep(batchX, batchY, rows); // (no update when the loss is not finite)
      const loss = this.lastLoss;
      if (!Number.isFinite(loss)) throw this.#diverged(loss);
      // mean over the epoch's examples: Σ_batches (the batch's sum of example losses) / n
      lossSum += this.lossReduction === 'sum' ? loss : loss * rows;
      if (onStep) onStep(this.stepCount, loss);
    }
    return lossSum / n;
  }

  #diverged(loss: number): Error {
    return new Error(
      `training diverged: loss is ${loss} at epoch ${this.epoch + 1}, step ${this.stepCount + 1} ` +
        `(learning rate ${this.learningRate()}); lower the learning rate or enable gradient clipping`,
    );
  }

  /** Fisher–Yates: for i = n−1 … 1, swap order[i] with order[j], j uniform in [0, i]. */
  #shuffle(order: Int32Array): void {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      const t = order[i]!; // j ≤ i < order.length
      order[i] = order[j]!;
      order[j] = t;
    }
  }

  // ---- evaluation and prediction ---------------------------------------------
  /** Data loss and accuracy (classification) or RMSE (regression) over a dataset, in chunks. */
  evaluate(data: Dataset<Targets>): Evaluation {
    this.#checkDataset(data, 'evaluation data');
    const loss = this.#score(data.X, data.Y, data.n, this.#inputScaling !== null);
    if (this.task === 'regression') return { loss, rmse: this.#scoreRmse };
    return { loss, accuracy: this.#scoreAccuracy };
  }

  /**
   * Outputs for one example x (standardized into a buffer first when fitted),
   * in the targets' units (mapped back when the targets are standardized).
   */
  predict(x: Float64Array, out: Float64Array): void {
    this.#checkRows('predict', x, out, 1);
    const nIn = this.inputSize;
    if (this.#one.length < nIn) this.#one = new Float64Array(nIn);
    this.#copyRow(x, 0, this.#one, 0, nIn, this.#inputScaling !== null);
    this.#reserve(1);
    this.forwardBatch(this.#one, 1, out);
    this.#targetScaling?.restoreRows(out, 1);
  }

  /**
   * Outputs for n examples (rows of X), standardized first when the model has
   * fitted a standardization, in the targets' units (mapped back when the
   * targets are standardized). Allocates only when n exceeds every earlier n.
   */
  predictBatch(X: Float64Array, n: number, out: Float64Array): void {
    this.#checkRows('predictBatch', X, out, n);
    this.#reserve(n);
    const scaling = this.#inputScaling;
    if (scaling === null) {
      this.forwardBatch(X, n, out);
    } else {
      const nIn = this.inputSize;
      if (this.#chunkX.length < n * nIn) this.#chunkX = new Float64Array(n * nIn);
      for (let r = 0; r < n; r++) scaling.standardizeRow(X, r, this.#chunkX, r);
      this.forwardBatch(this.#chunkX, n, out);
    }
    this.#targetScaling?.restoreRows(out, n);
  }

  /**
   * Mean data loss of n rows, run in chunks of the workspace capacity (rows
   * copied, and standardized when asked, into buffers reused across calls);
   * leaves the accuracy / RMSE in #scoreAccuracy / #scoreRmse.
   */
  #score(X: Float64Array, Y: Float64Array | ClassLabels, n: number, standardize: boolean): number {
    const nIn = this.inputSize;
    const nOut = this.outputSize;
    const chunk = Math.min(n, Math.max(this.#capacity, 256));
    this.#reserve(chunk);
    if (this.#chunkX.length < chunk * nIn) this.#chunkX = new Float64Array(chunk * nIn);
    if (this.#chunkY.length < chunk * nOut) this.#chunkY = new Float64Array(chunk * nOut);
    if (this.#chunkOut.length < chunk * nOut) this.#chunkOut = new Float64Array(chunk * nOut);
    const out = this.#chunkOut;
    let lossSum = 0;
    let correct = 0;
    let squares = 0;
    for (let start = 0; start < n; start += chunk) {
      const rows = Math.min(chunk, n - start);
      for (let r = 0; r < rows; r++) {
        this.#copyRow(X, start + r, this.#chunkX, r, nIn, standardize);
        this.#copyTargetRow(Y, start + r, this.#chunkY, r);
      }
      lossSum += this.#chunkLoss(rows, out);
      const y = this.#chunkY;
      // (out and y hold rows × nOut numbers: every index below is in bounds)
      for (let r = 0; r < rows; r++) {
        const o = r * nOut;
        if (this.task === 'multiclass') {
          // argmax of the probabilities vs argmax of the one-hot target
          let predicted = 0;
          let actual = 0;
          for (let j = 1; j < nOut; j++) {
            if (out[o + j]! > out[o + predicted]!) predicted = j;
            if (y[o + j]! > y[o + actual]!) actual = j;
          }
          if (predicted === actual) correct++;
        } else {
          for (let j = 0; j < nOut; j++) {
            const a = out[o + j]!;
            const target = y[o + j]!;
            squares += (a - target) * (a - target);
            if (a >= 0.5 === target >= 0.5) correct++; // binary: threshold each output at 0.5
          }
        }
      }
    }
    this.#scoreAccuracy = correct / (this.task === 'multiclass' ? n : n * nOut);
    this.#scoreRmse = Math.sqrt(squares / (n * nOut)); // √(mean (ŷ − y)²)
    return lossSum / n;
  }

  /**
   * Σ over a chunk's rows (in #chunkX, #chunkY) of each row's data loss; writes
   * the outputs to out. With standardized targets the outputs are mapped back
   * to the targets' units first and the loss computed here, Σ_k ℓ(a_k − y_k)
   * with ℓ(d) = ½ d², d² or |d|: the loss of the predictions against Y as given.
   */
  #chunkLoss(rows: number, out: Float64Array): number {
    const scaling = this.#targetScaling;
    if (scaling === null) {
      const loss = this.dataLoss(this.#chunkX, this.#chunkY, rows, out);
      return this.lossReduction === 'sum' ? loss : rows * loss;
    }
    this.forwardBatch(this.#chunkX, rows, out);
    scaling.restoreRows(out, rows);
    const y = this.#chunkY;
    let sum = 0;
    for (let i = 0; i < rows * this.outputSize; i++) {
      const d = out[i]! - y[i]!; // i < rows · outputSize, both arrays' length
      sum +=
        this.outputLoss === 'absolute'
          ? Math.abs(d)
          : this.outputLoss === 'squared'
            ? d * d
            : 0.5 * d * d;
    }
    return sum;
  }

  /** out[l] = ||∂L/∂W^(l+1)||₂ = √(Σ g²) over the weights of layer l+1 (every weight array of it), from grads. */
  gradientNorms(out: Float64Array): void {
    const layers = this.layerSizes.length - 1;
    if (out.length < layers) this.#failNorms(layers, out.length);
    out.fill(0);
    for (let k = 0; k < this.grads.length; k++) {
      const info = this.parameterLayout[k]!; // parameterLayout describes grads entry by entry
      if (info.role !== 'weight') continue;
      const g = this.grads[k]!;
      let squares = 0;
      for (let i = 0; i < g.length; i++) squares += g[i]! * g[i]!;
      out[info.layer - 1]! += squares; // 1 ≤ layer ≤ layers ≤ out.length
    }
    for (let l = 0; l < out.length; l++) out[l] = Math.sqrt(out[l]!);
  }

  // ---- standardization -------------------------------------------------------------
  /**
   * Sets the inputs' or the targets' standardization instead of fitting it (fit
   * keeps one that is set): mean and std per column, checked like loadJSON's.
   */
  setStandardization(
    which: 'inputs' | 'targets',
    mean: ArrayLike<number>,
    std: ArrayLike<number>,
  ): void {
    const where = `${this.modelName}.setStandardization`;
    const inputs = which === 'inputs';
    if (!inputs && which !== 'targets') {
      throw new Error(
        `${where}: the first argument is 'inputs' or 'targets', got ${String(which)}`,
      );
    }
    if (inputs ? !this.standardizeInputs : !this.standardizeTargets) {
      throw new Error(
        `${where}: this model does not standardize its ${which} (standardize: { ${which}: true } in model.ts)`,
      );
    }
    const scaling = this.#checkedScaling(
      where,
      which,
      { mean, std },
      inputs ? this.inputSize : this.outputSize,
    );
    if (inputs) this.#inputScaling = scaling;
    else this.#targetScaling = scaling;
  }

  /** The inputs' or targets' mean and std as given (from JSON or by hand), checked: `width` finite numbers each, std > 0. */
  #checkedScaling(where: string, what: string, given: unknown, width: number): ColumnScaling {
    if (typeof given !== 'object' || given === null) {
      throw new Error(`${where}: ${what} must be { mean, std }, got ${String(given)}`);
    }
    const { mean, std } = given as { mean?: unknown; std?: unknown };
    const m = this.#checkedNumbers(where, `${what}.mean`, mean, width);
    const s = this.#checkedNumbers(where, `${what}.std`, std, width);
    if (s.some((v) => v <= 0)) throw new Error(`${where}: ${what}.std must be positive`);
    return new ColumnScaling(Float64Array.from(m), Float64Array.from(s));
  }

  /** `length` finite numbers, from an array or a typed array (read as the numbers it holds). */
  #checkedNumbers(where: string, what: string, given: unknown, length: number): number[] {
    const values =
      ArrayBuffer.isView(given) && !(given instanceof DataView)
        ? Array.from(given as unknown as ArrayLike<number>)
        : given;
    if (!Array.isArray(values) || values.length !== length) {
      const got = Array.isArray(values)
        ? NetworkTrainer.counted(values.length, 'number')
        : typeof values;
      throw new Error(
        `${where}: ${what} must be ${NetworkTrainer.counted(length, 'number')}, got ${got}`,
      );
    }
    const bad = values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
    if (bad >= 0) {
      throw new Error(`${where}: ${what}[${bad}] is ${String(values[bad])}, not a finite number`);
    }
    return values as number[];
  }

  /** dst row dstRow ← src row srcRow (width numbers), as (x − μ) / σ when standardize. */
  #copyRow(
    src: Float64Array,
    srcRow: number,
    dst: Float64Array,
    dstRow: number,
    width: number,
    standardize: boolean,
  ): void {
    if (standardize && this.#inputScaling) {
      this.#inputScaling.standardizeRow(src, srcRow, dst, dstRow);
      return;
    }
    const s = srcRow * width;
    const d = dstRow * width;
    for (let j = 0; j < width; j++) dst[d + j] = src[s + j]!; // the callers' rows are checked to hold srcRow
  }

  /** Target row srcRow of Y into dst row dstRow: copied, or one-hot for a class label. */
  #copyTargetRow(
    Y: Float64Array | ClassLabels,
    srcRow: number,
    dst: Float64Array,
    dstRow: number,
  ): void {
    const k = this.outputSize;
    if (Y instanceof Float64Array) {
      this.#copyRow(Y, srcRow, dst, dstRow, k, false);
      return;
    }
    dst.fill(0, dstRow * k, dstRow * k + k);
    dst[dstRow * k + Y[srcRow]!] = 1; // labels are checked to be 0 … k − 1 for rows < n
  }

  /** Numbers per row of Y: outputSize, or 1 for class labels. */
  #targetWidth(Y: Float64Array | ClassLabels): number {
    return Y instanceof Float64Array ? this.outputSize : 1;
  }

  // ---- serialization -------------------------------------------------------------------
  /** The layout of toJSON's object; loadJSON reads it and, without formatVersion, the JSON written before it. */
  static readonly jsonFormatVersion = 1;

  toJSON(): ModelJSON {
    const params: Record<string, number[]> = {};
    this.params.forEach((p, k) => (params[this.paramNames[k]!] = Array.from(p)));
    const json: ModelJSON = {
      formatVersion: NetworkTrainer.jsonFormatVersion,
      model: this.modelName,
      architecture: Array.from(this.architecture),
      layerSizes: Array.from(this.layerSizes),
      params,
    };
    if (this.#inputScaling) json.standardization = this.#inputScaling.toJSON();
    if (this.#targetScaling) json.targetStandardization = this.#targetScaling.toJSON();
    return json;
  }

  /**
   * Loads weights (and standardizations) saved by toJSON, as an object or its
   * JSON text, after checking the model name and every size. Resets the
   * optimizer state, epoch and stepCount.
   */
  loadJSON(json: ModelJSON | ModelJSONInput | string): void {
    const where = `loadJSON (${this.modelName})`;
    const data = this.#parseModelJSON(json, where);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      const got = Array.isArray(data) ? 'an array' : data === null ? 'null' : `a ${typeof data}`;
      throw new Error(`${where}: expected an object from toJSON(), got ${got}`);
    }
    this.#checkFormat(data, where);
    if (data.model !== this.modelName) {
      throw new Error(
        `${where}: the weights are for model '${String(data.model)}', not '${this.modelName}'` +
          (data.architecture === undefined
            ? ''
            : ` (its layers: ${Array.from(data.architecture).join(', ')}; this model's: ${this.architecture.join(', ')})`),
      );
    }
    const sizes =
      Array.isArray(data.layerSizes) || ArrayBuffer.isView(data.layerSizes)
        ? Array.from(data.layerSizes).join('-')
        : String(data.layerSizes);
    if (sizes !== this.layerSizes.join('-')) {
      throw new Error(
        `${where}: layer sizes ${sizes} do not match this network's ${this.layerSizes.join('-')}`,
      );
    }
    this.#checkArchitecture(data, where);
    const params = data.params;
    const loaded = this.params.map((p, k) => {
      const name = this.paramNames[k]!; // paramNames names params entry by entry
      return this.#checkedNumbers(where, name, params[name], p.length);
    });
    const { standardization, targetStandardization } = data;
    const inputScaling = standardization
      ? this.#checkedScaling(where, 'standardization', standardization, this.inputSize)
      : null;
    const targetScaling = targetStandardization
      ? this.#checkedScaling(where, 'targetStandardization', targetStandardization, this.outputSize)
      : null;
    this.#checkStandardizationPresence(
      'inputs',
      this.standardizeInputs,
      inputScaling !== null,
      where,
    );
    this.#checkStandardizationPresence(
      'targets',
      this.standardizeTargets,
      targetScaling !== null,
      where,
    );
    // Everything checked: now change the model.
    this.params.forEach((p, k) => p.set(loaded[k]!));
    this.#inputScaling = inputScaling;
    this.#targetScaling = targetScaling;
    this.resetOptimizerState();
    this.epoch = 0;
    this.stepCount = 0;
  }

  /**
   * The arrays a public entry point reads or writes hold its n rows: at least
   * n × inputs numbers in, n × outputs in Y or out (a short array would read
   * past its end as undefined, and return plausible numbers). A few
   * comparisons per call, outside the loops.
   */
  #checkRows(
    method: string,
    inputs: Float64Array,
    outputs: Float64Array | ClassLabels,
    n: number,
  ): void {
    if (
      Number.isInteger(n) &&
      n >= 1 &&
      inputs.length >= n * this.inputSize &&
      outputs.length >= n * this.#targetWidth(outputs)
    )
      return;
    this.#failRows(method, inputs, outputs, n);
  }

  #failRows(
    method: string,
    inputs: Float64Array,
    outputs: Float64Array | ClassLabels,
    n: number,
  ): never {
    const where = `${this.modelName}.${method}`;
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`${where}: n must be a positive integer, got ${n}`);
    const second = method === 'lossAndGradient' || method === 'trainStep' ? 'Y' : 'out';
    if (inputs.length < n * this.inputSize) {
      throw new Error(
        `${where}: ${NetworkTrainer.counted(n, 'row')} of ${NetworkTrainer.counted(this.inputSize, 'input')} ${n === 1 ? 'needs' : 'need'} ` +
          `${NetworkTrainer.counted(n * this.inputSize, 'number')}, got ${inputs.length}`,
      );
    }
    if (!(outputs instanceof Float64Array)) {
      throw new Error(
        `${where}: Y needs ${NetworkTrainer.counted(n, 'class label')} (one per row), got ${outputs.length}`,
      );
    }
    throw new Error(
      `${where}: ${second} needs ${NetworkTrainer.counted(n * this.outputSize, 'number')} (${n} × ${this.outputSize}), got ${outputs.length}`,
    );
  }

  /** gradientNorms' out is shorter than the layers (kept out of the method: its message is a template string). */
  #failNorms(layers: number, got: number): never {
    throw new Error(
      `${this.modelName}.gradientNorms: out needs ${NetworkTrainer.counted(layers, 'number')} (one per layer), got ${got}`,
    );
  }

  /** toJSON's object, or its text: a truncated or otherwise broken text is named as such. */
  #parseModelJSON(json: ModelJSON | ModelJSONInput | string, where: string): ModelJSONInput {
    if (typeof json !== 'string') return json;
    try {
      return JSON.parse(json) as ModelJSONInput;
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      throw new Error(
        `${where}: the text is not the JSON of toJSON() (truncated or edited?): ${reason}`,
      );
    }
  }

  /**
   * The keys every saved model has, and its format: a JSON of another format
   * (a newer nncompile's) is refused rather than misread; one without
   * formatVersion predates it and is read as before (names and sizes checked).
   */
  #checkFormat(data: ModelJSONInput, where: string): void {
    // architecture is required from format 1 on
    const keys =
      data.formatVersion === undefined
        ? ['model', 'layerSizes', 'params']
        : ['model', 'architecture', 'layerSizes', 'params'];
    const missing = keys.filter(
      (key) => (data as unknown as Record<string, unknown>)[key] === undefined,
    );
    if (missing.length > 0) {
      const last = missing.pop();
      throw new Error(
        `${where}: the JSON has no ${missing.length > 0 ? `${missing.join(', ')} or ${last}` : last}; ` +
          'toJSON() writes formatVersion, model, architecture, layerSizes and params',
      );
    }
    const version = data.formatVersion;
    if (version !== undefined && version !== NetworkTrainer.jsonFormatVersion) {
      throw new Error(
        `${where}: the JSON is in format ${String(version)}, this module reads format ${NetworkTrainer.jsonFormatVersion}: ` +
          'regenerate this module with the nncompile that saved it',
      );
    }
  }

  /**
   * Weights of the same sizes trained with other activations or layer kinds
   * (model.ts changed since they were saved) load without a size error but
   * compute another function: the layers must be the same, one by one.
   */
  #checkArchitecture(data: ModelJSONInput, where: string): void {
    if (data.architecture === undefined) return;
    const saved = Array.from(data.architecture, String);
    const here = this.architecture;
    const differs = saved.length !== here.length || saved.some((layer, l) => layer !== here[l]);
    if (!differs) return;
    const first = saved.findIndex((layer, l) => layer !== here[l]);
    const at = first < 0 ? Math.min(saved.length, here.length) : first;
    throw new Error(
      `${where}: the weights are for the layers ${saved.join(', ')}, this ${this.modelName} has ${here.join(', ')} ` +
        `(layer ${at + 1} differs: ${saved[at] ?? 'none'} in the JSON, ${here[at] ?? 'none'} here; model.ts changed since they were saved?)`,
    );
  }

  /**
   * A model that standardizes its inputs predicts on standardized rows, and
   * one that standardizes its targets maps its outputs back: loading weights
   * without the standardization they were trained with (or the reverse) would
   * predict on the wrong scale.
   */
  #checkStandardizationPresence(
    which: 'inputs' | 'targets',
    expected: boolean,
    present: boolean,
    where: string,
  ): void {
    const key = which === 'inputs' ? 'standardization' : 'targetStandardization';
    if (expected && !present) {
      throw new Error(
        `${where}: the model standardizes its ${which}, but the JSON has no ${key} (saved before fit?)`,
      );
    }
    if (!expected && present) {
      throw new Error(
        `${where}: the JSON has a ${key}, but this model does not standardize its ${which} (standardize: { ${which}: true } in model.ts)`,
      );
    }
  }

  // ---- helpers ------------------------------------------------------------------------------
  /** `1 row`, `3 rows`: a count with its noun in the number the count takes (for messages). */
  protected static counted(count: number, singular: string, plural = `${singular}s`): string {
    return `${count} ${count === 1 ? singular : plural}`;
  }

  /** ensureCapacity, remembering the largest row count asked for (evaluation chunks use it). */
  #reserve(n: number): void {
    if (n > this.#capacity) this.#capacity = n;
    this.ensureCapacity(n);
  }

  #checkDataset(data: Dataset<Float64Array | ClassLabels>, what: string): void {
    const { X, Y, n } = data;
    if (!Number.isInteger(n) || n < 1) {
      throw new Error(`${this.modelName}: ${what}: n must be a positive integer, got ${n}`);
    }
    if (!(Y instanceof Float64Array)) {
      if (X.length !== n * this.inputSize || Y.length !== n) {
        throw new Error(
          `${this.modelName}: ${what}: X must hold n×${this.inputSize} = ${NetworkTrainer.counted(n * this.inputSize, 'number')} and Y ` +
            `n = ${NetworkTrainer.counted(n, 'class label')}, got ${X.length} and ${Y.length}`,
        );
      }
    } else if (X.length !== n * this.inputSize || Y.length !== n * this.outputSize) {
      throw new Error(
        `${this.modelName}: ${what}: X must hold n×${this.inputSize} = ${NetworkTrainer.counted(n * this.inputSize, 'number')} and Y ` +
          `n×${this.outputSize} = ${n * this.outputSize}, got ${X.length} and ${Y.length}`,
      );
    }
    for (let i = 0; i < X.length; i++) {
      if (!Number.isFinite(X[i])) {
        throw new Error(
          `${this.modelName}: ${what}: X[${i}] is ${X[i]} (row ${Math.floor(i / this.inputSize)})`,
        );
      }
    }
    for (let i = 0; i < Y.length; i++) {
      if (!Number.isFinite(Y[i])) {
        throw new Error(
          `${this.modelName}: ${what}: Y[${i}] is ${Y[i]} (row ${Math.floor(i / this.outputSize)})`,
        );
      }
    }
    this.#checkTargets(data, what);
  }

  /**
   * Classification targets that cannot be right: bce needs 0 ≤ y ≤ 1 (a
   * probability), cce rows of probabilities that sum to 1 (one-hot for hard
   * labels). Otherwise the loss and its gradient are plausible numbers of the
   * wrong problem. Regression targets are free.
   */
  #checkTargets(data: Dataset<Float64Array | ClassLabels>, what: string): void {
    const { Y, n } = data;
    if (!(Y instanceof Float64Array)) {
      this.#checkLabels(Y, n, '', what);
      return;
    }
    if (this.task === 'regression') return;
    const k = this.outputSize;
    for (let r = 0; r < n; r++) {
      let sum = 0;
      for (let j = 0; j < k; j++) {
        const y = Y[r * k + j]!; // Y holds n × k numbers (#checkDataset)
        if (!(y >= 0 && y <= 1)) {
          throw new Error(
            `${this.modelName}: ${what}: row ${r} of Y has ${y}; ${this.task === 'binary' ? 'bce' : 'cce'} targets are between 0 and 1` +
              (this.task === 'binary' ? ' (class labels 0 and 1)' : ' (one-hot rows)'),
          );
        }
        sum += y;
      }
      if (this.task === 'multiclass' && Math.abs(sum - 1) > 1e-6) {
        throw new Error(
          `${this.modelName}: ${what}: row ${r} of Y sums to ${sum}, not 1; cce targets are one-hot rows (or probabilities)`,
        );
      }
    }
  }

  /**
   * Class labels: only for a softmax / cce model, each an integer 0 … k − 1
   * (a label past the outputs would index another row). O(n), allocation-free:
   * the message is built only when one is wrong.
   */
  #checkLabels(Y: ClassLabels, n: number, method: string, what: string): void {
    const k = this.outputSize;
    let bad = this.task === 'multiclass' ? -1 : 0;
    for (let r = 0; r < n && bad < 0; r++) {
      const label = Y[r]!; // Y holds at least n labels (checked by the caller)
      if (label < 0 || label >= k) bad = r;
    }
    if (bad < 0) return;
    const where = method === '' ? `${this.modelName}: ${what}` : `${this.modelName}.${method}`;
    if (this.task !== 'multiclass') {
      throw new Error(
        `${where}: class labels (${Y.constructor.name}) are for cce models; this ${this.task} model takes Y as a Float64Array of n×${k} targets`,
      );
    }
    throw new Error(`${where}: row ${bad} of Y has label ${Y[bad]}; class labels are 0 … ${k - 1}`);
  }

  /** `epoch 12/100  loss 0.1234  acc 97.50%  val_loss 0.2345  val_acc 95.00%  lr 0.01` */
  #progressLine(info: EpochInfo, lastEpoch: number): string {
    const num = (x: number) =>
      x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e4) ? x.toExponential(3) : x.toFixed(4);
    const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
    const total = String(lastEpoch);
    const parts = [
      `epoch ${String(info.epoch).padStart(total.length)}/${total}`,
      `loss ${num(info.loss)}`,
    ];
    if (info.accuracy !== undefined) parts.push(`acc ${pct(info.accuracy)}`);
    if (info.valLoss !== undefined) parts.push(`val_loss ${num(info.valLoss)}`);
    if (info.valAccuracy !== undefined) parts.push(`val_acc ${pct(info.valAccuracy)}`);
    parts.push(`lr ${Number(info.learningRate.toPrecision(4))}`);
    return parts.join('  ');
  }
}

/** The class the generated subclass extends, as a type (for checking hand-written subclasses with tsc). */
export type NetworkTrainerClass = typeof NetworkTrainer;
