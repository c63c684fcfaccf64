  // ---- serialization -------------------------------------------------------------------
  /** The layout of toJSON's object; loadJSON reads it and, without formatVersion, the JSON written before it. */
  static readonly jsonFormatVersion = 1;

  /** The trained model as plain JSON (JSON.stringify it to save): the weights by name, the layers and the fitted standardizations; loadJSON reads it back. */
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
      throw new Error(
        `${where}: expected an object from toJSON(), got ${NetworkTrainer.described(data)}`,
      );
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
