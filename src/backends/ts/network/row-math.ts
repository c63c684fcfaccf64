import type { HelperName } from '../helper-names.js';

/**
 * tanh x and e^{−|z|} as straight-line arithmetic, for the rows of a small
 * network's training step (row-step.ts). There `Math.tanh` and `Math.exp` are
 * calls out of the optimized code, around which V8 spills every live double:
 * they were most of the XOR step. No call, no branch (selects only):
 *
 *   e^{−c} = 2^{64−k} (1 + p) 2^{−64},  c = k ln 2 − r,   k = round(c / ln 2), |r| ≤ ln 2 / 2,
 *   tanh x = sign(x) · E / (E + 2),  E = e^{2|x|} − 1 = 2^k p + (2^k − 1),  2|x| = k ln 2 + r,
 *   p = e^r − 1 = r + r² Σ_{j=0}^{11} r^j / (j + 2)!   (truncation < 0.02 ulp of p; Estrin's scheme),
 *
 * with ln 2 in two parts so that k ln 2 is exact (and c − k ln 2 exact by
 * Sterbenz's lemma), and k rounded by adding and subtracting 1.5 · 2^52. For
 * |x| ≥ 0.55 (tanh ≥ 0.5) tanh uses the equal form 1 − 2 / (E + 2), whose
 * error is relative to the small quotient only. Special values come out as
 * from Math: tanh is ±1 exactly from 2|x| ≥ 39 (it rounds to 1 from |x| ≈ 19.06),
 * ±0 and NaN come back as they are, a subnormal x as x; e^{−|z|} is 0 from
 * |z| ≥ 746 and for ±∞, NaN for NaN. The powers of two are the module's tables
 * (templates/helpers/powersOfTwo.ts, expScales.ts).
 * Accuracy (test/row-math.test.ts): tanh at most 4 ulp from Math.tanh (and
 * 2.2 ulp from tanh computed to 120 bits, where Math.tanh is 2.0 ulp off);
 * e^{−|z|} at most 1 ulp from Math.exp.
 */
export const TANH_HELPER = 'powersOfTwo' satisfies HelperName;
export const EXP_NEG_ABS_HELPER = 'expScales' satisfies HelperName;

const LOG2E = '1.4426950408889634';
/** 1.5 · 2^52: (y + M) − M rounds y to an integer (ties to even) for |y| < 2^51. */
const ROUND = '6755399441055744';
/** ln 2 = LN2_HI + LN2_LO; LN2_HI has 32 significant bits, so k · LN2_HI is exact for |k| < 2^21. */
const LN2_HI = '0.6931471806019545';
const LN2_LO = '-4.2009150726810846e-11';
/** 1 / (j + 2)! for j = 0 … 11: the series of (e^r − 1 − r) / r². */
const C = Array.from({ length: 12 }, (_, j) => {
  let factorial = 1;
  for (let m = 2; m <= j + 2; m++) factorial *= m;
  return String(1 / factorial);
});

/** Statements that declare `${v}_p` = e^r − 1 for |r| ≤ ln 2 / 2 given `${v}_r` (helper locals `${v}_…`). */
function expm1Statements(v: string): string[] {
  const [r, r2, r4, q, p] = ['r', 'r2', 'r4', 'q', 'p'].map((s) => `${v}_${s}`);
  const pair = (j: number) => `(${C[j]} + ${C[j + 1]} * ${r})`;
  return [
    `const ${r2} = ${r} * ${r}, ${r4} = ${r2} * ${r2};`,
    `const ${q} = ${pair(0)} + ${r2} * ${pair(2)} + ${r4} * (${pair(4)} + ${r2} * ${pair(6)}) + ${r4} * ${r4} * (${pair(8)} + ${r2} * ${pair(10)});`,
    `const ${p} = ${r} + ${r2} * ${q};`,
  ];
}

/**
 * Statements that declare `out` = tanh(x) (x a local or a literal), with
 * helper locals named `${out}_…`. They read `powersOfTwo`, the module's
 * name of POWERS_OF_TWO (2^k, k = 0 … 63).
 */
export function tanhStatements(x: string, out: string, powersOfTwo = 'POWERS_OF_TWO'): string[] {
  const [a, aa, t, k, r, p, s, sp, d, m, w, w1, h, nh] = ['a', 'aa', 't', 'k', 'r', 'p', 's', 'sp', 'd', 'm', 'w', 'w1', 'h', 'nh']
    .map((name) => `${out}_${name}`);
  // Every select picks between values computed before it: arithmetic inside a select's side that the
  // warm-up never took has no type feedback, and the first row that takes it deoptimizes the method.
  return [
    `// ${out} = tanh ${x} = ±E / (E + 2), E = e^{2|x|} − 1 = 2^k (1 + p) − 1, p = e^r − 1 (row-math.ts)`,
    `const ${a} = Math.abs(${x}), ${aa} = ${a} + ${a}, ${t} = ${a} < 19.5 ? ${aa} : 39;`,
    `const ${k} = ${t} * ${LOG2E} + ${ROUND} - ${ROUND};`,
    `const ${r} = ${t} - ${k} * ${LN2_HI} - ${k} * ${LN2_LO};`,
    ...expm1Statements(out),
    `const ${s} = ${powersOfTwo}[${k}]!, ${sp} = ${s} * ${p}, ${d} = ${sp} + (${s} + 1);`,
    `const ${m} = ${sp} + (${s} - 1), ${w} = (${a} < 0.55 ? ${m} : 2) / ${d}, ${w1} = 1 - ${w}, ${h} = ${a} < 0.55 ? ${w} : ${w1};`,
    `const ${nh} = -${h}, ${out} = ${x} < 0 ? ${nh} : ${x} > 0 ? ${h} : ${x};`,
  ];
}

/**
 * Statements that declare `out` = e^{−|z|} (z a local or a literal), with
 * helper locals named `${out}_…`. They read `expScales`, the module's name of
 * EXP_SCALES (2^{64−k}: the product is normal until the last factor 2^{−64},
 * so a subnormal result is rounded once).
 */
export function expNegAbsStatements(z: string, out: string, expScales = 'EXP_SCALES'): string[] {
  const [u, c, k, r, p, e] = ['u', 'c', 'k', 'r', 'p', 'e'].map((name) => `${out}_${name}`);
  return [
    `// ${out} = e^{−|${z}|} = 2^{−k} (1 + p), p = e^r − 1 (row-math.ts)`,
    `const ${u} = Math.abs(${z}), ${c} = ${u} < 746 ? ${u} : 746;`,
    `const ${k} = ${c} * ${LOG2E} + ${ROUND} - ${ROUND};`,
    `const ${r} = ${k} * ${LN2_HI} - ${c} + ${k} * ${LN2_LO};`,
    ...expm1Statements(out),
    // k ≤ 1076 (c is at most 746): the table read is in bounds on every path, so it is computed before the select
    `const ${e} = ${expScales}[${k}]! * (1 + ${p}) * 5.421010862427522e-20, ${out} = ${u} <= 746 ? ${e} : ${u} > 746 ? 0 : ${u};`,
  ];
}
