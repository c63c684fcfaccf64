import type { Attrs, Graph, NodeId } from './graph.js';
import { OPS, type OpName } from '../ops/registry.js';
import { scalar, scalarValue } from './tensor.js';
import { sameShape } from './shape.js';

/**
 * Cheap identities applied while a node is built, so no pass ever sees
 * `x + 0`, `x * 1`, `x * 0`, `x - x`, `--x` or an op on constants only.
 * Rules that produce a constant only fire where the result is a scalar, so a
 * tensor never silently changes shape. Returns undefined when nothing applies.
 */
export function rewriteOnBuild(g: Graph, op: OpName, args: readonly NodeId[], attrs: Attrs = {}): NodeId | undefined {
  const folded = foldConstants(g, op, args, attrs);
  if (folded !== undefined) return folded;
  const [a, b] = args;
  const scalarResult = args.every((x) => g.shapeOf(x).length === 0);
  const is = (x: NodeId | undefined, v: number) => x !== undefined && g.isConstant(x, v);
  const zero = () => (scalarResult ? g.constant(0) : undefined);
  switch (op) {
    case 'add':
      if (is(b, 0) && sameAsResult(g, a, args)) return a; // x + 0 = x
      if (is(a, 0) && sameAsResult(g, b, args)) return b; // 0 + x = x
      // range(s) + c = range(s + c): a loop index i + c; else like terms
      return shiftedRange(g, a, b, 1) ?? shiftedRange(g, b, a, 1) ?? likeTerms(g, a, b, 1);
    case 'sub':
      if (is(b, 0) && sameAsResult(g, a, args)) return a; // x - 0 = x
      if (shiftedRange(g, a, b, -1) !== undefined) return shiftedRange(g, a, b, -1); // range(s) - c = range(s - c)
      if (is(a, 0) && sameAsResult(g, b, args)) return g.neg(b); // 0 - x = -x
      if (a === b) return zero(); // x - x = 0
      return likeTerms(g, a, b, -1);
    case 'mul':
      if (is(b, 1) && sameAsResult(g, a, args)) return a; // x · 1 = x
      if (is(a, 1) && sameAsResult(g, b, args)) return b; // 1 · x = x
      if (is(a, 0) || is(b, 0)) return zero(); // x · 0 = 0
      if (is(a, -1) && sameAsResult(g, b, args)) return g.neg(b); // -1 · x = -x
      if (is(b, -1) && sameAsResult(g, a, args)) return g.neg(a); // x · -1 = -x
      if (spreadOne(g, a, b)) return b; // broadcast_to(1) · x = x (a sum's adjoint, spread, times x)
      if (spreadOne(g, b, a)) return a;
      return mergedConstants(g, a, b);
    case 'div':
      if (is(b, 1) && sameAsResult(g, a, args)) return a; // x / 1 = x
      if (is(a, 0)) return zero(); // 0 / x = 0
      return undefined;
    case 'pow':
      if (is(b, 1)) return a; // x¹ = x
      if (is(b, 0) && scalarResult) return g.constant(1); // x⁰ = 1
      return undefined;
    case 'neg': {
      const inner = g.node(a);
      if (inner.op === 'neg') return inner.args[0]; // -(-x) = x
      return undefined;
    }
    case 'log': { // ln σ(x) = −softplus(−x): finite where σ(x) underflows
      const x = sigmoidArgument(g, a);
      if (x !== undefined) return g.call('log_sigmoid', x);
      // ln(1 − σ(x)) = ln σ(−x) = −softplus(x): finite where σ(x) rounds to 1 (x ≥ 37)
      const y = complementedSigmoidArgument(g, a);
      return y === undefined ? undefined : g.call('log_sigmoid', g.neg(y));
    }
    case 'log1p': { // ln(1 + (−σ(x))) = ln σ(−x), as above
      const n = g.node(a);
      const x = n.op === 'neg' ? sigmoidArgument(g, n.args[0]) : undefined;
      return x === undefined ? undefined : g.call('log_sigmoid', g.neg(x));
    }
    case 'select_lt':
    case 'select_le':
    case 'select_eq':
      return knownBranch(g, op, args);
    case 'sum_to':
    case 'broadcast_to':
    case 'reshape': // to the shape it already has: x
      return attrs.shape && sameShape(attrs.shape, g.shapeOf(a)) ? a : undefined;
    case 'sum':
    case 'mean': // of a scalar: x
      return g.shapeOf(a).length === 0 ? a : undefined;
    default:
      return undefined;
  }
}

