/**
 * e^x, tanh x and ln x on both lanes of an f64x2, as internal WAT functions of the
 * kernel module (WebAssembly has no SIMD exp or log); ln x is fdlibm's (see
 * LOG below). e^x and tanh x reduce the argument the way fdlibm does: k = round(x / ln 2), r = x − k·ln2_hi − k·ln2_lo with
 * |r| ≤ ln2/2 (ln2_hi has 21 trailing zero bits, so k·ln2_hi is exact), then
 *   e^r − 1 = r + r²/2! + … + r¹³/13!   (the first omitted term is below 5·10⁻¹⁸ relative)
 *   e^x     = (1 + (e^r − 1)) · 2^k
 * and 2^k is built in the exponent field: bits (k + 1023) << 52. Measured
 * against Math.exp / Math.tanh / Math.log in test/wasm-element.test.ts (a few ulp).
 */
export type SimdHelper = 'exp' | 'tanh' | 'log';

/** The call of a helper on a v128 operand. */
export const callHelper = (helper: SimdHelper, x: string): string => `(call $${helper}_f64x2 ${x})`;

const LOG2E = 1.4426950408889634;
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const both = (c: number): string => `(v128.const f64x2 ${literal(c)} ${literal(c)})`;
const literal = (c: number): string => (Object.is(c, -0) ? '-0.0' : Number.isInteger(c) ? c.toFixed(1) : String(c));

/** 1/k! for k = 1 … 13. */
const TAYLOR = Array.from({ length: 13 }, (_, i) => 1 / factorial(i + 1));
function factorial(k: number): number {
  return k <= 1 ? 1 : k * factorial(k - 1);
}

/**
 * e^r − 1 for |r| ≤ ln2/2: r · p(r), p(r) = Σ_{k<13} r^k/(k+1)!, by Estrin's
 * scheme (pairs c + c′r, then pairs of those times r², r⁴, r⁸): a dependency
 * chain of 4 multiply-adds instead of Horner's 13, which the latency of one
 * call would otherwise serialize. Needs $r2, $r4, $r8 set to r², r⁴, r⁸.
 */
function expm1Poly(r: string): string {
  const powers = ['(local.get $r2)', '(local.get $r4)', '(local.get $r8)'];
  let terms = TAYLOR.map(both);
  let x = r;
  for (let level = 0; terms.length > 1; level++) {
    const next: string[] = [];
    for (let i = 0; i < terms.length; i += 2) {
      next.push(i + 1 < terms.length ? `(f64x2.add ${terms[i]} (f64x2.mul ${terms[i + 1]} ${x}))` : terms[i]);
    }
    terms = next;
    x = powers[level];
  }
  return `(f64x2.mul ${terms[0]} ${r})`;
}

/** Sets $k = round(a / ln 2) and $q = e^r − 1 of the reduced argument of local $a. */
const reduce = [
  `(local.set $k (f64x2.nearest (f64x2.mul (local.get $a) ${both(LOG2E)})))`,
  `(local.set $r (f64x2.sub (f64x2.sub (local.get $a) (f64x2.mul (local.get $k) ${both(LN2_HI)})) (f64x2.mul (local.get $k) ${both(LN2_LO)})))`,
  '(local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))',
  '(local.set $r4 (f64x2.mul (local.get $r2) (local.get $r2)))',
  '(local.set $r8 (f64x2.mul (local.get $r4) (local.get $r4)))',
  `(local.set $q ${expm1Poly('(local.get $r)')})`,
];

/** 2^k of the integers in the low two i32 lanes of `k`: the exponent field k + 1023. */
const pow2 = (k: string): string =>
  `(i64x2.shl (i64x2.add (i64x2.extend_low_i32x4_s ${k}) (v128.const i64x2 1023 1023)) (i32.const 52))`;

const LOCALS = '(local $a v128) (local $k v128) (local $r v128) (local $r2 v128) (local $r4 v128) (local $r8 v128) (local $q v128) (local $h v128)';

