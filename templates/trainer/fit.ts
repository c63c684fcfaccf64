  // ---- training ------------------------------------------------------------------
  /**
   * Trains for options.epochs passes over the training rows in mini-batches (the model's batchSize unless
   * options say otherwise), reshuffled every epoch, with the optional validation, early stopping, callbacks and
   * progress lines of FitOptions. Checks the data (sizes, finite numbers, targets the loss accepts) and the options
   * first, changing nothing when one is wrong; stops with an error at the first loss that is not finite.
   * Returns the per-epoch history.
   */
  fit(train: Dataset<Targets>, options: FitOptions<Targets>): FitResult {
    const nIn = this.inputSize;
    const nOut = this.outputSize;
    this.#checkDataset(train, 'fit', 'training data');
    this.#checkFitOptions(options);
    const stopping = options.earlyStopping;

    // Split off the validation rows: the last fraction of the data, unshuffled.
    let nTrain = train.n;
    let val: Dataset<Targets> | undefined = options.validation;
    if (val) this.#checkDataset(val, 'fit', 'validation data');
    if (options.validationSplit !== undefined) {
      const split = options.validationSplit;
      if (val) {
        throw new Error(
          `${this.modelName}.fit: give either validation or validationSplit, not both`,
        );
      }
      if (!(typeof split === 'number' && split > 0 && split < 1)) {
        throw new Error(
          `${this.modelName}.fit: validationSplit must be in (0, 1), got ${NetworkTrainer.described(split)}`,
        );
      }
      const nVal = Math.max(1, Math.floor(train.n * split));
      nTrain = train.n - nVal;
      if (nTrain < 1) {
        throw new Error(
          `${this.modelName}.fit: validationSplit ${split} leaves no training rows of ${train.n}`,
        );
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
    const requested = options.batchSize ?? this.defaultBatchSize; // (checked by #checkFitOptions)
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
