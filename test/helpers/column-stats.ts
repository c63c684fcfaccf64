/**
 * Column means and population standard deviations of the first n rows of
 * `width` numbers (row-major), computed here, independently of any trainer:
 * μ_j = (1/n) Σ_r x_rj, σ_j = √((1/n) Σ_r (x_rj − μ_j)²).
 */
export function columnStats(rows: ArrayLike<number>, n: number, width: number): { mean: number[]; std: number[] } {
  const mean = Array.from({ length: width }, (_, j) => {
    let s = 0;
    for (let r = 0; r < n; r++) s += rows[r * width + j];
    return s / n;
  });
  const std = mean.map((m, j) => {
    let s = 0;
    for (let r = 0; r < n; r++) s += (rows[r * width + j] - m) ** 2;
    return Math.sqrt(s / n);
  });
  return { mean, std };
}
