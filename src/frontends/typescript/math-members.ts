import type { Graph, NodeId } from '../../ir/graph.js';
import type { OpName } from '../../ops/registry.js';

/** How a `Math.f(...)` call becomes IR: its op, and how many arguments it takes. */
interface MathFunction {
  /**
   * 1: f(x); 2: f(a, b); 'fold': f(a, b, c, …) folded left, f(a) = a (max, min); 'n-ary': one op
   * on all the arguments, f(a) = |a| (hypot: nested hypots would round differently from Math.hypot).
   */
  readonly arity: 1 | 2 | 'fold' | 'n-ary';
  readonly op: OpName;
}

const unary = (op: OpName): MathFunction => ({ arity: 1, op });

/** The Math functions a differentiable function may call, by name. */
export const MATH_FUNCTIONS: Readonly<Record<string, MathFunction>> = {
  sin: unary('sin'), cos: unary('cos'), tan: unary('tan'),
  asin: unary('asin'), acos: unary('acos'), atan: unary('atan'), atan2: { arity: 2, op: 'atan2' },
  sinh: unary('sinh'), cosh: unary('cosh'), tanh: unary('tanh'),
  asinh: unary('asinh'), acosh: unary('acosh'), atanh: unary('atanh'),
  exp: unary('exp'), expm1: unary('expm1'), log: unary('log'), log1p: unary('log1p'),
  log2: unary('log2'), log10: unary('log10'), sqrt: unary('sqrt'), cbrt: unary('cbrt'),
  abs: unary('abs'), sign: unary('sign'), floor: unary('floor'), ceil: unary('ceil'),
  round: unary('round'), trunc: unary('trunc'),
  pow: { arity: 2, op: 'pow' }, hypot: { arity: 'n-ary', op: 'hypot' },
  max: { arity: 'fold', op: 'max' }, min: { arity: 'fold', op: 'min' },
};

/** Math's constants (exact doubles, as Math has them). */
export const MATH_CONSTANTS: Readonly<Record<string, number>> = {
  PI: Math.PI, E: Math.E, LN2: Math.LN2, LN10: Math.LN10, LOG2E: Math.LOG2E, LOG10E: Math.LOG10E,
  SQRT2: Math.SQRT2, SQRT1_2: Math.SQRT1_2,
};

/** Builds `Math.name(args)`; the caller has checked the argument count with `acceptsArguments`. */
export function buildMathCall(g: Graph, name: string, args: readonly NodeId[]): NodeId {
  const f = MATH_FUNCTIONS[name];
  if (f.arity === 1) return g.call(f.op, args[0]);
  if (f.arity === 2) return g.apply(f.op, [args[0], args[1]]);
  if (f.arity === 'n-ary') return args.length === 1 ? g.call('abs', args[0]) : g.apply(f.op, args);
  if (args.length === 1) return args[0];
  return args.slice(1).reduce((acc, x) => g.apply(f.op, [acc, x]), args[0]);
}

/** Whether Math.name takes `count` arguments (undefined: fine), else what it takes. */
export function expectedArguments(name: string, count: number): string | undefined {
  const f = MATH_FUNCTIONS[name];
  if (f.arity === 'fold' || f.arity === 'n-ary') return count >= 1 ? undefined : 'at least 1 argument';
  return count === f.arity ? undefined : `${f.arity} argument${f.arity === 1 ? '' : 's'}`;
}
