import { Graph, type NodeId } from '../ir/graph.js';
import { rebuildGraph, type Rebuilt } from './simplify.js';

/** x = c · y: the scale c and the rest y (built in the new graph). */
interface Scaled {
  readonly c: number;
  readonly y: NodeId;
}

/**
 * Constant scales out of loop sums: Σ_k c·y_k = c·Σ_k y_k. The reverse sweep
 * of `loss / 32` over a loop seeds every iteration with 1/32 (and a
 * difference with −1), which sinkSelects moves into each branch
 * (dr = 0.03125·r); written once after the loop, the scale costs one product
 * instead of one per iteration, as a hand-written gradient does. A lane
 * expression has a common scale c when its leaves are c·(…) — through −,
 * products, quotients, sums and the branches of a select, whose constants
 * k are c·(k/c) when that is exact. Only sums of a lane vector to a scalar
 * (`sum`, `sum_to []`) are rewritten; nothing else changes.
 */
export function hoistScales(input: Graph): Rebuilt {
  const memo = new Map<NodeId, Scaled | undefined>();
  return rebuildGraph(input, (g, n, args) => {
    const [x] = args;
    const laneSum = (n.op === 'sum' || n.op === 'sum_to') && n.shape.length === 0 && g.shapeOf(x).length === 1;
    const scaled = laneSum ? scaleOf(g, x, memo) : undefined;
    if (scaled === undefined || scaled.c === 1) return g.apply(n.op, args, n.attrs);
    return g.mul(g.constant(scaled.c), g.apply(n.op, [scaled.y], n.attrs));
  });
}

const SELECTS: ReadonlySet<string> = new Set(['select_lt', 'select_le', 'select_eq']);

/** Made of constants by +, −, negation and the branches of selects: it fits every scale (constantOver). */
function constantLike(g: Graph, x: NodeId): boolean {
  const n = g.node(x);
  if (n.op === 'const') return true;
  if (SELECTS.has(n.op)) return n.args.slice(2).every((a) => constantLike(g, a));
  return (n.op === 'add' || n.op === 'sub' || n.op === 'neg') && n.args.every((a) => constantLike(g, a));
}

/** A constantLike x as c · (x with every constant k written k / c), when each k / c is exact (0 fits every c). */
function constantOver(g: Graph, x: NodeId, c: number): NodeId | undefined {
  const n = g.node(x);
  const k = g.constantValue(x);
  if (k !== undefined) {
    const q = k / c;
    return q * c === k && Number.isFinite(q) ? g.constant(q) : undefined;
  }
  const from = SELECTS.has(n.op) ? 2 : 0;
  const args = n.args.map((a, i) => (i < from ? a : constantOver(g, a, c)));
  return args.includes(undefined) ? undefined : g.apply(n.op as 'add', args as NodeId[]);
}

/** x written as c · y with the scale c found in its leaves, or undefined (no common scale). */
function scaleOf(g: Graph, x: NodeId, memo: Map<NodeId, Scaled | undefined>): Scaled | undefined {
  if (memo.has(x)) return memo.get(x);
  const found = scaleOfNode(g, x, memo);
  memo.set(x, found);
  return found;
}

function scaleOfNode(g: Graph, x: NodeId, memo: Map<NodeId, Scaled | undefined>): Scaled | undefined {
  const n = g.node(x);
  const [a, b] = n.args;
  const ca = a === undefined ? undefined : g.constantValue(a);
  const cb = b === undefined ? undefined : g.constantValue(b);
  switch (n.op) {
    case 'mul': {
      const [k, other] = ca !== undefined ? [ca, b] : cb !== undefined ? [cb, a] : [undefined, a];
      if (k !== undefined) { // k·(c·u) = (kc)·u
        const s = scaleOf(g, other, memo);
        return { c: k * (s?.c ?? 1), y: s?.y ?? other };
      }
      const sa = scaleOf(g, a, memo); // (c·u)·v = c·(u·v)
      if (sa) return { c: sa.c, y: g.mul(sa.y, b) };
      const sb = scaleOf(g, b, memo);
      return sb && { c: sb.c, y: g.mul(a, sb.y) };
    }
    case 'div': { // (c·u)/v = c·(u/v)
      const sa = cb === undefined ? scaleOf(g, a, memo) : undefined;
      return sa && { c: sa.c, y: g.div(sa.y, b) };
    }
    case 'neg': { // −(c·u) = (−c)·u
      const s = scaleOf(g, a, memo);
      return { c: -(s?.c ?? 1), y: s?.y ?? a };
    }
    case 'add':
    case 'sub':
      return common(g, n.op, [a, b], memo);
    case 'select_lt':
    case 'select_le':
    case 'select_eq':
      return common(g, n.op, n.args, memo, 2);
    default:
      return undefined;
  }
}

/**
 * One scale for the arguments from `from` on (a sum's terms, a select's
 * branches): the scale of the non-constant ones when they agree, each
 * constant k written k/c; the arguments before `from` (a select's
 * comparison) kept as they are.
 */
function common(g: Graph, op: 'add' | 'sub' | 'select_lt' | 'select_le' | 'select_eq', args: readonly NodeId[], memo: Map<NodeId, Scaled | undefined>, from = 0): Scaled | undefined {
  const scaled = args.slice(from).map((arg) => (constantLike(g, arg) ? undefined : scaleOf(g, arg, memo) ?? null));
  if (scaled.includes(null)) return undefined; // a term with no scale
  const scales = [...new Set(scaled.flatMap((s) => (s ? [s.c] : [])))];
  if (scales.length !== 1 || scales[0] === 1) return undefined;
  const [c] = scales;
  const rest = args.map((arg, i) => (i < from ? arg : scaled[i - from]?.y ?? constantOver(g, arg, c)));
  return rest.includes(undefined) ? undefined : { c, y: g.apply(op, rest as NodeId[]) };
}
