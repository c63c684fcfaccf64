import type { Graph, IrNode, NodeId } from '../../../ir/graph.js';
import { OPS, type OpName } from '../../../ops/registry.js';
import type { HelperName } from '../../../ops/def.js';
import { schedule } from '../../../passes/schedule.js';
import { type Shape, sizeOf } from '../../../ir/shape.js';
import { numberLiteral } from '../format.js';
import { BatchLayout } from './layout.js';
import { type Bound, broadcastIndex, loop, plus, product, times } from './loops.js';
import { matmulKernel, type MatmulVariant } from './matmul-kernels.js';
import { lastUses, type Storage } from './liveness.js';
import { emitRowKernel, emitReduction, emitSoftmaxCrossEntropy } from './row-kernels.js';
import type { Workspace, WorkspaceSlot } from './workspace.js';

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
  /** Tensor roots written straight into these arrays (gradients, predictions). */
  readonly outputs: ReadonlyMap<NodeId, string>;
  /** Where every other tensor lives while it is needed; shared by programs that never run at the same time. */
  readonly workspace: Workspace;
}

export interface Program {
  /** One entry per statement; a tensor's statement starts with a comment naming its node (`// %5 = …`). */
  readonly statements: string[];
  /** The workspace slots the program uses (batched ones hold `length` numbers per example row). */
  readonly buffers: readonly WorkspaceSlot[];
  /** The workspace slot of every tensor the program keeps there. */
  readonly slots: ReadonlyMap<NodeId, WorkspaceSlot>;
  /** Specialized kernels by name. */
  readonly kernels: ReadonlyMap<string, string>;
  readonly helpers: ReadonlySet<HelperName>;
  /** How code refers to a node's value after the program ran (scalars: a local). */
  reference(id: NodeId): string;
}

/** How the program computes a node. */
type Lowering =
  | 'const' // a literal where used
  | 'var' // an input
  | 'scalar' // a local from an element-wise expression
  | 'reduction' // a local summed over an array
  | 'inlined' // an element-wise expression inside its consumer's loop
  | 'uniform' // a broadcast scalar: every element is that scalar's local
  | 'alias' // a reshape: its argument's array
  | 'array'; // a statement writing an array

/**
 * Lowers a tensor graph to straight-line statements over typed arrays: one
 * loop per group of fused element-wise nodes, a specialized kernel call per
 * matrix product, row loops for softmax and fused losses, scalars in locals.
 * Nothing is allocated: every tensor lives in a workspace slot made once,
 * which it hands on to another tensor after its last use.
 */
