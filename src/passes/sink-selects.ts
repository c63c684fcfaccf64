import { type Attrs, Graph, type NodeId } from '../ir/graph.js';
import type { OpName } from '../ops/registry.js';
import { sameShape } from '../ir/shape.js';
import { nodesNeeded } from '../ir/order.js';
import type { Rebuilt } from './simplify.js';

const SELECTS: ReadonlySet<string> = new Set(['select_lt', 'select_le', 'select_eq']);

/**
 * Moves arithmetic into the branches of selects, so that a backend printing
 * a select as `c ? x : y` computes only the side taken. The adjoint of a
 * branch is select(c, ḡ, 0) (the derivative of the branch taken), and the
 * reverse sweep multiplies and adds such selects; this pass rewrites
 *   select(c, x, 0) · y = select(c, x · y, 0)   (also ÷ y, −, and 0 in the other branch),
 *   select(c, x₁, y₁) ± select(c, x₂, y₂) = select(c, x₁ ± x₂, y₁ ± y₂),
 *   select(c, select(d, 0, x), select(d, 0, y)) = select(d, 0, select(c, x, y)),
 *   select(d, K, select(c, x, y)) = select(c, select(d, K, x), select(d, K, y)) (K a constant)
 *     where a sum needs c tested first,
 * until a sum of the adjoints of an if / else if / else is one select per
 * condition. The first rule takes 0 · y = 0 for every y (y = ±∞ or NaN
 * included): the branch not taken contributes nothing, as its derivative
 * says. Nothing is duplicated but selects (a comparison each). A constant
 * broadcast to a shape in a product or select with an argument of that
 * shape is the constant itself (x · spread(1) = x), so the seed of a sum
 * is a number the rules above can move. Products and sums put a constant
 * first (x · 100 and 100 · x are one node) and x + x is 2x. Options: nodes
 * kept as they are, selects nested in one order (SinkOptions).
 */
export function sinkSelects(input: Graph, options: SinkOptions = {}): Rebuilt {
  const g = new Graph();
  if (options.nest) NESTING.set(g, new Map());
  const map: NodeId[] = [];
  for (const n of input.nodes) {
    if (n.op === 'const') map.push(g.constant(n.attrs.value ?? NaN));
    else if (n.op === 'var') map.push(g.variable(n.attrs.name ?? '', n.shape));
    else if (options.keep?.(n.id)) map.push(ranked(g, g.apply(n.op, n.args.map((a) => map[a]), n.attrs)));
    else map.push(rebuild(g, n.op, n.args.map((a) => map[a]), n.attrs));
  }
  return { graph: g, map };
}

/**
 * The graph that code with real branches computes `roots` from, `value`
 * (the function's value) among them: sinkSelects with the forward pass kept
 * as the source computes it and selects nested in its order; a graph without
 * selects as it is (map: the identity).
 */
export function sinkForBranches(input: Graph, value: NodeId, roots: readonly NodeId[]): Rebuilt {
  const selects = nodesNeeded(input, roots).some((id) => SELECTS.has(input.node(id).op));
  if (!selects) return { graph: input, map: input.nodes.map((n) => n.id) };
  const forward = new Set(nodesNeeded(input, [value]));
  return sinkSelects(input, { keep: (id) => forward.has(id), nest: true });
}

export interface SinkOptions {
  /**
   * Nodes rebuilt as they are: a function's value, whose forward pass must
   * compute what the source computes (there (c ? x : 0) · ∞ is NaN).
   */
  readonly keep?: (id: NodeId) => boolean;
  /**
   * Nest selects in one order of their conditions, that of the forward pass:
   * a condition first tested later (an outer if: its branches are built
   * first) is tested outside one first tested earlier,
   *   select(d, select(c, x, y), z) = select(c, select(d, x, z), select(d, y, z))  (c later than d),
   * and a select inside a branch of one on the same condition is that branch's side,
   *   select(c, select(c, x, y), z) = select(c, x, z).
   * The derivative of the then-branch of `if (a && b)` is select(b, select(a, ḡ, 0), 0),
   * the forward pass's nesting reversed; nested alike, a value computed in a
   * branch of the forward pass is needed only in that branch of the backward pass too.
   */
  readonly nest?: boolean;
}

