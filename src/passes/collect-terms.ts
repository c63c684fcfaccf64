import type { Graph, NodeId } from '../ir/graph.js';
import { type Rebuilt, rebuildGraph } from './simplify.js';

/** c · f₁^e₁ ⋯ fₖ^eₖ: a coefficient and factors (nodes of the new graph, by id) with nonzero integer exponents. */
interface Term {
  readonly c: number;
  readonly factors: readonly (readonly [NodeId, number])[];
}

/** A scalar as a sum of terms, in order of first appearance. */
type Sum = readonly Term[];

/** A sum with more terms than this is not expanded further (it is an opaque factor to the sums above it). */
const MAX_TERMS = 12;
/** x^k with an integer |k| up to this is a term's factor k times; a larger power stays a factor of its own. */
const MAX_POWER = 4;

/**
 * Like terms collected in scalar sums, for printed results (gradient
 * components, Hessian entries): 2x·s + 2s·x = 4x·s, y·cos(xy)·2x + 2x·cos(xy)·y
 * = 4xy·cos(xy), 2 + 2(1 + 2x²) + 2 = 6 + 4x², 1 − s − s = 1 − 2s. Every
 * scalar is read as a sum of products c·f₁^e₁⋯ (products of sums expanded,
 * up to MAX_TERMS terms); a node is rewritten only when that makes it
 * shorter — a factored form that collects nothing stays (y·(a + b), and
 * σ(1 − σ)(1 − 2σ) rather than σ − 3σ² + 2σ³) — and a single product is
 * written in order when that is no longer: coefficient first, the
 * factors in the order they were created (variables first), integer powers
 * merged ((x²)² = x⁴, x·x² = x³) and negative ones as a denominator.
 */
export function collectTerms(input: Graph): Rebuilt {
  const sums = new Map<NodeId, Sum>();
  const sumOf = (g: Graph, id: NodeId): Sum => {
    const c = g.constantValue(id);
    if (c !== undefined) return c === 0 ? [] : [{ c, factors: [] }];
    return sums.get(id) ?? [{ c: 1, factors: [[id, 1]] }];
  };
  return rebuildGraph(input, (g, n, args) => {
    const scalar = n.shape.length === 0 && args.every((a) => g.shapeOf(a).length === 0);
    const raw = scalar ? expand(n.op, args.map((a) => sumOf(g, a)), args.map((a) => g.constantValue(a))) : undefined;
    if (raw === undefined || raw.length > MAX_TERMS) return g.apply(n.op, args, n.attrs);
    const merged = merge(raw);
    const written = g.apply(n.op, args, n.attrs);
    const collected = build(g, merged);
    // the collected form when it is shorter (a single product: when it is no longer, so it reads in order)
    const [a, b] = [size(g, collected), size(g, written)];
    const id = a < b || (merged.length <= 1 && a <= b) ? collected : written;
    if (g.constantValue(id) === undefined) sums.set(id, merged);
    return id;
  });
}

/** How many nodes a node prints as, as a tree (a repeated subexpression counted each time), capped. */
function size(g: Graph, id: NodeId, memo = sizes(g)): number {
  const known = memo.get(id);
  if (known !== undefined) return known;
  const total = Math.min(1e9, g.node(id).args.reduce((s, a) => s + size(g, a, memo), 1));
  memo.set(id, total);
  return total;
}

/** One memo of printed sizes per graph (nodes never change once built). */
const sizeMemos = new WeakMap<Graph, Map<NodeId, number>>();
function sizes(g: Graph): Map<NodeId, number> {
  const memo = sizeMemos.get(g) ?? new Map<NodeId, number>();
  sizeMemos.set(g, memo);
  return memo;
}

