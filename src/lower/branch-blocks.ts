import type { Graph, NodeId } from '../ir/graph.js';

/**
 * Straight-line code with real branches: where each node of a scalar graph is
 * computed when its selects are printed as `if (a < b) { … } else { … }`, so
 * that the side not taken costs nothing (and a value that would be NaN or ±∞
 * on that side, log x for x ≤ 0, is never computed).
 *
 * A node's *scope* is the list of branches (condition, side) under which it is
 * needed: a root's is empty; an argument of a node is needed in that node's
 * scope, except the sides of a select: x of select(a ◇ b, x, y) is needed in
 * its scope + (a ◇ b, then), y in its scope + (a ◇ b, else). A node read under
 * several scopes takes their common prefix (the branches that all its readers
 * are inside). A select whose condition is already decided by its scope is
 * the side taken (`pick`); a side that cannot be taken is not needed.
 *
 * Nodes are then placed in topological order, each in the block of its scope:
 * selects on one condition in one block (the value of an if / else and its
 * derivatives) become the members of one `if` statement, assigned in both
 * branches, and the nodes of a branch go into that branch — into the latest
 * `if` on that condition, unless a node it reads comes after that `if` (a
 * derivative of the value the `if` computed), then into a new one. A node
 * placed in a branch and read where its block is not visible (a later `if` on
 * the same condition) is `carried`: declared before everything, assigned in
 * its branch.
 */
export interface BranchPlan {
  readonly root: Block;
  /** Index of the first item of the root block that belongs to the second phase (the backward pass). */
  readonly secondPhase: number;
  /** Nodes assigned in a branch and read outside it: declared at the top. */
  readonly carried: ReadonlySet<NodeId>;
  /**
   * Members of an inner `if` whose only reader is an outer member's
   * assignment (`y` of `m = y`): they are assigned to that member directly,
   * so an if / else if / else chain assigns its value once per branch.
   */
  readonly forwarded: ReadonlyMap<NodeId, NodeId>;
  /** The nodes set, in the order printed (an if's members before its branches). */
  readonly order: readonly NodeId[];
}

export interface Block {
  readonly items: Item[];
}

export type Item =
  /** `const id = …` (an op node, computed from its arguments). */
  | { readonly kind: 'node'; readonly id: NodeId }
  /** `const id = from`: a select whose condition this block has decided. */
  | { readonly kind: 'pick'; readonly id: NodeId; readonly from: NodeId }
  /** `id = from`: a member's value in one branch of its `if`. */
  | { readonly kind: 'assign'; readonly id: NodeId; readonly from: NodeId }
  | IfItem;

/** `if (condition) { then } else { else }` assigning its members (selects on that condition) in both branches. */
export interface IfItem {
  readonly kind: 'if';
  readonly condition: Condition;
  readonly members: NodeId[];
  readonly then: Block;
  readonly else: Block;
}

/** A select's condition: a comparison (select_lt: a < b), or comparisons joined by && and ||. */
export type Condition =
  | { readonly kind: 'compare'; readonly op: string; readonly a: NodeId; readonly b: NodeId }
  | { readonly kind: 'and' | 'or'; readonly p: Condition; readonly q: Condition };

/**
 * A select read as `condition ? x : y`: nested selects that share a side are
 * one condition, as the translation of && and || built them —
 * select(c, select(d, x, y), y) is c && d ? x : y, select(c, x, select(d, x, y)) is c || d ? x : y.
 */
export interface SelectShape {
  readonly condition: Condition;
  readonly key: string;
  readonly x: NodeId;
  readonly y: NodeId;
}

type Side = 'then' | 'else';
type Scope = readonly { readonly key: string; readonly side: Side; readonly condition: Condition }[];

const SELECTS: ReadonlySet<string> = new Set(['select_lt', 'select_le', 'select_eq']);

/**
 * Plans graph `g`'s nodes in `phases` (each topologically ordered; the second
 * may read the first) computing `roots`; `named` nodes keep their own name
 * (are not computed into the member that reads them).
 */