export function emitProgram(spec: ProgramSpec): Program {
  const { graph: g, workspace } = spec;
  const order = schedule(g, spec.roots);
  const position = new Map(order.map((id, i) => [id, i]));
  const layout = new BatchLayout(g);
  const lowering = classify(g, order, spec.roots);
  const partner = fusedSoftmax(g, order, position);
  const at = (id: NodeId): number => Math.min(position.get(id) as number, position.get(partner.get(id) ?? id) as number);
  const storage = (id: NodeId): Storage => {
    const how = lowering.get(id);
    return how === 'var' || how === 'array' ? 'array' : how === 'inlined' || how === 'alias' ? how : 'none';
  };
  const freeAfter = new Map<number, NodeId[]>();
  for (const [id, p] of lastUses({ graph: g, order, storage, at, roots: spec.roots })) {
    freeAfter.set(p, [...(freeAfter.get(p) ?? []), id]);
  }

  const kernels = new Map<string, string>();
  const helpers = new Set<HelperName>();
  const slots = new Map<NodeId, WorkspaceSlot>();
  const names = new Map<NodeId, string>();
  const statements: string[] = [];
  workspace.begin();

  const scalarRef = (id: NodeId): string => {
    const c = g.constantValue(id);
    return c === undefined ? (names.get(id) as string) : numberLiteral(c);
  };

  /** The scalar expression of element `index` of element-wise node `id` (broadcast-aware). */
  const elementExpr = (id: NodeId, outDims: readonly Bound[], idx: readonly string[]): string => {
    const n = g.node(id);
    if (n.shape.length === 0) return scalarRef(id);
    if (lowering.get(id) === 'uniform') return elementExpr(n.args[0], outDims, idx);
    if (lowering.get(id) !== 'inlined') return `${names.get(id)}[${broadcastIndex(layout.dims(id), outDims, idx)}]`;
    return `(${elementTs(n, n.args.map((a) => elementExpr(a, outDims, idx)), helpers)})`;
  };

  /** The array a statement writes node `id` into: its output, or a free workspace slot of its size. */
  const arrayFor = (id: NodeId): string => {
    let name = spec.outputs.get(id);
    if (name === undefined) {
      const shape = g.node(id).shape;
      const batched = layout.isBatched(id);
      const slot = workspace.acquire(sizeOf(batched ? shape.slice(1) : shape), batched);
      slots.set(id, slot);
      name = slot.name;
    }
    names.set(id, name);
    return name;
  };

  const emitArray = (n: IrNode): void => {
    const dims = layout.dims(n.id);
    const other = partner.get(n.id);
    if (other !== undefined) {
      const [p, loss] = n.op === 'softmax' ? [n, g.node(other)] : [g.node(other), n];
      const [z, y] = loss.args.map((a) => names.get(a) as string);
      const code = emitSoftmaxCrossEntropy(arrayFor(p.id), arrayFor(loss.id), z, y, layout.dims(p.id));
      statements.push(`// ${describe(g, p)}\n// ${describe(g, loss)}\n${code}`);
      return;
    }
    const out = arrayFor(n.id);
    if (isElementwise(n)) {
      statements.push(`// ${describe(g, n)}\n${elementLoop(dims, (idx) =>
        `${out}[${flatIndex(dims, idx)}] = ${elementTs(n, n.args.map((a) => elementExpr(a, dims, idx)), helpers)};`)}`);
    } else if (n.op === 'matmul' || n.op === 'matmul_nt' || n.op === 'matmul_tn') {
      const [a, b] = n.args;
      const sizes = matmulSizes(n.op, layout.dims(a), layout.dims(b));
      const kernel = matmulKernel(n.op, sizes);
      kernel.sources.forEach((source, name) => kernels.set(name, source));
      // A scratch (Bᵀ) is needed during the call only: borrowed from the workspace and handed back.
      const scratch = kernel.scratch === undefined ? undefined : workspace.acquire(kernel.scratch, false);
      const args = [names.get(a), names.get(b), out, ...(scratch === undefined ? [] : [scratch.name])];
      statements.push(`${kernel.name}(n, ${args.join(', ')}); // ${describe(g, n)}`);
      if (scratch !== undefined) workspace.release(scratch);
    } else {
      const code = emitRowKernel(n, out, dims, n.args.map((a) => names.get(a) as string), n.args.map((a) => layout.dims(a)));
      statements.push(`// ${describe(g, n)}\n${code}`);
    }
  };

  for (const [p, id] of order.entries()) {
    const n = g.node(id);
    switch (lowering.get(id)) {
      case 'var': {
        const input = spec.inputs.get(id);
        if (input === undefined) throw new Error(`no input bound for variable ${n.attrs.name}`);
        names.set(id, input);
        break;
      }
      case 'scalar':
        names.set(id, `s${id}`);
        statements.push(`const s${id} = ${elementTs(n, n.args.map(scalarRef), helpers)};`);
        break;
      case 'reduction': {
        names.set(id, `s${id}`);
        const arg = n.args[0];
        const dims = layout.dims(arg);
        const count = product(dims);
        statements.push(`// ${describe(g, n)}\n${emitReduction(`s${id}`, n.op === 'mean' ? count : 1, dims,
          (idx) => elementExpr(arg, dims, idx), lowering.get(arg) === 'inlined' ? undefined : names.get(arg))}`);
        break;
      }
      case 'alias':
        names.set(id, names.get(n.args[0]) as string); // same elements, same order
        break;
      case 'uniform': // read as its scalar where used
        break;
      case 'array':
        if (!names.has(id)) emitArray(n); // (a fused partner is already written)
        break;
    }
    for (const dead of freeAfter.get(p) ?? []) {
      const slot = slots.get(dead);
      if (slot !== undefined) workspace.release(slot);
    }
  }

  return {
    statements,
    buffers: [...workspace.used],
    slots,
    kernels,
    helpers,
    reference: (id) => scalarRef(id),
  };
}