/**
 * x when `s` is σ(x): the op, or written out as 1 / (1 + e^u) (either order
 * of the sum; σ(−u), so x = −u: 1 / (1 + e^{−z}) is σ(z)), as model code
 * and expressions write it; else undefined.
 */
function sigmoidArgument(g: Graph, s: NodeId): NodeId | undefined {
  const n = g.node(s);
  if (n.op === 'sigmoid') return n.args[0];
  if (n.op !== 'div' || !g.isConstant(n.args[0], 1)) return undefined;
  const sum = g.node(n.args[1]);
  if (sum.op !== 'add') return undefined;
  const [p, q] = sum.args;
  const exp = g.isConstant(p, 1) ? q : g.isConstant(q, 1) ? p : undefined;
  if (exp === undefined || g.node(exp).op !== 'exp' || g.shapeOf(exp).length !== 0) return undefined;
  return g.neg(g.node(exp).args[0]);
}

/** x when `s` is 1 − σ(x) (σ as sigmoidArgument reads it); else undefined. */
function complementedSigmoidArgument(g: Graph, s: NodeId): NodeId | undefined {
  const n = g.node(s);
  if (n.op !== 'sub' || !g.isConstant(n.args[0], 1) || g.shapeOf(s).length !== 0) return undefined;
  return sigmoidArgument(g, n.args[1]);
}

/** range(s, [m]) ± c = range(s ± c, [m]) for an integer c (so x[i + 1] in a loop is a slice); else undefined. */
function shiftedRange(g: Graph, r: NodeId | undefined, c: NodeId | undefined, sign: 1 | -1): NodeId | undefined {
  if (r === undefined || c === undefined) return undefined;
  const n = g.node(r);
  const shift = g.constantValue(c);
  if (n.op !== 'range' || shift === undefined || !Number.isInteger(shift)) return undefined;
  return g.apply('range', [], { ...n.attrs, value: (n.attrs.value as number) + sign * shift });
}

/**
 * A term as coefficient × rest: c·x and x·c are (c, x) — c a scalar constant,
 * or one spread to a shape (broadcast_to / reshape of c, as an adjoint of a
 * sum is) when the product has x's shape —, anything else (1, itself).
 */
function splitCoefficient(g: Graph, x: NodeId): readonly [number, NodeId] {
  const n = g.node(x);
  if (n.op === 'mul') {
    const [p, q] = n.args;
    const cp = coefficientValue(g, p);
    if (cp !== undefined && sameShape(g.shapeOf(q), n.shape)) return [cp, q];
    const cq = coefficientValue(g, q);
    if (cq !== undefined && sameShape(g.shapeOf(p), n.shape)) return [cq, p];
  }
  return [1, x];
}

/** `one` is 1 spread to x's very shape (broadcast_to / reshape of the constant 1): one · x = x keeps the shape. */
function spreadOne(g: Graph, one: NodeId, x: NodeId): boolean {
  return g.node(one).op !== 'const' && coefficientValue(g, one) === 1 && sameShape(g.shapeOf(one), g.shapeOf(x));
}

/** c for a scalar constant c, or c spread to a shape by broadcast_to / reshape (every entry c). */
function coefficientValue(g: Graph, x: NodeId): number | undefined {
  const n = g.node(x);
  if (n.op === 'broadcast_to' || n.op === 'reshape') return coefficientValue(g, n.args[0]);
  return g.constantValue(x);
}