/**
 * e^x: x clamped to [−746, 710] first (e^x is 0 below, ∞ above; NaN stays NaN:
 * min and max propagate it), and 2^k applied as 2^h · 2^(k−h), h = k >> 1,
 * so both factors are normal numbers and subnormal results come out right.
 */
const EXP = [
  '  ;; e^x on both lanes (see simd-math.ts)',
  `  (func $exp_f64x2 (param $x v128) (result v128) ${LOCALS}`,
  `    (local.set $a (f64x2.max (f64x2.min (local.get $x) ${both(710)}) ${both(-746)}))`,
  ...reduce.map((line) => `    ${line}`),
  '    (local.set $k (i32x4.trunc_sat_f64x2_s_zero (local.get $k)))',
  '    (local.set $h (i32x4.shr_s (local.get $k) (i32.const 1)))',
  `    (f64x2.mul (f64x2.mul (f64x2.add (local.get $q) ${both(1)}) ${pow2('(local.get $h)')}) ${pow2('(i32x4.sub (local.get $k) (local.get $h))')}))`,
];

/**
 * tanh x = sign(x) · e / (e + 2) with e = e^{2|x|} − 1 = 2^k (e^r − 1) + (2^k − 1):
 * no cancellation near 0 (k = 0 leaves e^r − 1 itself), and 2|x| clamped to
 * 40, past which tanh is 1 in f64. The sign bit of x is or-ed back (tanh −0 = −0).
 */
const TANH = [
  '  ;; tanh x on both lanes (see simd-math.ts)',
  `  (func $tanh_f64x2 (param $x v128) (result v128) ${LOCALS}`,
  `    (local.set $a (f64x2.min (f64x2.add (f64x2.abs (local.get $x)) (f64x2.abs (local.get $x))) ${both(40)}))`,
  ...reduce.map((line) => `    ${line}`),
  `    (local.set $h ${pow2('(i32x4.trunc_sat_f64x2_s_zero (local.get $k))')})`,
  `    (local.set $a (f64x2.add (f64x2.mul (local.get $h) (local.get $q)) (f64x2.sub (local.get $h) ${both(1)})))`,
  `    (v128.or (f64x2.div (local.get $a) (f64x2.add (local.get $a) ${both(2)})) (v128.and (local.get $x) ${both(-0)})))`,
];

/** fdlibm's coefficients of R(s²) ≈ (log(1+f) − 2s)/s − … in log(1+f) = 2s + s·R, s = f/(2+f). */
const LG = [6.666666666666735130e-01, 3.999999999940941908e-01, 2.857142874366239149e-01, 2.222219843214978396e-01,
  1.818357216161805012e-01, 1.531383769920937332e-01, 1.479819860511658591e-01];
const i64 = (c: string): string => `(v128.const i64x2 ${c} ${c})`;
const get = (local: string): string => `(local.get $${local})`;

/**
 * ln x as fdlibm computes it: x = 2^k · m with m in [0.7071, 1.4142) (fdlibm's
 * split: the mantissa's high word against 0x6a09c), f = m − 1, s = f / (2 + f),
 * z = s², w = z², R = z(Lg1 + w(Lg3 + w(Lg5 + w Lg7))) + w(Lg2 + w(Lg4 + w Lg6)),
 *   ln x = k·ln2_hi − ((f²/2 − (s(f²/2 + R) + k·ln2_lo)) − f).
 * k and m come from the bits: a subnormal x is scaled by 2^54 first (k − 54);
 * the exponent field becomes a double by the 2^52 trick (bits 0x4330… | e,
 * minus 2^52). ln 0 = −∞, ln x < 0 = NaN, ln ∞ = ∞, NaN stays NaN.
 */
