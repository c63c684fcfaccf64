import type { Graph, IrNode, NodeId } from '../../../ir/graph.js';
import { OPS, type OpName } from '../../../ops/registry.js';
import type { HelperName } from '../../../ops/def.js';
import { schedule } from '../../../passes/schedule.js';
import { numberLiteral } from '../format.js';
import { BatchLayout } from './layout.js';
import { type Bound, broadcastIndex, loop, plus, product, times } from './loops.js';
import { emitMatmulKernel, kernelName, type MatmulVariant } from './matmul-kernels.js';
import { emitRowKernel, emitReduction } from './row-kernels.js';

/** Element-wise ops: one scalar TS expression per element (they fuse into one loop). */
const ELEMENTWISE = new Set<OpName>([
  'add', 'sub', 'mul', 'div', 'pow', 'neg', 'sin', 'cos', 'tan', 'exp', 'log', 'sqrt', 'abs', 'tanh',
  'sign', 'sigmoid', 'softplus', 'relu', 'step', 'leaky_relu', 'bce_logits', 'broadcast_to',
]);

/** The scalar TS expression of one element; broadcast_to is the identity on its (broadcast) argument. */
function elementTs(n: IrNode, args: readonly string[], helpers: Set<HelperName>): string {
  if (n.op === 'broadcast_to') return args[0];
  const def = OPS[n.op as OpName];
  if (def.helper) helpers.add(def.helper);
  return def.ts(args, n.attrs);
}

export interface ProgramSpec {
  readonly graph: Graph;
  /** Nodes whose values the program must produce. */
  readonly roots: readonly NodeId[];
  /** Variables and the code expressions that hold them (array parameters, fields, scalars). */
  readonly inputs: ReadonlyMap<NodeId, string>;
  /** The nominal batch size of the graph: first axes of this length run to the runtime `n`. */
  readonly batch?: number;
  /** Tensor roots written straight into these arrays (gradients, predictions). */
  readonly outputs: ReadonlyMap<NodeId, string>;
  /** Workspace names are `${prefix}${id}`. */
  readonly prefix: string;
}

export interface WorkspaceBuffer {
  readonly name: string;
  /** Elements, or elements per row when batched. */
  readonly length: number;
  readonly batched: boolean;
}

export interface Program {
  readonly statements: string[];
  /** Workspace arrays to allocate once: batched ones hold `length` numbers per example row. */
  readonly buffers: readonly WorkspaceBuffer[];
  /** Specialized kernels by name. */
  readonly kernels: ReadonlyMap<string, string>;
  readonly helpers: ReadonlySet<HelperName>;
  /** How code refers to a node's value after the program ran (scalars: a local). */
  reference(id: NodeId): string;
}

/**
 * Lowers a tensor graph to straight-line statements over typed arrays: one
 * loop per group of fused element-wise nodes, a specialized kernel call per
 * matrix product, row loops for softmax and fused losses, scalars in locals.
 * Nothing is allocated: every tensor lives in a workspace array made once.
 */
