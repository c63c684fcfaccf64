import type { NodeId } from '../../ir/graph.js';
import type { AdjointLine } from './derivation.js';
import { type ExpressionContext, adjointOf, nameOf, pointTex, signature, variablesTex } from './expression-context.js';
import { partial, texDefinition, texFormula } from './tex-print.js';
import { escapeText } from './tex-writer.js';
import type { FunctionOrigin } from '../../compile/expression.js';
import { type SignedTerm, signedTerm, sumRows } from './tex-sum.js';

/** The givens: the source as written, the expression printed from the IR, the variables and the point. */
export function writeGivens(c: ExpressionContext): void {
  const { e, out } = c;
  const g = e.gradient.graph;
  const variablesOnly = (id: NodeId) => (g.node(id).op === 'var' ? c.names.forwardName(id)?.tex : undefined);
  out.subsection('Given');
  if (e.origin) writeFunctionSource(c, e.origin);
  else out.paragraph(`In the model: \\texttt{${escapeText(e.name)} = ${escapeText(e.source)}}. As parsed:`);
  const formula = texFormula(g, e.gradient.output, variablesOnly, MAX_GIVEN);
  if (formula === undefined) {
    out.paragraph(`Written out in the variables it is over ${MAX_GIVEN} characters long; the forward pass below gives it step by step.`);
  } else {
    out.equation(`${signature(c)} = ${formula}`);
  }
  const vars = variablesTex(c).map((x) => out.inline(x)).join(', ');
  out.paragraph(`The gradient is taken with respect to ${vars}, in this order.`);
  const at = pointTex(c);
  if (at !== undefined) out.paragraph(`The point: ${out.inline(at)}.`);
}

/** The longest formula (characters of TeX) the givens write out in the variables. */
const MAX_GIVEN = 1200;

/**
 * A function of model.ts: its source as written (verbatim; characters
 * outside ASCII, which pdflatex's verbatim cannot print, as ?), and how it
 * was translated.
 */
function writeFunctionSource(c: ExpressionContext, origin: FunctionOrigin): void {
  const { e, out } = c;
  out.paragraph(`In the model, \\texttt{${escapeText(origin.file)}}, lines ${origin.lines.first}--${origin.lines.last}, `
    + `\\texttt{${escapeText(e.name)}} is this function:`);
  const text = e.source.replace(/[^\x09\x0a\x20-\x7e]/g, '?').replace(/\\end\{verbatim\}/g, '\\end {verbatim}');
  out.raw(`\\begin{verbatim}\n${text}\n\\end{verbatim}\n`);
  out.paragraph('nncompile read its syntax (it did not run it) and translated it to one expression: '
    + 'each assignment names a new value, each branch became a piecewise choice, each loop was unrolled and each call inlined. '
    + 'As translated:');
}

/** The forward pass: one primitive per line, v_k = op(names of its arguments). */
export function writeForwardPass(c: ExpressionContext): void {
  const { e, names, out } = c;
  const g = e.gradient.graph;
  const named = (id: NodeId) => names.forwardName(id)?.tex;
  out.subsection('Forward pass');
  const p = names.stepPrefix;
  const renamed = p === 'v' ? '' : `; the steps are ${out.inline(`${p}_k`)} here rather than ${out.inline('v_k')}, as a variable is already called like one`;
  out.paragraph('Each line applies one operation to variables, constants and earlier lines '
    + `(the generated code computes the same lines, named \\texttt{${p}1}, \\texttt{${p}2}, \\dots${renamed}).`);
  const cite = (id: NodeId) => {
    const step = e.origin?.provenance.get(id);
    if (!step) return '';
    return ` \\qquad \\text{(line ${step.line}${step.name === undefined ? '' : `: ${escapeText(step.name)}`})}`;
  };
  if (e.origin) out.paragraph(`Each line cites the line of \\texttt{${escapeText(e.origin.file)}} it comes from, and the variable it was assigned to there.`);
  const rows = names.steps.map((id) => `${nameOf(c, id)} &= ${texDefinition(g, id, named)}${cite(id)}`);
  rows.push(`${c.symbol} &= ${texFormula(g, e.gradient.output, named) ?? '?'}`);
  out.align(rows);
}

/** ∂v_k/∂(argument) for every step and every argument that depends on the variables. */
export function writeLocalDerivatives(c: ExpressionContext): void {
  const { derivation: d, out } = c;
  out.subsection('Local derivatives');
  if (d.locals.length === 0) {
    out.paragraph('No step depends on the variables, so there is nothing to differentiate.');
    return;
  }
  out.paragraph('The derivative of each step with respect to each of its arguments, '
    + 'with the other arguments held fixed (each operation\'s own derivative rule):');
  out.align(d.locals.map((l) =>
    `${partial(nameOf(c, l.step), nameOf(c, l.arg))} &= ${texFormula(d.graph, l.node, d.names) ?? '?'}`));
}

/** The backward pass: one adjoint per node, seed first, each as Σ upstream × local. */
export function writeBackwardPass(c: ExpressionContext): void {
  const { out } = c;
  out.subsection('Backward pass');
  out.paragraph(`From the output back to the variables, each adjoint is the sum over the steps that use the node `
    + `of upstream adjoint ${out.inline('\\times')} local derivative; a node used by several steps `
    + `collects one term per use.`);
  out.align(c.derivation.backward.flatMap((line) => adjointRows(c, line)));
}

/** Rows of TeX per backward-pass line before a sum is continued on the next row. */
const ROW_BUDGET = 110;

/**
 * The rows of one adjoint: the seed, ū = 0, or the general sum
 * ū = Σ c̄ ∂c/∂u followed by the concrete one, each broken into rows if long.
 */
function adjointRows(c: ExpressionContext, line: AdjointLine): string[] {
  const u = line.node;
  const bar = adjointOf(c, u);
  if (line.kind === 'seed') return [`${bar} &= ${partial(c.symbol, nameOf(c, u))} = 1 \\qquad \\text{(seed)}`];
  if (line.kind === 'zero') {
    return [`${bar} &= 0 \\qquad \\text{(}${c.symbol}\\text{ does not depend on }${nameOf(c, u)}\\text{)}`];
  }
  const d = c.derivation;
  const general = line.terms.map((t) => ({
    negative: false,
    tex: `${adjointOf(c, t.step)}\\,${partial(nameOf(c, t.step), nameOf(c, u))}`,
  }));
  const concrete = line.terms.map((t) => signedTerm(d.graph, t.product, d.names));
  const users = line.terms.map((t) => nameOf(c, t.step)).join(', ');
  const fanOut = line.terms.length > 1 ? ` \\qquad \\text{(}${nameOf(c, u)}\\text{ is used by }${users}\\text{)}` : '';
  const rows = (terms: readonly SignedTerm[]) =>
    sumRows(terms, ROW_BUDGET).map((row, i) => (i === 0 ? `&= ${row}` : `&\\quad {}${row}`));
  const [first, ...rest] = rows(general);
  return [`${bar} ${first}${fanOut}`, ...rest, ...rows(concrete)];
}
