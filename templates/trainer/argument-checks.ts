  // ---- arguments as a JavaScript caller may pass them -------------------------------------------
  // No type checker stands between a JavaScript caller and this module: a missing argument, a misspelled
  // option or a string for a number is named here, once per call of fit / evaluate / the constructor
  // (never per step), rather than ignored or met as a TypeError inside a method.

  /** A value as a message names it: `undefined`, `3`, `"3" (a string)`, `an array`, `a Float32Array`, `an object`. */
  protected static described(value: unknown): string {
    if (typeof value === 'string') return `${JSON.stringify(value)} (a string)`;
    if (typeof value === 'function') return 'a function';
    if (typeof value !== 'object' || value === null) return String(value);
    if (Array.isArray(value)) return 'an array';
    const kind = (value as { constructor?: { name?: unknown } }).constructor?.name;
    const name = typeof kind === 'string' && kind !== '' && kind !== 'Object' ? kind : 'object';
    return `${/^[AEIOU]/i.test(name) ? 'an' : 'a'} ${name}`;
  }

  /**
   * The constructor of a trainer with no kernels to choose takes the seed alone: a second argument
   * (`new Net(seed, 'wasm')`, as the trainers with WebAssembly kernels take) is an error, not ignored.
   * Arguments given as `undefined` at the end are not given (`new Net(1, undefined)`, as a wrapper passing
   * an optional backend on writes it).
   */
  protected checkSeedOnly(args: IArguments): void {
    let count = args.length;
    while (count > 1 && args[count - 1] === undefined) count--;
    if (count <= 1) return;
    const given = Array.from(args, NetworkTrainer.described).slice(0, count).join(', ');
    throw new Error(
      `${this.modelName}: the constructor takes one argument, the seed (new ${this.modelName}(seed?)), got ${count}: ${given}; ` +
        'its training code is straight-line TypeScript, with no WebAssembly kernels to choose',
    );
  }

  /** What fit reads: the keys of FitOptions (the type makes a key missing here, or one it lacks, a compile error). */
  static readonly #fitOptionKeys: Readonly<Record<keyof FitOptions, true>> = {
    epochs: true,
    batchSize: true,
    seed: true,
    shuffle: true,
    scoreTraining: true,
    validation: true,
    validationSplit: true,
    earlyStopping: true,
    onEpoch: true,
    onStep: true,
    verbose: true,
    progressEvery: true,
    log: true,
  };

  static readonly #earlyStoppingKeys: Readonly<
    Record<keyof NonNullable<FitOptions['earlyStopping']>, true>
  > = { patience: true, minDelta: true, restoreBest: true };

  /** Options of the model, not of fit: named as such when given to fit. */
  static readonly #modelOptions = [
    'lr',
    'learningrate',
    'optimizer',
    'momentum',
    'loss',
    'schedule',
  ];

  /** fit's options, every one that is given of its type; an unknown key is an error naming the key meant. */
  #checkFitOptions(options: FitOptions<Targets>): void {
    const where = `${this.modelName}.fit`;
    const described = NetworkTrainer.described;
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new Error(
        `${where}: the options must be an object such as { epochs: 10 }, got ${described(options)}`,
      );
    }
    NetworkTrainer.#checkKeys(where, options, NetworkTrainer.#fitOptionKeys, '');
    const { epochs, batchSize, seed, earlyStopping, progressEvery } = options;
    if (!Number.isInteger(epochs) || epochs < 0) {
      throw new Error(`${where}: epochs must be a non-negative integer, got ${described(epochs)}`);
    }
    if (
      batchSize !== undefined &&
      batchSize !== 'full' &&
      !(Number.isInteger(batchSize) && batchSize >= 1)
    ) {
      throw new Error(
        `${where}: batchSize must be a positive integer or 'full', got ${described(batchSize)}`,
      );
    }
    if (seed !== undefined && !Number.isInteger(seed)) {
      throw new Error(`${where}: seed must be an integer, got ${described(seed)}`);
    }
    for (const key of ['shuffle', 'scoreTraining', 'verbose'] as const) {
      const value = options[key];
      if (value !== undefined && typeof value !== 'boolean') {
        throw new Error(`${where}: ${key} must be true or false, got ${described(value)}`);
      }
    }
    for (const key of ['onEpoch', 'onStep', 'log'] as const) {
      const value = options[key];
      if (value !== undefined && typeof value !== 'function') {
        throw new Error(`${where}: ${key} must be a function, got ${described(value)}`);
      }
    }
    if (progressEvery !== undefined && !(Number.isInteger(progressEvery) && progressEvery >= 1)) {
      throw new Error(
        `${where}: progressEvery must be a positive integer, got ${described(progressEvery)}`,
      );
    }
    if (earlyStopping === undefined) return;
    if (typeof earlyStopping !== 'object' || earlyStopping === null) {
      throw new Error(
        `${where}: earlyStopping must be an object such as { patience: 5 }, got ${described(earlyStopping)}`,
      );
    }
    NetworkTrainer.#checkKeys(
      where,
      earlyStopping,
      NetworkTrainer.#earlyStoppingKeys,
      'earlyStopping.',
    );
    const { patience, minDelta, restoreBest } = earlyStopping;
    if (!Number.isInteger(patience) || patience < 0) {
      throw new Error(
        `${where}: earlyStopping.patience must be a non-negative integer, got ${described(patience)}`,
      );
    }
    if (minDelta !== undefined && !(typeof minDelta === 'number' && minDelta >= 0)) {
      throw new Error(
        `${where}: earlyStopping.minDelta must be a non-negative number, got ${described(minDelta)}`,
      );
    }
    if (restoreBest !== undefined && typeof restoreBest !== 'boolean') {
      throw new Error(
        `${where}: earlyStopping.restoreBest must be true or false, got ${described(restoreBest)}`,
      );
    }
  }

  /** Every key of `given` is one of `known`'s: else an error naming the key meant (`prefix`: the object's path). */
  static #checkKeys(where: string, given: object, known: object, prefix: string): void {
    const names = Object.keys(known);
    for (const key of Object.keys(given)) {
      if (names.includes(key)) continue;
      const meant = NetworkTrainer.#nearest(key, names);
      const hint =
        meant !== undefined
          ? `did you mean '${meant}'?`
          : `the options are ${NetworkTrainer.#listed(names)}` +
            (prefix === '' && NetworkTrainer.#modelOptions.includes(key.toLowerCase())
              ? "; the learning rate, optimizer and loss are the model's: set them in model.ts"
              : '');
      throw new Error(`${where}: unknown option '${prefix}${key}' (${hint})`);
    }
  }

  /**
   * A dataset as a JavaScript caller may pass it: an object with X (a Float64Array), Y (a Float64Array, or
   * class labels) and n; a missing key is named with the given key it most likely is (`x` for `X`).
   */
  protected checkDatasetShape(data: unknown, method: string, what: string): void {
    const where = `${this.modelName}.${method}`;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new Error(
        `${where}: the ${what} must be a dataset { X, Y, n }, got ${NetworkTrainer.described(data)}`,
      );
    }
    const given = data as Readonly<Record<string, unknown>>;
    for (const key of ['X', 'Y', 'n']) {
      if (given[key] !== undefined) continue;
      const others = Object.keys(given).filter((k) => k !== 'X' && k !== 'Y' && k !== 'n');
      const meant = NetworkTrainer.#nearest(key, others);
      throw new Error(
        `${where}: the ${what} has no ${key} (${meant === undefined ? '' : `did you mean '${meant}'? `}the keys are X, Y and n)`,
      );
    }
    const { X, Y } = given;
    if (!(X instanceof Float64Array)) {
      const convert =
        Array.isArray(X) || ArrayBuffer.isView(X) ? ' (Float64Array.from(X) converts it)' : '';
      throw new Error(
        `${where}: the ${what}'s X must be a Float64Array, got ${NetworkTrainer.described(X)}${convert}`,
      );
    }
    if (!(Y instanceof Float64Array || Y instanceof Int32Array || Y instanceof Uint8Array)) {
      throw new Error(
        `${where}: the ${what}'s Y must be a Float64Array (or class labels, Int32Array or Uint8Array, for a cce model), ` +
          `got ${NetworkTrainer.described(Y)}`,
      );
    }
  }

  /** `a`, `a and b`, `a, b and c`. */
  static #listed(names: readonly string[]): string {
    return names.length < 2
      ? names.join('')
      : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
  }

  /**
   * The candidate a misspelled name most likely is: the same letters up to case and _ or -
   * (batchsize, validation_split), or at most ⌊length / 3⌋ edits away (epoch, patiance); none when
   * nothing is that near.
   */
  static #nearest(name: string, candidates: readonly string[]): string | undefined {
    const plain = (word: string) => word.toLowerCase().replace(/[^a-z0-9]/g, '');
    const word = plain(name);
    const same = candidates.find((c) => plain(c) === word);
    if (same !== undefined) return same;
    let best: string | undefined;
    let fewest = Math.floor(word.length / 3) + 1; // (a name of one or two letters: only the same letters)
    for (const c of candidates) {
      const edits = NetworkTrainer.#editDistance(word, plain(c));
      if (edits < fewest) {
        best = c;
        fewest = edits;
      }
    }
    return best;
  }

  /**
   * Edits from a to b, each an insertion, a deletion, a substitution or a swap of two adjacent letters
   * (optimal string alignment): d(i, j) = min(d(i−1, j) + 1, d(i, j−1) + 1, d(i−1, j−1) + [aᵢ ≠ bⱼ],
   * d(i−2, j−2) + 1 when aᵢ₋₁aᵢ = bⱼbⱼ₋₁), kept two rows back.
   */
  static #editDistance(a: string, b: string): number {
    let twoBack: number[] = [];
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      for (let j = 1; j <= b.length; j++) {
        let d = Math.min(
          previous[j]! + 1,
          row[j - 1]! + 1,
          previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
        );
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          d = Math.min(d, twoBack[j - 2]! + 1);
        }
        row.push(d);
      }
      twoBack = previous;
      previous = row;
    }
    return previous[b.length]!;
  }
