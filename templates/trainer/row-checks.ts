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
    // (a missing array, from a JavaScript caller, has no length: it fails the comparison and #failRows names it)
    if (
      Number.isInteger(n) &&
      n >= 1 &&
      (inputs?.length ?? -1) >= n * this.inputSize &&
      (outputs?.length ?? -1) >= n * this.#targetWidth(outputs)
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
      throw new Error(`${where}: n must be a positive integer, got ${NetworkTrainer.described(n)}`);
    const training = method === 'lossAndGradient' || method === 'trainStep';
    const second = training ? 'Y' : 'out';
    const rows = `${NetworkTrainer.counted(n, 'row')} of`;
    if (typeof inputs?.length !== 'number') {
      throw new Error(
        `${where}: ${method === 'predict' ? 'x' : 'X'} must be a Float64Array of ${rows} ${NetworkTrainer.counted(this.inputSize, 'input')}, ` +
          `got ${NetworkTrainer.described(inputs)}`,
      );
    }
    if (typeof outputs?.length !== 'number') {
      throw new Error(
        `${where}: ${second} must be a Float64Array of ${rows} ${NetworkTrainer.counted(this.outputSize, 'output')}, ` +
          `got ${NetworkTrainer.described(outputs)}`,
      );
    }
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