export function planBranches(
  g: Graph,
  phases: readonly (readonly NodeId[])[],
  roots: readonly NodeId[],
  named: ReadonlySet<NodeId> = new Set(),
): BranchPlan {
  const all = phases.flat();
  const computed = (id: NodeId) => g.node(id).op !== 'const' && g.node(id).op !== 'var';
  const { scope, decided } = scopes(g, all, roots, computed);
  const placer = new Placer(g, computed);
  phases.forEach((phase, p) => {
    if (p > 0) placer.floor = placer.root.items.length;
    // A node inside a branch is placed when the first node outside every branch that needs it is (just before its if),
    // the nodes it needs in order of depth: those of fewer branches first, so each if opens after them.
    const pending = new Set(phase.filter((id) => computed(id) && (scope.get(id)?.length ?? 0) > 0));
    const reads = (id: NodeId) => readsOf(g, id, decided.get(id));
    const pull = (id: NodeId) => {
      const closure = [id];
      for (let k = 0; k < closure.length; k++) for (const d of reads(closure[k])) if (pending.delete(d)) closure.push(d);
      const waiting = new Set(closure);
      const depth = (n: NodeId) => (scope.get(n) as Scope).length;
      while (waiting.size > 0) {
        let next: NodeId | undefined;
        for (const n of waiting) {
          const ready = reads(n).every((d) => !waiting.has(d));
          if (ready && (next === undefined || depth(n) < depth(next) || (depth(n) === depth(next) && n < next))) next = n;
        }
        waiting.delete(next as NodeId);
        placer.place(next as NodeId, scope.get(next as NodeId) as Scope, decided.get(next as NodeId));
      }
    };
    for (const id of phase) {
      if (computed(id) && scope.has(id) && !pending.has(id)) pull(id);
    }
    for (const id of phase) if (pending.delete(id)) pull(id);
  });
  const secondPhase = phases.length > 1 ? placer.floor : placer.root.items.length;
  const carried = placer.carried();
  const readers = new Map<NodeId, number>(roots.map((r) => [r, 1])); // an output is read by its write
  for (const id of all) {
    if (computed(id) && scope.has(id)) for (const a of new Set(readsOf(g, id, decided.get(id)))) readers.set(a, (readers.get(a) ?? 0) + 1);
  }
  const order = printOrder(placer.root.items);
  const position = new Map(order.map((id, i) => [id, i]));
  const carriedInOrder = new Set([...carried].sort((a, b) => (position.get(a) as number) - (position.get(b) as number)));
  return { root: placer.root, secondPhase, carried: carriedInOrder, forwarded: forwardings(placer.root, readers, carried, named), order };
}

/** The select `id` as `condition ? x : y` (undefined when `id` is not a select); selects with one key test one condition. */
export function selectShape(g: Graph, id: NodeId): SelectShape | undefined {
  const atom = (s: NodeId): Condition | undefined => {
    const n = g.node(s);
    return SELECTS.has(n.op) ? { kind: 'compare', op: n.op, a: n.args[0], b: n.args[1] } : undefined;
  };
  let condition = atom(id);
  if (condition === undefined) return undefined;
  let [x, y] = g.node(id).args.slice(2);
  for (;;) {
    const [inX, inY] = [atom(x), atom(y)];
    if (inX && g.node(x).args[3] === y) {
      condition = { kind: 'and', p: condition, q: inX };
      x = g.node(x).args[2];
    } else if (inY && g.node(y).args[2] === x) {
      condition = { kind: 'or', p: condition, q: inY };
      y = g.node(y).args[3];
    } else break;
  }
  return { condition, key: keyOf(condition), x, y };
}

function keyOf(c: Condition): string {
  return c.kind === 'compare' ? `${c.op}(${c.a},${c.b})` : `${c.kind}(${keyOf(c.p)},${keyOf(c.q)})`;
}

/** The compared nodes of a condition. */
export function comparedNodes(c: Condition): NodeId[] {
  return c.kind === 'compare' ? [c.a, c.b] : [...comparedNodes(c.p), ...comparedNodes(c.q)];
}

