import type { Graph, NodeId } from '../../ir/graph.js';
import { formatNumber } from '../print/notation.js';
import { printExpression } from '../print/print-expression.js';

/** TeX names of some nodes (variables, forward steps, adjoints); undefined: print the node's formula. */
export type TexNames = (id: NodeId) => string | undefined;

/** A formula longer than this (characters of TeX) is not inlined in the result. */
export const MAX_INLINE = 400;

/**
 * A node as a formula: its name when it has one, otherwise its op's print form
 * applied to its arguments, recursively, stopping at named nodes. Undefined
 * when the formula would be longer than `maxLength`.
 */
export function texFormula(g: Graph, id: NodeId, names: TexNames, maxLength = Infinity): string | undefined {
  return names(id) ?? printExpression(g, id, 'tex', names, maxLength);
}

/** The definition of a named node: its op applied to its arguments' names (the root is never replaced by its own name). */
export function texDefinition(g: Graph, id: NodeId, names: TexNames): string {
  return printExpression(g, id, 'tex', names) ?? '';
}

/**
 * A computed number in a formula at full precision: the shortest decimal that
 * reads back as the same double (π and e stay decimals here: these are results, not constants).
 */
export function texNumber(value: number): string {
  if (value === Math.PI || value === Math.E) return String(value);
  if (Number.isNaN(value)) return '\\mathrm{NaN}';
  return formatNumber(value, 'tex').text;
}

/** A number rounded to `digits` significant digits for prose (never for tables or equations). */
export function texRounded(value: number, digits = 6): string {
  return Number.isFinite(value) ? texNumber(Number(value.toPrecision(digits))) : texNumber(value);
}

/** A number at full precision as text for a table cell: String(value), which round-trips exactly. */
export function fullPrecision(value: number): string {
  return `\\texttt{${String(value)}}`;
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