/** Per graph built with `nest`: each condition's rank, the order in which it was first tested. */
const NESTING = new WeakMap<Graph, Map<string, number>>();

const keyOf = (s: Select) => `${s.op}(${s.a},${s.b})`;

/** Records the rank of a select's condition (when nesting); returns the node. */
function ranked(g: Graph, id: NodeId): NodeId {
  const ranks = NESTING.get(g);
  const s = ranks && selectOf(g, id);
  if (ranks && s && !ranks.has(keyOf(s))) ranks.set(keyOf(s), ranks.size);
  return id;
}

/**
 * When nesting: whether a select nested in `s`'s branches has a 0 side (the
 * adjoint of a branch of `c && d`, select(c, select(d, ḡ, 0), 0) nested
 * in order, or of its else side, select(c, select(d, 0, ḡ), ḡ)): a product
 * with `s` is then moved into its branches too, down to that 0.
 */
function zeroLeaf(g: Graph, s: Select): boolean {
  if (!NESTING.has(g)) return false;
  const inner = [selectOf(g, s.x), selectOf(g, s.y)];
  return inner.some((t) => t !== undefined && (zero(g, t.x) || zero(g, t.y) || zeroLeaf(g, t)));
}

/** A select on a condition to test outside `outer`'s (undefined when there is none, or when not nesting). */
function nestedOutside(g: Graph, outer: Select): { inner: Select; side: 2 | 3 } | undefined {
  const ranks = NESTING.get(g);
  if (!ranks) return undefined;
  const rank = (s: Select) => ranks.get(keyOf(s)) ?? Infinity; // a condition not tested yet is the latest
  for (const side of [2, 3] as const) {
    const inner = selectOf(g, side === 2 ? outer.x : outer.y);
    if (inner && (sameCondition(inner, outer) || rank(inner) > rank(outer))) return { inner, side };
  }
  return undefined;
}

interface Select {
  readonly op: OpName;
  readonly a: NodeId;
  readonly b: NodeId;
  readonly x: NodeId;
  readonly y: NodeId;
}

function selectOf(g: Graph, id: NodeId): Select | undefined {
  const n = g.node(id);
  if (!SELECTS.has(n.op)) return undefined;
  const [a, b, x, y] = n.args;
  return { op: n.op as OpName, a, b, x, y };
}

const sameCondition = (p: Select, q: Select) => p.op === q.op && p.a === q.a && p.b === q.b;
const zero = (g: Graph, id: NodeId) => g.isConstant(id, 0);
const select = (g: Graph, s: Select, x: NodeId, y: NodeId) => rebuild(g, s.op, [s.a, s.b, x, y]);

/** c when x is a scalar constant c broadcast to a shape (the seed of a sum's adjoint, 1 in every entry), else undefined. */
function spreadConstant(g: Graph, x: NodeId): NodeId | undefined {
  const n = g.node(x);
  return n.op === 'broadcast_to' && g.constantValue(n.args[0]) !== undefined ? n.args[0] : undefined;
}

/**
 * s = select(d, K, select(c, x, y)) with K a constant, as
 * select(c, select(d, K, x), select(d, K, y)) (and K in the other branch
 * likewise): the same values, with `c` — the condition of `by` — tested first.
 * Undefined when s has no such form.
 */
function hoist(g: Graph, s: Select, by: Select): NodeId | undefined {
  const [ix, iy] = [selectOf(g, s.x), selectOf(g, s.y)];
  // the outer select is built as it is: for K = 0 the select rule below would turn it back into s, and the sum would hoist again forever
  const outer = (c: Select, x: NodeId, y: NodeId) => ranked(g, g.apply(c.op, [c.a, c.b, x, y]));
  if (iy && sameCondition(iy, by) && g.constantValue(s.x) !== undefined) return outer(iy, select(g, s, s.x, iy.x), select(g, s, s.x, iy.y));
  if (ix && sameCondition(ix, by) && g.constantValue(s.y) !== undefined) return outer(ix, select(g, s, ix.x, s.y), select(g, s, ix.y, s.y));
  return undefined;
}

