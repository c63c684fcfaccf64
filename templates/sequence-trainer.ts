// ---------------------------------------------------------------------------
// Sequence trainer runtime: what a recurrent network adds to NetworkTrainer.
// An example is a sequence of T time steps of featureSize numbers, stored
// step after step (X is n × T × featureSize, row-major); its target is one
// output row (many-to-one) or one per step (n × T × stepOutputSize,
// many-to-many). T is a run-time value: fit, evaluate and predict read it
// from the length of X, and every row of one call has the same T. An
// example's whole sequence is one row of the runtime above (inputSize =
// T · featureSize), so batching, shuffling, validation and JSON are its own.
// ---------------------------------------------------------------------------

abstract class SequenceTrainer extends NetworkTrainer {
  // ---- provided by the generated subclass ---------------------------------
  /** Features per time step (F). */
  abstract readonly featureSize: number;
  /** Outputs per prediction: of the sequence (many-to-one) or of each step (many-to-many). */
  abstract readonly stepOutputSize: number;
  /** Many-to-many: the dense layers run at every step, Y and predictions hold one row per step. */
  abstract readonly returnSequences: boolean;
  /**
   * ‖∂L/∂h_t‖₂ (over the batch) of the last recurrent layer's state at each
   * step t < T of the last lossAndGradient call: how far the gradient
   * reaches back (vanishing or exploding gradients); 0 where no backward
   * pass ran (before the window of truncated BPTT, many-to-one).
   */
  abstract readonly stateGradientNorms: Float64Array;

  #steps = 1;

  /** T: time steps per sequence of the data in use (set from X by fit, evaluate and predict, or by hand for lossAndGradient). */
  get sequenceLength(): number {
    return this.#steps;
  }

  set sequenceLength(T: number) {
    if (!Number.isInteger(T) || T < 1) {
      throw new Error(
        `${this.modelName}: the sequence length must be a positive integer, got ${T}`,
      );
    }
    this.#steps = T;
  }

  /** Numbers of one example: its whole sequence. */
  get inputSize(): number {
    return this.#steps * this.featureSize;
  }

  /** Numbers of one example's target: one row, or one per step. */
  get outputSize(): number {
    return this.returnSequences ? this.#steps * this.stepOutputSize : this.stepOutputSize;
  }

  /** ‖∂L/∂h_t‖ for t = 0 … T−1 of the last batch (a view of stateGradientNorms). */
  hiddenGradientNorms(): Float64Array {
    return this.stateGradientNorms.subarray(0, this.#steps);
  }

  override fit(train: Dataset, options: FitOptions): FitResult {
    this.checkDatasetShape(train, 'fit', 'training data');
    this.sequenceLength = this.#stepsOf(train.X, train.n, 'fit');
    return super.fit(train, options);
  }

  override evaluate(data: Dataset): Evaluation {
    this.checkDatasetShape(data, 'evaluate', 'evaluation data');
    this.sequenceLength = this.#stepsOf(data.X, data.n, 'evaluate');
    return super.evaluate(data);
  }

  /** Outputs for one sequence x (T × featureSize numbers, T from its length). */
  override predict(x: Float64Array, out: Float64Array): void {
    this.sequenceLength = this.#stepsOf(x, 1, 'predict');
    super.predict(x, out);
  }

  /** Outputs for n sequences (X: n × T × featureSize, T from its length). */
  override predictBatch(X: Float64Array, n: number, out: Float64Array): void {
    this.sequenceLength = this.#stepsOf(X, n, 'predictBatch');
    super.predictBatch(X, n, out);
  }

  /** T from the length of X: n whole sequences of whole steps. */
  #stepsOf(X: Float64Array, n: number, method: string): number {
    const F = this.featureSize;
    if (typeof X?.length !== 'number') {
      // (from a JavaScript caller: the argument is missing)
      throw new Error(
        `${this.modelName}.${method}: ${method === 'predict' ? 'x' : 'X'} must be a Float64Array of ${NetworkTrainer.counted(n, 'sequence')} ` +
          `of T steps × ${NetworkTrainer.counted(F, 'feature')}, got ${NetworkTrainer.described(X)}`,
      );
    }
    const T = X.length / (n * F);
    if (!Number.isInteger(n) || n < 1 || !Number.isInteger(T) || T < 1) {
      throw new Error(
        `${this.modelName}.${method}: X holds ${NetworkTrainer.counted(X.length, 'number')}, not n = ${NetworkTrainer.counted(n, 'sequence')} ` +
          `of T steps × ${NetworkTrainer.counted(F, 'feature')} (n × T × ${F})`,
      );
    }
    return T;
  }

  // ---- helpers of the generated loops over time (allocation-free) -------------
  // Their arguments come from the generated loops, whose sizes are the arrays' own: the `!`s state it.
  /** dst[i, :] ← src[i, t, :] for the n rows: step t of every sequence (src is n × T × width). */
  protected gatherStep(
    src: Float64Array,
    n: number,
    T: number,
    t: number,
    width: number,
    dst: Float64Array,
  ): void {
    this.copyRows(src, t * width, T * width, dst, 0, width, n, width);
  }

  /** dst[i, t, :] ← src[i, :] (dst is n × T × width). */
  protected scatterStep(
    src: Float64Array,
    n: number,
    T: number,
    t: number,
    width: number,
    dst: Float64Array,
  ): void {
    this.copyRows(src, 0, width, dst, t * width, T * width, n, width);
  }

  /** The n rows of width numbers: dst[to + i·dstStride + j] ← src[from + i·srcStride + j]. */
  protected copyRows(
    src: Float64Array,
    from: number,
    srcStride: number,
    dst: Float64Array,
    to: number,
    dstStride: number,
    n: number,
    width: number,
  ): void {
    for (let i = 0; i < n; i++) this.copyBlock(src, from + i * srcStride, dst, to + i * dstStride, width);
  }

  /** dst[to … to+length) += src[from … from+length). */
  protected addBlock(
    src: Float64Array,
    from: number,
    dst: Float64Array,
    to: number,
    length: number,
  ): void {
    for (let j = 0; j < length; j++) dst[to + j]! += src[from + j]!;
  }

  /** norms[t] = √(Σ a_j²) over a[0 … length). */
  protected normInto(a: Float64Array, length: number, norms: Float64Array, t: number): void {
    let squares = 0;
    for (let j = 0; j < length; j++) squares += a[j]! * a[j]!;
    norms[t] = Math.sqrt(squares);
  }
}