/** Element-wise ops cheap enough to compute again at each use rather than store (no transcendental calls). */
const CHEAP = new Set<OpName>(['add', 'sub', 'mul', 'neg', 'broadcast_to']);

/**
 * How each scheduled node is computed.
 * - An element-wise tensor read by one consumer is computed inside that
 *   consumer's loop: an element-wise consumer of the same shape, or a
 *   sum/mean (so Σ W∘W of an L2 penalty never fills an array). It may be read
 *   there more than once (the fan-out sum λ/2·W + λ/2·W of that penalty's
 *   gradient) when recomputing it is cheap: +, −, × and nothing costlier
 *   inside.
 * - A scalar broadcast to a tensor (1/n per example row) that only
 *   element-wise loops read, directly or through reshapes, is that scalar:
 *   `uniform`, with no array.
 */
function classify(g: Graph, order: readonly NodeId[], rootList: readonly NodeId[]): Map<NodeId, Lowering> {
  const consumers = new Map<NodeId, NodeId[]>();
  for (const id of order) for (const a of g.node(id).args) consumers.set(a, [...(consumers.get(a) ?? []), id]);
  const roots = new Set(rootList);
  const decided = new Map<NodeId, boolean>();
  const inlined = (id: NodeId): boolean => {
    if (!decided.has(id)) decided.set(id, inlinable(id));
    return decided.get(id) as boolean;
  };
  const inlinable = (id: NodeId): boolean => {
    const n = g.node(id);
    const readers = consumers.get(id) ?? [];
    if (roots.has(id) || n.shape.length === 0 || !isElementwise(n) || readers.length === 0) return false;
    const c = g.node(readers[0]);
    if (readers.some((r) => r !== c.id)) return false;
    if (readers.length > 1 && !cheap(id)) return false;
    return c.op === 'sum' || c.op === 'mean' || (isElementwise(c) && sameDims(c.shape, n.shape));
  };
  const cheap = (id: NodeId): boolean =>
    CHEAP.has(g.node(id).op as OpName) && g.node(id).args.every((a) => g.node(a).shape.length === 0 || !inlined(a) || cheap(a));
  const onlyElementwiseReaders = (id: NodeId): boolean =>
    !roots.has(id) && (consumers.get(id) ?? []).every((c) =>
      g.node(c).op === 'reshape' ? onlyElementwiseReaders(c) : isElementwise(g.node(c)));
  const uniform = (n: IrNode): boolean =>
    (n.op === 'broadcast_to' || n.op === 'reshape') && onlyElementwiseReaders(n.id)
    && (g.node(n.args[0]).shape.length === 0 || uniform(g.node(n.args[0])));
  const lowering = (n: IrNode): Lowering => {
    if (n.op === 'const' || n.op === 'var') return n.op;
    if (n.shape.length === 0 && isElementwise(n)) return 'scalar';
    if (uniform(n)) return 'uniform';
    if (inlined(n.id)) return 'inlined';
    if (n.op === 'reshape') return 'alias';
    if (n.op === 'sum' || n.op === 'mean') return 'reduction';
    return 'array';
  };
  return new Map(order.map((id) => [id, lowering(g.node(id))]));
}

/**
 * softmax(z) and softmax_ce(z, y) of the same logits, paired both ways: one
 * row kernel computes both (each exponential once), at the first of the two,
 * when y is ready by then.
 */
function fusedSoftmax(g: Graph, order: readonly NodeId[], position: ReadonlyMap<NodeId, number>): Map<NodeId, NodeId> {
  const pairs = new Map<NodeId, NodeId>();
  for (const loss of order) {
    const [z, y] = g.node(loss).args;
    if (g.node(loss).op !== 'softmax_ce') continue;
    const p = order.find((id) => g.node(id).op === 'softmax' && g.node(id).args[0] === z && !pairs.has(id));
    if (p === undefined || (position.get(y) as number) > Math.min(position.get(p) as number, position.get(loss) as number)) continue;
    pairs.set(p, loss).set(loss, p);
  }
  return pairs;
}

function isElementwise(n: IrNode): boolean {
  return n.op !== 'const' && n.op !== 'var' && ELEMENTWISE.has(n.op);
}

function sameDims(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
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