export function emitProgram(spec: ProgramSpec): Program {
  const { graph: g } = spec;
  const order = schedule(g, spec.roots);
  const layout = new BatchLayout(g, spec.batch);
  const uses = countUses(g, order);
  const roots = new Set(spec.roots);
  const kernels = new Map<string, string>();
  const helpers = new Set<HelperName>();
  const buffers: WorkspaceBuffer[] = [];
  const names = new Map<NodeId, string>();
  const statements: string[] = [];

  /** Single-use element-wise tensors are computed inside their consumer's loop. */
  const inlined = (id: NodeId): boolean => {
    const n = g.node(id);
    if (roots.has(id) || n.shape.length === 0 || !isElementwise(n) || uses.get(id) !== 1) return false;
    const consumer = order.find((c) => g.node(c).args.includes(id));
    return consumer !== undefined && isElementwise(g.node(consumer)) && sameDims(g.shapeOf(consumer), n.shape);
  };

  const scalarRef = (id: NodeId): string => {
    const c = g.constantValue(id);
    return c === undefined ? (names.get(id) as string) : numberLiteral(c);
  };

  /** The scalar expression of element `index` of element-wise node `id` (broadcast-aware). */
  const elementExpr = (id: NodeId, outDims: readonly Bound[], idx: readonly string[]): string => {
    const n = g.node(id);
    if (n.shape.length === 0) return scalarRef(id);
    if (!inlined(id)) return `${names.get(id)}[${broadcastIndex(layout.dims(id), outDims, idx)}]`;
    return `(${elementTs(n, n.args.map((a) => elementExpr(a, outDims, idx)), helpers)})`;
  };

  const bufferFor = (id: NodeId): string => {
    const out = spec.outputs.get(id);
    if (out !== undefined) return out;
    const name = `${spec.prefix}${id}`;
    const shape = g.node(id).shape;
    const batched = layout.isBatched(id);
    buffers.push({ name, length: (batched ? shape.slice(1) : shape).reduce((p, d) => p * d, 1), batched });
    return name;
  };

  for (const id of order) {
    const n = g.node(id);
    if (n.op === 'const') continue;
    if (n.op === 'var') {
      const input = spec.inputs.get(id);
      if (input === undefined) throw new Error(`no input bound for variable ${n.attrs.name}`);
      names.set(id, input);
      continue;
    }
    if (n.shape.length === 0 && isElementwise(n)) {
      // A scalar: one local.
      names.set(id, `s${id}`);
      statements.push(`const s${id} = ${elementTs(n, n.args.map(scalarRef), helpers)};`);
      continue;
    }
    if (inlined(id)) continue;
    if (n.op === 'reshape') {
      names.set(id, names.get(n.args[0]) as string); // same elements, same order: an alias
      continue;
    }
    if (n.op === 'sum' || n.op === 'mean') {
      names.set(id, `s${id}`);
      const arg = n.args[0];
      const dims = layout.dims(arg);
      const count = product(dims);
      statements.push(emitReduction(`s${id}`, n.op === 'mean' ? count : 1, dims,
        (idx) => elementExpr(arg, dims, idx), inlined(arg) ? undefined : names.get(arg)));
      continue;
    }
    const out = bufferFor(id);
    names.set(id, out);
    const dims = layout.dims(id);
    if (isElementwise(n)) {
      statements.push(`// ${describe(g, n)}`);
      statements.push(elementLoop(dims, (idx) =>
        `${out}[${flatIndex(dims, idx)}] = ${elementTs(n, n.args.map((a) => elementExpr(a, dims, idx)), helpers)};`));
    } else if (n.op === 'matmul' || n.op === 'matmul_nt' || n.op === 'matmul_tn') {
      const [a, b] = n.args;
      const sizes = matmulSizes(n.op, layout.dims(a), layout.dims(b));
      const name = kernelName(n.op, sizes);
      if (!kernels.has(name)) kernels.set(name, emitMatmulKernel(n.op, sizes));
      statements.push(`${name}(n, ${names.get(a)}, ${names.get(b)}, ${out}); // ${describe(g, n)}`);
    } else {
      statements.push(emitRowKernel(n, out, dims, n.args.map((a) => names.get(a) as string),
        n.args.map((a) => layout.dims(a))));
    }
  }

  return {
    statements,
    buffers,
    kernels,
    helpers,
    reference: (id) => scalarRef(id),
  };
}

function isElementwise(n: IrNode): boolean {
  return n.op !== 'const' && n.op !== 'var' && ELEMENTWISE.has(n.op);
}

function sameDims(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function countUses(g: Graph, order: readonly NodeId[]): Map<NodeId, number> {
  const uses = new Map<NodeId, number>();
  for (const id of order) for (const a of g.node(id).args) uses.set(a, (uses.get(a) ?? 0) + 1);
  return uses;
}

/** C = rows × cols, summed over inner, from the argument dims of each variant. */
function matmulSizes(op: MatmulVariant, a: readonly Bound[], b: readonly Bound[]) {
  switch (op) {
    case 'matmul': return { rows: a[0], inner: a[1], cols: b[1] };
    case 'matmul_nt': return { rows: a[0], inner: a[1], cols: b[0] };
    case 'matmul_tn': return { rows: a[1], inner: a[0], cols: b[1] };
  }
}

/** Loops over every element of `dims` (one flat loop: element-wise nodes are row-major). */
function elementLoop(dims: readonly Bound[], body: (idx: string[]) => string): string {
  if (dims.length <= 1) return loop('i', dims[0] ?? 1, (i) => body([i]));
  return loop('i', dims[0], (i) => loop('j', product(dims.slice(1)), (j) => body([i, j])));
}

/** Row-major flat index of (i, j) where j runs over all trailing axes. */
function flatIndex(dims: readonly Bound[], idx: readonly string[]): string {
  if (idx.length === 1) return idx[0];
  return plus(times(idx[0], product(dims.slice(1))), idx[1]);
}

function describe(g: Graph, n: IrNode): string {
  return `%${n.id} = ${n.op}(${n.args.map((a) => `%${a}`).join(', ')}) : [${g.shapeOf(n.id).join(', ')}]`;
}
