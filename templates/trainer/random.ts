  // ---- random numbers --------------------------------------------------------
  /** Restarts the PRNG (and drops the cached Gaussian). */
  reseed(seed: number): void {
    if (!Number.isInteger(seed)) {
      throw new Error(
        `${this.modelName}: the seed must be an integer, got ${NetworkTrainer.described(seed)}`,
      );
    }
    this.#rngState[0] = seed >>> 0;
    this.#hasSpareGaussian = false;
  }

  /** Uniform in [0, 1): mulberry32, 32 bits of state. */
  random(): number {
    this.#fillUniform(this.#rngState, this.#draw, 1);
    return this.#draw[0]!;
  }

  /**
   * dst[0..count) ← the next count numbers of mulberry32 from rng[0], uniform
   * in [0, 1). The state stays in a local and goes back to its Uint32Array
   * once: a double stored in a field of a receiver V8 has seen in many shapes
   * (many trainer classes share this method) would be boxed on every store.
   *
   * Reads no field of this, like every per-step method here with a loop: V8
   * then never deoptimizes it when one more trainer class calls it. A method
   * with a loop that does read a field is deoptimized by each new class while
   * the code compiled for its loop alone (on-stack replacement) stays valid;
   * V8 may then enter every later call unoptimized and jump into that loop
   * code after one iteration, which boxes one double per call.
   */
  #fillUniform(rng: Uint32Array, dst: TrainerArray, count: number): void {
    let state = rng[0]!;
    for (let i = 0; i < count; i++) {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      dst[i] = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }
    rng[0] = state;
  }

  /**
   * Inverted dropout: mask[i] = scale (= 1 / keep) with probability keep, else
   * 0, for i < count; the same draws as random() < keep (in a Float32Array
   * each draw is rounded to f32 first). Allocation-free.
   */
  protected fillDropoutMask(mask: TrainerArray, count: number, keep: number, scale: number): void {
    this.#fillUniform(this.#rngState, mask, count);
    this.#keepOrDrop(mask, count, keep, scale);
  }

  /** mask[i] ← scale where the draw mask[i] < keep, else 0, for i < count. Reads no field (see #fillUniform). */
  #keepOrDrop(mask: TrainerArray, count: number, keep: number, scale: number): void {
    for (let i = 0; i < count; i++) mask[i] = mask[i]! < keep ? scale : 0;
  }

  /** Standard normal by Box–Muller: r = √(−2 ln u₁), θ = 2πu₂ give r cos θ and (cached) r sin θ. */
  gaussian(): number {
    if (this.#hasSpareGaussian) {
      this.#hasSpareGaussian = false;
      return this.#spareGaussian;
    }
    const u1 = 1 - this.random(); // in (0, 1], so ln u₁ is finite
    const theta = 2 * Math.PI * this.random();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.#spareGaussian = r * Math.sin(theta);
    this.#hasSpareGaussian = true;
    return r * Math.cos(theta);
  }
