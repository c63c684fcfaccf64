import type { Graph, NodeId } from '../../ir/graph.js';
import { evaluateGenerated, generatedForm } from '../../compile/as-generated.js';
import { simplify } from '../../passes/simplify.js';
import { printExpression } from '../print/print-expression.js';
import { type ExpressionContext, shown, variablesTex } from './expression-context.js';
import { bmatrix, secondPartial } from './tex-print.js';
import { shownVariables } from './elided-iterations.js';
import { escapeText } from './tex-writer.js';

/** A run of entries alike in this many consecutive indices or more is written once, in the index i. */
const GENERAL_FROM = 3;
/**
 * An entry whose formula is longer than this (characters of TeX) is not
 * printed, only named: a select nested in a loop (m = max(m, x_i) written as
 * an if) is a tree that doubles with each iteration when written out.
 */
const MAX_ENTRY = 400;
/** Entries too long to print are named, this many at most. */
const LISTED_AT_MOST = 6;

/** A variable of the function: a number parameter, or entry `index` of a vector parameter (its TeX `base`, x for x_{3}). */
interface Variable {
  readonly tex: string;
  readonly vector?: { readonly base: string; readonly index: number };
}

/** One entry ∂²E/∂p∂q on or above the diagonal that is not identically 0. */
interface Entry {
  readonly p: number;
  readonly q: number;
  readonly node: NodeId;
}

/**
 * The Hessian of a function with a long loop, as a reader wants it rather
 * than n × n formulas: which entries are not identically 0 (for each vector,
 * the band |i − j| ≤ b outside which every entry is 0), each kind of entry
 * once in the loop's index i (∂²E/∂x_i∂x_{i+1} = −400 x_i for i = 0, …, 18:
 * consecutive entries that print alike with the variables named relative to
 * i), the others — the first and last iterations, which differ — one by one,
 * and the numbers at the point for the rows and columns the passes show
 * (the first two entries of a vector and its last), the others elided.
 */
export function writeElidedHessian(c: ExpressionContext, graph: Graph, entries: readonly NodeId[]): void {
  const { e, out } = c;
  const n = e.variables.length;
  const variables = variablesOf(c);
  const { graph: simple, map } = simplify(graph);
  const nonzero: Entry[] = [];
  for (let p = 0; p < n; p++) {
    for (let q = p; q < n; q++) {
      const node = map[entries[p * n + q]];
      if (simple.constantValue(node) !== 0) nonzero.push({ p, q, node });
    }
  }
  const { rows: printedRows, tooLong } = entryRows(c, simple, variables, nonzero);
  const hess = `\\texttt{${escapeText(e.name)}\\_hess}`;
  out.paragraph(`The Hessian, by differentiating each gradient component again, is ${out.inline(`${n} \\times ${n}`)} and symmetric `
    + `(row ${out.inline('i')}, column ${out.inline('j')} is ${out.inline(secondPartial(c.symbol, 'x_i', 'x_j'))}); `
    + `${bands(variables, nonzero)} Of its ${n * (n + 1) / 2} entries on and above the diagonal, ${nonzero.length} are not identically 0`
    + (printedRows.length === 0
      ? `; written out, each is longer than ${MAX_ENTRY} characters, so none is printed here: the generated ${hess} computes them.`
      : ': each kind once, in the loop\'s index where consecutive entries are alike, the others one by one:'));
  if (printedRows.length > 0) out.align(printedRows);
  if (printedRows.length > 0 && tooLong.length > 0) {
    const listed = tooLong.slice(0, LISTED_AT_MOST).map((label) => out.inline(label)).join(', ');
    out.paragraph(`The other ${tooLong.length} (${listed}${tooLong.length > LISTED_AT_MOST ? ', \\dots' : ''}) are longer than `
      + `${MAX_ENTRY} characters written out and not printed here: the generated ${hess} computes them.`);
  }
  const point = e.point;
  if (!point) return;
  const rows = shownVariables(c);
  const values = evaluateGenerated(generatedForm(graph, e.gradient.output, rows.flatMap((p) => rows.map((q) => entries[p * n + q]))), point.values).numbers;
  const valueAt = new Map(rows.flatMap((p, a) => rows.map((q, b) => [`${p},${q}`, values[a * rows.length + b]] as const)));
  const xs = variablesTex(c);
  // the shown indices, a gap (⋮, ⋯, ⋱) where indices are left out between two of them
  const axis: (number | undefined)[] = rows.flatMap((p, a) => (a > 0 && p > rows[a - 1] + 1 ? [undefined, p] : [p]));
  const cells = axis.map((p) => axis.map((q) => {
    if (p === undefined) return q === undefined ? '\\ddots' : '\\vdots';
    if (q === undefined) return '\\cdots';
    return shown(c, valueAt.get(`${p},${q}`) as number, secondPartial(c.symbol, xs[p], xs[q]));
  }));
  out.paragraph(`At the point (the rows and columns of ${out.inline(rows.map((p) => xs[p]).join(', '))}; those left out are alike):`);
  out.equation(`\\nabla^2 ${c.symbol} = ${bmatrix(cells)}`);
}

