import { type FactoredGroup, type FactoredResults, type PrintedSizes, factorResults } from '../../compile/shared-factors.js';
import { type LoopSums, loopSums } from '../../compile/loop-sums.js';
import type { Graph, NodeId } from '../../ir/graph.js';
import { evaluateGenerated, generatedForm } from '../../compile/as-generated.js';
import { type PrintForms, printExpression, printedLengths } from '../print/print-expression.js';
import { type ExpressionContext, shown, variablesTex } from './expression-context.js';
import { type TexNames, bmatrix, partial, secondPartial, texDefinition } from './tex-print.js';
import { formulaRows } from './tex-sum.js';
import { texWidth } from '../doc/figure-geometry.js';
import { elidedEntriesRow, elidesIterations, shownVariables } from './elided-iterations.js';
import { writeElidedHessian } from './elided-hessian.js';
import { iterationIndex, loopSumForms } from './tex-loop-sums.js';
import { writeRecurrences } from './sections-recurrence.js';

/** Characters of TeX per row before a long result continues on the next row. */
const ROW_BUDGET = 120;
/** A formula longer than this (characters of TeX) has parts named until it fits. */
const MAX_FORMULA = 240;
/** A Hessian is a bmatrix only when each of its rows is at most this long. */
const MATRIX_ROW_BUDGET = 160;
/**
 * …and when `∇²E = [matrix]` is at most this wide (em, as matrixWidth
 * estimates it): the trial's matrices of 47 em and more ran 3–290 pt into the
 * margin, those of 38–42 em fit.
 */
const MAX_MATRIX_EM = 44;

/**
 * The gradient ∂E/∂x_i and, when asked, the Hessian ∂²E/∂x_i∂x_j, in the
 * variables: simplified, factored, each subexpression that would be printed
 * twice (or makes a formula too long) named once (s₁ = …); then their values at the point.
 * A loop kept as a loop whose gradient is a sum over its iterations is written
 * so (Σ_k, loop-sums.ts), not unrolled: the formulas do not grow with the loop.
 */
export function writeResult(c: ExpressionContext): void {
  const { e } = c;
  c.out.subsection('Result');
  const shown = shownVariables(c); // a long loop's middle entries left out, as in the passes above
  // a long loop's Hessian is described by its kinds of entries (elided-hessian.ts), not factored n × n formulas
  const elided = elidesIterations(c);
  const sums = elided ? loopSums(e) : undefined;
  const recurrences = elided ? e.looped?.recurrences : undefined;
  if (recurrences !== undefined) {
    // a recurrence reads as its recursion, forward and backward, not as its unrolled gradient (a product as long as the loop)
    writeRecurrences(c, recurrences);
    writeGradientAtPoint(c, shown);
    if (e.hessian) writeElidedHessian(c, e.hessian.graph, e.hessian.rows.flat());
    return;
  }
  if (sums !== undefined) {
    writeSummedGradient(c, sums, shown);
    if (e.hessian) writeElidedHessian(c, e.hessian.graph, e.hessian.rows.flat());
    return;
  }
  const graph = e.hessian?.graph ?? e.gradient.graph;
  // the upper triangle only: ∂²E/∂x_j∂x_i is printed as ∂²E/∂x_i∂x_j (i ≤ j), so the two read the same
  const hessianEntries = e.hessian && !elided ? upperTriangle(e.hessian.rows) : [];
  const f = factorResults(graph, [shown.map((i) => e.gradient.gradient[i]), hessianEntries], texSizes(), MAX_FORMULA);
  const printing: Printing = { f, numbers: new Map(), defined: new Set() };
  writeGradient(c, printing, shown);
  if (e.hessian && elided) writeElidedHessian(c, e.hessian.graph, e.hessian.rows.flat());
  else if (e.hessian) writeHessian(c, printing, e.hessian.graph, upperTriangle(e.hessian.rows));
}

/** Entries (i, j) with i ≤ j, row by row. */
function upperTriangle<T>(rows: readonly (readonly T[])[]): T[] {
  return rows.flatMap((row, i) => row.slice(i));
}

/** The entries (i, j), i ≤ j, of an n × n matrix, row by row (upperTriangle's order). */
function upperPairs(n: number): (readonly [number, number])[] {
  return Array.from({ length: n }, (_r, i) => Array.from({ length: n - i }, (_c, k) => [i, i + k] as const)).flat();
}

/** Where entry (i, j) of an n × n symmetric matrix is in its upperTriangle list. */
function upperIndex(n: number, i: number, j: number): number {
  const [r, c] = i <= j ? [i, j] : [j, i];
  return r * n - (r * (r - 1)) / 2 + (c - r);
}

/** The factored results and what has been named and defined so far (a subexpression keeps its s_k). */
interface Printing {
  readonly f: FactoredResults;
  readonly numbers: Map<NodeId, number>;
  readonly defined: Set<NodeId>;
}

