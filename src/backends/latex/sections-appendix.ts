import type { NodeId } from '../../ir/graph.js';
import { type ExpressionContext, adjointOf, nameOf } from './expression-context.js';
import { writeRemarks } from './sections-remarks.js';
import { partial, texDefinition } from './tex-print.js';
import { escapeText } from './tex-writer.js';
import { elideRuns } from './elided-iterations.js';
import { expressionKind } from './sections-given.js';

/**
 * The compiler's side of one expression, out of the derivation's way: how the
 * generated code names the steps, the forms chosen for stability or
 * piecewise steps, and every value and adjoint at full precision (the shortest
 * decimal that reads back as the same double).
 */
export function writeAppendix(c: ExpressionContext): void {
  const { out, names } = c;
  out.subsection(expressionKind(c));
  const p = names.stepPrefix;
  const renamed = p === 'v' ? '' : ` (the steps are ${out.inline(`${p}_k`)} rather than ${out.inline('v_k')}, as a variable is already called like one)`;
  const straight = `it computes the forward pass line by line as \\texttt{${p}1}, \\texttt{${p}2}, \\dots${renamed}, `
    + `then the backward pass's adjoints in the same order, one assignment each, and nothing else.`;
  out.paragraph(c.e.looped
    ? `The generated \\texttt{${escapeText(c.e.name)}} and \\texttt{${escapeText(c.e.name)}\\_grad} keep the long loops as loops: one pass over the iterations computes each one's steps `
      + 'and adds its terms to the sums and the gradient entries it touches, so the code does not grow with the length; '
      + `the derivation above is those loops written out. ${c.e.hessian ? `The Hessian's code is straight-line (the loops unrolled): ${straight}` : ''}`
    : `The generated code is straight-line: ${straight}`);
  writeRemarks(c);
  writeNodeTable(c);
}

/** One row per variable and forward step: name, definition, value, adjoint, at full precision. */
function writeNodeTable(c: ExpressionContext): void {
  const { e, names, out, worked } = c;
  if (!worked) return;
  const d = e.gradient;
  const active = new Set(d.active);
  const named = (id: NodeId) => names.forwardName(id)?.tex;
  // a long loop's middle iterations left out, as in the passes (elided-iterations.ts)
  // short: the definitions column is as wide as its widest cell (a longer phrase ran 70 pt into the margin)
  const likewise = (length: number) => [out.inline('\\vdots'), `likewise for ${out.inline(`k = 2, \\dots, ${length - 2}`)}`, '', ''];
  const rows = elideRuns(c, [...e.variableNodes, ...names.steps], (id) => id, (id) => {
    const isVariable = d.graph.node(id).op === 'var';
    const definition = isVariable ? 'given' : out.inline(texDefinition(d.graph, id, named));
    // No adjoint is computed for a step E does not depend on through the variables (a constant step).
    const valueCell = worked.computed(id) ? out.numberCell(worked.value(id), nameOf(c, id), 'exact') : 'not computed (a side not taken)';
    const adjointCell = d.adjoints.has(id) || active.has(id) || isVariable ? out.numberCell(worked.adjoint(id), adjointOf(c, id), 'exact') : 'not needed';
    return [[out.inline(nameOf(c, id)), definition, valueCell, adjointCell]];
  }, likewise);
  out.paragraph('Every value and adjoint at the point at full precision (the working above rounds them for reading):');
  const header = ['node', 'definition', `value ${out.inline('v')}`, `adjoint ${out.inline(`\\bar{v} = ${partial(c.symbol, 'v')}`)}`];
  out.table('llll', header, rows);
}
