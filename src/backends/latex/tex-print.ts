import type { Graph, NodeId } from '../../ir/graph.js';
import { formatNumber } from '../doc/number-format.js';
import { type PrintForms, printExpression } from '../print/print-expression.js';

/** TeX names of some nodes (variables, forward steps, adjoints); undefined: print the node's formula. */
export type TexNames = (id: NodeId) => string | undefined;

/**
 * The widest row of a forward or backward pass (em, as texWidth estimates
 * it) that keeps its note on the same line: with a name as wide as v̄₁₀ in the
 * column before it, a wider row would stick out of the page's 40 em.
 */
export const MAX_ROW_EM = 39.5;

/** A formula longer than this (characters of TeX) is not inlined in the result. */
export const MAX_INLINE = 400;

/**
 * A node as a formula: its name when it has one, otherwise its op's print form
 * applied to its arguments, recursively, stopping at named nodes. Undefined
 * when the formula would be longer than `maxLength`.
 */
export function texFormula(g: Graph, id: NodeId, names: TexNames, maxLength = Infinity, forms: PrintForms = {}): string | undefined {
  return names(id) ?? printExpression(g, id, 'tex', names, maxLength, forms);
}

/** The definition of a named node: its op applied to its arguments' names (the root is never replaced by its own name). */
export function texDefinition(g: Graph, id: NodeId, names: TexNames, forms: PrintForms = {}): string {
  return printExpression(g, id, 'tex', names, Infinity, forms) ?? '';
}

/**
 * A given number (a hyper-parameter, a rate, a point's coordinate) exactly as
 * the model states it, in textbook form (formatNumber without rounding: the
 * shortest decimal that reads back as the same double, × 10^{k} for large and
 * small magnitudes; π and e stay decimals). A computed number goes through
 * `TexWriter.number` instead: rounded to the model's digits and recorded.
 */
export function texNumber(value: number): string {
  return formatNumber(value, {});
}

/** ∂a/∂b as a fraction. */
export function partial(of: string, wrt: string): string {
  return `\\frac{\\partial ${of}}{\\partial ${wrt}}`;
}

/** ∂²E/∂a∂b, or ∂²E/∂a² when a = b. */
export function secondPartial(of: string, a: string, b: string): string {
  const wrt = a === b ? `\\partial ${a}^2` : `\\partial ${a} \\, \\partial ${b}`;
  return `\\frac{\\partial^2 ${of}}{${wrt}}`;
}

/** `x_{n}`, or `(x_{1})_{n}` for a name that has a subscript already. */
export function subscripted(tex: string, index: string): string {
  return tex.includes('_') ? `\\left(${tex}\\right)_{${index}}` : `${tex}_{${index}}`;
}

/** `\begin{bmatrix} a & b \\ c & d \end{bmatrix}` */
export function bmatrix(cells: readonly (readonly string[])[]): string {
  return `\\begin{bmatrix} ${cells.map((row) => row.join(' & ')).join(' \\\\ ')} \\end{bmatrix}`;
}
