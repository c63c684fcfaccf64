import type { Descent, DescentIterate } from '../../compile/descent.js';
import type { NonFiniteStep } from '../../compile/non-finite.js';
import { type ExpressionContext, shown, shownOperand, variablesTex } from './expression-context.js';
import { partial, subscripted, texDefinition } from './tex-print.js';
import { descentFigure } from './figures/descent-figure.js';
import { counted } from '../../util/plural.js';
import { type Figure, hasArrow, scaleOf } from '../doc/figure.js';


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
  if (d.iterates.length === 0) {
    out.paragraph(`The run cannot start: ${out.inline(c.symbol)} or its gradient is not a finite number at the point.`);
    return;
  }
  writeFirstStep(c, d, eta);
  writeIterationTable(c, d);
  writePlot(c, d);
  writeEnd(c, d, eta);
}

/** How the run ended: where it got to, or why it stopped (diverged, left the domain, overflowed). */
function writeEnd(c: ExpressionContext, d: Descent, eta: string): void {
  const { out } = c;
  const first = d.iterates[0];
  const last = d.iterates[d.iterates.length - 1];
  const n = d.iterates.length - 1;
  const value = (it: DescentIterate, k: number) => out.inline(`${c.symbol}${xsArgs(c, k)} = ${shown(c, it.value, subscripted(c.symbol, String(k)))}`);
  const stop = d.stop;
  const rate = out.inline(`\\eta = ${eta}`);
  if (stop === undefined) {
    const went = `After ${counted(n, 'step')} ${out.inline(c.symbol)} went from ${out.inline(shown(c, first.value, subscripted(c.symbol, '0')))} `
      + `to ${out.inline(shown(c, last.value, subscripted(c.symbol, String(n))))}`;
    // a run that ends higher than it started is not descending, whatever its length: say so
    const rising = d.iterates.every((it, k) => k === 0 || it.value > d.iterates[k - 1].value);
    const why = `With ${rate} the steps overshoot`
      + `${rising ? ', each by more than the one before: the run diverges' : ''}; a smaller ${out.inline('\\eta')} keeps them short enough to descend.`;
    out.paragraph(last.value <= first.value ? `${went}.`
      : `${went}: ${rising ? 'it grew at every step' : 'higher than where it started'} instead of decreasing. ${why}`);
    return;
  }
  if (stop.reason === 'diverged') {
    out.paragraph(`The run diverges: instead of decreasing, ${out.inline(c.symbol)} grew from ${value(first, 0)} to ${value(last, n)}, `
      + `so it is stopped at step ${n} of the ${d.steps} asked for. With ${rate} each step overshoots by more than the one before; `
      + `a smaller ${out.inline('\\eta')} keeps the steps short enough to descend.`);
    return;
  }
  const at = out.inline(variablesTex(c).map((x, i) => `${subscripted(x, String(stop.step))} = ${shown(c, stop.point[i], subscripted(x, String(stop.step)))}`).join(',\\; '));
  const climbing = last.value > first.value;
  if (stop.failing === undefined || climbing) {
    out.paragraph(`The run diverges: ${climbing ? `${out.inline(c.symbol)} grew from ${value(first, 0)} to ${value(last, n)}, and ` : ''}`
      + `at step ${stop.step} the numbers overflow (they pass the largest floating-point number), so the run is stopped there. `
      + `With ${rate} each step overshoots by more than the one before; a smaller ${out.inline('\\eta')} keeps the steps short enough to descend.`);
    return;
  }
  out.paragraph(`The run stops at step ${stop.step}: the step from ${out.inline(iterate(c, n))} lands on ${at}, `
    + `where ${out.inline(c.symbol)} is not defined: ${undefinedStep(c, stop.failing)}. `
    + `So ${out.inline(c.symbol)} and its gradient have no value there, and the table ends at step ${n}. `
    + `A smaller ${out.inline('\\eta')} keeps the iterates inside the domain of ${out.inline(c.symbol)}.`);
}

/** Iterate k as the table names it: `x_{k}`, or `(x_{k}, y_{k})` for several variables. */
function iterate(c: ExpressionContext, k: number): string {
  return c.e.variables.length === 1 ? subscripted(variablesTex(c)[0], String(k)) : xsArgs(c, k);
}

/** `(x_{k})` or `(x_{k}, y_{k})`: E's arguments at iterate k. */
function xsArgs(c: ExpressionContext, k: number): string {
  return `(${variablesTex(c).map((x) => subscripted(x, String(k))).join(', ')})`;
}

