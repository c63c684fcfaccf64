import { floatLiteral, type Precision } from './vector.js';

/**
 * ln x on every lane of an f64x2 (fdlibm's) or an f32x4 (Cephes' logf), as
 * internal WAT functions of the kernel module (WebAssembly has no SIMD log).
 * Both split x = 2^k · m from the bits (a subnormal x scaled into the normal
 * range first), move m next to 1 (fdlibm: [0.7071, 1.4142); Cephes: [√½, √2)
 * as f = 2m − 1 or m − 1 with m in [0.5, 1)), and add k·ln 2 as two parts
 * (ln2_hi has trailing zero bits enough for k·ln2_hi to be exact).
 * ln 0 = −∞, ln x < 0 = NaN, ln ∞ = ∞, NaN stays NaN.
 * Measured in test/wasm-element.test.ts: within 1 ulp of Math.log (f64) and of
 * Math.fround(Math.log(x)) (f32) over the whole range, subnormals included.
 */
const get = (local: string): string => `(local.get $${local})`;
const splat = (shape: 'f64x2' | 'f32x4', c: number): string =>
  `(v128.const ${shape} ${Array(shape === 'f64x2' ? 2 : 4).fill(floatLiteral(shape === 'f64x2' ? c : Math.fround(c))).join(' ')})`;
const ints = (shape: 'i64x2' | 'i32x4', c: string): string => `(v128.const ${shape} ${Array(shape === 'i64x2' ? 2 : 4).fill(c).join(' ')})`;

/** c₀ + x(c₁ + x(c₂ + …)) */
function horner(shape: 'f64x2' | 'f32x4', x: string, coefficients: readonly number[]): string {
  return coefficients.reduceRight((inner, c, i) =>
    (i === coefficients.length - 1 ? splat(shape, c) : `(${shape}.add ${splat(shape, c)} (${shape}.mul ${x} ${inner}))`), '');
}

/** 0 < x < ∞: `value`; else ln 0 = −∞ (also −0), ln(x < 0) = NaN, ∞ and NaN themselves. */
function specialValues(shape: 'f64x2' | 'f32x4', value: string): string {
  const x = get('x');
  const [nan, minusInf, inf] = [NaN, -Infinity, Infinity].map((c) => splat(shape, c));
  return `(v128.bitselect ${value} (v128.bitselect ${minusInf} (v128.bitselect ${nan} ${x} (${shape}.lt ${x} ${splat(shape, 0)})) (${shape}.eq ${x} ${splat(shape, 0)})) `
    + `(v128.and (${shape}.gt ${x} ${splat(shape, 0)}) (${shape}.lt ${x} ${inf})))`;
}

/** fdlibm's coefficients of R(s²) ≈ (log(1+f) − 2s)/s − … in log(1+f) = 2s + s·R, s = f/(2+f). */
const LG = [6.666666666666735130e-01, 3.999999999940941908e-01, 2.857142874366239149e-01, 2.222219843214978396e-01,
  1.818357216161805012e-01, 1.531383769920937332e-01, 1.479819860511658591e-01];
/** fdlibm's split of ln 2: ln2_hi has 32 significant bits. */
const [LN2_HI, LN2_LO] = [6.93147180369123816490e-1, 1.90821492927058770002e-10];

/**
 * f64: x = 2^k · m with m in [0.7071, 1.4142) (fdlibm's split: the mantissa's
 * high word against 0x6a09c), f = m − 1, s = f / (2 + f), z = s², w = z²,
 * R = z(Lg1 + w(Lg3 + w(Lg5 + w Lg7))) + w(Lg2 + w(Lg4 + w Lg6)),
 *   ln x = k·ln2_hi − ((f²/2 − (s(f²/2 + R) + k·ln2_lo)) − f).
 * A subnormal x is scaled by 2^54 first (k − 54); the exponent field becomes
 * a double by the 2^52 trick (bits 0x4330… | e, minus 2^52).
 */
