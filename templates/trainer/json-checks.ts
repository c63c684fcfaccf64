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
