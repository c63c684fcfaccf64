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
