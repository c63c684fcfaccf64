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
      return softmaxRows(out, args[0], argDims[0]);
    case 'softmax_ce':
      return crossEntropyRows(out, args[0], args[1], argDims[0]);
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

// softmax(z)_k = e^{z_k − m} / Σ_j e^{z_j − m}, m = max_j z_j (no overflow)
function softmaxRows(out: string, z: string, dims: readonly Bound[]): string {
  const [rows, k] = rowsAndWidth(dims);
  return `// softmax over the last axis, max-shifted
${loop('r', rows, (r) => {
    const o = times(r, k);
    return `{
  const o = ${o};
  let m = -Infinity;
  ${loop('k', k, (j) => `if (${z}[${plus('o', j)}] > m) m = ${z}[${plus('o', j)}];`)}
  let total = 0;
  ${loop('k', k, (j) => `{ const e = Math.exp(${z}[${plus('o', j)}] - m); ${out}[${plus('o', j)}] = e; total += e; }`)}
  const inv = 1 / total;
  ${loop('k', k, (j) => `${out}[${plus('o', j)}] *= inv;`)}
}`;
  })}`;
}

// ce(z, y) = lse(z) − Σ_k y_k z_k,  lse(z) = m + log Σ_k e^{z_k − m}
function crossEntropyRows(out: string, z: string, y: string, dims: readonly Bound[]): string {
  const [rows, k] = rowsAndWidth(dims);
  return `// cross-entropy from logits per row: log-sum-exp − y·z
${loop('r', rows, (r) => `{
  const o = ${times(r, k)};
  let m = -Infinity;
  ${loop('k', k, (j) => `if (${z}[${plus('o', j)}] > m) m = ${z}[${plus('o', j)}];`)}
  let total = 0, dot = 0;
  ${loop('k', k, (j) => `total += Math.exp(${z}[${plus('o', j)}] - m); dot += ${y}[${plus('o', j)}] * ${z}[${plus('o', j)}];`)}
  ${out}[${r}] = m + Math.log(total) - dot;
}`)}`;
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
