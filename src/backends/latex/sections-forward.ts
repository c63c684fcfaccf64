import type { NodeId } from '../../ir/graph.js';
import { type ExpressionContext, nameOf, shown, shownOperand } from './expression-context.js';
import { MAX_ROW_EM, texDefinition, texFormula } from './tex-print.js';
import { texWidth } from '../doc/figure-geometry.js';
import { printExpression, type PrintForms } from '../print/print-expression.js';
import { PREC, type Printed, printed, wrap } from '../print/notation.js';

/** A number alone in an exponent needs no parentheses: e^{-0.25}, not e^{(-0.25)}. */
const bare = (p: Printed) => /^\\left\((-?[^()]*)\\right\)$/.exec(p.text)?.[1] ?? p.text;

/**
 * Between numbers a product is ×, never juxtaposition or · (0.5 × (−0.5), 3 × 0.25); e to a number
 * without parentheses; softplus, named in the step, as its formula with the numbers: softplus(x) = ln(1 + e^{0.4}).
 */
const NUMBER_FORMS: PrintForms = {
  mul: ([a, b], n) => printed(`${wrap(a, PREC.MUL, n)} \\times ${wrap(b, PREC.POW, n)}`, PREC.MUL),
  exp: ([a]) => printed(`e^{${bare(a)}}`, PREC.POW),
  softplus: ([a]) => printed(`\\ln\\left(1 + e^{${bare(a)}}\\right)`, PREC.ATOM),
};
import { escapeText } from './tex-writer.js';
import { elideIterations, elidesIterations } from './elided-iterations.js';

/** Characters of TeX in a forward-pass row before its numbers go on a row of their own. */
const ROW_BUDGET = 120;

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
  // the source line (and variable) of a step; a step on the side of a branch not taken at the point is not computed there
  const cite = (id: NodeId) => {
    const step = e.origin?.provenance.get(id);
    const notes = [
      ...(step ? [`line ${step.line}${step.name === undefined ? '' : `: ${escapeText(step.name)}`}`] : []),
      ...(worked && !worked.computed(id) ? ['not computed: a side not taken'] : []),
    ];
    return notes.length === 0 ? '' : ` \\qquad \\text{(${notes.join('; ')})}`;
  };
  if (e.origin) out.paragraph(`Each line cites the line of \\texttt{${escapeText(e.origin.file)}} it comes from, and the variable it was assigned to there.`);
  if (worked && names.steps.some((id) => !worked.computed(id))) {
    out.paragraph('At the point, a step on the side of a branch not taken is not computed, as in the generated code, which computes only the side taken: '
      + 'it has no value there, and it contributes nothing to the backward pass (its adjoint and every term through it are 0).');
  }
  const substituted = (id: NodeId) => {
    if (!worked || !worked.computed(id)) return '';
    // a branch's side not taken is not computed: it keeps its name
    const numbers = (a: NodeId) => (names.forwardName(a) === undefined ? undefined
      : worked.computed(a) ? shownOperand(c, worked.value(a), nameOf(c, a)) : nameOf(c, a));
    return `${printExpression(g, id, 'tex', numbers, Infinity, NUMBER_FORMS) ?? ''} = ${shown(c, worked.value(id), nameOf(c, id))}`;
  };
  // A long step (a piecewise one) continues with its numbers on a second row.
  if (elidesIterations(c)) {
    out.paragraph('A long loop is written out for its first two and its last iterations (elements 0, 1 and the last of each vector it makes); '
      + 'the iterations between are the same steps on the next elements, one row of dots each (the generated code keeps the loop as a loop).');
  }
  const rows = elideIterations(c, names.steps, (id) => id, (id) => {
    const definition = `${nameOf(c, id)} &= ${texDefinition(g, id, named)}`;
    const numbers = substituted(id);
    if (numbers === '') return [`${definition}${cite(id)}`];
    const row = `${definition} = ${numbers}${cite(id)}`;
    // too long for one row (a constant printed in full, 0.9189385332046727 = ½ ln 2π, ran 44 pt out): the numbers below
    return definition.length + numbers.length > ROW_BUDGET || texWidth(row) > MAX_ROW_EM
      ? [`${definition}${cite(id)}`, `&= ${numbers}`]
      : [row];
  });
  const result = worked ? ` = ${shown(c, worked.value(e.gradient.output), c.symbol)}` : '';
  rows.push(`${c.symbol} &= ${texFormula(g, e.gradient.output, named) ?? '?'}${result}`);
  out.align(rows);
}
