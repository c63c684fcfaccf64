import type { Graph, IrNode, NodeId } from '../../../ir/graph.js';
import { BATCH, type Shape } from '../../../ir/shape.js';
import type { OpName } from '../../../ops/registry.js';
import { isMatmul, matmulSizes } from '../../../lower/matmul.js';
import type { RowPhase, RowProgram } from '../../../lower/row-program.js';
import { numberLiteral } from '../format.js';
import { tsExpression } from '../op-forms.js';
import { HelperNames } from '../helper-names.js';
import { plus, times } from '../tensor/loops.js';
import { describe } from '../tensor/program.js';
import { EXP_NEG_ABS_HELPER, TANH_HELPER, expNegAbsStatements, tanhStatements } from './row-math.js';
import { mergeLogs, onlySummedOverRows } from './merged-logs.js';

export interface RowStepSpec {
  readonly program: RowProgram;
  /** Variables and the code names of their arrays (X, Y, masks, parameters) or scalars (invN). */
  readonly inputs: ReadonlyMap<NodeId, string>;
  /** Roots written, element by element, into these arrays once the rows are done (the gradients). */
  readonly outputs: ReadonlyMap<NodeId, string>;
  /** The module's helpers, by their names there (default: a module of its own). */
  readonly helpers?: HelperNames;
}

export interface RowStep {
  readonly code: string;
  /** How code refers to a scalar node's value after the loop (the loss). */
  reference(id: NodeId): string;
  /** How code refers to each element of a node after the loop (a gradient's entries: locals). */
  elementsOf(id: NodeId): readonly string[];
}

/**
 * Prints a row program (src/lower/row-program.ts) as straight-line
 * TypeScript: every parameter entry in a local, read once; what depends only
 * on parameters computed once; one loop over the rows whose body names every
 * element of the row's tensors as a local (no arrays, no inner loops); sums
 * over the rows in local accumulators; the roots written to their arrays
 * once, after the loop. For small layers, where loops and memory traffic cost
 * more than the arithmetic.
 */