/** The side a condition takes where the scope's branches hold, if they decide it. */
function truthIn(c: Condition, scope: Scope): Side | undefined {
  const facts = new Map<string, Side>();
  const learn = (d: Condition, side: Side) => {
    facts.set(keyOf(d), side);
    // p && q holds: both hold; p || q fails: both fail
    if ((d.kind === 'and' && side === 'then') || (d.kind === 'or' && side === 'else')) {
      learn(d.p, side);
      learn(d.q, side);
    }
  };
  scope.forEach((e) => learn(e.condition, e.side));
  const truth = (d: Condition): Side | undefined => {
    const known = facts.get(keyOf(d));
    if (known !== undefined || d.kind === 'compare') return known;
    const [p, q] = [truth(d.p), truth(d.q)];
    const [decisive, other] = d.kind === 'and' ? ['else', 'then'] : ['then', 'else'];
    return p === decisive || q === decisive ? decisive as Side : p === other && q === other ? other as Side : undefined;
  };
  return truth(c);
}

/** The scope of every node needed (reverse topological order: every reader before the node), and the selects decided by theirs. */
function scopes(g: Graph, all: readonly NodeId[], roots: readonly NodeId[], computed: (id: NodeId) => boolean) {
  const scope = new Map<NodeId, Scope>();
  const decided = new Map<NodeId, Side>();
  const need = (id: NodeId, s: Scope) => {
    if (!computed(id)) return;
    const had = scope.get(id);
    if (had === undefined) scope.set(id, s);
    else {
      let k = 0;
      while (k < had.length && k < s.length && had[k].key === s[k].key && had[k].side === s[k].side) k++;
      if (k < had.length) scope.set(id, had.slice(0, k));
    }
  };
  roots.forEach((r) => need(r, []));
  for (let i = all.length - 1; i >= 0; i--) {
    const id = all[i];
    const s = scope.get(id);
    if (s === undefined) continue;
    const shape = selectShape(g, id);
    if (shape === undefined) {
      g.node(id).args.forEach((a) => need(a, s));
      continue;
    }
    const known = truthIn(shape.condition, s);
    if (known !== undefined) {
      decided.set(id, known);
      need(known === 'then' ? shape.x : shape.y, s);
    } else {
      comparedNodes(shape.condition).forEach((a) => need(a, s));
      need(shape.x, [...s, { key: shape.key, side: 'then', condition: shape.condition }]);
      need(shape.y, [...s, { key: shape.key, side: 'else', condition: shape.condition }]);
    }
  }
  return { scope, decided };
}

/** Where a node's value is set: block and item index (a member has three: before its `if`, and in each branch). */
interface Placement {
  readonly block: PlacedBlock;
  readonly index: number;
}

interface PlacedBlock extends Block {
  readonly items: Item[];
  /** The `if` item containing this block, in its parent block (none for the root). */
  readonly parent?: Placement;
}

class Placer {
  readonly root: PlacedBlock = { items: [] };
  /** Items of the root before this index are not joined any more (the first phase is over). */
  floor = 0;
  private readonly placements = new Map<NodeId, Placement[]>();
  /** Each item's reads: (what it reads, the block and index it reads from). */
  private readonly reads: { readonly id: NodeId; readonly from: Placement }[] = [];

  constructor(private readonly g: Graph, private readonly computed: (id: NodeId) => boolean) {}

  place(id: NodeId, scope: Scope, decided: Side | undefined): void {
    const deps = readsOf(this.g, id, decided).filter(this.computed);
    let block = this.root;
    for (const { condition, side } of scope) block = this.join(block, condition, deps)[side] as PlacedBlock;
    const shape = selectShape(this.g, id);
    if (shape === undefined || decided !== undefined) {
      const item: Item = shape === undefined ? { kind: 'node', id } : { kind: 'pick', id, from: decided === 'then' ? shape.x : shape.y };
      this.put(block, item, id, deps);
      return;
    }
    const group = this.join(block, shape.condition, deps);
    group.members.push(id);
    this.add(id, { block, index: block.items.indexOf(group) });
    for (const [side, from] of [['then', shape.x], ['else', shape.y]] as const) {
      this.put(group[side] as PlacedBlock, { kind: 'assign', id, from }, id, [from]);
    }
  }

  /** The nodes that nodes in any branch print later must see assigned there: declared before everything. */
  carried(): Set<NodeId> {
    const carried = new Set<NodeId>();
    for (const { id, from } of this.reads) if (!this.visible(id, from)) carried.add(id);
    return carried;
  }

  /** Appends an item computing `id` (reading `deps`) to `block`. */
  private put(block: PlacedBlock, item: Item, id: NodeId, deps: readonly NodeId[]): void {
    const index = block.items.length;
    block.items.push(item);
    this.add(id, { block, index });
    for (const d of deps.filter(this.computed)) this.reads.push({ id: d, from: { block, index } });
  }

