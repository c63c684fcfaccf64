import type { Graph, IrNode, NodeId } from '../../../ir/graph.js';
import type { OpName } from '../../../ops/registry.js';
import { BATCH, type Dim } from '../../../ir/shape.js';
import { lowerProgram } from '../../../lower/plan.js';
import type { BatchLayout } from '../../../lower/layout.js';
import { isMatmul, matmulSizes, zeroRich, type MatmulOp, type MatmulSizes } from '../../../lower/matmul.js';
import type { Workspace, WorkspaceSlot } from '../../../lower/workspace.js';
import { numberLiteral } from '../format.js';
import { TS_FORMS, tsExpression } from '../op-forms.js';
import { HelperNames } from '../helper-names.js';
import { type Bound, broadcastIndex, loop, plus, product, times } from './loops.js';
import { matmulKernel } from './matmul-kernels.js';
import { emitRowKernel, emitReduction, emitSoftmaxCrossEntropy } from './row-kernels.js';
import { elementAccess, elementOperands, type ElementLoop, type ElementTree } from '../../../lower/element-loop.js';
import { rowLoopArrays, type RowLoop } from '../../../lower/row-loop.js';
import type { Precision } from '../../../dsl/network.js';
import { scalarSlots } from './kernel-scalars.js';

export interface ProgramSpec {
  readonly graph: Graph;
  /** Nodes whose values the program must produce. */
  readonly roots: readonly NodeId[];
  /**
   * Variables and the code expressions that hold them (array parameters,
   * fields, scalars); other nodes listed here are given: read from that array
   * (stored by an earlier program), not computed.
   */
  readonly inputs: ReadonlyMap<NodeId, string>;
  /** Tensor roots written straight into these arrays (gradients, predictions). */
  readonly outputs: ReadonlyMap<NodeId, string>;
  /** Where every other tensor lives while it is needed; shared by programs that never run at the same time. */
  readonly workspace: Workspace;
  /** Matrix products that may run as WebAssembly kernels (their operands in the kernels' memory). */
  readonly wasm?: ProgramWasm;
  /** The arrays' precision (default f64): the TS matrix kernels take Float32Arrays in f32. */
  readonly precision?: Precision;
  /** The module's helpers, by their names there (default: a module of its own). */
  readonly helpers?: HelperNames;
}

/** What a program needs to call WebAssembly kernels: the kernel for a product, if any, and the arrays in linear memory. */
export interface ProgramWasm {
  /**
   * The name of the kernel (a method of the local `wasm`) that computes this product, or undefined for the TS kernel;
   * zeroRichA: A is expected to hold many zeros (lower/matmul.ts zeroRich), which a kernel may skip.
   */
  kernelFor(op: MatmulOp, sizes: MatmulSizes, zeroRichA?: boolean): string | undefined;
  /** Elements of scratch that kernel takes as its last argument (a workspace slot in memory), or undefined. */
  scratchFor?(op: MatmulOp, sizes: MatmulSizes, zeroRichA?: boolean): number | undefined;
  /** Whether an array is a view into the kernels' memory (a kernel takes its byteOffset). */
  readonly inMemory: { has(name: string): boolean };
  /**
   * The name of the kernel that runs this element-wise loop (its arrays in memory), or undefined for the TS loop.
   * Its scalars travel through the kernels' scalar block (kernel-scalars.ts): the method provides the local
   * `sc` and a block of at least `Program.scalarSlots` slots.
   */
  elementKernel?(loop: ElementLoop): string | undefined;
  /** The name of the kernel that runs this row loop (softmax / cross-entropy rows, column sums), or undefined for the TS loop. */
  rowKernel?(loop: RowLoop): string | undefined;
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
  /** Slots of the kernels' scalar block the statements write (0: none; else they read the local `sc`). */
  readonly scalarSlots: number;
  /** How code refers to a node's value after the program ran (scalars: a local). */
  reference(id: NodeId): string;
}

/**
 * Prints a lowered tensor graph (src/lower/) as straight-line TypeScript over
 * typed arrays: one loop per group of fused element-wise nodes, a specialized
 * kernel call per matrix product, row loops for softmax and fused losses,
 * scalars in locals, every array in its workspace slot. Loop bounds are
 * numbers or the runtime row count `n`, the batch symbol's name in the code.
 */
