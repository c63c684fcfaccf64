  // ---- evaluation and prediction ---------------------------------------------
  /** Data loss and accuracy (classification) or RMSE (regression) over a dataset, in chunks. */
  evaluate(data: Dataset<Targets>): Evaluation {
    this.#checkDataset(data, 'evaluate', 'evaluation data');
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
