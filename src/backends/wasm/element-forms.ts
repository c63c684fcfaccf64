import type { Attrs } from '../../ir/graph.js';
import type { OpName } from '../../ops/registry.js';
import { callHelper, type SimdHelper } from './simd-math.js';

/**
 * The f64x2 form of an element-wise op over its operands (v128 WAT
 * expressions; an operand may appear twice in a form, so operands are
 * side-effect free loads or locals), recording the helpers it calls; null for
 * an op with no SIMD form here (its loop stays in TypeScript). Each form
 * computes what the op's TS form computes, to rounding (exp and tanh by
 * simd-math.ts), NaN included.
 */
export type WasmForm = ((args: readonly string[], attrs: Attrs, helpers: Set<SimdHelper>) => string) | null;

const instruction = (name: string): WasmForm => (args) => `(f64x2.${name} ${args.join(' ')})`;
const both = (c: number): string => `(v128.const f64x2 ${c} ${c})`;
const ZERO = both(0);
const ONE = both(1);
const helper = (name: SimdHelper): WasmForm => ([x], _, helpers) => {
  helpers.add(name);
  return callHelper(name, x);
};
/** select_◇(a, b, x, y) = a ◇ b ? x : y, lane by lane. */
const select = (relation: string): WasmForm => ([a, b, x, y]) => `(v128.bitselect ${x} ${y} (f64x2.${relation} ${a} ${b}))`;

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
  sigmoid: ([x], _, helpers) => {
    helpers.add('exp');
    return `(f64x2.div ${ONE} (f64x2.add ${ONE} ${callHelper('exp', `(f64x2.neg ${x})`)}))`;
  },
  softplus: null,
  // x < 0 ? 0 : x (NaN stays NaN)
  relu: ([x]) => `(v128.bitselect ${ZERO} ${x} (f64x2.lt ${x} ${ZERO}))`,
  // x > 0 ? 1 : 0
  step: ([x]) => `(v128.and (f64x2.gt ${x} ${ZERO}) ${ONE})`,
  log_sigmoid: null,
  asin: null, acos: null, atan: null, atan2: null, sinh: null, cosh: null, expm1: null, log1p: null,
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
  leaky_relu: ([x], attrs) => `(v128.bitselect ${x} (f64x2.mul ${both(attrs.value ?? 0)} ${x}) (f64x2.gt ${x} ${ZERO}))`,
  bce_logits: null, softmax_ce: null, slice: null, pad: null, range: null,
} satisfies Record<OpName, WasmForm>;
