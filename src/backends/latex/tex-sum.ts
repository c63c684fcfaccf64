import type { Graph, NodeId } from '../../ir/graph.js';
import type { PrintForms } from '../print/print-expression.js';
import { type TexNames, texFormula } from './tex-print.js';

/** A term of a sum as written after its sign: t, or −t as (negative, t). */
export interface SignedTerm {
  readonly negative: boolean;
  readonly tex: string;
}

/**
 * A node as a term of a sum (negated when it follows a minus): a negation −t
 * is written as a minus sign in front of t; a sum or a negative number after a minus keeps its parentheses.
 */
export function signedTerm(g: Graph, id: NodeId, names: TexNames, negated = false, forms: PrintForms = {}): SignedTerm {
  const n = g.node(id);
  if (n.op === 'neg' && names(id) === undefined) return signedTerm(g, n.args[0], names, !negated, forms);
  const tex = texFormula(g, id, names, Infinity, forms) ?? '?';
  const loose = negated && names(id) === undefined && (n.op === 'add' || n.op === 'sub' || (g.constantValue(id) ?? 0) < 0);
  return { negative: negated, tex: loose ? `\\left(${tex}\\right)` : tex };
}

/** A formula as the terms of its top-level sum: a + b − c gives a, +b, −c (a non-sum is one term). */
export function sumTerms(g: Graph, id: NodeId, names: TexNames, forms: PrintForms = {}): SignedTerm[] {
  const n = g.node(id);
  if (names(id) !== undefined || (n.op !== 'add' && n.op !== 'sub')) return [signedTerm(g, id, names, false, forms)];
  const [a, b] = n.args;
  return [...sumTerms(g, a, names, forms), signedTerm(g, b, names, n.op === 'sub', forms)];
}

/**
 * Items packed greedily into rows, in order: an item joins the current row
 * while `fits(row with it, row's index)` holds, else it opens a new row; a
 * row holds at least one item whether it fits or not. The one row-packing
 * rule of the notes: each caller measures a row its own way (raw TeX length,
 * printed characters, a matrix's columns).
 */
export function packRows<T>(items: readonly T[], fits: (row: readonly T[], rowIndex: number) => boolean): T[][] {
  const rows: T[][] = [];
  let row: T[] = [];
  for (const item of items) {
    if (row.length > 0 && !fits([...row, item], rows.length)) {
      rows.push(row);
      row = [item];
    } else {
      row.push(item);
    }
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

/**
 * t₁ ± t₂ ± … broken into rows of at most `budget` (a row holds at least one
 * term); every row after the first starts with its sign. A row's size is its
 * characters of TeX, or what `width` measures (texWidth: em on the page).
 */
export function sumRows(terms: readonly SignedTerm[], budget: number, width: (row: string) => number = (row) => row.length): string[] {
  const pieces = terms.map((t, i) => (i === 0 ? `${t.negative ? '-' : ''}${t.tex}` : `${t.negative ? '-' : '+'} ${t.tex}`));
  return packRows(pieces, (row) => width(row.join(' ')) <= budget).map((row) => row.join(' '));
}

/** `lhs = root` with root written out (`names` does not name it): its top-level sum broken into rows of `budget` characters of TeX, for an align. */
export function formulaRows(graph: Graph, names: TexNames, lhs: string, root: NodeId, budget: number, forms: PrintForms = {}): string[] {
  const [first, ...rest] = sumRows(sumTerms(graph, root, names, forms), budget);
  return [`${lhs} &= ${first}`, ...rest.map((row) => `&\\quad {}${row}`)];
}