export function emitRowStep(spec: RowStepSpec): RowStep {
  const { program } = spec;
  const { graph: g, phase } = program;
  const helpers = spec.helpers ?? new HelperNames();
  const blocks: Record<'before' | 'loads' | 'sums' | 'row' | 'fold' | 'after', string[]> = { before: [], loads: [], sums: [], row: [], fold: [], after: [] };
  // bce elements only summed over the rows: their ln(1 + q) terms, added as one ln Π(1 + q) (merged-logs.ts)
  const summedOnly = onlySummedOverRows(program, spec.outputs);
  const logTerms = new Map<string, string>();
  const elements = new Map<NodeId, string[]>();
  const count = (id: NodeId) => rowSize(g.shapeOf(id), program.layout.isBatched(id));

  // Elements named in a block: `const t7_0 = …;` (a scalar node: `t7`).
  const nameOf = (id: NodeId, j: number) => (g.shapeOf(id).length === 0 ? `t${id}` : `t${id}_${j}`);
  const named = (block: string[], id: NodeId, values: readonly string[]): string[] => {
    const names = values.map((_, j) => nameOf(id, j));
    block.push(...values.map((v, j) => `const ${names[j]} = ${v};`));
    return names;
  };
  const blockOf = (p: RowPhase): string[] => (p === 'row' ? blocks.row : p === 'after' ? blocks.after : blocks.before);
  const expression = (n: IrNode, args: readonly string[]) => tsExpression(n.op as OpName, args, n.attrs, helpers);
  /** Element j of node `arg` as seen from a node of shape `to`: the broadcast index. */
  const argElement = (arg: NodeId, to: NodeId, j: number): string => {
    const values = elements.get(arg) as string[];
    return values[smallerIndex(g, to, program.layout.isBatched(to), j, arg, program.layout.isBatched(arg))];
  };
  // softmax(z) and softmax_ce(z, y) of one row share max, exponentials and their sum.
  const exponentials = new Map<NodeId, { e: string[]; sum: string[]; max: string[]; width: number }>();
  const rowExponentials = (block: string[], z: NodeId) => {
    const known = exponentials.get(z);
    if (known !== undefined) return known;
    const values = elements.get(z) as string[];
    const shape = g.shapeOf(z);
    const width = shape[shape.length - 1] as number;
    const groups = values.length / width;
    const e: string[] = [], sum: string[] = [], max: string[] = [];
    block.push(`// e_k = exp(z_k − m), m = max_k z_k (finite for any finite z), Σ_k e_k`);
    for (let r = 0; r < groups; r++) {
      const zs = values.slice(r * width, (r + 1) * width);
      max.push(`m${z}_${r}`);
      block.push(`const m${z}_${r} = Math.max(${zs.join(', ')});`);
      zs.forEach((zk, k) => {
        e.push(`e${z}_${r * width + k}`);
        block.push(`const e${z}_${r * width + k} = Math.exp(${zk} - m${z}_${r});`);
      });
      sum.push(`se${z}_${r}`);
      block.push(`const se${z}_${r} = ${e.slice(r * width).join(' + ')};`);
    }
    const result = { e, sum, max, width };
    exponentials.set(z, result);
    return result;
  };

  // σ(z) and bce(z, y) of one logit share e^{−|z|} (the same numbers as the sigmoid helper and the bce form).
  const expNegAbsOf = new Map<string, string>();
  const expNegAbs = (block: string[], z: string): string => {
    let e = expNegAbsOf.get(z);
    if (e === undefined) {
      e = `q${expNegAbsOf.size}`;
      block.push(...expNegAbsStatements(z, e, helpers.use(EXP_NEG_ABS_HELPER))); // arithmetic, not a call (row-math.ts)
      expNegAbsOf.set(z, e);
    }
    return e;
  };

  for (const id of program.order) {
    const n = g.node(id);
    const p = phase.get(id) as RowPhase;
    const block = blockOf(p);
    const comment = () => (n.op === 'const' || n.op === 'var' ? undefined : `// ${describe(g, n)}`);
    const c = comment();
    if (c !== undefined) (p === 'accumulate' ? blocks.row : block).push(c);
    if (n.op === 'const') {
      elements.set(id, [numberLiteral(g.constantValue(id) as number)]);
      continue;
    }
    if (n.op === 'var') {
      elements.set(id, variableElements(spec, program, id, blocks));
      continue;
    }
    if (p === 'accumulate') {
      elements.set(id, accumulate(n, program, elements, blocks, logTerms));
      continue;
    }
    const size = count(id);
    const args = n.args;
    let values: string[];
    if (isMatmul(n)) {
      values = productSums(n, program, elements);
    } else if (n.op === 'reshape') {
      elements.set(id, elements.get(args[0]) as string[]); // the same elements in the same order
      continue;
    } else if (n.op === 'broadcast_to') {
      elements.set(id, Array.from({ length: size }, (_, j) => argElement(args[0], id, j))); // its argument's elements, repeated
      continue;
    } else if (n.op === 'sum_to' || n.op === 'sum' || n.op === 'mean') {
      const sums: string[][] = Array.from({ length: size }, () => []);
      (elements.get(args[0]) as string[]).forEach((x, j) => sums[smallerIndex(g, args[0], program.layout.isBatched(args[0]), j, id, program.layout.isBatched(id))].push(x));
      values = sums.map((terms) => terms.join(' + '));
      if (n.op === 'mean') values = values.map((v) => `(${v}) / ${(elements.get(args[0]) as string[]).length}`);
    } else if (n.op === 'softmax') {
      const x = rowExponentials(block, args[0]);
      values = x.e.map((e, k) => `${e} / ${x.sum[Math.floor(k / x.width)]}`);
    } else if (n.op === 'softmax_ce') {
      const x = rowExponentials(block, args[0]);
      const z = elements.get(args[0]) as string[];
      const y = elements.get(args[1]) as string[];
      // ce(z, y) = log Σ_k e^{z_k} − Σ_k y_k z_k
      values = x.sum.map((s, r) => {
        const dot = z.slice(r * x.width, (r + 1) * x.width).map((zk, k) => `${y[r * x.width + k]} * ${zk}`).join(' - ');
        return `${x.max[r]} + Math.log(${s}) - ${dot}`;
      });
    } else if (n.op === 'sigmoid' || n.op === 'bce_logits') {
      values = Array.from({ length: size }, (_, j) => {
        const [z, y] = args.map((a) => argElement(a, id, j));
        const e = expNegAbs(block, z);
        // σ(z) = 1 / (1 + e^{−z}) for z ≥ 0, e^{z} / (1 + e^{z}) below; bce(z, y) = max(z, 0) − z y + ln(1 + e^{−|z|})
        if (n.op === 'sigmoid') return `${z} >= 0 ? 1 / (1 + ${e}) : ${e} / (1 + ${e})`;
        if (!summedOnly.has(id)) return `Math.max(${z}, 0) - ${z} * ${y} + Math.log1p(${e})`;
        logTerms.set(nameOf(id, j), e); // the sum over the rows adds ln(1 + e) (merged-logs.ts)
        return `Math.max(${z}, 0) - ${z} * ${y}`;
      });
    } else if (n.op === 'tanh' && p === 'row') {
      // per row: tanh as arithmetic (row-math.ts), not a call out of the optimized code
      const table = helpers.use(TANH_HELPER);
      const names = Array.from({ length: size }, (_, j) => nameOf(id, j));
      names.forEach((name, j) => block.push(...tanhStatements(argElement(args[0], id, j), name, table)));
      elements.set(id, names);
      continue;
    } else {
      values = Array.from({ length: size }, (_, j) => expression(n, args.map((a) => argElement(a, id, j))));
    }
    elements.set(id, named(block, id, values));
  }

  const writes = [...spec.outputs].flatMap(([id, array]) => (elements.get(id) as string[]).map((v, j) => `${array}[${j}] = ${v};`));
  const code = [
    ...blocks.before,
    ...blocks.sums,
    '// each row r in straight-line code, its sums over the rows in the locals above',
    'for (let r = 0; r < n; r++) {',
    ...blocks.loads,
    ...blocks.row,
    '}',
    ...blocks.fold,
    ...blocks.after,
    ...writes,
  ].join('\n');
  return { code, reference: (id) => (elements.get(id) as string[])[0], elementsOf: (id) => elements.get(id) as string[] };
}