const LOG = [
  '  ;; ln x on both lanes (see simd-math.ts)',
  `  (func $log_f64x2 (param $x v128) (result v128) (local $a v128) (local $k v128) (local $m v128) (local $f v128) (local $s v128) (local $z v128) (local $w v128) (local $h v128) (local $t v128)`,
  // subnormals (and 0, negatives: replaced at the end) scaled into the normal range
  `    (local.set $t (f64x2.lt ${get('x')} ${both(2.2250738585072014e-308)}))`,
  `    (local.set $a (v128.bitselect (f64x2.mul ${get('x')} ${both(18014398509481984)}) ${get('x')} ${get('t')}))`,
  // k = exponent field − 1023 (− 54 when scaled), as a double
  `    (local.set $k (f64x2.sub (v128.or (i64x2.shr_u ${get('a')} (i32.const 52)) ${i64('0x4330000000000000')}) ${both(4503599627370496)}))`,
  `    (local.set $k (f64x2.sub (f64x2.sub ${get('k')} ${both(1023)}) (v128.and ${get('t')} ${both(54)})))`,
  // m in [1, 2) from the mantissa; halved (k + 1) from fdlibm's split point on
  `    (local.set $m (v128.or (v128.and ${get('a')} ${i64('0x000fffffffffffff')}) ${i64('0x3ff0000000000000')}))`,
  `    (local.set $t (f64x2.ge ${get('m')} (v128.const i64x2 0x3ff6a09c00000000 0x3ff6a09c00000000)))`,
  `    (local.set $m (v128.bitselect (f64x2.mul ${get('m')} ${both(0.5)}) ${get('m')} ${get('t')}))`,
  `    (local.set $k (f64x2.add ${get('k')} (v128.and ${get('t')} ${both(1)})))`,
  `    (local.set $f (f64x2.sub ${get('m')} ${both(1)}))`,
  `    (local.set $s (f64x2.div ${get('f')} (f64x2.add ${both(2)} ${get('f')})))`,
  `    (local.set $z (f64x2.mul ${get('s')} ${get('s')}))`,
  `    (local.set $w (f64x2.mul ${get('z')} ${get('z')}))`,
  `    (local.set $h (f64x2.mul (f64x2.mul ${both(0.5)} ${get('f')}) ${get('f')}))`,
  // R = t2 + t1: t1 = w(Lg2 + w(Lg4 + w Lg6)), t2 = z(Lg1 + w(Lg3 + w(Lg5 + w Lg7)))
  `    (local.set $t (f64x2.add (f64x2.mul ${get('z')} ${horner(get('w'), [LG[0], LG[2], LG[4], LG[6]])}) (f64x2.mul ${get('w')} ${horner(get('w'), [LG[1], LG[3], LG[5]])})))`,
  `    (local.set $a (f64x2.sub (f64x2.mul ${get('k')} ${both(LN2_HI)}) (f64x2.sub (f64x2.sub ${get('h')} (f64x2.add (f64x2.mul ${get('s')} (f64x2.add ${get('h')} ${get('t')})) (f64x2.mul ${get('k')} ${both(LN2_LO)}))) ${get('f')})))`,
  // 0 < x < ∞: the formula; else ln 0 = −∞, ln(x < 0) = NaN, ∞ and NaN themselves
  `    (v128.bitselect ${get('a')} (v128.bitselect (v128.const f64x2 -inf -inf) (v128.bitselect (v128.const f64x2 nan nan) ${get('x')} (f64x2.lt ${get('x')} ${both(0)})) (f64x2.eq ${get('x')} ${both(0)})) (v128.and (f64x2.gt ${get('x')} ${both(0)}) (f64x2.lt ${get('x')} (v128.const f64x2 inf inf)))))`,
];

/** c₀ + x(c₁ + x(c₂ + …)) */
function horner(x: string, coefficients: readonly number[]): string {
  return coefficients.reduceRight((inner, c, i) => (i === coefficients.length - 1 ? both(c) : `(f64x2.add ${both(c)} (f64x2.mul ${x} ${inner}))`), '');
}

/** The WAT functions of the helpers used (exp before tanh, each once). */
export function helperFunctions(used: ReadonlySet<SimdHelper>): string[] {
  return [
    ...(used.has('exp') ? [EXP.join('\n')] : []),
    ...(used.has('tanh') ? [TANH.join('\n')] : []),
    ...(used.has('log') ? [LOG.join('\n')] : []),
  ];
}
