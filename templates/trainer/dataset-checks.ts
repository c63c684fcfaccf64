  #checkDataset(data: Dataset<Float64Array | ClassLabels>, method: string, what: string): void {
    this.checkDatasetShape(data, method, what);
    const { X, Y, n } = data;
    if (!Number.isInteger(n) || n < 1) {
      throw new Error(
        `${this.modelName}: ${what}: n must be a positive integer, got ${NetworkTrainer.described(n)}`,
      );
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