const LOG_F64 = (() => {
  const both = (c: number) => splat('f64x2', c);
  const i64 = (c: string) => ints('i64x2', c);
  return [
    '  ;; ln x on both lanes (see simd-log.ts)',
    `  (func $log_f64x2 (param $x v128) (result v128) (local $a v128) (local $k v128) (local $m v128) (local $f v128) (local $s v128) (local $z v128) (local $w v128) (local $h v128) (local $t v128)`,
    // subnormals (and 0, negatives: replaced at the end) scaled into the normal range
    `    (local.set $t (f64x2.lt ${get('x')} ${both(2.2250738585072014e-308)}))`,
    `    (local.set $a (v128.bitselect (f64x2.mul ${get('x')} ${both(18014398509481984)}) ${get('x')} ${get('t')}))`,
    // k = exponent field − 1023 (− 54 when scaled), as a double
    `    (local.set $k (f64x2.sub (v128.or (i64x2.shr_u ${get('a')} (i32.const 52)) ${i64('0x4330000000000000')}) ${both(4503599627370496)}))`,
    `    (local.set $k (f64x2.sub (f64x2.sub ${get('k')} ${both(1023)}) (v128.and ${get('t')} ${both(54)})))`,
    // m in [1, 2) from the mantissa; halved (k + 1) from fdlibm's split point on
    `    (local.set $m (v128.or (v128.and ${get('a')} ${i64('0x000fffffffffffff')}) ${i64('0x3ff0000000000000')}))`,
    `    (local.set $t (f64x2.ge ${get('m')} ${i64('0x3ff6a09c00000000')}))`,
    `    (local.set $m (v128.bitselect (f64x2.mul ${get('m')} ${both(0.5)}) ${get('m')} ${get('t')}))`,
    `    (local.set $k (f64x2.add ${get('k')} (v128.and ${get('t')} ${both(1)})))`,
    `    (local.set $f (f64x2.sub ${get('m')} ${both(1)}))`,
    `    (local.set $s (f64x2.div ${get('f')} (f64x2.add ${both(2)} ${get('f')})))`,
    `    (local.set $z (f64x2.mul ${get('s')} ${get('s')}))`,
    `    (local.set $w (f64x2.mul ${get('z')} ${get('z')}))`,
    `    (local.set $h (f64x2.mul (f64x2.mul ${both(0.5)} ${get('f')}) ${get('f')}))`,
    // R = t2 + t1: t1 = w(Lg2 + w(Lg4 + w Lg6)), t2 = z(Lg1 + w(Lg3 + w(Lg5 + w Lg7)))
    `    (local.set $t (f64x2.add (f64x2.mul ${get('z')} ${horner('f64x2', get('w'), [LG[0], LG[2], LG[4], LG[6]])}) (f64x2.mul ${get('w')} ${horner('f64x2', get('w'), [LG[1], LG[3], LG[5]])})))`,
    `    (local.set $a (f64x2.sub (f64x2.mul ${get('k')} ${both(LN2_HI)}) (f64x2.sub (f64x2.sub ${get('h')} (f64x2.add (f64x2.mul ${get('s')} (f64x2.add ${get('h')} ${get('t')})) (f64x2.mul ${get('k')} ${both(LN2_LO)}))) ${get('f')})))`,
    `    ${specialValues('f64x2', get('a'))})`,
  ];
})();

/** Cephes' logf coefficients, x³ … x¹¹ of ln(1 + f) − f + f²/2 as f · f² · P(f), P's from degree 0 up. */
const LOGF_P = [3.3333331174e-1, -2.4999993993e-1, 2.0000714765e-1, -1.6668057665e-1, 1.4249322787e-1,
  -1.2420140846e-1, 1.1676998740e-1, -1.1514610310e-1, 7.0376836292e-2];
/** Cephes' split of ln 2 for f32: ln2_hi = 355/512 has 9 significant bits (k·ln2_hi exact for |k| < 2^15). */
const [LN2F_HI, LN2F_LO] = [0.693359375, -2.12194440e-4];

/**
 * f32, Cephes' logf: x = 2^e · m with m in [0.5, 1) (e = exponent field − 126;
 * a subnormal x scaled by 2^25 first, e − 25); below √½, e − 1 and f = 2m − 1,
 * else f = m − 1 (both exact), so 1 + f is in [√½, √2); z = f², then
 *   ln x = (f + (f·z·P(f) + e·ln2_lo − z/2)) + e·ln2_hi.
 */
const LOG_F32 = (() => {
  const four = (c: number) => splat('f32x4', c);
  const i32 = (c: string) => ints('i32x4', c);
  return [
    '  ;; ln x on all four lanes (see simd-log.ts)',
    '  (func $log_f32x4 (param $x v128) (result v128) (local $a v128) (local $e v128) (local $m v128) (local $t v128) (local $z v128) (local $y v128)',
    // subnormals (and 0, negatives: replaced at the end) scaled into the normal range
    `    (local.set $t (f32x4.lt ${get('x')} ${four(2 ** -126)}))`,
    `    (local.set $a (v128.bitselect (f32x4.mul ${get('x')} ${four(2 ** 25)}) ${get('x')} ${get('t')}))`,
    // e = exponent field − 126 (− 25 when scaled), m in [0.5, 1) from the mantissa
    `    (local.set $e (i32x4.sub (i32x4.sub (i32x4.shr_u ${get('a')} (i32.const 23)) ${i32('126')}) (v128.and ${get('t')} ${i32('25')})))`,
    `    (local.set $m (v128.or (v128.and ${get('a')} ${i32('0x007fffff')}) ${i32('0x3f000000')}))`,
    // below √½: e − 1 (t is −1 in those lanes) and f = 2m − 1, else f = m − 1
    `    (local.set $t (f32x4.lt ${get('m')} ${four(Math.SQRT1_2)}))`,
    `    (local.set $e (f32x4.convert_i32x4_s (i32x4.add ${get('e')} ${get('t')})))`,
    `    (local.set $m (f32x4.sub (v128.bitselect (f32x4.add ${get('m')} ${get('m')}) ${get('m')} ${get('t')}) ${four(1)}))`,
    `    (local.set $z (f32x4.mul ${get('m')} ${get('m')}))`,
    `    (local.set $y (f32x4.mul (f32x4.mul ${horner('f32x4', get('m'), LOGF_P)} ${get('m')}) ${get('z')}))`,
    `    (local.set $y (f32x4.add (f32x4.add ${get('y')} (f32x4.mul ${get('e')} ${four(LN2F_LO)})) (f32x4.mul ${four(-0.5)} ${get('z')})))`,
    `    (local.set $a (f32x4.add (f32x4.add ${get('m')} ${get('y')}) (f32x4.mul ${get('e')} ${four(LN2F_HI)})))`,
    `    ${specialValues('f32x4', get('a'))})`,
  ];
})();

/** The WAT function $log_f64x2 or $log_f32x4. */
export const LOG_FUNCTION: Readonly<Record<Precision, string>> = { f64: LOG_F64.join('\n'), f32: LOG_F32.join('\n') };