  private add(id: NodeId, p: Placement): void {
    this.placements.set(id, [...(this.placements.get(id) ?? []), p]);
  }

  /**
   * The `if` on `condition` in `block` that a node reading `deps` goes into:
   * the latest one, if none of `deps` is set after it, else a new one.
   */
  private join(block: PlacedBlock, condition: Condition, deps: readonly NodeId[]): IfItem {
    const first = block === this.root ? this.floor : 0;
    const key = keyOf(condition);
    let latest = -1;
    for (let i = block.items.length - 1; i >= first && latest < 0; i--) {
      const item = block.items[i];
      if (item.kind === 'if' && keyOf(item.condition) === key) latest = i;
    }
    if (latest >= 0 && deps.every((d) => (this.indexWithin(d, block) ?? -1) <= latest)) return block.items[latest] as IfItem;
    const index = block.items.length;
    const group: IfItem & { then: PlacedBlock; else: PlacedBlock } = {
      kind: 'if', condition, members: [],
      then: { items: [], parent: { block, index } },
      else: { items: [], parent: { block, index } },
    };
    block.items.push(group);
    for (const d of comparedNodes(condition).filter(this.computed)) this.reads.push({ id: d, from: { block, index } });
    return group;
  }

  /** The index of the item of `block` that sets `id` (itself or an `if` containing it), if `id` is set inside `block`. */
  private indexWithin(id: NodeId, block: PlacedBlock): number | undefined {
    for (const p of this.placements.get(id) ?? []) {
      let at: Placement | undefined = p;
      while (at !== undefined && at.block !== block) at = at.block.parent;
      if (at !== undefined) return at.index;
    }
    return undefined;
  }

  /** Whether `id` is set where code at `from` can read it: in `from`'s block or one around it, before the item leading to `from`. */
  private visible(id: NodeId, from: Placement): boolean {
    const chain = new Map<PlacedBlock, number>();
    for (let at: Placement | undefined = from; at !== undefined; at = at.block.parent) chain.set(at.block, at.index);
    return (this.placements.get(id) ?? []).some((p) => chain.has(p.block) && p.index < (chain.get(p.block) as number));
  }
}

/** The nodes set by the items, in the order printed (an if's members before its branches). */
function printOrder(items: readonly Item[]): NodeId[] {
  return items.flatMap((item) => (item.kind === 'if'
    ? [...item.members, ...printOrder(item.then.items), ...printOrder(item.else.items)]
    : item.kind === 'assign' ? [] : [item.id]));
}

/** The nodes the code of `id` reads: its arguments; a select's compared nodes and sides (only the side taken, when decided). */
function readsOf(g: Graph, id: NodeId, decided: Side | undefined): NodeId[] {
  const shape = selectShape(g, id);
  if (shape === undefined) return [...g.node(id).args];
  if (decided !== undefined) return [decided === 'then' ? shape.x : shape.y];
  return [...comparedNodes(shape.condition), shape.x, shape.y];
}

/**
 * Values `y` read only by `m = y` in the block that sets them: `y` is
 * assigned as `m` — an inner `if` whose members set the outer ones (an else
 * if chain), or a node computed into the member directly (`m = 1 / x`) unless
 * it keeps its own name (`named`). Not when `y` or `m` is carried.
 */
function forwardings(
  root: Block,
  readers: ReadonlyMap<NodeId, number>,
  carried: ReadonlySet<NodeId>,
  named: ReadonlySet<NodeId>,
): Map<NodeId, NodeId> {
  const forwarded = new Map<NodeId, NodeId>();
  const visit = (block: Block) => {
    const setHere = new Set(block.items.flatMap((i) => (i.kind === 'if' ? i.members : i.kind === 'assign' || named.has(i.id) ? [] : [i.id])));
    for (const item of block.items) {
      if (item.kind === 'assign' && setHere.has(item.from) && readers.get(item.from) === 1 && !carried.has(item.from) && !carried.has(item.id)) {
        forwarded.set(item.from, item.id);
      }
      if (item.kind === 'if') {
        visit(item.then);
        visit(item.else);
      }
    }
  };
  visit(root);
  return forwarded;
}
