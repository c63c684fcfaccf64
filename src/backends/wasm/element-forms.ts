import type { Attrs } from '../../ir/graph.js';
import type { OpName } from '../../ops/registry.js';
import { callHelper, type SimdHelper } from './simd-math.js';
import { VECTOR, type Precision } from './vector.js';

/** What a form prints into: the precision of the loop, and the helpers the kernel module must define. */
export interface FormContext {
  readonly precision: Precision;
  readonly helpers: Set<SimdHelper>;
}

/**
 * The SIMD form of an element-wise op over its operands (v128 WAT
 * expressions; an operand may appear twice in a form, so operands are
 * side-effect free loads or locals), in the loop's precision (f64x2 or
 * f32x4), recording the helpers it calls; null for an op with no SIMD form
 * here (its loop stays in TypeScript). Each form computes what the op's TS
 * form computes, to rounding (exp and tanh by simd-math.ts), NaN included.
 */
export type WasmForm = ((args: readonly string[], attrs: Attrs, context: FormContext) => string) | null;

const shape = (c: FormContext): string => VECTOR[c.precision].shape;
const instruction = (name: string): WasmForm => (args, _, c) => `(${shape(c)}.${name} ${args.join(' ')})`;
/** The number in every lane, as written (the assembler rounds it to the precision). */
export const allLanes = (precision: Precision, value: number): string => {
  const v = VECTOR[precision];
  return `(v128.const ${v.shape} ${Array(v.lanes).fill(value).join(' ')})`;
};
const all = (c: FormContext, value: number): string => allLanes(c.precision, value);
const helper = (name: SimdHelper): WasmForm => ([x], _, c) => {
  c.helpers.add(name);
  return callHelper(name, x, c.precision);
};
/** select_◇(a, b, x, y) = a ◇ b ? x : y, lane by lane. */
const select = (relation: string): WasmForm => ([a, b, x, y], _, c) => `(v128.bitselect ${x} ${y} (${shape(c)}.${relation} ${a} ${b}))`;

/** Complete by type: a new op without a line here does not compile. */
export const WASM_FORMS = {
  add: instruction('add'),
  sub: instruction('sub'),
  mul: instruction('mul'),
  div: instruction('div'),
  pow: null,
  neg: instruction('neg'),
  sin: null, cos: null, tan: null,
  exp: helper('exp'),
  log: helper('log'),
  sqrt: instruction('sqrt'),
  abs: instruction('abs'),
  tanh: helper('tanh'),
  sign: null,
  // 1 / (1 + e^{−x}), as the TS form
  sigmoid: ([x], _, c) => {
    c.helpers.add('exp');
    const [s, one] = [shape(c), all(c, 1)];
    return `(${s}.div ${one} (${s}.add ${one} ${callHelper('exp', `(${s}.neg ${x})`, c.precision)}))`;
  },
  softplus: null,
  // x < 0 ? 0 : x (NaN stays NaN)
  relu: ([x], _, c) => `(v128.bitselect ${all(c, 0)} ${x} (${shape(c)}.lt ${x} ${all(c, 0)}))`,
  // x > 0 ? 1 : 0
  step: ([x], _, c) => `(v128.and (${shape(c)}.gt ${x} ${all(c, 0)}) ${all(c, 1)})`,
  log_sigmoid: null,
  asin: null, acos: null, atan: null, atan2: null, sinh: null, cosh: null, asinh: null, acosh: null, atanh: null, expm1: null, log1p: null,
  log2: null, log10: null, cbrt: null, hypot: null,
  floor: instruction('floor'),
  ceil: instruction('ceil'),
  round: null, // Math.round rounds halves up, f64x2.nearest to even
  trunc: instruction('trunc'),
  max: instruction('max'), // NaN if either is NaN, −0 < +0: as Math.max
  min: instruction('min'),
  select_lt: select('lt'),
  select_le: select('le'),
  select_eq: select('eq'),
  matmul: null, matmul_nt: null, matmul_tn: null,
  sum_to: null,
  broadcast_to: ([x]) => x,
  reshape: null, sum: null, mean: null, softmax: null,
  // x > 0 ? x : α x
  leaky_relu: ([x], attrs, c) => `(v128.bitselect ${x} (${shape(c)}.mul ${all(c, attrs.value ?? 0)} ${x}) (${shape(c)}.gt ${x} ${all(c, 0)}))`,
  bce_logits: null, softmax_ce: null, slice: null, pad: null, range: null, scan: null, table: null,
} satisfies Record<OpName, WasmForm>;
