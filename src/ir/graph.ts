import { type ConcreteShape, type Shape, SCALAR, formatShape, invalidDim, sameShape } from './shape.js';
import { OPS, type NodeOp, type OpName } from '../ops/registry.js';
import { rewriteOnBuild } from './identities.js';
import type { ScanStep } from './scan.js';

export type NodeId = number;

/** Op-specific data that is part of a node's identity. */
export interface Attrs {
  /** `const`: the value (scalar constants only); `leaky_relu`: the slope α for x ≤ 0. */
  readonly value?: number;
  /** `var`: the user's variable name. */
  readonly name?: string;
  /** `sum_to`, `broadcast_to`, `reshape`: the target shape. */
  readonly shape?: Shape;
  /** `scan`: the loop's step (ir/scan.ts). */
  readonly scan?: ScanStep;
  /** `table`: the numbers of the constant array it reads (attrs.name: the array's name in the source). */
  readonly values?: readonly number[];
  /** `range`, `slice`, `pad`, `table`: the step between consecutive elements (a loop `i += 2`), 1 when absent. */
  readonly stride?: number;
}

/** The attrs a stride adds: none for 1 (a node without a stride is unchanged). */
export function strided(stride: number): { readonly stride?: number } {
  return stride === 1 ? {} : { stride };
}

export interface IrNode {
  readonly id: NodeId;
  readonly op: NodeOp;
  readonly args: readonly NodeId[];
  readonly shape: Shape;
  readonly attrs: Attrs;
}

/** A node as the interpreter hands it to an op's `evaluate`: its shape with every symbol replaced by its size. */
export type ConcreteNode = Omit<IrNode, 'shape'> & { readonly shape: ConcreteShape };

/** Thrown when a node cannot be built (shape mismatch, wrong arity). */
export class IrError extends Error {}

/**
 * The IR: a DAG of nodes in creation order (so `id` order is a topological
 * order). Nodes are hash-consed, so structurally equal subexpressions are one
 * node (CSE by construction), and cheap identities are applied as nodes are
 * built (see identities.ts).
 */
export class Graph {
  readonly nodes: IrNode[] = [];
  private readonly interned = new Map<string, NodeId>();

  node(id: NodeId): IrNode {
    const n = this.nodes[id];
    if (!n) throw new IrError(`no node %${id}`);
    return n;
  }

  shapeOf(id: NodeId): Shape {
    return this.node(id).shape;
  }

  /** The numeric value of a scalar constant node, or undefined. */
  constantValue(id: NodeId): number | undefined {
    const n = this.node(id);
    return n.op === 'const' ? n.attrs.value : undefined;
  }

  isConstant(id: NodeId, value: number): boolean {
    return this.constantValue(id) === value;
  }

  constant(value: number): NodeId {
    // -0 and 0 are one constant: the generated code and the notes print both as 0.
    return this.intern('const', [], SCALAR, { value: value === 0 ? 0 : value });
  }

  /**
   * The variable `name`: asking again gives the same node. A name denotes one
   * variable per graph (evaluation binds values by name and the backends print
   * it as one symbol), so asking for it with another shape is an error rather
   * than a second node or a silent reuse.
   */
  variable(name: string, shape: Shape = SCALAR): NodeId {
    const bad = shapeProblem(shape);
    if (bad !== undefined) throw new IrError(`variable '${name}': ${bad}`);
    const id = this.intern('var', [], shape, { name });
    const existing = this.shapeOf(id);
    if (!sameShape(existing, shape)) {
      throw new IrError(`variable '${name}' already exists with shape ${formatShape(existing)} (%${id}); `
        + `it cannot also have shape ${formatShape(shape)}`);
    }
    return id;
  }

  /** Builds `op(args)`, applying identities and constant folding first. */
  apply(op: OpName, args: readonly NodeId[], attrs: Attrs = {}): NodeId {
    const def = OPS[op];
    if (def.variadic ? args.length < def.arity : def.arity !== args.length) {
      throw new IrError(`${op} takes ${def.variadic ? 'at least ' : ''}${def.arity} argument(s), got ${args.length}`);
    }
    const bad = attrs.shape && shapeProblem(attrs.shape);
    if (bad) throw new IrError(`${op}: target shape ${formatShape(attrs.shape ?? [])}: ${bad}`);
    const rewritten = rewriteOnBuild(this, op, args, attrs);
    if (rewritten !== undefined) return rewritten;
    const shape = def.shape(
      args.map((a) => this.shapeOf(a)),
      attrs,
    );
    return this.intern(op, args, shape, attrs);
  }

