import type { Descent } from '../../compile/descent.js';
import { type ExpressionContext, shown, shownOperand, variablesTex } from './expression-context.js';
import { partial, subscripted } from './tex-print.js';
import { descentFigure } from './figures/descent-figure.js';


/**
 * Gradient descent from the point: the update rule, the first step worked
 * with its numbers, then one table row per iterate (the point, the value, the gradient).
 */
export function writeDescent(c: ExpressionContext): void {
  const d = c.e.descent;
  if (!d) return;
  const { out } = c;
  const xs = variablesTex(c);
  out.subsection('Gradient descent');
  const eta = out.given(d.lr, '\\eta');
  const args = (index: string) => xs.map((x) => subscripted(x, index)).join(', ');
  const rule = xs.map((x) => `${subscripted(x, 'n+1')} &= ${subscripted(x, 'n')} - \\eta\\, ${partial(c.symbol, x)}\\left(${args('n')}\\right)`);
  out.paragraph(`Starting from the point, each step moves every variable against its derivative, with the learning rate ${out.inline(`\\eta = ${eta}`)}:`);
  out.align(rule);
  writeFirstStep(c, d, eta);
  writeIterationTable(c, d);
  writePlot(c, d);
  const first = d.iterates[0];
  const last = d.iterates[d.iterates.length - 1];
  const n = d.iterates.length - 1;
  out.paragraph(d.diverged
    ? `The run diverges: at step ${n} the value or the gradient is no longer a finite number. A smaller ${out.inline('\\eta')} would keep the steps short enough.`
    : `After ${n} steps ${out.inline(c.symbol)} went from ${out.inline(shown(c, first.value, `${c.symbol}_{0}`))} `
      + `to ${out.inline(shown(c, last.value, `${c.symbol}_{${n}}`))}.`);
}

/** The run drawn: the curve with the iterates (one variable), the level curves with the path (two). */
function writePlot(c: ExpressionContext, d: ExpressionContext['e']['descent']): void {
  const plot = d?.plot;
  if (!plot) return;
  const { out } = c;
  const xs = variablesTex(c);
  const caption = plot.kind === 'curve'
    ? `${out.inline(`${c.symbol}(${xs[0]})`)} with the iterates ${out.inline(subscripted(xs[0], 'n'))} of the table on it; `
      + 'each arrow is one step.'
    : `Level curves of ${out.inline(c.symbol)} through the iterates (${out.inline(c.symbol)} is constant along each), `
      + `and the path of ${out.inline(`\\left(${subscripted(xs[0], 'n')}, ${subscripted(xs[1], 'n')}\\right)`)}; each arrow is one step, `
      + 'against the gradient at its start.';
  out.figure(descentFigure(c, plot), caption);
}

/** x₁ = x₀ − η ∂E/∂x(x₀) with the numbers. */
function writeFirstStep(c: ExpressionContext, d: Descent, eta: string): void {
  const [x0, x1] = d.iterates;
  if (!x1) return;
  const xs = variablesTex(c);
  c.out.paragraph('The first step with its numbers:');
  c.out.align(xs.map((x, i) => {
    const derivative = shownOperand(c, x0.gradient[i], `${partial(c.symbol, x)}\\left(${subscripted(x, '0')}\\right)`);
    return `${subscripted(x, '1')} &= ${shown(c, x0.point[i], subscripted(x, '0'))} - ${eta} \\times ${derivative} = ${shown(c, x1.point[i], subscripted(x, '1'))}`;
  }));
}

/** One row per iterate: n, the point, E there and its gradient. */
function writeIterationTable(c: ExpressionContext, d: Descent): void {
  const { out } = c;
  const xs = variablesTex(c);
  const header = [out.inline('n'), ...xs.map((x) => out.inline(subscripted(x, 'n'))), out.inline(c.symbol), ...xs.map((x) => out.inline(partial(c.symbol, x)))];
  const rows = d.iterates.map((it, n) => [
    String(n),
    ...it.point.map((v, i) => out.inline(shown(c, v, subscripted(xs[i], String(n))))),
    out.inline(shown(c, it.value, `${c.symbol}_{${n}}`)),
    ...it.gradient.map((v, i) => out.inline(shown(c, v, `${partial(c.symbol, xs[i])}_{${n}}`))),
  ]);
  out.table('r'.repeat(header.length), header, rows);
}