/** `$\ln 0 = -\infty$` or `$\ln\left(-1\right)$ is not a real number`: the first step of E or ∇E that is not finite, with its arguments' numbers. */
function undefinedStep(c: ExpressionContext, failing: NonFiniteStep): string {
  const graph = c.e.gradient.graph;
  const args = graph.node(failing.node).args;
  const names = (id: number) => {
    const i = args.indexOf(id);
    return i === -1 ? undefined : shownOperand(c, failing.args[i], '\\text{argument of the undefined step}');
  };
  const step = texDefinition(graph, failing.node, names);
  return Number.isNaN(failing.value)
    ? `${c.out.inline(step)} is not a real number`
    : `${c.out.inline(`${step} = ${failing.value > 0 ? '' : '-'}\\infty`)}`;
}

/** The run drawn: the curve with the iterates (one variable), the level curves with the path (two). */
function writePlot(c: ExpressionContext, d: NonNullable<ExpressionContext['e']['descent']>): void {
  const plot = d.plot;
  if (!plot) return;
  const { out } = c;
  const xs = variablesTex(c);
  const figure = descentFigure(c, plot);
  const { steps, arrows, marked } = pathDrawn(figure);
  // true of the figure as drawn: arrowheads only on steps long enough for one, dots only where iterates stand apart
  const segments = arrows === steps ? 'each arrow is one step'
    : `each segment is one step${arrows === 0 ? '' : ` (with an arrowhead where it is long enough for one: ${arrows} of the ${counted(steps, 'step')})`}`;
  const star = (list: readonly string[]) => (list.length === 1 ? list[0] : `\\left(${list.join(', ')}\\right)`);
  const markedMinimum = (figure.points ?? []).some((p) => p.label === '\\min');
  // heads for it, or (η too large) moves away from it: which of the first and last iterates is nearer
  // (the curve's minimum is the point (x*, E(x*)) of the plot: its first coordinate is the variable's)
  const at = plot.minimum === undefined ? undefined : plot.kind === 'curve' ? [plot.minimum[0]] : plot.minimum;
  const away = at !== undefined && distance(d.iterates[d.iterates.length - 1].point, at) > distance(d.iterates[0].point, at);
  const minimum = plot.minimum
    ? ` The minimum it ${away ? 'moves away from' : 'heads for'}, ${out.inline(`${star(xs.map((x) => `${x}^{*}`))} = ${star(xs.map((x, i) => shown(c, (plot.minimum as readonly number[])[i], `${x}^{*}`)))}`)}, ${markedMinimum ? `is marked ${out.inline('\\min')}` : 'lies too close to the last iterate to be marked'}.`
    : '';
  const caption = plot.kind === 'curve'
    ? `${out.inline(`${c.symbol}(${xs[0]})`)} with the iterates ${out.inline(subscripted(xs[0], 'n'))} of the table on it; ${segments}.`
    : `Level curves of ${out.inline(c.symbol)} through some of the iterates${plot.minimumLevel === undefined ? '' : ' and one closer to the minimum'} (${out.inline(c.symbol)} is constant along each), `
      + `and the path of ${out.inline(`\\left(${subscripted(xs[0], 'n')}, ${subscripted(xs[1], 'n')}\\right)`)}: ${segments}, `
      + `against the gradient at its start${marked < steps + 1 ? `; dots mark ${marked} of the ${steps + 1} iterates, those that stand apart` : ''}.`;
  const drawn = plot.path.length;
  const only = drawn < d.iterates.length
    ? ` Only ${out.inline(`${iterate(c, 0)}, \\dots, ${iterate(c, drawn - 1)}`)} are drawn: the later iterates lie too far out.`
    : '';
  out.figure(figure, caption + minimum + only);
}

/** The Euclidean distance between two points. */
function distance(a: readonly number[], b: readonly number[]): number {
  return Math.hypot(...a.map((x, i) => x - b[i]));
}

/** What the figure draws of the path: its steps, how many carry an arrowhead, how many iterates are marked (the minimum's mark aside). */
function pathDrawn(figure: Figure): { steps: number; arrows: number; marked: number } {
  const path = figure.curves?.find((curve) => curve.style === 'path')?.points ?? [];
  const scale = scaleOf(figure.view);
  const page = (p: { x: number; y: number }) => ({ x: p.x * scale.x, y: p.y * scale.y });
  const arrows = path.slice(1).filter((p, i) => hasArrow(page(path[i]), page(p))).length;
  return { steps: path.length - 1, arrows, marked: (figure.points ?? []).filter((p) => p.label !== '\\min').length };
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
    out.inline(shown(c, it.value, subscripted(c.symbol, String(n)))),
    ...it.gradient.map((v, i) => out.inline(shown(c, v, `${partial(c.symbol, xs[i])}_{${n}}`))),
  ]);
  out.table('r'.repeat(header.length), header, rows);
}