/** Elements of a row (a batched node) or of the whole tensor. */
function rowSize(shape: Shape, batched: boolean): number {
  return (batched ? shape.slice(1) : shape).reduce<number>((p, d) => p * (d as number), 1);
}

/**
 * A variable's elements: a scalar by its name; an array's entries read into
 * locals once — parameters before the loop, a batched input's row at the
 * start of each pass (`X_1 = X[r * 2 + 1]`).
 */
function variableElements(spec: RowStepSpec, program: RowProgram, id: NodeId, blocks: { before: string[]; loads: string[] }): string[] {
  const name = spec.inputs.get(id);
  if (name === undefined) throw new Error(`no input bound for variable ${program.graph.node(id).attrs.name}`);
  const shape = program.graph.shapeOf(id);
  if (shape.length === 0) return [name];
  const batched = program.layout.isBatched(id);
  const size = rowSize(shape, batched);
  const locals = Array.from({ length: size }, (_, j) => `${name}_${j}`);
  const at = (j: number) => (batched ? plus(times('r', size), String(j)) : String(j));
  (batched ? blocks.loads : blocks.before).push(`const ${locals.map((l, j) => `${l} = ${name}[${at(j)}]`).join(', ')};`);
  return locals;
}

/**
 * A sum over the rows: accumulators start at 0 before the loop, each row
 * adds its terms (Σ_rows of an element, of sum_to's broadcast axes, or of
 * δᵀ a's products); a mean is divided by its count after the loop.
 */
