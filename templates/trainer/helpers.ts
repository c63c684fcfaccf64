  // ---- helpers ------------------------------------------------------------------------------
  /** `1 row`, `3 rows`: a count with its noun in the number the count takes (for messages). */
  protected static counted(count: number, singular: string, plural = `${singular}s`): string {
    return `${count} ${count === 1 ? singular : plural}`;
  }

  /** ensureCapacity, remembering the largest row count asked for (evaluation chunks use it). */
  #reserve(n: number): void {
    if (n > this.#capacity) this.#capacity = n;
    this.ensureCapacity(n);
  }