  add(a: NodeId, b: NodeId): NodeId {
    return this.apply('add', [a, b]);
  }
  sub(a: NodeId, b: NodeId): NodeId {
    return this.apply('sub', [a, b]);
  }
  mul(a: NodeId, b: NodeId): NodeId {
    return this.apply('mul', [a, b]);
  }
  div(a: NodeId, b: NodeId): NodeId {
    return this.apply('div', [a, b]);
  }
  neg(a: NodeId): NodeId {
    return this.apply('neg', [a]);
  }
  pow(a: NodeId, b: NodeId): NodeId {
    return this.apply('pow', [a, b]);
  }
  /** Applies a one-argument op such as `sin`. */
  call(op: OpName, a: NodeId): NodeId {
    return this.apply(op, [a]);
  }

  /** The node `op(args)` when the graph has it, as built (no identities applied); nothing is added. */
  find(op: OpName, args: readonly NodeId[], attrs: Attrs = {}): NodeId | undefined {
    return this.interned.get(nodeKey(op, args, attrs));
  }

  /** An independent copy: passes extend copies, never their input. */
  clone(): Graph {
    const copy = new Graph();
    for (const n of this.nodes) copy.nodes.push(n); // not push(...nodes): a graph of 100 000 nodes overflows the stack as arguments
    for (const [k, v] of this.interned) copy.interned.set(k, v);
    return copy;
  }

  private intern(op: NodeOp, args: readonly NodeId[], shape: Shape, attrs: Attrs): NodeId {
    const key = nodeKey(op, args, attrs);
    const existing = this.interned.get(key);
    if (existing !== undefined) return existing;
    const id = this.nodes.length;
    this.nodes.push({ id, op, args: [...args], shape, attrs });
    this.interned.set(key, id);
    return id;
  }
}

/** The hash-consing key: two nodes with the same key are the same node. */
function nodeKey(op: NodeOp, args: readonly NodeId[], attrs: Attrs): string {
  return `${op}(${args.join(',')})${formatAttrs(attrs)}`;
}

/** The attributes in the text dump and the hash-consing key: ` 2.5`, ` x`, ` [3,1]`. */
function formatAttrs(attrs: Attrs): string {
  const value = attrs.value === undefined ? '' : ` ${attrs.value}`;
  const name = attrs.name === undefined ? '' : ` ${attrs.name}`;
  const shape = attrs.shape === undefined ? '' : ` [${attrs.shape.join(',')}]`;
  const scan = attrs.scan === undefined ? '' : ` ${attrs.scan.key}`;
  const values = attrs.values === undefined ? '' : ` [${attrs.values.join(',')}]`;
  const stride = attrs.stride === undefined ? '' : ` stride ${attrs.stride}`;
  return `${value}${name}${shape}${scan}${values}${stride}`;
}

/** One line per node: `%3:f64[] = sin %2`. */
export function dumpGraph(g: Graph): string {
  return g.nodes
    .map((n) => {
      const detail = formatAttrs(n.attrs);
      const args = n.args.map((a) => ` %${a}`).join('');
      return `%${n.id}:${formatShape(n.shape)} = ${n.op}${detail}${args}`;
    })
    .join('\n');
}

/** Why a shape is not well-formed (a dimension neither a size nor a known symbol), or undefined. */
function shapeProblem(shape: Shape): string | undefined {
  for (const d of shape) {
    const bad = invalidDim(d);
    if (bad !== undefined) return bad;
  }
  return undefined;
}

/** Checks the invariants every pass must keep; throws IrError on the first violation. */
export function verifyGraph(g: Graph): void {
  const seen = new Set<string>();
  g.nodes.forEach((n, index) => {
    if (n.id !== index) throw new IrError(`node %${n.id} stored at index ${index}`);
    for (const a of n.args) {
      if (a >= n.id) throw new IrError(`%${n.id} uses %${a}, which is not defined before it`);
    }
    for (const [what, shape] of [['shape', n.shape], ['target shape', n.attrs.shape ?? []]] as const) {
      const bad = shapeProblem(shape);
      if (bad !== undefined) throw new IrError(`%${n.id}: ${what} ${formatShape(shape)}: ${bad}`);
    }
    if (n.op === 'const' || n.op === 'var') {
      if (n.args.length !== 0) throw new IrError(`%${n.id}: a leaf has arguments`);
    } else {
      const def = OPS[n.op];
      if (def.variadic ? n.args.length < def.arity : def.arity !== n.args.length) throw new IrError(`%${n.id}: ${n.op} has wrong arity`);
      const expected = def.shape(
        n.args.map((a) => g.node(a).shape),
        n.attrs,
      );
      if (formatShape(expected) !== formatShape(n.shape)) {
        throw new IrError(`%${n.id}: shape ${formatShape(n.shape)} but rule gives ${formatShape(expected)}`);
      }
    }
    const key = nodeKey(n.op, n.args, n.attrs);
    if (seen.has(key)) throw new IrError(`%${n.id} duplicates an earlier node (hash-consing broken)`);
    seen.add(key);
  });
}
