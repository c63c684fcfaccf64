  // ---- initialization ----------------------------------------------------------
  /**
   * Random weights, zero biases. Xavier/Glorot: uniform on ±√(6/(fanIn+fanOut))
   * or normal with σ = √(2/(fanIn+fanOut)); He: uniform on ±√(6/fanIn) or
   * normal with σ = √(2/fanIn). Resets the optimizer state, epoch, stepCount
   * and the input and target standardizations.
   */
  initialize(seed: number = this.seed): void {
    this.reseed(seed);
    for (let k = 0; k < this.params.length; k++) {
      const p = this.params[k]!; // parameterLayout describes params entry by entry
      const info = this.parameterLayout[k]!;
      if (info.role === 'bias') {
        p.fill(0);
        continue;
      }
      const variance = this.initKind === 'he' ? 2 / info.fanIn : 2 / (info.fanIn + info.fanOut);
      if (this.initDistribution === 'normal') {
        const sigma = Math.sqrt(variance);
        for (let i = 0; i < p.length; i++) p[i] = sigma * this.gaussian();
      } else {
        const limit = Math.sqrt(3 * variance); // U(−a, a) has variance a²/3
        for (let i = 0; i < p.length; i++) p[i] = limit * (2 * this.random() - 1);
      }
    }
    this.resetOptimizerState();
    this.epoch = 0;
    this.stepCount = 0;
    this.#inputScaling = null;
    this.#targetScaling = null;
  }
