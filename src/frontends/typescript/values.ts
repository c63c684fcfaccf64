import type { Node } from 'ts-morph';
import type { Graph, NodeId } from '../../ir/graph.js';

/**
 * A boolean the function computes: a comparison of two numbers (a ◇ b with
 * ◇ one of <, ≤, =), a constant, or a combination. Conditions are never
 * numbers in the IR: they become the branches of select nodes (`branch`).
 */
export type Condition =
  | { readonly kind: 'compare'; readonly op: 'lt' | 'le' | 'eq'; readonly a: NodeId; readonly b: NodeId }
  | { readonly kind: 'constant'; readonly value: boolean }
  | { readonly kind: 'not'; readonly p: Condition }
  | { readonly kind: 'and' | 'or'; readonly p: Condition; readonly q: Condition }
  /** c ? p : q, for a boolean variable assigned in a branch. */
  | { readonly kind: 'choice'; readonly c: Condition; readonly p: Condition; readonly q: Condition };

/** A local function or arrow function, with the bindings it closes over. */
export interface FunctionValue {
  readonly kind: 'function';
  readonly declaration: Node;
  /** The environment where it was defined (undefined: a top-level function of the file). */
  readonly env: Env | undefined;
}

/** What a name can hold while the function is translated. */
export type Value =
  | { readonly kind: 'number'; readonly node: NodeId }
  /** A vector parameter: its elements, and in a looped translation the whole vector as one node (for slices). */
  | { readonly kind: 'vector'; readonly length: number; element(k: number): NodeId; readonly whole?: NodeId }
  /**
   * A variable a loop kept as a loop adds to (s += e): its value before the
   * loop and the sum of what the body added so far, one entry per iteration
   * (a lane vector). It cannot be read inside the loop (frontends/typescript/lanes.ts).
   */
  | { readonly kind: 'accumulator'; readonly base: NodeId; readonly delta: NodeId }
  | { readonly kind: 'bool'; readonly condition: Condition }
  /**
   * An array literal, `[a, b, c]` (a table of data is a list of lists): its
   * items read with indices known when compiling, `.length`, for-of and
   * destructuring (`const [x, y] = row`). It is never a variable of the IR.
   */
  | { readonly kind: 'list'; readonly items: readonly Value[] }
  | FunctionValue
  /** A `let` declared without a value, not assigned yet on this path. */
  | { readonly kind: 'unset' };

/** A name's binding: one per declaration executed (a loop body's `let` gets a fresh one each iteration). */
export interface Binding {
  readonly id: number;
  readonly name: string;
  readonly mutable: boolean;
  /** The function call (inlining) the binding belongs to: assignments from an inner function are refused. */
  readonly frame: number;
}

/** Names in scope → bindings; persistent (a block extends a copy). */
export type Env = ReadonlyMap<string, Binding>;

/** The truth of a condition when it is known while compiling (constant comparisons), else undefined. */
export function knownTruth(g: Graph, c: Condition): boolean | undefined {
  switch (c.kind) {
    case 'constant':
      return c.value;
    case 'compare': {
      const a = g.constantValue(c.a);
      const b = g.constantValue(c.b);
      if (a === undefined || b === undefined) return c.a === c.b && c.op !== 'lt' ? true : undefined;
      return c.op === 'lt' ? a < b : c.op === 'le' ? a <= b : a === b;
    }
    case 'not': {
      const p = knownTruth(g, c.p);
      return p === undefined ? undefined : !p;
    }
    case 'and': {
      const p = knownTruth(g, c.p);
      const q = knownTruth(g, c.q);
      return p === false || q === false ? false : p && q ? true : undefined;
    }
    case 'or': {
      const p = knownTruth(g, c.p);
      const q = knownTruth(g, c.q);
      return p === true || q === true ? true : p === false && q === false ? false : undefined;
    }
    case 'choice': {
      const k = knownTruth(g, c.c);
      if (k !== undefined) return knownTruth(g, k ? c.p : c.q);
      const p = knownTruth(g, c.p);
      return p !== undefined && p === knownTruth(g, c.q) ? p : undefined;
    }
  }
}

/**
 * `c ? x : y` on numbers as select nodes: a comparison is one select_◇, and
 * && || ! nest them (p && q ? x : y = p ? (q ? x : y) : y). Known conditions
 * take their branch without a node.
 */
export function branch(g: Graph, c: Condition, x: NodeId, y: NodeId): NodeId {
  const known = knownTruth(g, c);
  if (known !== undefined) return known ? x : y;
  switch (c.kind) {
    case 'compare':
      return g.apply(`select_${c.op}`, [c.a, c.b, x, y]);
    case 'not':
      return branch(g, c.p, y, x);
    case 'and':
      return branch(g, c.p, branch(g, c.q, x, y), y);
    case 'or':
      return branch(g, c.p, x, branch(g, c.q, x, y));
    case 'choice':
      return branch(g, c.c, branch(g, c.p, x, y), branch(g, c.q, x, y));
    case 'constant':
      return c.value ? x : y;
  }
}

/**
 * c ? (p + a) : (p + b) as p + (c ? a : b) when both paths add to the same p
 * (an accumulation in both branches of an if): the select then picks the term,
 * and p's adjoint flows through no select. Otherwise the select of the two.
 */
function mergeTerms(g: Graph, c: Condition, x: NodeId, y: NodeId): NodeId {
  const [nx, ny] = [g.node(x), g.node(y)];
  if (x !== y && (nx.op === 'add' || nx.op === 'sub') && nx.op === ny.op && nx.args[0] === ny.args[0]) {
    return g.apply(nx.op, [nx.args[0], branch(g, c, nx.args[1], ny.args[1])]);
  }
  if (x !== y && nx.op === 'add' && ny.op === 'add' && nx.args[1] === ny.args[1]) return g.add(branch(g, c, nx.args[0], ny.args[0]), nx.args[1]);
  return branch(g, c, x, y);
}

/** The value of a name after `c ? (path with a) : (path with b)`; undefined when the two cannot be merged. */
export function mergeValues(g: Graph, c: Condition, a: Value, b: Value): Value | undefined {
  if (a === b) return a;
  if (a.kind === 'number' && b.kind === 'number') return { kind: 'number', node: mergeTerms(g, c, a.node, b.node) };
  if (a.kind === 'vector' && b.kind === 'vector' && a.length === b.length) {
    return { kind: 'vector', length: a.length, element: (k) => branch(g, c, a.element(k), b.element(k)) };
  }
  if (a.kind === 'accumulator' && b.kind === 'accumulator' && a.base === b.base) {
    return { kind: 'accumulator', base: a.base, delta: mergeTerms(g, c, a.delta, b.delta) };
  }
  if (a.kind === 'list' && b.kind === 'list' && a.items.length === b.items.length) {
    const items = a.items.map((item, k) => mergeValues(g, c, item, b.items[k]));
    return items.every((item) => item !== undefined) ? { kind: 'list', items: items as Value[] } : undefined;
  }
  if (a.kind === 'bool' && b.kind === 'bool') return { kind: 'bool', condition: { kind: 'choice', c, p: a.condition, q: b.condition } };
  if (a.kind === 'function' && b.kind === 'function' && a.declaration === b.declaration && a.env === b.env) return a;
  if (a.kind === 'unset' || b.kind === 'unset') return { kind: 'unset' };
  return undefined;
}
