import type { NodeId } from '../../ir/graph.js';
import { type ExpressionContext, variablesTex } from './expression-context.js';

/** A loop this long or longer is shown by its first two iterations and its last; the ones between are alike. */
const ELIDED_FROM_LENGTH = 6;

/** The iteration (or vector entry) whose rows the notes leave out, or undefined when the node's rows are shown. */
function elidedElement(c: ExpressionContext, id: NodeId): { readonly index: number; readonly length: number } | undefined {
  const element = c.e.origin?.elements?.get(id);
  if (element === undefined || element.length < ELIDED_FROM_LENGTH) return undefined;
  return element.index >= 2 && element.index <= element.length - 2 ? element : undefined;
}

/**
 * The rows of `items` in order, where those of a long loop's middle
 * iterations (i = 2, …, n − 2; kept as a loop in the generated code, written
 * out here) are left out: each run of them is one ⋮ row saying they are
 * alike. A function without kept loops gets every row.
 */
export function elideIterations<T>(c: ExpressionContext, items: readonly T[], nodeOf: (item: T) => NodeId, rows: (item: T) => string[]): string[] {
  return elideRuns(c, items, nodeOf, rows, (length) => `\\vdots & \\qquad \\text{(likewise for the elements } 2, \\dots, ${length - 2} \\text{ of } 0, \\dots, ${length - 1}\\text{)}`);
}

/** The rows of `items`, each run of a long loop's middle iterations one row `elided(length of the loop)` (a table's row, an align's). */
export function elideRuns<T, R>(c: ExpressionContext, items: readonly T[], nodeOf: (item: T) => NodeId, rows: (item: T) => R[], elided: (length: number) => R): R[] {
  const out: R[] = [];
  let inRun = false;
  for (const item of items) {
    const element = elidedElement(c, nodeOf(item));
    if (element === undefined) {
      out.push(...rows(item));
      inRun = false;
    } else if (!inRun) {
      out.push(elided(element.length));
      inRun = true;
    }
  }
  return out;
}

/** The indices of the variables whose rows the notes show (every one but the middle entries of a long vector). */
export function shownVariables(c: ExpressionContext): number[] {
  return c.e.variableNodes.flatMap((id, i) => (elidedElement(c, id) === undefined ? [i] : []));
}

/** The ⋮ row standing for the left-out entries of a vector between two shown rows. */
export function elidedEntriesRow(c: ExpressionContext, before: number, after: number): string[] {
  const xs = variablesTex(c);
  return after > before + 1 ? [`\\vdots & \\qquad \\text{(likewise for } ${xs[before + 1]}, \\dots, ${xs[after - 1]}\\text{)}`] : [];
}

/** True when the notes leave out some iterations of a loop (they then say so once). */
export function elidesIterations(c: ExpressionContext): boolean {
  return [...(c.e.origin?.elements?.values() ?? [])].some((e) => e.length >= ELIDED_FROM_LENGTH);
}