/** The op's result as an unmerged sum of terms, or undefined when it is not a sum of products (a function call, a division by a sum). */
function expand(op: string, [a, b]: readonly Sum[], [, exponent]: readonly (number | undefined)[]): Term[] | undefined {
  switch (op) {
    case 'add':
      return [...a, ...b];
    case 'sub':
      return [...a, ...b.map(negated)];
    case 'neg':
      return a.map(negated);
    case 'mul':
      return a.length * b.length > MAX_TERMS ? undefined : a.flatMap((s) => b.map((t) => times(s, t)));
    case 'div':
      return b.length === 1 && b[0].c !== 0 ? a.map((s) => times(s, power(b[0], -1))) : undefined;
    case 'pow':
      return a.length === 1 && exponent !== undefined && Number.isInteger(exponent) && Math.abs(exponent) <= MAX_POWER
        ? [power(a[0], exponent)] : undefined;
    default:
      return undefined;
  }
}

const negated = (t: Term): Term => ({ ...t, c: -t.c });

function times(s: Term, t: Term): Term {
  const exponents = new Map<NodeId, number>(s.factors);
  for (const [f, e] of t.factors) exponents.set(f, (exponents.get(f) ?? 0) + e);
  return { c: s.c === 1 || t.c === 1 ? s.c * t.c : clean(s.c * t.c), factors: [...exponents].filter(([, e]) => e !== 0).sort((p, q) => p[0] - q[0]) };
}

function power(t: Term, k: number): Term {
  return { c: k === 1 ? t.c : clean(t.c ** k), factors: t.factors.map(([f, e]) => [f, e * k] as const) };
}

/**
 * A coefficient computed from two others, without the last bits of rounding
 * noise (0.1·3 = 0.3, not 0.30000000000000004; ⅓ as the double nearest 1/3,
 * which the notes print as a fraction, not 0.333333333333333); a constant only
 * carried along (1 · ln 2) is kept exact.
 */
function clean(c: number): number {
  for (let q = 2; q <= FRACTION_DENOMINATORS; q++) {
    const p = Math.round(c * q);
    if (p !== 0 && Math.abs(c * q - p) < 1e-12 * Math.abs(p)) return p / q;
  }
  return Number(c.toPrecision(15));
}

/** Thirds, sevenths, …: a coefficient this close to p/q (q up to this) is p/q. */
const FRACTION_DENOMINATORS = 12;

/** Like terms (the same factors and exponents) added, in order of first appearance; terms that cancel dropped. */
function merge(terms: readonly Term[]): Term[] {
  const byKey = new Map<string, Term>();
  for (const t of terms) {
    const key = t.factors.map(([f, e]) => `${f}^${e}`).join(' ');
    const seen = byKey.get(key);
    byKey.set(key, seen ? { ...seen, c: clean(seen.c + t.c) } : t);
  }
  return [...byKey.values()].filter((t) => t.c !== 0);
}

/** A sum as a node: a positive term first when there is one, then each term added or subtracted. */
function build(g: Graph, terms: readonly Term[]): NodeId {
  if (terms.length === 0) return g.constant(0);
  const first = Math.max(0, terms.findIndex((t) => t.c > 0));
  const ordered = [terms[first], ...terms.filter((_t, i) => i !== first)];
  return ordered.slice(1).reduce(
    (sum, t) => (t.c < 0 ? g.sub(sum, product(g, negated(t))) : g.add(sum, product(g, t))),
    product(g, ordered[0]),
  );
}

/** c·f₁^e₁⋯ as a node: the coefficient first (left out when 1, a sign when −1), negative powers as a denominator. */
function product(g: Graph, t: Term): NodeId {
  const part = (sign: 1 | -1) => t.factors.filter(([, e]) => e * sign > 0)
    .map(([f, e]) => (Math.abs(e) === 1 ? f : g.pow(f, g.constant(Math.abs(e)))));
  const [numerator, denominator] = [part(1), part(-1)];
  const magnitude = Math.abs(t.c);
  const factors = magnitude === 1 && numerator.length > 0 ? numerator : [g.constant(magnitude), ...numerator];
  const top = factors.slice(1).reduce((p, f) => g.mul(p, f), factors[0]);
  const value = denominator.length === 0 ? top : g.div(top, denominator.slice(1).reduce((p, f) => g.mul(p, f), denominator[0]));
  return t.c < 0 ? g.neg(value) : value;
}
