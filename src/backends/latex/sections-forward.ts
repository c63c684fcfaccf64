import type { NodeId } from '../../ir/graph.js';
import { type ExpressionContext, nameOf, shown, shownOperand } from './expression-context.js';
import { texDefinition, texFormula } from './tex-print.js';
import { escapeText } from './tex-writer.js';

/**
 * The forward pass, one primitive per line: the step, then (at a point) the
 * step with its arguments' numbers substituted, then its value:
 * v₁ = x² = 0.5² = 0.25.
 */
export function writeForwardPass(c: ExpressionContext): void {
  const { e, names, out, worked } = c;
  const g = e.gradient.graph;
  const named = (id: NodeId) => names.forwardName(id)?.tex;
  out.subsection('Forward pass');
  out.paragraph(worked
    ? 'Each line applies one operation to the variables, constants and earlier lines; then the same with the numbers of the point substituted, and the value.'
    : 'Each line applies one operation to the variables, constants and earlier lines.');
  const cite = (id: NodeId) => {
    const step = e.origin?.provenance.get(id);
    if (!step) return '';
    return ` \\qquad \\text{(line ${step.line}${step.name === undefined ? '' : `: ${escapeText(step.name)}`})}`;
  };
  if (e.origin) out.paragraph(`Each line cites the line of \\texttt{${escapeText(e.origin.file)}} it comes from, and the variable it was assigned to there.`);
  const substituted = (id: NodeId) => {
    if (!worked) return '';
    const numbers = (a: NodeId) => (names.forwardName(a) === undefined ? undefined : shownOperand(worked.value(a)));
    return ` = ${texDefinition(g, id, numbers)} = ${shown(worked.value(id))}`;
  };
  const rows = names.steps.map((id) => `${nameOf(c, id)} &= ${texDefinition(g, id, named)}${substituted(id)}${cite(id)}`);
  const result = worked ? ` = ${shown(worked.value(e.gradient.output))}` : '';
  rows.push(`${c.symbol} &= ${texFormula(g, e.gradient.output, named) ?? '?'}${result}`);
  out.align(rows);
}
