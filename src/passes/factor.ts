import type { Graph, NodeId } from '../ir/graph.js';
import { type Rebuilt, rebuildGraph } from './simplify.js';

/** A product as the notes read it: ± coefficient · factor₁ · factor₂ ⋯ */
interface Product {
  readonly negative: boolean;
  readonly coefficient: number;
  readonly factors: readonly NodeId[];
}

/**
 * Pulls common factors out of sums and differences of scalar products:
 * a·b + a·c = a·(b + c), −3s − s·c = −s·(3 + c), and a common whole
 * coefficient: 2s + 6 = 2(s + 3), 4x·a + 6x·b = 2x·(2a + 3b). Bottom-up, so a factor
 * common to three terms comes out of (t₁ + t₂) + t₃ too. For printing a
 * result the way a textbook factors it (a repeated factor written once); the
 * generated code does not use it (it never recomputes a product anyway).
 */
export function factorSums(input: Graph): Rebuilt {
  return rebuildGraph(input, (g, n, args) => {
    const scalar = n.shape.length === 0 && args.every((a) => g.shapeOf(a).length === 0);
    return (scalar ? normalized(g, n.op, args) : undefined) ?? g.apply(n.op, args, n.attrs);
  });
}

/**
 * The scalar rewrites: a ± b factored; a product or negation as ± c · f₁ ⋯
 * (constants merged and first, the sign outside: −(−9.81)·s = 9.81 s,
 * 2·(0.5·a·a) = a·a); a fraction with its numerator's sign outside ((−p)/q = −(p/q)).
 */
function normalized(g: Graph, op: string, args: readonly NodeId[]): NodeId | undefined {
  const [a, b] = args;
  switch (op) {
    case 'add':
    case 'sub': {
      const factored = factorPair(g, a, b, op === 'sub') ?? factorWithLastTerm(g, a, b, op === 'sub');
      if (factored !== undefined) return factored;
      // a + (−b) = a − b, a − (−b) = a + b
      const inner = g.node(b);
      if (inner.op === 'neg') return op === 'add' ? g.sub(a, inner.args[0]) : g.add(a, inner.args[0]);
      // a + (−p ± q) = (a − p) ± q: no "+ −" in print
      const first = g.node(inner.args[0] ?? b);
      if (op === 'add' && (inner.op === 'add' || inner.op === 'sub') && first.op === 'neg') {
        return g.apply(inner.op, [g.sub(a, first.args[0]), inner.args[1]]);
      }
      return undefined;
    }
    case 'mul': {
      const [x, y] = [asProduct(g, a), asProduct(g, b)];
      return build(g, { negative: x.negative !== y.negative, coefficient: x.coefficient * y.coefficient, factors: [...x.factors, ...y.factors] });
    }
    case 'neg': {
      const x = asProduct(g, a);
      return build(g, { ...x, negative: !x.negative });
    }
    case 'div': {
      const p = asProduct(g, a);
      return p.negative ? g.neg(g.div(build(g, { ...p, negative: false }), b)) : undefined;
    }
    default:
      return undefined;
  }
}

/** a ± b with their common factors pulled out, or undefined when they have none. */
function factorPair(g: Graph, a: NodeId, b: NodeId, subtract: boolean): NodeId | undefined {
  const pa = asProduct(g, a);
  const pb = asProduct(g, b);
  const common = commonFactors(pa.factors, pb.factors);
  const k = commonCoefficient(pa.coefficient, pb.coefficient);
  if (common.length === 0 && k === 1) return undefined;
  const restA = { ...without(pa, common), coefficient: pa.coefficient / k };
  const restB = { ...without(pb, common), coefficient: pb.coefficient / k };
  // Write the first term of the bracket without a sign: −s·3 − s·c = −(s·(3 + c)).
  const flip = restA.negative;
  const first = build(g, { ...restA, negative: false });
  const second = build(g, { ...restB, negative: restB.negative !== flip });
  // A whole coefficient alone comes out only when the bracket is a sum the graph has already
  // (2s + 6 = 2·(3 + s), s + 3 commuted); 12x² + 4y² stays as a textbook writes it, not 4(3x² + y²).
  const bracket = common.length > 0 ? (subtract ? g.sub(first, second) : g.add(first, second))
    : subtract ? g.find('sub', [first, second]) : g.find('add', [first, second]) ?? g.find('add', [second, first]);
  if (bracket === undefined) return undefined;
  const factored = g.mul(build(g, { negative: false, coefficient: k, factors: common }), bracket);
  return flip ? g.neg(factored) : factored;
}

