/**
 * 2^(64−k) for k = 0 … 1079, exact: e^{−|z|} = 2^(64−k) e^r · 2^−64 in the straight-line σ and bce of a
 * small network's rows (the product before the last factor is normal, so a subnormal result is rounded once).
 */
const EXP_SCALES = Float64Array.from({ length: 1080 }, (_, k) => 2 ** (64 - k));
