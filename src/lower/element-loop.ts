import type { Attrs } from '../ir/graph.js';
import type { Dim } from '../ir/shape.js';
import type { OpName } from '../ops/registry.js';

/**
 * How a loop over the elements (i, j) of a rows × cols output reads an
 * argument (j runs over every axis after the first):
 *   full   a[i, j]   the output's own shape
 *   col    a[j]      repeated over the rows (a bias [k] over [n, k])
 *   row    a[i]      repeated over the columns (per-row values [n, 1])
 *   first  a[0]      one element everywhere
 */
export type ElementAccess = 'full' | 'col' | 'row' | 'first';

/** A dimension as loops print it: a number, or the name of the runtime size (n). */
export type Extent = number | string;

/** One element-wise expression of a fused loop: op nodes over array reads, scalars and constants. */
export type ElementTree =
  | { readonly kind: 'op'; readonly op: OpName; readonly attrs: Attrs; readonly args: readonly ElementTree[] }
  | { readonly kind: 'array'; readonly name: string; readonly dims: readonly Extent[]; readonly access: ElementAccess }
  | { readonly kind: 'scalar'; readonly name: string }
  | { readonly kind: 'constant'; readonly value: number };

/** A fused element-wise loop as every loop backend sees it: out[i, j] = tree(i, j) for i < rows, j < cols. */
export interface ElementLoop {
  /** The first axis: a number, or the batch n (the runtime row count). */
  readonly rows: Dim;
  /** Elements per row: the product of the other axes. */
  readonly cols: number;
  readonly tree: ElementTree;
  /** The array written. */
  readonly out: string;
}

/** How an argument of dimensions `arg` is read by a loop over `out` (a trailing-axes broadcast). */
export function elementAccess(arg: readonly Extent[], out: readonly Extent[]): ElementAccess {
  const rest = (dims: readonly Extent[]) => dims.slice(1).map(String).join('×');
  if (out.length <= 1) return arg.length === out.length && arg[0] === out[0] ? 'full' : 'first';
  if (arg.length === out.length) {
    const sameFirst = arg[0] === out[0];
    const sameRest = rest(arg) === rest(out) || product(arg.slice(1)) === product(out.slice(1));
    return sameFirst ? (sameRest ? 'full' : 'row') : sameRest ? 'col' : 'first';
  }
  // fewer axes: the argument repeats over the leading output axis
  return product(arg) === product(out.slice(1)) ? 'col' : 'first';
}

/** The element count of constant dimensions (NaN when one is symbolic). */
function product(dims: readonly Extent[]): number {
  return dims.reduce<number>((p, d) => (typeof d === 'number' ? p * d : NaN), 1);
}

/** The arrays a tree reads (each name once, in first-read order) and its scalars. */
export function elementOperands(tree: ElementTree): { arrays: string[]; scalars: string[] } {
  const arrays: string[] = [];
  const scalars: string[] = [];
  const visit = (t: ElementTree): void => {
    if (t.kind === 'op') t.args.forEach(visit);
    else if (t.kind === 'array' && !arrays.includes(t.name)) arrays.push(t.name);
    else if (t.kind === 'scalar' && !scalars.includes(t.name)) scalars.push(t.name);
  };
  visit(tree);
  return { arrays, scalars };
}
