import { type Attrs, Graph, type IrNode, type NodeId } from '../ir/graph.js';
import type { OpName } from '../ops/registry.js';
import { broadcastShapes, sameShape } from '../ir/shape.js';

/** A graph rebuilt by a pass, with where each old node went. */
export interface Rebuilt {
  readonly graph: Graph;
  /** old node id → node id in the new graph */
  readonly map: readonly NodeId[];
}

/**
 * Canonicalizes what the build-time identities leave: constant factors first
 * and merged (2·(3·x) = 6x), signs pulled out of products (a·(-b) = -(ab)),
 * a + (-b) = a - b, a - (-b) = a + b, -(a - b) = b - a, a + a = 2a, a·a = a²,
 * -a - a = -2a, and fractions pulled out of products and fractions:
 * (p/q)·b = pb/q, a·(p/q) = ap/q, (p/q)/b = p/(qb), a/(p/q) = aq/p, and a
 * constant spread to a shape (reshape / broadcast_to of c) in a product that
 * keeps the other factor's shape is the scalar c (x·spread(1) = x).
 * Every rule is local and never duplicates work, so the cheap-gradient bound
 * of differentiate() is kept.
 */
export function simplify(input: Graph): Rebuilt {
  return rebuildGraph(input, (g, n, args) => rebuild(g, n.op, args, n.attrs));
}

/**
 * A graph rebuilt node by node in creation order: leaves copied, each op node
 * made by `make` from its arguments' new ids (a pass's rewrite rules). With
 * `keep`, only the nodes it keeps (and their arguments must be kept too); the
 * others map to -1.
 */
export function rebuildGraph(
  input: Graph,
  make: (g: Graph, node: IrNode & { readonly op: OpName }, args: NodeId[]) => NodeId,
  keep?: (id: NodeId) => boolean,
): Rebuilt {
  const g = new Graph();
  const map: NodeId[] = [];
  for (const n of input.nodes) {
    if (keep !== undefined && !keep(n.id)) map.push(-1);
    else if (n.op === 'const') map.push(g.constant(n.attrs.value ?? NaN));
    else if (n.op === 'var') map.push(g.variable(n.attrs.name ?? '', n.shape));
    else map.push(make(g, n as IrNode & { readonly op: OpName }, n.args.map((a) => map[a])));
  }
  return { graph: g, map };
}

/** c when x is a scalar constant c reshaped or broadcast to a shape (every entry c), else undefined. */
function spreadConstant(g: Graph, x: NodeId): NodeId | undefined {
  const n = g.node(x);
  if (n.op !== 'reshape' && n.op !== 'broadcast_to') return undefined;
  const [inner] = n.args;
  return g.constantValue(inner) === undefined ? undefined : inner;
}

/** x · y has x's shape (y only broadcasts into it), so y may be replaced by a scalar. */
function keepsShape(g: Graph, x: NodeId, y: NodeId): boolean {
  const product = broadcastShapes(g.shapeOf(x), g.shapeOf(y));
  return product !== undefined && sameShape(product, g.shapeOf(x));
}

function rebuild(g: Graph, op: OpName, args: NodeId[], attrs: Attrs = {}): NodeId {
  const [a, b] = args;
  const negated = (x: NodeId) => (g.node(x).op === 'neg' ? g.node(x).args[0] : undefined);
  const scalarPair = args.every((x) => g.shapeOf(x).length === 0);
  switch (op) {
    case 'mul': {
      const sb = spreadConstant(g, b);
      if (sb !== undefined && keepsShape(g, a, b)) return rebuild(g, 'mul', [a, sb]); // x·spread(c) = c·x
      const sa = spreadConstant(g, a);
      if (sa !== undefined && keepsShape(g, b, a)) return rebuild(g, 'mul', [sa, b]); // spread(c)·x = c·x
      const ca = g.constantValue(a);
      const cb = g.constantValue(b);
      if (cb !== undefined && ca === undefined) return rebuild(g, 'mul', [b, a]); // x·c = c·x
      if (ca !== undefined) {
        const inner = g.node(b);
        const innerConstant = inner.op === 'mul' ? g.constantValue(inner.args[0]) : undefined;
        if (innerConstant !== undefined) return rebuild(g, 'mul', [g.constant(ca * innerConstant), inner.args[1]]);
      }
      const na = negated(a);
      if (na !== undefined) return g.neg(rebuild(g, 'mul', [na, b])); // (-a)·b = -(a·b)
      const nb = negated(b);
      if (nb !== undefined) return g.neg(rebuild(g, 'mul', [a, nb])); // a·(-b) = -(a·b)
      if (a === b && scalarPair) return g.pow(a, g.constant(2)); // a·a = a²
      const da = g.node(a);
      if (da.op === 'div') return rebuild(g, 'div', [rebuild(g, 'mul', [da.args[0], b]), da.args[1]]); // (p/q)·b = pb/q
      const db = g.node(b);
      if (db.op === 'div') return rebuild(g, 'div', [rebuild(g, 'mul', [a, db.args[0]]), db.args[1]]); // a·(p/q) = ap/q
      return g.mul(a, b);
    }
    case 'add': {
      const nb = negated(b);
      if (nb !== undefined) return rebuild(g, 'sub', [a, nb]); // a + (-b) = a - b
      const na = negated(a);
      if (na !== undefined) return rebuild(g, 'sub', [b, na]); // (-a) + b = b - a
      if (a === b) return rebuild(g, 'mul', [g.constant(2), a]); // a + a = 2a
      return g.add(a, b);
    }
    case 'sub': {
      const nb = negated(b);
      if (nb !== undefined) return rebuild(g, 'add', [a, nb]); // a - (-b) = a + b
      if (negated(a) === b) return g.neg(rebuild(g, 'mul', [g.constant(2), b])); // -b - b = -2b
      return g.sub(a, b);
    }
    case 'div': {
      const na = g.node(a);
      const nb = g.node(b);
      if (na.op === 'div') return rebuild(g, 'div', [na.args[0], rebuild(g, 'mul', [na.args[1], b])]); // (p/q)/b = p/(qb)
      if (nb.op === 'div') return rebuild(g, 'div', [rebuild(g, 'mul', [a, nb.args[1]]), nb.args[0]]); // a/(p/q) = aq/p
      return g.div(a, b);
    }
    case 'neg': {
      const inner = g.node(a);
      if (inner.op === 'sub') return g.sub(inner.args[1], inner.args[0]); // -(a - b) = b - a
      return g.neg(a);
    }
    default:
      return g.apply(op, args, attrs);
  }
}
