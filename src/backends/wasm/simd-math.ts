import { LOG_FUNCTION } from './simd-log.js';
import type { Precision } from './vector.js';

/**
 * e^x and tanh x on every lane of an f64x2 or an f32x4 (and ln x: simd-log.ts), as internal WAT functions of
 * the kernel module (WebAssembly has no SIMD exp or log). e^x and tanh x reduce
 * the argument the way fdlibm (f64) and Cephes (f32) do: k = round(x / ln 2),
 * r = x − k·ln2_hi − k·ln2_lo with |r| ≤ ln2/2 (ln2_hi has trailing zero bits
 * enough for k·ln2_hi to be exact), then
 *   e^r − 1 = r + r²/2! + … + r^m/m!   (f64: m = 13, the first omitted term below 5·10⁻¹⁸ relative;
 *                                        f32: m = 7, below 6·10⁻⁹, a tenth of f32's half ulp)
 *   e^x     = (1 + (e^r − 1)) · 2^k
 * and 2^k is built in the exponent field: bits (k + 1023) << 52 (f64), (k + 127) << 23 (f32).
 * Measured against Math.exp / Math.tanh / Math.log in test/wasm-element.test.ts (a few ulp of each precision).
 */
export type SimdHelper = 'exp' | 'tanh' | 'log';

/** What differs between the precisions: the lanes, the constants of the reduction and the exponent field. */
interface MathPrecision {
  readonly shape: 'f64x2' | 'f32x4';
  readonly lanes: string;
  readonly ln2Hi: number;
  readonly ln2Lo: number;
  /** m: the last power of the Taylor series of e^r − 1. */
  readonly terms: number;
  /** e^x is 0 below, ∞ above (the clamp keeps k's exponent field in range). */
  readonly expRange: readonly [number, number];
  /** k as integers in the i32 lanes (f64: the low two). */
  readonly toInt: string;
  /** 2^k of the integers in the i32 lanes of `k`. */
  pow2(k: string): string;
}

const MATH: Readonly<Record<Precision, MathPrecision>> = {
  f64: {
    shape: 'f64x2', lanes: 'both lanes', ln2Hi: 6.93147180369123816490e-1, ln2Lo: 1.90821492927058770002e-10, terms: 13,
    expRange: [-746, 710], toInt: 'i32x4.trunc_sat_f64x2_s_zero',
    pow2: (k) => `(i64x2.shl (i64x2.add (i64x2.extend_low_i32x4_s ${k}) (v128.const i64x2 1023 1023)) (i32.const 52))`,
  },
  f32: {
    // Cephes' expf split: ln2_hi = 355/512 has 9 significant bits, so k·ln2_hi is exact for |k| < 2^15
    shape: 'f32x4', lanes: 'all four lanes', ln2Hi: 0.693359375, ln2Lo: -2.12194440e-4, terms: 7,
    expRange: [-104, 89], toInt: 'i32x4.trunc_sat_f32x4_s',
    pow2: (k) => `(i32x4.shl (i32x4.add ${k} (v128.const i32x4 127 127 127 127)) (i32.const 23))`,
  },
};

/** The call of a helper on a v128 operand. */
export const callHelper = (helper: SimdHelper, x: string, precision: Precision = 'f64'): string =>
  `(call $${helper}_${MATH[precision].shape} ${x})`;

const LOG2E = 1.4426950408889634;
const literal = (c: number): string => (Object.is(c, -0) ? '-0.0' : Number.isInteger(c) ? c.toFixed(1) : String(c));

/** 1/k! for k = 1 … m. */
const taylor = (m: number): number[] => Array.from({ length: m }, (_, i) => 1 / factorial(i + 1));
function factorial(k: number): number {
  return k <= 1 ? 1 : k * factorial(k - 1);
}

const POWERS = ['r2', 'r4', 'r8'];

