/**
 * e^x and tanh x on both lanes of an f64x2, as internal WAT functions of the
 * kernel module (WebAssembly has no SIMD exp). Both reduce the argument the
 * way fdlibm does: k = round(x / ln 2), r = x − k·ln2_hi − k·ln2_lo with
 * |r| ≤ ln2/2 (ln2_hi has 21 trailing zero bits, so k·ln2_hi is exact), then
 *   e^r − 1 = r + r²/2! + … + r¹³/13!   (the first omitted term is below 5·10⁻¹⁸ relative)
 *   e^x     = (1 + (e^r − 1)) · 2^k
 * and 2^k is built in the exponent field: bits (k + 1023) << 52. Measured
 * against Math.exp / Math.tanh in test/wasm-element.test.ts (a few ulp).
 */
export type SimdHelper = 'exp' | 'tanh';

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

/** The WAT functions of the helpers used (exp before tanh, each once). */
export function helperFunctions(used: ReadonlySet<SimdHelper>): string[] {
  return [...(used.has('exp') ? [EXP.join('\n')] : []), ...(used.has('tanh') ? [TANH.join('\n')] : [])];
}
