/**
 * Per-column standardization of rows (inputs, or regression targets):
 * x̂_j = (x_j − μ_j) / σ_j, undone by x_j = μ_j + σ_j x̂_j.
 */
class ColumnScaling {
  // (fields assigned in the constructor, not parameter properties: Node's type stripping runs only erasable syntax)
  readonly mean: Float64Array;
  readonly std: Float64Array;

  constructor(mean: Float64Array, std: Float64Array) {
    this.mean = mean;
    this.std = std;
  }

  /** μ_j = mean of column j over n rows, σ_j = √(mean (x_j − μ_j)²), with σ_j = 0 → 1. */
  static fit(rows: Float64Array, n: number, width: number): ColumnScaling {
    const mean = new Float64Array(width);
    const std = new Float64Array(width);
    // (every index below is < n · width, the rows' length, or < width: the `!`s state it)
    for (let r = 0; r < n; r++) for (let j = 0; j < width; j++) mean[j]! += rows[r * width + j]!;
    for (let j = 0; j < width; j++) mean[j]! /= n;
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < width; j++) {
        const d = rows[r * width + j]! - mean[j]!;
        std[j]! += d * d;
      }
    }
    for (let j = 0; j < width; j++) {
      const s = Math.sqrt(std[j]! / n);
      std[j] = s > 0 ? s : 1;
    }
    return new ColumnScaling(mean, std);
  }

  /** dst row dstRow ← (src row srcRow − μ) / σ. */
  standardizeRow(src: Float64Array, srcRow: number, dst: Float64Array, dstRow: number): void {
    const width = this.mean.length;
    const s = srcRow * width;
    const d = dstRow * width;
    for (let j = 0; j < width; j++) dst[d + j] = (src[s + j]! - this.mean[j]!) / this.std[j]!;
  }

  /** The first n rows, standardized into a new array (once per fit). */
  standardizedCopy(rows: Float64Array, n: number): Float64Array {
    const copy = new Float64Array(n * this.mean.length);
    for (let r = 0; r < n; r++) this.standardizeRow(rows, r, copy, r);
    return copy;
  }

  /** rows[r, j] ← μ_j + σ_j rows[r, j] for the first n rows, in place: back to the original units. */
  restoreRows(rows: Float64Array, n: number): void {
    const width = this.mean.length;
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < width; j++)
        rows[r * width + j] = this.mean[j]! + this.std[j]! * rows[r * width + j]!;
    }
  }

  toJSON(): { mean: number[]; std: number[] } {
    return { mean: Array.from(this.mean), std: Array.from(this.std) };
  }
}
