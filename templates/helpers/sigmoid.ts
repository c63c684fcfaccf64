/** σ(x) = 1 / (1 + e^(-x)), saturating without overflow for large |x|. */
function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}
