import type { Graph, NodeId } from '../ir/graph.js';
import { factorSums } from '../passes/factor.js';
import { collectTerms } from '../passes/collect-terms.js';
import { shareCommuted } from '../passes/share-commuted.js';
import { rebuildGraph, simplify } from '../passes/simplify.js';
import { nodesNeeded } from '../ir/order.js';
import { readArguments } from '../ir/guarded-log.js';

/**
 * Result formulas (gradient components, Hessian entries) as a textbook writes
 * them: simplified, common factors pulled out of sums, and every
 * subexpression that would be printed more than once named once
 * (s₁ = sin x² + 3x²) and used by name. Everything is in the original
 * variables: no forward step v_k appears.
 */
export interface FactoredResults {
  readonly graph: Graph;
  /** Per group of results asked for (the gradient, the Hessian): its result nodes and the subexpressions it names. */
  readonly groups: readonly FactoredGroup[];
}

export interface FactoredGroup {
  /** The result nodes, in the order asked for. */
  readonly roots: readonly NodeId[];
  /** The subexpressions this group prints by name, each after the ones it uses. */
  readonly shared: readonly NodeId[];
}

/**
 * `sizes(graph, root, isNamed)`: how long `root` and every node below it that
 * prints expanded print when the nodes `isNamed` picks (other than root) are
 * printed by name (Infinity: longer than the printer cares to print) — the
 * caller's printer, so that "long" means long on the page.
 */
export type PrintedSizes = (graph: Graph, root: NodeId, isNamed: (id: NodeId) => boolean) => ReadonlyMap<NodeId, number>;

/** A subexpression printed twice is named when it is at least this long (x² or 3x is not worth a name). */
const MIN_SHARED = 14;

/**
 * `groups`: nodes of `input` printed together (each group decides alone what
 * it names: a subexpression repeated in the Hessian is not named in the gradient).
 */
export function factorResults(
  input: Graph,
  groups: readonly (readonly NodeId[])[],
  size: PrintedSizes,
  maxLength: number,
): FactoredResults {
  // Only the nodes the results need (a long loop's notes show a few of its gradient's entries; the
  // graph holds all of them and the forward pass), copied in creation order.
  let graph = input;
  let map = input.nodes.map((n) => n.id);
  const restrict = (g: Graph) => {
    const needed = new Set(nodesNeeded(g, groups.flat().map((r) => map[r])));
    return rebuildGraph(g, (out, n, args) => out.apply(n.op, args, n.attrs), (id) => needed.has(id));
  };
  // Like terms collected first (2x·s + 2s·x = 4x·s), then common factors pulled out; simplify() moves
  // signs into fractions again ((p/q)·b = pb/q), so factoring runs after each pass. Then, once
  // commuted sums are one node (3 + s and s + 3), like terms that factoring brought together are
  // collected (s₁₄ − s₁₂ + s₁₄) and factored again, on the nodes the results still use (a whole
  // coefficient comes out only into a sum the results have: 2s + 6 = 2·(3 + s)).
  const passes = [restrict, simplify, collectTerms, factorSums, simplify, factorSums, shareCommuted, collectTerms, restrict, factorSums];
  for (const pass of passes) {
    const next = pass(graph);
    map = map.map((id) => next.map[id]);
    graph = next.graph;
  }
  return {
    graph,
    groups: groups.map((roots) => {
      const mapped = roots.map((r) => map[r]);
      return { roots: mapped, shared: sharedSubexpressions(graph, mapped, size, maxLength) };
    }),
  };
}

/** The nodes to name so that nothing long is printed twice and no formula is longer than `maxLength`. */
function sharedSubexpressions(graph: Graph, roots: readonly NodeId[], sizes: PrintedSizes, maxLength: number): NodeId[] {
  const named = new Set<NodeId>();
  const isNamed = (id: NodeId) => named.has(id);
  // While the uses are counted, nothing below the node reached is named yet (its arguments come
  // before it and are reached after it), so its length is its length with nothing named: one
  // traversal gives that of every node below it too.
  const unnamed = new Map<NodeId, number>();
  const unnamedSize = (id: NodeId) => {
    if (!unnamed.has(id)) for (const [below, length] of sizes(graph, id, () => false)) unnamed.set(below, length);
    return unnamed.get(id) as number;
  };
  // Reverse creation order visits every consumer before its arguments, so a node's count is final when it is reached.
  const uses = new Map<NodeId, number>();
  for (const r of roots) uses.set(r, (uses.get(r) ?? 0) + 1);
  for (let id = graph.nodes.length - 1; id >= 0; id--) {
    const count = uses.get(id) ?? 0;
    const n = graph.node(id);
    if (count === 0 || n.op === 'const' || n.op === 'var') continue;
    if (count > 1 && !roots.includes(id) && unnamedSize(id) >= MIN_SHARED) named.add(id);
    const times = named.has(id) ? 1 : count;
    for (const a of readArguments(graph, id)) uses.set(a, (uses.get(a) ?? 0) + times); // as printed: ln x, not its guard
  }
  // A formula still too long gets its longest unnamed argument subtree named, until it fits
  // (a formula's root prints expanded even when it is named: one traversal gives both lengths).
  const pending = [...roots];
  while (pending.length > 0) {
    const id = pending.pop() as NodeId;
    for (;;) {
      const lengths = sizes(graph, id, isNamed);
      if ((lengths.get(id) as number) <= maxLength) break;
      const longest = largestUnnamed(graph, id, isNamed, lengths);
      if (longest === undefined) break;
      named.add(longest);
      pending.push(longest);
    }
  }
  for (const r of roots) named.delete(r);
  return [...named].sort((a, b) => a - b);
}

/**
 * The longest subtree below `root` that is not named and not a leaf (the first of the longest,
 * depth first), or undefined; `size`: the printed length of every node below root.
 */
function largestUnnamed(graph: Graph, root: NodeId, isNamed: (id: NodeId) => boolean, size: ReadonlyMap<NodeId, number>): NodeId | undefined {
  let best: NodeId | undefined;
  let bestSize = 0;
  const seen = new Set<NodeId>();
  const visit = (id: NodeId) => {
    for (const a of readArguments(graph, id)) {
      const op = graph.node(a).op;
      if (seen.has(a) || isNamed(a) || op === 'const' || op === 'var') continue;
      seen.add(a);
      const s = size.get(a) as number;
      if (s > bestSize) [best, bestSize] = [a, s];
      visit(a);
    }
  };
  visit(root);
  return best;
}
