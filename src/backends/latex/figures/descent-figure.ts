import type { ContourPlot, CurvePlot, DescentPlot, PlotPoint } from '../../../compile/descent-plot.js';
import { contourCurves } from '../../doc/contour.js';
import type { Axis, Figure, FigurePoint, View } from '../../doc/figure.js';
import { type ExpressionContext, variablesTex } from '../expression-context.js';
import { subscripted } from '../tex-print.js';
import { niceTicks } from './ticks.js';
import { placePointLabels } from '../../doc/point-labels.js';

/** The plot's size on the page (cm). */
const WIDTH = 10;
const HEIGHT = 6.5;
/** The y range of a curve extends the iterates' values by this fraction of their span. */
const MARGIN = 0.25;
/** Iterates closer than this on the page (cm) to the last labelled one are not labelled. */
const LABEL_SPACING = 0.9;
/** Iterates of a contour plot closer than this on the page (cm) to the last marked one are not marked. */
const MARK_SPACING = 0.2;

/**
 * Gradient descent drawn: for one variable the curve E(x) with the iterates
 * on it and the path between them; for two, the level curves of E through
 * the iterates with the path (x_n, y_n). The ticks go through the writer's
 * number (recorded in the companion).
 */
export function descentFigure(c: ExpressionContext, plot: DescentPlot): Figure {
  return plot.kind === 'curve' ? curveFigure(c, plot) : contourFigure(c, plot);
}

function axis(c: ExpressionContext, label: string, lo: number, hi: number): Axis {
  const ticks = niceTicks(lo, hi);
  return { label, ticks, tickLabels: ticks.map((t) => c.out.number(t, `${label}\\text{ (axis)}`, 'exact')) };
}

function curveFigure(c: ExpressionContext, plot: CurvePlot): Figure {
  const [x] = variablesTex(c);
  const xs = plot.curve.flat().map((p) => p[0]);
  const values = [...plot.path, ...(plot.minimum ? [plot.minimum] : [])].map((p) => p[1]);
  const [lo, hi] = [Math.min(...values), Math.max(...values)];
  const pad = hi > lo ? (hi - lo) * MARGIN : 1;
  const view: View = { xMin: Math.min(...xs), xMax: Math.max(...xs), yMin: lo - pad, yMax: hi + pad, width: WIDTH, height: HEIGHT };
  return placePointLabels({
    view,
    axes: { x: axis(c, x, view.xMin, view.xMax), y: axis(c, `${c.symbol}(${x})`, view.yMin, view.yMax) },
    curves: [...plot.curve.map((piece) => ({ points: piece.map(point) })), { points: plot.path.map(point), style: 'path' as const }],
    points: [...labelled(view, plot.path, (n) => subscripted(x, String(n))), ...minimumMark(view, plot)],
  }, (k) => k > 0 && k < plot.path.length - 1); // x₀ and the last iterate always labelled, those between where they cover nothing

}

function contourFigure(c: ExpressionContext, plot: ContourPlot): Figure {
  const [x, y] = variablesTex(c);
  const { box } = plot;
  // one unit of x and of y the same length, unless that makes the plot too flat or too tall
  const ratio = (box.y[1] - box.y[0]) / (box.x[1] - box.x[0]);
  const height = Math.min(Math.max(WIDTH * ratio, 4), 9);
  const view: View = { xMin: box.x[0], xMax: box.x[1], yMin: box.y[0], yMax: box.y[1], width: WIDTH, height };
  const last = plot.path.length - 1;
  const name = (n: number) => `\\left(${subscripted(x, String(n))}, ${subscripted(y, String(n))}\\right)`;
  return placePointLabels({
    view,
    axes: { x: axis(c, x, view.xMin, view.xMax), y: axis(c, y, view.yMin, view.yMax) },
    // a fine grid: a long, flat valley (Rosenbrock's) traced on a coarse one comes out jagged
    curves: [...contourCurves(plot.value, view, [...plot.levels, ...(plot.minimumLevel === undefined ? [] : [plot.minimumLevel])], 120),
      { points: plot.path.map(point), style: 'path' as const }],
    // the start and the end labelled, the iterates between them marked where they stand apart on the page
    // (a hundred short steps along a valley would otherwise print as one black bar); labels where they cover no step
    points: [...spaced(view, plot.path, MARK_SPACING).map((n) => (n === 0 || n === last ? { at: point(plot.path[n]), label: name(n) }
      : { at: point(plot.path[n]) })), ...minimumMark(view, plot)],
  });
}

/** The minimum the run heads for, marked and labelled min, unless the last iterate is already on it (on the page). */
function minimumMark(view: View, plot: DescentPlot): FigurePoint[] {
  if (!plot.minimum) return [];
  const m = plot.minimum;
  const end = plot.path[plot.path.length - 1];
  const sx = view.width / (view.xMax - view.xMin);
  const sy = (view.height ?? view.width) / (view.yMax - view.yMin);
  return Math.hypot((m[0] - end[0]) * sx, (m[1] - end[1]) * sy) < LABEL_SPACING ? [] : [{ at: point(m), label: '\\min' }];
}

function point(p: PlotPoint): { x: number; y: number } {
  return { x: p[0], y: p[1] };
}

/** The indices of the iterates to mark: the first, each one at least `spacing` cm on the page from the last marked, and the last. */
function spaced(view: View, path: readonly PlotPoint[], spacing: number): number[] {
  const sx = view.width / (view.xMax - view.xMin);
  const sy = (view.height ?? view.width) / (view.yMax - view.yMin);
  const marked = [0];
  path.forEach((p, n) => {
    const m = path[marked[marked.length - 1]];
    if (n > 0 && (n === path.length - 1 || Math.hypot((p[0] - m[0]) * sx, (p[1] - m[1]) * sy) >= spacing)) marked.push(n);
  });
  return marked;
}

/**
 * Every iterate as a point; labelled (`label(n)`) when far enough on the page
 * from every labelled one (an oscillating run comes back beside an iterate
 * two steps before), the first always; the last too, in place of the
 * labelled one it would crowd.
 */
function labelled(view: View, path: readonly PlotPoint[], label: (n: number) => string): FigurePoint[] {
  const sx = view.width / (view.xMax - view.xMin);
  const sy = (view.height ?? view.width) / (view.yMax - view.yMin);
  const near = (p: PlotPoint, q: PlotPoint) => Math.hypot((p[0] - q[0]) * sx, (p[1] - q[1]) * sy) < LABEL_SPACING;
  const last = path.length - 1;
  const shown: number[] = [];
  path.forEach((p, n) => {
    if (n === 0 || !shown.some((m) => near(p, path[m]))) shown.push(n);
  });
  // the last iterate, where the run ended, is named; an earlier one beside it gives way (x₀ never does)
  const kept = last > 0 && !shown.includes(last) ? [...shown.filter((m) => m === 0 || !near(path[m], path[last])), last] : shown;
  return path.map((p, n) => (kept.includes(n) ? { at: point(p), label: label(n) } : { at: point(p) }));
}
