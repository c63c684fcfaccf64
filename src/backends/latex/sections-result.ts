import type { Graph, NodeId } from '../../ir/graph.js';
import { simplify } from '../../passes/simplify.js';
import { type ExpressionContext, adjointOf, variablesTex } from './expression-context.js';
import { MAX_INLINE, type TexNames, partial, secondPartial, texFormula } from './tex-print.js';
import { sumRows, sumTerms } from './tex-sum.js';

/** How a result is printed: written out in the variables, in terms of the v_k, or not at all (too long). */
interface ResultFormula {
  readonly form: 'variables' | 'steps' | 'too long';
  readonly root: NodeId;
  readonly names: TexNames;
  /** The formula on one line (undefined when too long). */
  readonly tex?: string;
}

/** A graph after simplify(), with names for its nodes in both forms. */
interface SimplifiedNames {
  readonly graph: Graph;
  readonly map: readonly NodeId[];
  readonly variables: TexNames;
  readonly steps: TexNames;
}

/** Characters of TeX per row before a long result continues on the next row. */
const ROW_BUDGET = 120;
/** A Hessian is a bmatrix only when each of its rows is at most this long. */
const MATRIX_ROW_BUDGET = 160;

/**
 * The gradient ∂E/∂x_i (simplified, written out in the variables) and, when
 * asked, the Hessian ∂²E/∂x_i∂x_j.
 */
export function writeResult(c: ExpressionContext): void {
  const { e, out } = c;
  out.subsection('Result');
  const s = simplifiedNames(c, e.gradient.graph);
  const formulas = e.gradient.gradient.map((id) => resultFormula(s, s.map[id]));
  const xs = variablesTex(c);
  out.paragraph('The gradient, simplified and written out in the variables:');
  out.align(formulas.flatMap((f, i) => resultRows(s, partial(c.symbol, xs[i]), f, adjointOf(c, e.variableNodes[i]))));
  explainLongFormulas(c, formulas, 'their values are the adjoints the backward pass computes (as does the generated code).');
  if (e.hessian) writeHessian(c, e.hessian.graph, e.hessian.rows);
}

/** The Hessian as a bmatrix when it fits, otherwise one entry per line (upper triangle: it is symmetric). */
function writeHessian(c: ExpressionContext, graph: Graph, rows: readonly (readonly NodeId[])[]): void {
  const { out } = c;
  const s = simplifiedNames(c, graph);
  const entries = rows.map((row) => row.map((id) => resultFormula(s, s.map[id])));
  out.paragraph('The Hessian, by differentiating each gradient component again '
    + `(row ${out.inline('i')}, column ${out.inline('j')} is ${out.inline(secondPartial(c.symbol, 'x_i', 'x_j'))}):`);
  const fits = entries.every((row) =>
    row.every((f) => f.form === 'variables') && row.reduce((n, f) => n + (f.tex?.length ?? 0), 0) <= MATRIX_ROW_BUDGET);
  if (fits) {
    out.equation(`\\nabla^2 ${c.symbol} = ${bmatrix(entries.map((row) => row.map((f) => f.tex ?? '')))}`);
    return;
  }
  const xs = variablesTex(c);
  const upper = entries.flatMap((row, i) => row.slice(i).map((f, k) => ({ f, i, j: i + k })));
  out.align(upper.flatMap(({ f, i, j }) => resultRows(s, secondPartial(c.symbol, xs[i], xs[j]), f)));
  explainLongFormulas(c, upper.map((u) => u.f), c.e.point
    ? 'their values at the point are given below (and computed by the generated Hessian function).'
    : 'the generated Hessian function computes their values.');
}

/** `\begin{bmatrix} a & b \\ c & d \end{bmatrix}` */
export function bmatrix(cells: readonly (readonly string[])[]): string {
  return `\\begin{bmatrix} ${cells.map((row) => row.join(' & ')).join(' \\\\ ')} \\end{bmatrix}`;
}

/**
 * `lhs = (via =) formula` as align rows, a long sum continued on further rows;
 * `\cdots` when too long to print.
 */
function resultRows(s: SimplifiedNames, lhs: string, f: ResultFormula, via?: string): string[] {
  const [first, ...rest] = f.form === 'too long' ? ['\\cdots'] : sumRows(sumTerms(s.graph, f.root, f.names), ROW_BUDGET);
  return [`${lhs} &= ${via === undefined ? '' : `${via} = `}${first}`, ...rest.map((row) => `&\\quad {}${row}`)];
}

/** Says which formulas are given in terms of the v_k or left out, why, and where their values are (`whereValues`). */
function explainLongFormulas(c: ExpressionContext, formulas: readonly ResultFormula[], whereValues: string): void {
  if (formulas.some((f) => f.form === 'steps')) {
    c.out.paragraph(`Some formulas are too long to write out in the variables (over ${MAX_INLINE} characters of TeX); `
      + `they are written in terms of the forward steps ${c.out.inline('v_k')} instead.`);
  }
  if (formulas.some((f) => f.form === 'too long')) {
    c.out.paragraph(`Some formulas are too long to print even in terms of the forward steps; ${whereValues}`);
  }
}

/** A result node written out in the variables if short enough, else in terms of the v_k, else not at all. */
function resultFormula(s: SimplifiedNames, root: NodeId): ResultFormula {
  const inVariables = texFormula(s.graph, root, s.variables, MAX_INLINE);
  if (inVariables !== undefined) return { form: 'variables', root, names: s.variables, tex: inVariables };
  const inSteps = texFormula(s.graph, root, s.steps, MAX_INLINE);
  if (inSteps !== undefined) return { form: 'steps', root, names: s.steps, tex: inSteps };
  return { form: 'too long', root, names: s.steps };
}

/**
 * simplify() a graph that extends the forward graph (so forward ids are
 * unchanged), and name its nodes: variables always; forward steps only in the
 * `steps` form. Two steps that simplify to one node share the first name (their
 * values are equal).
 */
function simplifiedNames(c: ExpressionContext, input: Graph): SimplifiedNames {
  const { graph, map } = simplify(input);
  const variables = new Map<NodeId, string>();
  const steps = new Map<NodeId, string>();
  c.e.variableNodes.forEach((id) => variables.set(map[id], c.names.forwardName(id)?.tex ?? '?'));
  for (const id of c.names.steps) if (!steps.has(map[id])) steps.set(map[id], c.names.forwardName(id)?.tex ?? '?');
  for (const [id, name] of variables) steps.set(id, name);
  return { graph, map, variables: (id) => variables.get(id), steps: (id) => steps.get(id) };
}