function variablesOf(c: ExpressionContext): Variable[] {
  return variablesTex(c).map((tex, k) => {
    const element = c.e.origin?.elements?.get(c.e.variableNodes[k]);
    const m = /^(.*)_\{(\d+)\}$/.exec(tex);
    return element !== undefined && m !== null ? { tex, vector: { base: m[1], index: element.index } } : { tex };
  });
}

/** For each vector: the band outside which its entries ∂²E/∂x_i∂x_j are 0. */
function bands(variables: readonly Variable[], nonzero: readonly Entry[]): string {
  const widths = new Map<string, number>();
  for (const v of variables) if (v.vector && !widths.has(v.vector.base)) widths.set(v.vector.base, 0);
  for (const { p, q } of nonzero) {
    const [a, b] = [variables[p].vector, variables[q].vector];
    if (a && b && a.base === b.base) widths.set(a.base, Math.max(widths.get(a.base) ?? 0, Math.abs(b.index - a.index)));
  }
  const lengths = new Map<string, number>();
  for (const v of variables) if (v.vector) lengths.set(v.vector.base, (lengths.get(v.vector.base) ?? 0) + 1);
  const kind = (w: number) => (w === 0 ? 'diagonal' : w === 1 ? 'tridiagonal' : `a band of ${2 * w + 1} diagonals`);
  return [...widths].map(([base, w]) => (w >= (lengths.get(base) ?? 0) - 1
    ? `within $${base}$ the block is dense (no entry is 0 for being far from the diagonal).`
    : `within $${base}$ the block is ${kind(w)}: $${secondPartialOf(base)} = 0$ for $|i - j| > ${w}$.`)).join(' ');
}

function secondPartialOf(base: string): string {
  return `\\frac{\\partial^2}{\\partial ${base}_{i} \\, \\partial ${base}_{j}}`;
}

/**
 * The entries grouped by kind (the pair of vectors and the offset j − i, or
 * a vector and a number parameter), each kind's runs of consecutive indices
 * that print alike with the variables named relative to i written once.
 */
function entryRows(c: ExpressionContext, g: Graph, variables: readonly Variable[], nonzero: readonly Entry[]): { rows: string[]; tooLong: string[] } {
  const kinds = new Map<string, { index: number; entry: Entry }[]>();
  const single: Entry[] = [];
  for (const entry of nonzero) {
    const [a, b] = [variables[entry.p], variables[entry.q]];
    const anchor = a.vector ?? b.vector;
    if (anchor === undefined) {
      single.push(entry);
      continue;
    }
    const other = a.vector ? b : a;
    const key = other.vector ? `${a.vector?.base}|${other.vector.base}|${other.vector.index - anchor.index}` : `${anchor.base}|${other.tex}`;
    kinds.set(key, [...(kinds.get(key) ?? []), { index: anchor.index, entry }]);
  }
  const varNode = new Map(g.nodes.filter((nd) => nd.op === 'var').map((nd) => [nd.attrs.name, nd.id]));
  const nodeVariable = new Map(c.e.variables.map((name, k) => [varNode.get(name), k]));
  const print = (entry: Entry, relativeTo?: number) => printExpression(g, entry.node, 'tex', (id) => {
    const k = nodeVariable.get(id);
    if (k === undefined) return undefined;
    const v = variables[k];
    return relativeTo === undefined || v.vector === undefined ? v.tex : `${v.vector.base}_{${relative(v.vector.index - relativeTo)}}`;
  }, MAX_ENTRY);
  const label = (entry: Entry) => secondPartial(c.symbol, variables[entry.p].tex, variables[entry.q].tex);
  const tooLong: string[] = [];
  const rows: string[] = [];
  const row = (entry: Entry) => {
    const text = print(entry);
    if (text === undefined) tooLong.push(label(entry));
    else rows.push(`${label(entry)} &= ${text}`);
  };
  single.forEach((entry) => row(entry));
  for (const members of kinds.values()) {
    const texts = members.map((m) => print(m.entry, m.index));
    for (let start = 0; start < members.length;) {
      let end = start + 1;
      while (end < members.length && texts[start] !== undefined && texts[end] === texts[start] && members[end].index === members[end - 1].index + 1) end++;
      if (end - start >= GENERAL_FROM) {
        const { entry, index } = members[start];
        const [a, b] = [variables[entry.p], variables[entry.q]];
        const name = (v: Variable) => (v.vector ? `${v.vector.base}_{${relative(v.vector.index - index)}}` : v.tex);
        rows.push(`${secondPartial(c.symbol, name(a), name(b))} &= ${texts[start]} \\qquad \\text{for } i = ${index}, \\dots, ${members[end - 1].index}`);
      } else {
        for (let k = start; k < end; k++) row(members[k].entry);
      }
      start = end;
    }
  }
  return { rows, tooLong };
}

/** i, i+1, i-2 */
function relative(offset: number): string {
  return offset === 0 ? 'i' : offset > 0 ? `i+${offset}` : `i-${-offset}`;
}