export function emitProgram(spec: ProgramSpec): Program {
  const { graph: g } = spec;
  const plan = lowerProgram({
    graph: g,
    roots: spec.roots,
    outputs: new Set(spec.outputs.keys()),
    workspace: spec.workspace,
    // the TS kernel's scratch, or the WASM kernel's where it takes more (the two never run in one call)
    scratchLength: (n, layout) => {
      if (TS_FORMS[n.op as OpName]?.kind !== 'matmul') return undefined;
      const ts = matmulOf(n, layout).scratch;
      const wasm = isMatmul(n) ? spec.wasm?.scratchFor?.(n.op, matmulSizes(n, layout), zeroRich(g, n.args[0])) : undefined;
      return ts === undefined || wasm === undefined ? ts ?? wasm : Math.max(ts, wasm);
    },
    given: new Set([...spec.inputs.keys()].filter((id) => g.node(id).op !== 'var')),
  });
  const { how, layout, partner } = plan;
  const dims = (id: NodeId): Bound[] => layout.dims(id);

  const kernels = new Map<string, string>();
  const helpers = spec.helpers ?? new HelperNames();
  const names = new Map<NodeId, string>();
  const statements: string[] = [];
  const slots = scalarSlots();
  const scalarTs = (n: IrNode, args: readonly string[]): string => tsExpression(n.op as OpName, args, n.attrs, helpers);

  const scalarRef = (id: NodeId): string => {
    const c = g.constantValue(id);
    return c === undefined ? (names.get(id) as string) : numberLiteral(c);
  };

  /** The element-wise expression of node `id` read inside a loop over `outDims`: inlined nodes as ops, the rest as reads. */
  const elementTree = (id: NodeId, outDims: readonly Bound[]): ElementTree => {
    const n = g.node(id);
    if (n.shape.length === 0) {
      const c = g.constantValue(id);
      return c === undefined ? { kind: 'scalar', name: names.get(id) as string } : { kind: 'constant', value: c };
    }
    if (how.get(id) === 'uniform') return elementTree(n.args[0], outDims);
    if (how.get(id) !== 'inlined') return { kind: 'array', name: names.get(id) as string, dims: dims(id), access: elementAccess(dims(id), outDims) };
    return { kind: 'op', op: n.op as OpName, attrs: n.attrs, args: n.args.map((a) => elementTree(a, outDims)) };
  };

  /** The TS expression of a tree at element `idx` (inlined nodes in parentheses, the loop's own node without). */
  const elementTs = (t: ElementTree, outDims: readonly Bound[], idx: readonly string[], top = false): string => {
    switch (t.kind) {
      case 'constant': return numberLiteral(t.value);
      case 'scalar': return t.name;
      case 'array': return `${t.name}[${broadcastIndex(t.dims, outDims, idx)}]`;
      case 'op': {
        const code = tsExpression(t.op, t.args.map((a) => elementTs(a, outDims, idx)), t.attrs, helpers);
        return top ? code : `(${code})`;
      }
    }
  };

  /** The scalar expression of element `index` of element-wise node `id` (broadcast-aware). */
  const elementExpr = (id: NodeId, outDims: readonly Bound[], idx: readonly string[]): string =>
    elementTs(elementTree(id, outDims), outDims, idx);

  /** The array a statement writes node `id` into: its output, or its workspace slot. */
  const arrayFor = (id: NodeId): string => {
    const name = spec.outputs.get(id) ?? (plan.slots.get(id) as WorkspaceSlot).name;
    names.set(id, name);
    return name;
  };

  /**
   * `if (wasm !== undefined) wasm.map_…(n, offsets…, scalar addresses…);` for a loop a WASM element kernel runs
   * (the stores of its scalars not yet in the scalar block pushed as statements first), else undefined.
   */
  const elementKernelCall = (tree: ElementTree, d: readonly Bound[], out: string): string | undefined => {
    const cols = product(d.slice(1));
    const wasm = spec.wasm;
    if (wasm?.elementKernel === undefined || typeof cols !== 'number' || d.length === 0) return undefined;
    const { arrays, scalars } = elementOperands(tree);
    const all = [...arrays, ...(arrays.includes(out) ? [] : [out])];
    if (!all.every((a) => wasm.inMemory.has(a))) return undefined;
    // a vector [k] is one row of k, [n] n rows of one
    const [rows, width] = d.length === 1 && typeof d[0] === 'number' ? [1, d[0]] : [d[0], cols];
    if (rows !== 'n' && typeof rows !== 'number') return undefined;
    const name = wasm.elementKernel({ rows, cols: width, tree, out });
    if (name === undefined) return undefined;
    const { stores, addresses } = slots.pass(scalars);
    statements.push(...stores);
    return `if (wasm !== undefined) wasm.${name}(n, ${[...all.map((a) => `${a}.byteOffset`), ...addresses].join(', ')});`;
  };

  /** The statement of a row loop: its WebAssembly kernel where loaded (every array in its memory), else the TS loop. */
  const rowStatement = (loop: RowLoop | undefined, comment: string, code: string): string => {
    const wasm = spec.wasm;
    const arrays = loop === undefined ? [] : rowLoopArrays(loop);
    const name = loop !== undefined && wasm?.rowKernel !== undefined && arrays.every((a) => wasm.inMemory.has(a)) ? wasm.rowKernel(loop) : undefined;
    if (loop === undefined || name === undefined) return `${comment}\n${code}`;
    const call = `wasm.${name}(${[loop.rows === BATCH ? 'n' : loop.rows, ...arrays.map((a) => `${a}.byteOffset`)].join(', ')});`;
    return `if (wasm !== undefined) ${call} ${comment.replaceAll('\n// ', '; ')}\nelse {\n${code}\n}`;
  };

  const emitArray = (n: IrNode): void => {
    const other = partner.get(n.id);
    if (other !== undefined) {
      const [p, loss] = n.op === 'softmax' ? [n, g.node(other)] : [g.node(other), n];
      const [z, y] = loss.args.map((a) => names.get(a) as string);
      const [pName, lossName] = [arrayFor(p.id), arrayFor(loss.id)];
      const code = emitSoftmaxCrossEntropy(pName, lossName, z, y, dims(p.id));
      const loop = logitLoop(dims(p.id), z, { p: pName, ce: { loss: lossName, y } });
      statements.push(rowStatement(loop, `// ${describe(g, p)}\n// ${describe(g, loss)}`, code));
      return;
    }
    const out = arrayFor(n.id);
    const form = TS_FORMS[n.op as OpName];
    switch (form.kind) {
      case 'expression': {
        const d = dims(n.id);
        const tree: ElementTree = { kind: 'op', op: n.op as OpName, attrs: n.attrs, args: n.args.map((a) => elementTree(a, d)) };
        const code = elementLoop(d, (idx) => `${out}[${flatIndex(d, idx)}] = ${elementTs(tree, d, idx, true)};`);
        const kernel = elementKernelCall(tree, d, out);
        // the WebAssembly kernel where it was loaded (every array in its memory), else the TS loop
        statements.push(kernel === undefined ? `// ${describe(g, n)}\n${code}` : `${kernel} // ${describe(g, n)}\nelse {\n${code}\n}`);
        return;
      }
      case 'matmul': {
        const kernel = matmulOf(n, layout, spec.precision);
        kernel.sources.forEach((source, name) => kernels.set(name, source));
        const scratch = plan.scratch.get(n.id);
        const operands = [...n.args.map((a) => names.get(a) as string), out];
        const args = [...operands, ...(kernel.scratch === undefined || scratch === undefined ? [] : [scratch.name])];
        const call = `${kernel.name}(n, ${args.join(', ')}); // ${describe(g, n)}`;
        const zeros = zeroRich(g, n.args[0]);
        const wasmScratch = isMatmul(n) ? spec.wasm?.scratchFor?.(n.op, matmulSizes(n, layout), zeros) : undefined;
        // a kernel that takes scratch gets the slot (in memory, large enough: the lowering sized it)
        const wasmArrays = [...operands, ...(wasmScratch === undefined ? [] : [scratch?.name ?? ''])];
        const wasm = spec.wasm !== undefined && isMatmul(n) && wasmArrays.every((o) => spec.wasm?.inMemory.has(o))
          ? spec.wasm.kernelFor(n.op, matmulSizes(n, layout), wasmScratch !== undefined && zeros)
          : undefined;
        // the WebAssembly kernel on the operands' byte offsets where it was loaded, else the TS kernel
        statements.push(wasm === undefined ? call
          : `if (wasm !== undefined) wasm.${wasm}(n, ${wasmArrays.map((o) => `${o}.byteOffset`).join(', ')});\nelse ${call}`);
        return;
      }
      case 'rows': {
        const args = n.args.map((a) => names.get(a) as string);
        const code = emitRowKernel(n, out, dims(n.id), args, n.args.map(dims));
        statements.push(rowStatement(rowLoopOf(n.op, out, dims(n.id), args, n.args.map(dims)), `// ${describe(g, n)}`, code));
        return;
      }
      default:
        throw new Error(`%${n.id}: a ${form.kind} node is not written to an array`);
    }
  };

  for (const id of plan.order) {
    const n = g.node(id);
    switch (how.get(id)) {
      case 'var': {
        const input = spec.inputs.get(id);
        if (input === undefined) throw new Error(`no input bound for variable ${n.attrs.name ?? `%${id}`}`);
        names.set(id, input);
        break;
      }
      case 'scalar':
        names.set(id, `s${id}`);
        statements.push(`const s${id} = ${scalarTs(n, n.args.map(scalarRef))};`);
        break;
      case 'reduction': {
        names.set(id, `s${id}`);
        const arg = n.args[0];
        const d = dims(arg);
        const count = product(d);
        statements.push(`// ${describe(g, n)}\n${emitReduction(`s${id}`, n.op === 'mean' ? count : 1, d,
          (idx) => elementExpr(arg, d, idx), how.get(arg) === 'inlined' ? undefined : names.get(arg))}`);
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
  }

  return {
    statements,
    buffers: plan.buffers,
    slots: plan.slots,
    kernels,
    scalarSlots: slots.count,
    reference: (id) => scalarRef(id),
  };
}

/** A row-wise op's loop as a kernel takes it (rows: a number or n), or undefined where only the TS loop does it. */
function rowLoopOf(op: string, out: string, outDims: readonly Bound[], args: readonly string[], argDims: readonly (readonly Bound[])[]): RowLoop | undefined {
  switch (op) {
    case 'softmax': return logitLoop(argDims[0], args[0], { p: out });
    case 'softmax_ce': return logitLoop(argDims[0], args[0], { ce: { loss: out, y: args[1] } });
    case 'sum_to': {
      // over the rows only: out[j] = Σ_i x[i, j], out's axes x's trailing ones (or 1 and those)
      const [rows, ...rest] = argDims[0];
      const cols = product(rest);
      const trailing = (dims: readonly Bound[]) => dims.join('×') === rest.join('×');
      const overRows = trailing(outDims) || (outDims[0] === 1 && trailing(outDims.slice(1)));
      if (typeof cols !== 'number' || !overRows || !kernelRows(rows)) return undefined;
      return { kind: 'column-sums', rows: rows as Dim, cols, x: args[0], out };
    }
    default: return undefined;
  }
}

/** The logit rows of z (rows × last axis) with the outputs wanted, when the sizes suit a kernel. */
function logitLoop(dims: readonly Bound[], z: string, want: { p?: string; ce?: { loss: string; y: string } }): RowLoop | undefined {
  const rows = product(dims.slice(0, -1));
  const width = dims[dims.length - 1];
  if (typeof width !== 'number' || !kernelRows(rows)) return undefined;
  return { kind: 'logits', rows: rows as Dim, width, z, ...want };
}

/** A kernel's row count: a number, or the batch n. */
const kernelRows = (rows: Bound | undefined): boolean => typeof rows === 'number' || rows === BATCH;

/** The kernel for a matrix-product node at its sizes (C = rows × cols, summed over inner). */
function matmulOf(n: IrNode, layout: BatchLayout, precision: Precision = 'f64') {
  if (!isMatmul(n)) throw new Error(`%${n.id}: ${n.op} is not a matrix product`);
  return matmulKernel(n.op, matmulSizes(n, layout), precision);
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

/** A statement's comment: `%7 = tanh(%6) : [n, 4]`. */
export function describe(g: Graph, n: IrNode): string {
  return `%${n.id} = ${n.op}(${n.args.map((a) => `%${a}`).join(', ')}) : [${g.shapeOf(n.id).join(', ')}]`;
}