/**
 * (p ± q) ± r with q and r factored together when they share a factor, the
 * sum re-associated: p − q·s − r·s = p − (q + r)·s, which the pairwise
 * factoring of a left-nested sum would miss.
 */
function factorWithLastTerm(g: Graph, a: NodeId, b: NodeId, subtract: boolean): NodeId | undefined {
  const inner = g.node(a);
  if ((inner.op !== 'add' && inner.op !== 'sub') || g.shapeOf(a).length > 0) return undefined;
  const [p, q] = inner.args;
  // (p + q) ± r = p + (q ± r); (p − q) ± r = p − (q ∓ r)
  const together = factorPair(g, q, b, inner.op === 'sub' ? !subtract : subtract);
  return together === undefined ? undefined : g.apply(inner.op, [p, together]);
}

/** A node as ± c · f₁ · f₂ ⋯ (constants multiplied into c, negations into the sign). */
function asProduct(g: Graph, id: NodeId): Product {
  const n = g.node(id);
  const c = g.constantValue(id);
  if (c !== undefined) return { negative: c < 0, coefficient: Math.abs(c), factors: [] };
  if (n.op === 'neg') {
    const inner = asProduct(g, n.args[0]);
    return { ...inner, negative: !inner.negative };
  }
  if (n.op === 'mul') {
    const [x, y] = n.args.map((a) => asProduct(g, a));
    return { negative: x.negative !== y.negative, coefficient: x.coefficient * y.coefficient, factors: [...x.factors, ...y.factors] };
  }
  return { negative: false, coefficient: 1, factors: [id] };
}

/**
 * The greatest common divisor of two whole coefficients (2s + 6 = 2(s + 3), as
 * a textbook takes it out), 1 when either is not a whole number above 1 or
 * they share none.
 */
function commonCoefficient(a: number, b: number): number {
  if (!Number.isInteger(a) || !Number.isInteger(b) || a < 2 || b < 2 || a > 2 ** 31 || b > 2 ** 31) return 1;
  let [x, y] = [a, b];
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** The factors both lists have (as multisets), in the order of the first. */
function commonFactors(xs: readonly NodeId[], ys: readonly NodeId[]): NodeId[] {
  const left = [...ys];
  return xs.filter((x) => {
    const i = left.indexOf(x);
    if (i < 0) return false;
    left.splice(i, 1);
    return true;
  });
}

function without(p: Product, common: readonly NodeId[]): Product {
  const removed = [...common];
  const factors = p.factors.filter((f) => {
    const i = removed.indexOf(f);
    if (i < 0) return true;
    removed.splice(i, 1);
    return false;
  });
  return { ...p, factors };
}

/** ± c · f₁ ⋯ as a node: ((c·f₁)·f₂)⋯, so it prints as c f₁ · f₂ (1 left out); a repeated factor once, as a power (x · … · x = x² · …). */
function build(g: Graph, p: Product): NodeId {
  let product: NodeId | undefined = p.coefficient === 1 && p.factors.length > 0 ? undefined : g.constant(p.coefficient);
  const distinct = p.factors.filter((f, i) => p.factors.indexOf(f) === i);
  for (const f of distinct) {
    const count = p.factors.filter((x) => x === f).length;
    const power = count === 1 ? f : g.pow(f, g.constant(count));
    product = product === undefined ? power : g.mul(product, power);
  }
  const scaled = product ?? g.constant(1);
  return p.negative ? g.neg(scaled) : scaled;
}
