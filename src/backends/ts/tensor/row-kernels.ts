import type { IrNode } from '../../../ir/graph.js';
import { type Bound, broadcastIndex, loop, plus, product, times } from './loops.js';

/**
 * Kernels that work a row at a time (softmax, fused cross-entropy) or sum over
 * broadcast axes (sum_to). Arrays are row-major; the first
 * axis may be the runtime batch size `n`.
 */
export function emitRowKernel(
  n: IrNode,
  out: string,
  outDims: readonly Bound[],
  args: readonly string[],
  argDims: readonly (readonly Bound[])[],
): string {
  switch (n.op) {
    case 'softmax':
      return logitRows(args[0], argDims[0], { p: out });
    case 'softmax_ce':
      return logitRows(args[0], argDims[0], { ce: { loss: out, y: args[1] } });
    case 'sum_to':
      return sumTo(out, outDims, args[0], argDims[0]);
    default:
      throw new Error(`no TypeScript kernel for op ${n.op}`);
  }
}

/** rows × last-axis length of a row-wise op's argument. */
function rowsAndWidth(dims: readonly Bound[]): [Bound, Bound] {
  return [product(dims.slice(0, -1)), dims[dims.length - 1] ?? 1];
}

/** softmax(z) into p and the cross-entropy of z against y into loss, in one pass over each row. */
export function emitSoftmaxCrossEntropy(p: string, loss: string, z: string, y: string, dims: readonly Bound[]): string {
  return logitRows(z, dims, { p, ce: { loss, y } });
}

const LOGIT_ROWS_TITLE = {
  softmax: 'softmax over the last axis, max-shifted',
  ce: 'cross-entropy from logits per row: log-sum-exp − y·z',
  both: 'softmax and cross-entropy from logits per row, each exponential once',
};

/**
 * Per row of logits z, with m = max_k z_k subtracted before exponentiating
 * (finite for any finite z), each e_k = e^{z_k − m} computed once:
 * softmax(z)_k = e_k / Σ_j e_j, kept in p (e_k first, then scaled), and
 * ce(z, y) = lse(z) − Σ_k y_k z_k with lse(z) = m + ln Σ_k e_k.
 */
function logitRows(z: string, dims: readonly Bound[], want: { p?: string; ce?: { loss: string; y: string } }): string {
  const [rows, width] = rowsAndWidth(dims);
  const { p, ce } = want;
  const at = (a: string, j: string) => `${a}[${plus('o', j)}]`;
  const element = (j: string) => [
    p === undefined ? `total += Math.exp(${at(z, j)} - m);` : `const e = Math.exp(${at(z, j)} - m); ${at(p, j)} = e; total += e;`,
    ce === undefined ? '' : `dot += ${at(ce.y, j)} * ${at(z, j)};`,
  ].join(' ');
  const body = (r: string) => [
    `const o = ${times(r, width)};`,
    'let m = -Infinity;',
    loop('k', width, (j) => `if (${at(z, j)} > m) m = ${at(z, j)};`),
    ce === undefined ? 'let total = 0;' : 'let total = 0, dot = 0;',
    loop('k', width, (j) => `{ ${element(j)} }`),
    ...(ce === undefined ? [] : [`${ce.loss}[${r}] = m + Math.log(total) - dot;`]),
    ...(p === undefined ? [] : ['const inv = 1 / total;', loop('k', width, (j) => `${at(p, j)} *= inv;`)]),
  ];
  const title = LOGIT_ROWS_TITLE[p === undefined ? 'ce' : ce === undefined ? 'softmax' : 'both'];
  return `// ${title}\n${loop('r', rows, (r) => `{\n${body(r).join('\n')}\n}`)}`;
}

// sum_to: the adjoint of broadcasting, summing over the axes that were stretched
function sumTo(out: string, outDims: readonly Bound[], x: string, xDims: readonly Bound[]): string {
  const rest = product(xDims.slice(1));
  return `// sum over the broadcast axes
${out}.fill(0, 0, ${product(outDims)});
${loop('i', xDims[0] ?? 1, (i) => loop('j', rest, (j) =>
    `${out}[${broadcastIndex(outDims, xDims, [i, j])}] += ${x}[${plus(times(i, rest), j)}];`))}`;
}

/** `const s = Σ x` (divided by count for a mean), over all elements. */
export function emitReduction(
  target: string,
  divideBy: Bound,
  dims: readonly Bound[],
  element: (idx: string[]) => string,
  array: string | undefined,
): string {
  const count = product(dims);
  const body = array !== undefined
    ? loop('i', count, (i) => `${target}_acc += ${array}[${i}];`)
    : loop('i', dims[0] ?? 1, (i) => loop('j', product(dims.slice(1)), (j) => `${target}_acc += ${element([i, j])};`));
  const result = divideBy === 1 ? `${target}_acc` : `${target}_acc / (${divideBy})`;
  return `let ${target}_acc = 0;\n${body}\nconst ${target} = ${result};`;
}