/** `shownVariables`: the indices of the variables whose entries are printed (the others, between them, a ⋮ row). */
function writeGradient(c: ExpressionContext, printing: Printing, shownVariables: readonly number[]): void {
  const group = printing.f.groups[0];
  const names = resultNames(c, printing, group);
  const xs = variablesTex(c);
  c.out.paragraph('The gradient, simplified, common factors taken out, in the variables (the adjoints of the variables above):');
  c.out.align([
    ...definitions(printing, group, names),
    ...entryRows(c, shownVariables, (i, k) => resultRows(printing.f.graph, names, partial(c.symbol, xs[i]), group.roots[k])),
  ]);
  writeGradientAtPoint(c, shownVariables);
}

/**
 * The gradient of a loop kept as a loop as sums over its iterations k: the
 * looped graph (the one the generated E_grad prints) simplified and factored
 * like the unrolled one, a subexpression of one iteration named s_{j,k}.
 */
function writeSummedGradient(c: ExpressionContext, sums: LoopSums, shownVariables: readonly number[]): void {
  const { out } = c;
  const xs = variablesTex(c);
  const k = iterationIndex([...xs, c.names.sharedPrefix]);
  const forms = loopSumForms(k);
  const f = factorResults(sums.graph, [shownVariables.map((i) => sums.gradient[i])], texSizes(forms), MAX_FORMULA);
  const printing: Printing = { f, numbers: new Map(), defined: new Set() };
  const group = f.groups[0];
  const names = resultNames(c, printing, group, k);
  const lane = group.shared.find((id) => f.graph.shapeOf(id).length === 1);
  out.paragraph('The gradient, simplified, common factors taken out, in the variables. The loop is kept as a loop, so each entry is '
    + `a sum over its iterations ${out.inline(`${k} = 0, 1, \\dots`)}, as the generated code adds it up`
    + `${lane === undefined ? '' : ` (${out.inline(names(lane) ?? '')} is a value of iteration ${out.inline(k)})`}:`);
  out.align([
    ...definitions(printing, group, names, forms),
    ...entryRows(c, shownVariables, (i, j) => resultRows(f.graph, names, partial(c.symbol, xs[i]), group.roots[j], forms)),
  ]);
  writeGradientAtPoint(c, shownVariables);
}

/** The rows `row(i, k)` of the shown variables i (the k-th shown), a ⋮ row for the entries left out between them. */
function entryRows(c: ExpressionContext, shownVariables: readonly number[], row: (i: number, k: number) => string[]): string[] {
  return shownVariables.flatMap((i, k) => [...(k > 0 ? elidedEntriesRow(c, shownVariables[k - 1], i) : []), ...row(i, k)]);
}

/** The value and the gradient's shown entries at the point, when there is one. */
function writeGradientAtPoint(c: ExpressionContext, shownVariables: readonly number[]): void {
  const p = c.e.point;
  if (!p) return;
  const xs = variablesTex(c);
  c.out.paragraph('At the point:');
  c.out.align([
    `${c.symbol} &= ${shown(c, p.value, c.symbol)}`,
    ...entryRows(c, shownVariables, (i) => [`${partial(c.symbol, xs[i])} &= ${shown(c, p.gradient[i], partial(c.symbol, xs[i]))}`]),
  ]);
}

/**
 * The Hessian as a bmatrix when it fits, otherwise its upper triangle one
 * entry per row. `upper`: its entries (i, j), i ≤ j (upperTriangle); it is
 * symmetric, so entry (j, i) is printed as (i, j), formula and number alike.
 */
