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