function accumulate(
  n: IrNode,
  program: RowProgram,
  elements: ReadonlyMap<NodeId, string[]>,
  blocks: { sums: string[]; row: string[]; fold: string[]; after: string[] },
  logTerms: ReadonlyMap<string, string>,
): string[] {
  const g = program.graph;
  const id = n.id;
  const size = rowSize(g.shapeOf(id), false);
  let terms: string[][];
  if (isMatmul(n)) {
    terms = productTerms(n, program, elements);
  } else {
    const arg = n.args[0];
    terms = Array.from({ length: size }, () => []);
    (elements.get(arg) as string[]).forEach((x, j) => terms[smallerIndex(g, arg, true, j, id, false)].push(x));
  }
  const acc = terms.map((_, j) => `a${id}_${j}`);
  blocks.sums.push(`let ${acc.map((a) => `${a} = 0`).join(', ')};`);
  blocks.row.push(...terms.map((t, j) => `${acc[j]} += ${t.join(' + ')};`));
  mergeLogs(terms, acc, logTerms, blocks);
  if (n.op !== 'mean') return acc;
  const rowLength = (elements.get(n.args[0]) as string[]).length;
  blocks.after.push(`const t${id} = ${acc[0]} / (n * ${rowLength});`);
  return [`t${id}`];
}

/** The products of a matrix-product node's elements, as sums. */
function productSums(n: IrNode, program: RowProgram, elements: ReadonlyMap<NodeId, string[]>): string[] {
  return productTerms(n, program, elements).map((t) => t.join(' + '));
}

/**
 * C[r,c] = Σ_k A[r,k] B[k,c] as lists of `a * b` terms, with A and B read
 * in the variant's layout (A Bᵀ, Aᵀ B). The batch axis is this row: one row
 * of C for A B and A Bᵀ, one term of the sum for Aᵀ B.
 */
function productTerms(n: IrNode, program: RowProgram, elements: ReadonlyMap<NodeId, string[]>): string[][] {
  if (!isMatmul(n)) throw new Error(`%${n.id}: ${n.op} is not a matrix product`);
  const s = matmulSizes(n, program.layout);
  const [R, K, M] = [s.rows, s.inner, s.cols].map((d) => (d === BATCH ? 1 : (d as number)));
  const [A, B] = n.args.map((a) => elements.get(a) as string[]);
  const a = (r: number, k: number) => (n.op === 'matmul_tn' ? A[k * R + r] : A[r * K + k]);
  const b = (k: number, c: number) => (n.op === 'matmul_nt' ? B[c * K + k] : B[k * M + c]);
  const terms: string[][] = [];
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < M; c++) terms.push(Array.from({ length: K }, (_, k) => `${a(r, k)} * ${b(k, c)}`));
  }
  return terms;
}

/**
 * The element of the smaller of two broadcast-compatible shapes that element
 * j of the larger one corresponds to (axes aligned at the right, an axis of
 * size 1 always index 0). j counts within a row when the larger is batched;
 * the result within a row when the smaller is (the same row).
 */
function smallerIndex(g: Graph, large: NodeId, largeBatched: boolean, j: number, small: NodeId, smallBatched: boolean): number {
  const big = g.shapeOf(large);
  const little = g.shapeOf(small);
  const bigRow = (largeBatched ? big.slice(1) : big) as number[];
  const index: number[] = [];
  let rest = j;
  for (let k = bigRow.length - 1; k >= 0; k--) {
    index.unshift(rest % bigRow[k]);
    rest = Math.floor(rest / bigRow[k]);
  }
  const full = largeBatched ? [0, ...index] : index;
  const offset = big.length - little.length;
  let flat = 0;
  for (let k = smallBatched ? 1 : 0; k < little.length; k++) {
    const d = little[k] as number;
    flat = flat * d + (d === 1 ? 0 : full[k + offset]);
  }
  return flat;
}