/** The helpers' WAT in one precision. */
function mathText(p: MathPrecision) {
  const s = p.shape;
  const all = (c: number): string => `(v128.const ${s} ${Array(s === 'f64x2' ? 2 : 4).fill(literal(c)).join(' ')})`;
  const coefficients = taylor(p.terms);
  /** Estrin's levels over the coefficients: pairs, then pairs of pairs, … (each level's x: r, r², r⁴, r⁸). */
  const levels = Math.ceil(Math.log2(coefficients.length));

  /**
   * e^r − 1 for |r| ≤ ln2/2: r · p(r), p(r) = Σ_{k<m} r^k/(k+1)!, by Estrin's
   * scheme (pairs c + c′r, then pairs of those times r², r⁴, r⁸): a dependency
   * chain of ⌈log₂ m⌉ multiply-adds instead of Horner's m, which the latency of one
   * call would otherwise serialize. Needs $r2, $r4, … set to r², r⁴, ….
   */
  const expm1Poly = (r: string): string => {
    let terms = coefficients.map(all);
    let x = r;
    for (let level = 0; terms.length > 1; level++) {
      const next: string[] = [];
      for (let i = 0; i < terms.length; i += 2) {
        next.push(i + 1 < terms.length ? `(${s}.add ${terms[i]} (${s}.mul ${terms[i + 1]} ${x}))` : terms[i]);
      }
      terms = next;
      x = `(local.get $${POWERS[level]})`;
    }
    return `(${s}.mul ${terms[0]} ${r})`;
  };

  /** Sets $k = round(a / ln 2) and $q = e^r − 1 of the reduced argument of local $a. */
  const reduce = [
    `(local.set $k (${s}.nearest (${s}.mul (local.get $a) ${all(LOG2E)})))`,
    `(local.set $r (${s}.sub (${s}.sub (local.get $a) (${s}.mul (local.get $k) ${all(p.ln2Hi)})) (${s}.mul (local.get $k) ${all(p.ln2Lo)})))`,
    ...POWERS.slice(0, levels - 1).map((power, i) => {
      const base = i === 0 ? 'r' : POWERS[i - 1];
      return `(local.set $${power} (${s}.mul (local.get $${base}) (local.get $${base})))`;
    }),
    `(local.set $q ${expm1Poly('(local.get $r)')})`,
  ];

  const locals = '(local $a v128) (local $k v128) (local $r v128) (local $r2 v128) (local $r4 v128) (local $r8 v128) (local $q v128) (local $h v128)';
  const [lo, hi] = p.expRange;

  /**
   * e^x: x clamped to the range first (e^x is 0 below, ∞ above; NaN stays NaN:
   * min and max propagate it), and 2^k applied as 2^h · 2^(k−h), h = k >> 1,
   * so both factors are normal numbers and subnormal results come out right.
   */
  const exp = [
    `  ;; e^x on ${p.lanes} (see simd-math.ts)`,
    `  (func $exp_${s} (param $x v128) (result v128) ${locals}`,
    `    (local.set $a (${s}.max (${s}.min (local.get $x) ${all(hi)}) ${all(lo)}))`,
    ...reduce.map((line) => `    ${line}`),
    `    (local.set $k (${p.toInt} (local.get $k)))`,
    '    (local.set $h (i32x4.shr_s (local.get $k) (i32.const 1)))',
    `    (${s}.mul (${s}.mul (${s}.add (local.get $q) ${all(1)}) ${p.pow2('(local.get $h)')}) ${p.pow2('(i32x4.sub (local.get $k) (local.get $h))')}))`,
  ];

  /**
   * tanh x = sign(x) · e / (e + 2) with e = e^{2|x|} − 1 = 2^k (e^r − 1) + (2^k − 1):
   * no cancellation near 0 (k = 0 leaves e^r − 1 itself), and 2|x| clamped to
   * 40, past which tanh is 1 in f64 (and in f32). The sign bit of x is or-ed back (tanh −0 = −0).
   */
  const tanh = [
    `  ;; tanh x on ${p.lanes} (see simd-math.ts)`,
    `  (func $tanh_${s} (param $x v128) (result v128) ${locals}`,
    `    (local.set $a (${s}.min (${s}.add (${s}.abs (local.get $x)) (${s}.abs (local.get $x))) ${all(40)}))`,
    ...reduce.map((line) => `    ${line}`),
    `    (local.set $h ${p.pow2(`(${p.toInt} (local.get $k))`)})`,
    `    (local.set $a (${s}.add (${s}.mul (local.get $h) (local.get $q)) (${s}.sub (local.get $h) ${all(1)})))`,
    `    (v128.or (${s}.div (local.get $a) (${s}.add (local.get $a) ${all(2)})) (v128.and (local.get $x) ${all(-0)})))`,
  ];
  return { exp: exp.join('\n'), tanh: tanh.join('\n') };
}

/** The WAT functions of the helpers used in a precision (exp, tanh, then ln; each once). */
export function helperFunctions(used: ReadonlySet<SimdHelper>, precision: Precision = 'f64'): string[] {
  if (used.size === 0) return [];
  const text = mathText(MATH[precision]);
  return [
    ...(used.has('exp') ? [text.exp] : []),
    ...(used.has('tanh') ? [text.tanh] : []),
    ...(used.has('log') ? [LOG_FUNCTION[precision]] : []),
  ];
}
