import { type ExpressionContext } from './expression-context.js';
import { graphFigure } from './figures/graph-figure.js';

/**
 * The computational graph as a figure: the steps of the forward pass as
 * nodes, an edge from each argument to the step that uses it; at the point,
 * the values, the adjoints and the local derivatives on it (worked out in
 * the sections that follow). A graph too large to draw legibly is named, not drawn.
 */
export function writeGraph(c: ExpressionContext): void {
  const { out } = c;
  out.subsection('The computational graph');
  const figure = graphFigure(c);
  if (!figure) {
    out.paragraph(`The graph has ${c.names.steps.length} steps, too many to draw legibly on a page; the forward pass below lists them.`);
    return;
  }
  const caption = c.worked
    ? `The computational graph of ${out.inline(c.symbol)} at the point. Each node shows its value and, under it, its adjoint `
      + `${out.inline(`\\bar{u} = \\frac{\\partial ${c.symbol}}{\\partial u}`)}; the edge from ${out.inline('u')} to a step `
      + `${out.inline('c')} that uses it carries the local derivative ${out.inline('\\frac{\\partial c}{\\partial u}')} there. `
      + 'The forward pass computes the values from the variables to the output, the backward pass the adjoints the other way.'
    : `The computational graph of ${out.inline(c.symbol)}: the edge from ${out.inline('u')} to a step ${out.inline('c')} `
      + `that uses it carries the local derivative ${out.inline('\\frac{\\partial c}{\\partial u}')} when it is short.`;
  out.figure(figure, caption);
}