function writeHessian(c: ExpressionContext, printing: Printing, graph: Graph, upper: readonly NodeId[]): void {
  const { e, out } = c;
  const group = printing.f.groups[1];
  const n = e.variables.length;
  const entry = <T>(list: readonly T[]) => (i: number, j: number) => list[upperIndex(n, i, j)];
  const square = <T>(at: (i: number, j: number) => T) => Array.from({ length: n }, (_r, i) => Array.from({ length: n }, (_c, j) => at(i, j)));
  const names = resultNames(c, printing, group);
  const again = group.shared.filter((id) => printing.defined.has(id)).map((id) => names(id) ?? '');
  // the entry's formula last: a long function name makes it wide, and at the end of the paragraph it breaks no line
  out.paragraph('The Hessian, by differentiating each gradient component again in the same way'
    + `${again.length === 0 ? '' : `, with ${again.map((name) => out.inline(name)).join(', ')} as above`}; `
    + `row ${out.inline('i')}, column ${out.inline('j')} is ${out.inline(secondPartial(c.symbol, 'x_i', 'x_j'))}`
    + `${n > 1 ? ` (the same as ${out.inline(secondPartial(c.symbol, 'x_j', 'x_i'))}: the matrix is symmetric)` : ''}:`);
  const fresh = definitions(printing, group, names);
  if (fresh.length > 0) out.align(fresh);
  const formula = entry(group.roots.map((id) => printExpression(printing.f.graph, id, 'tex', names) ?? '?'));
  const formulas = square(formula);
  const xs = variablesTex(c);
  const lhs = `\\nabla^2 ${c.symbol}`;
  if (formulas.every((row) => row.reduce((sum, t) => sum + t.length, 0) <= MATRIX_ROW_BUDGET) && matrixWidth(lhs, formulas) <= MAX_MATRIX_EM) {
    out.equation(`${lhs} = ${bmatrix(formulas)}`);
  } else {
    const root = entry(group.roots);
    out.align(upperPairs(n).flatMap(([i, j]) => resultRows(printing.f.graph, names, secondPartial(c.symbol, xs[i], xs[j]), root(i, j))));
  }
  const p = e.point;
  if (!p) return;
  const value = entry(evaluateGenerated(generatedForm(graph, e.gradient.output, upper), p.values).numbers);
  out.paragraph('At the point:');
  const cells = square((i, j) => shown(c, value(i, j), secondPartial(c.symbol, xs[Math.min(i, j)], xs[Math.max(i, j)])));
  if (matrixWidth(lhs, cells) <= MAX_MATRIX_EM) {
    out.equation(`${lhs} = ${bmatrix(cells)}`);
  } else {
    // too wide for the page: the upper triangle, one entry a row, as the formulas above
    out.align(upperPairs(n).map(([i, j]) => `${secondPartial(c.symbol, xs[i], xs[j])} &= ${cells[i][j]}`));
  }
}

/** The width (em, texWidth) of `lhs = [cells]`: each column as wide as its widest cell, an em between columns and for the brackets. */
function matrixWidth(lhs: string, cells: readonly (readonly string[])[]): number {
  const columns = cells[0]?.map((_, j) => Math.max(...cells.map((row) => texWidth(row[j] ?? '')))) ?? [];
  return texWidth(`${lhs} =`) + columns.reduce((sum, w) => sum + w, 0) + columns.length;
}

/**
 * Printed lengths in TeX of root and the nodes below it, the named ones printed by a short name
 * (capped: a DAG can print exponentially long), in the print forms the formulas are written in.
 */
function texSizes(forms: PrintForms = {}): PrintedSizes {
  return (graph, root, isNamed) => {
    const names = (x: NodeId) => (isNamed(x) ? 's_{1}' : graph.node(x).op === 'var' ? 'x' : undefined);
    return printedLengths(graph, root, 'tex', names, 4 * MAX_FORMULA, forms);
  };
}

/**
 * Variables by their TeX, the group's shared subexpressions as s_{1}, s_{2}, …
 * (`numbers`: the numbers given so far, so a subexpression both groups name keeps its number);
 * with an iteration index k, one of a loop's lanes as s_{1,k}.
 */
function resultNames(c: ExpressionContext, printing: Printing, group: FactoredGroup, index?: string): TexNames {
  const { f, numbers } = printing;
  const names = new Map<NodeId, string>();
  for (const id of group.shared) {
    if (!numbers.has(id)) numbers.set(id, numbers.size + 1);
    const lane = index !== undefined && f.graph.shapeOf(id).length === 1;
    names.set(id, `${c.names.sharedPrefix}_{${numbers.get(id)}${lane ? `,${index}` : ''}}`);
  }
  c.e.variables.forEach((v, i) => {
    const id = f.graph.nodes.find((n) => n.op === 'var' && n.attrs.name === v)?.id;
    if (id !== undefined) names.set(id, variablesTex(c)[i]);
  });
  return (id) => names.get(id);
}

/** `s_k &= …` for the group's shared subexpressions not `defined` before, in order (they are then defined). */
function definitions({ f, defined }: Printing, group: FactoredGroup, names: TexNames, forms: PrintForms = {}): string[] {
  const fresh = group.shared.filter((id) => !defined.has(id));
  for (const id of fresh) defined.add(id);
  return fresh.flatMap((id) => {
    const line = texDefinition(f.graph, id, names, forms);
    // a long definition (a sum over an unrolled loop's 100 iterations) continues on further rows, as a result does
    return line.length <= ROW_BUDGET ? [`${names(id)} &= ${line}`] : formulaRows(f.graph, (x) => (x === id ? undefined : names(x)), names(id) ?? '', id, ROW_BUDGET, forms);
  });
}

/** `lhs = formula` as align rows, a long sum continued on further rows. */
function resultRows(graph: Graph, names: TexNames, lhs: string, root: NodeId, forms: PrintForms = {}): string[] {
  if (names(root) !== undefined) return [`${lhs} &= ${names(root) ?? ''}`];
  return formulaRows(graph, (id) => (id === root ? undefined : names(id)), lhs, root, ROW_BUDGET, forms);
}
