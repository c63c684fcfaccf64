import type { NodeId } from '../../ir/graph.js';
import { type ExpressionContext, adjointOf, nameOf } from './expression-context.js';
import { writeRemarks } from './sections-remarks.js';
import { partial, texDefinition } from './tex-print.js';

/**
 * The compiler's side of one expression, out of the derivation's way: how the
 * generated code names the steps, the forms chosen for stability or
 * piecewise steps, and every value and adjoint at full precision (the shortest
 * decimal that reads back as the same double).
 */
export function writeAppendix(c: ExpressionContext): void {
  const { out, names } = c;
  out.subsection(`The expression ${out.inline(c.symbol)}`);
  const p = names.stepPrefix;
  const renamed = p === 'v' ? '' : ` (the steps are ${out.inline(`${p}_k`)} rather than ${out.inline('v_k')}, as a variable is already called like one)`;
  out.paragraph(`The generated code is straight-line: it computes the forward pass line by line as \\texttt{${p}1}, \\texttt{${p}2}, \\dots${renamed}, `
    + `then the backward pass's adjoints in the same order, one assignment each, and nothing else.`);
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
  const rows = [...e.variableNodes, ...names.steps].map((id) => {
    const isVariable = d.graph.node(id).op === 'var';
    const definition = isVariable ? 'given' : out.inline(texDefinition(d.graph, id, named));
    // No adjoint is computed for a step E does not depend on through the variables (a constant step).
    const valueCell = out.numberCell(worked.value(id), nameOf(c, id), 'exact');
    const adjointCell = d.adjoints.has(id) || active.has(id) || isVariable ? out.numberCell(worked.adjoint(id), adjointOf(c, id), 'exact') : 'not needed';
    return [out.inline(nameOf(c, id)), definition, valueCell, adjointCell];
  });
  out.paragraph('Every value and adjoint at the point at full precision (the working above rounds them for reading):');
  const header = ['node', 'definition', `value ${out.inline('v')}`, `adjoint ${out.inline(`\\bar{v} = ${partial(c.symbol, 'v')}`)}`];
  out.table('llll', header, rows);
}
