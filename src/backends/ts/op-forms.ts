import type { Attrs } from '../../ir/graph.js';
import type { OpName } from '../../ops/registry.js';
import type { HelperName, HelperNames } from './helper-names.js';

/** What the TS backend emits for a node that is not one scalar expression. */
export type KernelKind =
  | 'matmul' // a size-specialized matrix-product function (matmul-kernels.ts)
  | 'rows' // a loop over rows of the last axis (softmax, fused cross-entropy, sum_to: row-kernels.ts)
  | 'reduction' // a scalar sum over every element (sum, mean)
  | 'alias' // no code: the argument's array under another shape (reshape)
  | 'gather' // x[start + k] inside a loop over k (slice)
  | 'scatter' // out[start + k] += v inside a loop over k (pad, an adjoint)
  | 'index' // start + k inside a loop over k (range)
  | 'table' // T[start + k] of a module-level constant array inside a loop over k (table)
  | 'scan'; // a loop carrying values from one iteration to the next (lane-functions.ts)

/**
 * How the TypeScript backend emits an op: a scalar expression over the
 * already-named scalar arguments (applied per element inside a loop for
 * tensors, with the helper it calls, if any, under the helper's name in the
 * module), or a kernel.
 */
export type TsForm =
  | { readonly kind: 'expression'; readonly emit: (args: readonly string[], attrs: Attrs, helper: string) => string; readonly helper?: HelperName }
  | { readonly kind: KernelKind };

const expression = (emit: (args: readonly string[], attrs: Attrs, helper: string) => string, helper?: HelperName): TsForm =>
  ({ kind: 'expression', emit, ...(helper === undefined ? {} : { helper }) });
const unary = (emit: (x: string, helper: string) => string, helper?: HelperName): TsForm => expression(([x], _attrs, name) => emit(x, name), helper);
const binary = (emit: (a: string, b: string) => string): TsForm => expression(([a, b]) => emit(a, b));
const kernel = (kind: KernelKind): TsForm => ({ kind });
/** select_◇(a, b, x, y): `(a ◇ b ? x : y)`. */
const select = (relation: string): TsForm => expression(([a, b, x, y]) => `(${a} ${relation} ${b} ? ${x} : ${y})`);

/** The TS form of every op. Complete by type: a new op without a line here does not compile. */
export const TS_FORMS = {
  add: binary((a, b) => `${a} + ${b}`),
  sub: binary((a, b) => `${a} - ${b}`),
  mul: binary((a, b) => `${a} * ${b}`),
  div: binary((a, b) => `${a} / ${b}`),
  // x² as x * x: a multiply is cheaper than a call to pow.
  pow: binary((a, b) => (b === '2' ? `${a} * ${a}` : `${a} ** ${b}`)),
  neg: unary((x) => `-${x}`),

  sin: unary((x) => `Math.sin(${x})`),
  cos: unary((x) => `Math.cos(${x})`),
  tan: unary((x) => `Math.tan(${x})`),
  exp: unary((x) => `Math.exp(${x})`),
  log: unary((x) => `Math.log(${x})`),
  sqrt: unary((x) => `Math.sqrt(${x})`),
  abs: unary((x) => `Math.abs(${x})`),
  tanh: unary((x) => `Math.tanh(${x})`),
  sign: unary((x) => `Math.sign(${x})`),

  // σ(x) = 1 / (1 + e^(−x)) inline, not a helper call: a double returned by a call V8 does not inline is boxed
  // (the LSTM and GRU gates call it per element). It saturates without NaN: e^(−x) = ∞ gives 0.
  sigmoid: unary((x) => `1 / (1 + Math.exp(-${x}))`),
  softplus: unary((x, softplus) => `${softplus}(${x})`, 'softplus'),
  relu: unary((x) => `(${x} < 0 ? 0 : ${x})`), // NaN stays NaN (x > 0 ? x : 0 would hide it as 0)
  step: unary((x) => `(${x} > 0 ? 1 : 0)`),
  log_sigmoid: unary((x, softplus) => `-${softplus}(-${x})`, 'softplus'),

  asin: unary((x) => `Math.asin(${x})`),
  acos: unary((x) => `Math.acos(${x})`),
  atan: unary((x) => `Math.atan(${x})`),
  atan2: binary((y, x) => `Math.atan2(${y}, ${x})`),
  sinh: unary((x) => `Math.sinh(${x})`),
  cosh: unary((x) => `Math.cosh(${x})`),
  asinh: unary((x) => `Math.asinh(${x})`),
  acosh: unary((x) => `Math.acosh(${x})`),
  atanh: unary((x) => `Math.atanh(${x})`),
  expm1: unary((x) => `Math.expm1(${x})`),
  log1p: unary((x) => `Math.log1p(${x})`),
  log2: unary((x) => `Math.log2(${x})`),
  log10: unary((x) => `Math.log10(${x})`),
  cbrt: unary((x) => `Math.cbrt(${x})`),
  hypot: expression((args) => `Math.hypot(${args.join(', ')})`),
  floor: unary((x) => `Math.floor(${x})`),
  ceil: unary((x) => `Math.ceil(${x})`),
  round: unary((x) => `Math.round(${x})`),
  trunc: unary((x) => `Math.trunc(${x})`),
  max: binary((a, b) => `Math.max(${a}, ${b})`),
  min: binary((a, b) => `Math.min(${a}, ${b})`),
  select_lt: select('<'),
  select_le: select('<='),
  select_eq: select('==='),

  matmul: kernel('matmul'),
  matmul_nt: kernel('matmul'),
  matmul_tn: kernel('matmul'),

  sum_to: kernel('rows'),
  // Element i of a broadcast is its argument's element at the broadcast index: the identity per element.
  broadcast_to: unary((x) => x),
  reshape: kernel('alias'),
  sum: kernel('reduction'),
  mean: kernel('reduction'),

  softmax: kernel('rows'),
  leaky_relu: expression(([x], attrs) => `(${x} > 0 ? ${x} : ${String(slopeOf(attrs))} * ${x})`),
  // bce(z, y) = max(z, 0) − z y + ln(1 + e^{−|z|}): never exponentiates a positive number.
  bce_logits: binary((z, y) => `Math.max(${z}, 0) - ${z} * ${y} + Math.log1p(Math.exp(-Math.abs(${z})))`),
  softmax_ce: kernel('rows'),
  slice: kernel('gather'),
  pad: kernel('scatter'),
  range: kernel('index'),
  table: kernel('table'),
  scan: kernel('scan'),
} satisfies Record<OpName, TsForm>;

/**
 * The scalar TS expression of `op` over named arguments, calling a helper by
 * its name in the module (recorded as used). Throws for an op the backend
 * emits as a kernel.
 */
export function tsExpression(op: OpName, args: readonly string[], attrs: Attrs, helpers: HelperNames): string {
  const form: TsForm = TS_FORMS[op];
  if (form.kind !== 'expression') throw new Error(`${op} has no scalar TypeScript form: the backend emits a ${form.kind} kernel for it`);
  return form.emit(args, attrs, form.helper === undefined ? '' : helpers.use(form.helper));
}

function slopeOf(attrs: Attrs): number {
  if (attrs.value === undefined) throw new Error('leaky_relu has no slope α');
  return attrs.value;
}
