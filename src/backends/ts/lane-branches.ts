import type { Graph, NodeId } from '../../ir/graph.js';

/** The comparison of each select in code. */
const RELATIONS: Readonly<Record<string, string>> = { select_lt: '<', select_le: '<=', select_eq: '===' };

/** How the statements of a loop body read nodes. */
export interface BodyPrinter {
  /** The local a node is assigned to. */
  name(id: NodeId): string;
  /** The expression computing a node from its arguments. */
  expression(id: NodeId): string;
  /** How code reads a node (a local, a literal, x[k], or an expression printed in place). */
  ref(id: NodeId): string;
  /** The nodes printed in place where they are read (inside a select's branch). */
  readonly inlined: ReadonlySet<NodeId>;
  /**
   * Nodes read only by a sum of the loop, with that sum's accumulator: a
   * select among them adds its branch's value to the accumulator inside the
   * branch (`loss += 0.5 * r * r;`), as a hand-written loop does, rather than
   * through a local assigned in every branch and added after the `if`.
   */
  readonly accumulated?: ReadonlyMap<NodeId, string>;
}

/**
 * The statements of a loop body: `const name = expression;` per node, in
 * order, except that selects on the same condition (the value of an if /
 * else if / else and its derivative) are one `if … else` assigning them all,
 * nested where their branches select on the same condition again, so each
 * condition is tested once per iteration and only the side taken is computed.
 * `summed`: the members added to their sum's accumulator in the branches
 * (the loop adds the others after the body).
 */
export function bodyStatements(g: Graph, nodes: readonly NodeId[], p: BodyPrinter): { lines: string[]; summed: ReadonlySet<NodeId> } {
  const position = new Map(nodes.map((id, i) => [id, i]));
  const groups = new Map<string, NodeId[]>();
  for (const id of nodes) {
    const key = conditionKey(g, id);
    if (key !== undefined) groups.set(key, [...(groups.get(key) ?? []), id]);
  }
  const grouped = new Map<NodeId, readonly NodeId[]>();
  for (const members of groups.values()) {
    const first = position.get(members[0]) as number;
    const ready = members.every((m) => needs(g, m, position, p.inlined).every((d) => (position.get(d) as number) < first));
    if (members.length > 1 && ready) members.forEach((m) => grouped.set(m, members));
  }
  const lines: string[] = [];
  const summed = new Set<NodeId>();
  const sumOf = (id: NodeId) => p.accumulated?.get(id);
  for (const id of nodes) {
    const members = grouped.get(id);
    if (members === undefined) lines.push(`const ${p.name(id)} = ${p.expression(id)};`);
    else if (members[0] === id) {
      const declared = members.filter((m) => sumOf(m) === undefined);
      if (declared.length > 0) lines.push(`let ${declared.map((m) => `${p.name(m)}: number`).join(', ')};`);
      lines.push(branches(g, members.map((m) => {
        const sum = sumOf(m);
        if (sum === undefined) return { name: p.name(m), assign: '=', node: m };
        summed.add(m);
        return { name: sum, assign: '+=', node: m };
      }), p));
    }
  }
  return { lines, summed };
}


/** `op(a, b)` of a select: selects with the same key test the same condition. */
function conditionKey(g: Graph, id: NodeId): string | undefined {
  const n = g.node(id);
  return RELATIONS[n.op] === undefined ? undefined : `${n.op}(${n.args[0]},${n.args[1]})`;
}

/** The loop locals a node reads, looking through the nodes printed in place. */
function needs(g: Graph, id: NodeId, position: ReadonlyMap<NodeId, number>, inlined: ReadonlySet<NodeId>): NodeId[] {
  return g.node(id).args.flatMap((a) => (inlined.has(a) ? needs(g, a, position, inlined) : position.has(a) ? [a] : []));
}

/** Where a branch puts a node's value: `name = value` (a local), or `name += value` (a sum's accumulator). */
interface Target {
  readonly name: string;
  readonly assign: '=' | '+=';
  readonly node: NodeId;
}

/** Assigns each target its node's value: one if/else while all nodes select on one condition. */
function branches(g: Graph, targets: readonly Target[], p: BodyPrinter, top = true): string {
  // inside a branch, only a select printed in place (not a local of its own) is split further
  const keys = new Set(targets.map((t) => (top || p.inlined.has(t.node) ? conditionKey(g, t.node) : undefined)));
  const [key] = keys;
  if (keys.size !== 1 || key === undefined) return targets.map((t) => `${t.name} ${t.assign} ${p.ref(t.node)};`).join('\n');
  const n = g.node(targets[0].node);
  const condition = `${p.ref(n.args[0])} ${RELATIONS[n.op]} ${p.ref(n.args[1])}`;
  const side = (k: 2 | 3) => branches(g, targets.map((t) => ({ ...t, node: g.node(t.node).args[k] })), p, false);
  const otherwise = side(3);
  const elseIf = otherwise.startsWith('if (') ? ` else ${otherwise}` : ` else {\n${otherwise}\n}`;
  return `if (${condition}) {\n${side(2)}\n}${elseIf}`;
}