/**
 * Like terms: c·x ± d·x = (c ± d)·x, the constants folded (x + x = 2x, c·x + x
 * = (c + 1)·x). The sum of two equal terms is then one product, whose own
 * constant factor is merged in too: 2·((invN·0.5)·e) = invN·e (scaled).
 * Never more operations than the sum it replaces.
 */
function likeTerms(g: Graph, a: NodeId, b: NodeId, sign: 1 | -1): NodeId | undefined {
  const [ca, x] = splitCoefficient(g, a);
  const [cb, y] = splitCoefficient(g, b);
  if (x !== y) return undefined;
  return scaled(g, ca + sign * cb, x);
}

/**
 * c·x with c merged into a constant factor of x, one or two products deep:
 * c·(d·u) = (cd)·u, c·((d·u)·v) = (cd)·(u·v); else c·x.
 */
function scaled(g: Graph, c: number, x: NodeId): NodeId {
  const [d, u] = splitCoefficient(g, x);
  if (u !== x) return g.mul(g.constant(c * d), u);
  const n = g.node(x);
  if (n.op === 'mul') {
    const [p, q] = n.args;
    const [dp, up] = splitCoefficient(g, p);
    if (up !== p) return g.mul(g.constant(c * dp), g.mul(up, q));
    const [dq, uq] = splitCoefficient(g, q);
    if (uq !== q) return g.mul(g.constant(c * dq), g.mul(p, uq));
  }
  return g.mul(g.constant(c), x);
}

/** c·(d·x) = (cd)·x, constants on either side of either product (c, d scalar constants). */
function mergedConstants(g: Graph, a: NodeId, b: NodeId): NodeId | undefined {
  const ca = g.constantValue(a); // scalar constants only: a spread one may give the product its shape
  const cb = g.constantValue(b);
  const [c, x] = ca !== undefined ? [ca, b] : cb !== undefined ? [cb, a] : [undefined, a];
  if (c === undefined) return undefined;
  const [d, u] = splitCoefficient(g, x);
  return u === x ? undefined : g.mul(g.constant(c * d), u);
}

/**
 * select(a, b, x, x) = x, and a select whose comparison is between constants
 * is the branch it takes (a loop bound or a branch known when compiling).
 */
function knownBranch(g: Graph, op: OpName, args: readonly NodeId[]): NodeId | undefined {
  const [a, b, x, y] = args;
  if (x === y && sameAsResult(g, x, args)) return x;
  const ca = g.constantValue(a);
  const cb = g.constantValue(b);
  if (ca === undefined || cb === undefined) return undefined;
  const node = { id: -1, op, args, shape: [], attrs: {} };
  const holds = scalarValue(OPS[op].evaluate([scalar(ca), scalar(cb), scalar(1), scalar(0)], node)) === 1;
  const chosen = holds ? x : y;
  return sameAsResult(g, chosen, args) ? chosen : undefined;
}

/** True when `x` already has the shape the op would produce (so returning x keeps shapes). */
function sameAsResult(g: Graph, x: NodeId | undefined, args: readonly NodeId[]): boolean {
  if (x === undefined) return false;
  const rank = g.shapeOf(x).length;
  return args.every((arg) => g.shapeOf(arg).length <= rank);
}

/**
 * Constant folding: an op whose arguments are all scalar constants and whose
 * result is a scalar becomes a constant (broadcast_to(1, [3]) stays a tensor).
 */
function foldConstants(g: Graph, op: OpName, args: readonly NodeId[], attrs: Attrs): NodeId | undefined {
  const values = args.map((x) => g.constantValue(x));
  if (values.some((v) => v === undefined)) return undefined;
  const def = OPS[op];
  if (def.shape(args.map(() => []), attrs).length !== 0) return undefined;
  const node = { id: -1, op, args, shape: [], attrs };
  const value = scalarValue(def.evaluate(values.map((v) => scalar(v as number)), node));
  // Keep ops that fail on constants (log of a negative, 1/0) visible rather than baking in NaN/Infinity.
  return Number.isFinite(value) ? g.constant(value) : undefined;
}