function rebuild(g: Graph, op: OpName, args: readonly NodeId[], attrs: Attrs = {}): NodeId {
  const [l, r] = args;
  if (op === 'mul' || op === 'div' || op === 'select_lt' || op === 'select_le' || op === 'select_eq') {
    // x · spread(c) = x · c where the product keeps its shape without it (the builder then drops · 1)
    const spread = args.map((a, i) => (i === 1 || op === 'mul' || i >= 2 ? spreadConstant(g, a) : undefined));
    const k = spread.findIndex((c, i) => c !== undefined && args.some((a, j) => j !== i && sameShape(g.shapeOf(a), g.shapeOf(args[i]))));
    if (k >= 0) return rebuild(g, op, args.map((a, i) => (i === k ? spread[k] as NodeId : a)), attrs);
  }
  // c · x and c + x with the constant first, so x · c and c · x are one node; x + x = 2x (both exact in floating point)
  if ((op === 'mul' || op === 'add') && g.constantValue(r) !== undefined && g.constantValue(l) === undefined) return rebuild(g, op, [r, l], attrs);
  if (op === 'add' && l === r) return rebuild(g, 'mul', [g.constant(2), l]);
  const [p, q] = args.map((a) => selectOf(g, a));
  switch (op) {
    case 'mul':
    case 'div':
      // select(c, x, 0) ∘ y = select(c, x ∘ y, 0), and y · select(c, x, 0) likewise
      if (p && (zero(g, p.y) || zero(g, p.x) || zeroLeaf(g, p))) {
        return select(g, p, zero(g, p.x) ? p.x : rebuild(g, op, [p.x, r]), zero(g, p.y) ? p.y : rebuild(g, op, [p.y, r]));
      }
      if (op === 'mul' && q && (zero(g, q.y) || zero(g, q.x) || zeroLeaf(g, q))) {
        return select(g, q, zero(g, q.x) ? q.x : rebuild(g, op, [l, q.x]), zero(g, q.y) ? q.y : rebuild(g, op, [l, q.y]));
      }
      return g.apply(op, args, attrs);
    case 'neg':
      return p && (zero(g, p.x) || zero(g, p.y) || zeroLeaf(g, p)) ? select(g, p, rebuild(g, 'neg', [p.x]), rebuild(g, 'neg', [p.y])) : g.apply(op, args, attrs);
    case 'add':
    case 'sub': {
      if (p && q && sameCondition(p, q)) return select(g, p, rebuild(g, op, [p.x, q.x]), rebuild(g, op, [p.y, q.y]));
      // a condition tested inside the other select: test it first there, then the rule above applies
      const hoistedQ = p && q ? hoist(g, q, p) : undefined;
      if (hoistedQ !== undefined) return rebuild(g, op, [l, hoistedQ]);
      const hoistedP = p && q ? hoist(g, p, q) : undefined;
      if (hoistedP !== undefined) return rebuild(g, op, [hoistedP, r]);
      return g.apply(op, args, attrs);
    }
    case 'select_lt':
    case 'select_le':
    case 'select_eq': {
      const [, , x, y] = args;
      const outer: Select = { op, a: args[0], b: args[1], x, y };
      const nested = nestedOutside(g, outer);
      if (nested !== undefined) {
        const { inner, side } = nested;
        if (sameCondition(inner, outer)) return rebuild(g, op, side === 2 ? [outer.a, outer.b, inner.x, y] : [outer.a, outer.b, x, inner.y]);
        const branch = (v: NodeId) => rebuild(g, op, side === 2 ? [outer.a, outer.b, v, y] : [outer.a, outer.b, x, v]);
        return select(g, inner, branch(inner.x), branch(inner.y));
      }
      // select(c, select(d, 0, x), select(d, 0, y)) = select(d, 0, select(c, x, y)) (0 in the first branch likewise; not when nesting in order)
      const [sx, sy] = [selectOf(g, x), selectOf(g, y)];
      if (sx && sy && sameCondition(sx, sy) && !NESTING.has(g)) {
        if (zero(g, sx.x) && zero(g, sy.x)) return select(g, sx, sx.x, select(g, outer, sx.y, sy.y));
        if (zero(g, sx.y) && zero(g, sy.y)) return select(g, sx, select(g, outer, sx.x, sy.x), sx.y);
      }
      return ranked(g, g.apply(op, args, attrs));
    }
    default:
      return g.apply(op, args, attrs);
  }
}
