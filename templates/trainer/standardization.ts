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
        `${where}: the first argument is 'inputs' or 'targets', got ${NetworkTrainer.described(which)}`,
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
      throw new Error(
        `${where}: ${what} must be { mean, std }, got ${NetworkTrainer.described(given)}`,
      );
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
        : NetworkTrainer.described(values);
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
    // the callers' rows are checked to hold srcRow
    this.copyBlock(src, srcRow * width, dst, dstRow * width, width);
  }

  /** dst[to … to+length) ← src[from … from+length). Reads no field (see #fillUniform). */
  protected copyBlock(
    src: Float64Array,
    from: number,
    dst: Float64Array,
    to: number,
    length: number,
  ): void {
    for (let j = 0; j < length; j++) dst[to + j] = src[from + j]!;
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
