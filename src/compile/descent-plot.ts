import { evaluateScalars } from '../ir/evaluate.js';
import type { Differentiated } from '../passes/differentiate.js';
import type { Descent } from './descent.js';
import { localMinimum } from './local-minimum.js';

/** A point of a plot, in the variables' coordinates. */
export type PlotPoint = readonly [number, number];

/** One variable: the curve E(x) over the iterates' range (and the minimum's) and the iterates on it. */
export interface CurvePlot {
  readonly kind: 'curve';
  /** Pieces of the curve (split where E is not finite). */
  readonly curve: readonly (readonly PlotPoint[])[];
  /** (x_n, E(x_n)) */
  readonly path: readonly PlotPoint[];
  /** (x*, E(x*)): the local minimum the run heads for, when the plot shows it (`plotMinimum`). */
  readonly minimum?: PlotPoint;
}

/**
 * Two variables: the box around the path, the contour levels (E at the
 * iterates, so each iterate lies on its line), E itself (the IR interpreter)
 * for tracing them, and the path (x_n, y_n).
 */
export interface ContourPlot {
  readonly kind: 'contour';
  readonly box: { readonly x: readonly [number, number]; readonly y: readonly [number, number] };
  readonly levels: readonly number[];
  /** With a minimum shown: one more level, a quarter of the way from E there to the lowest iterate level, so the lines close around it. */
  readonly minimumLevel?: number;
  readonly value: (x: number, y: number) => number;
  readonly path: readonly PlotPoint[];
  /** (x*, y*): the local minimum the run heads for, when the plot shows it (`plotMinimum`). */
  readonly minimum?: PlotPoint;
}

export type DescentPlot = CurvePlot | ContourPlot;

const CURVE_SAMPLES = 161;
const MAX_LEVELS = 12;
/** Iterates whose levels are drawn lie at least this fraction of the box apart. */
const LEVEL_SPACING = 0.06;
/** The plotted range extends the iterates' by this fraction of their span on each side. */
const MARGIN = 0.2;
/** The minimum the run heads for is shown when it is within this many times the iterates' extent of them. */
const NEAR = 12;
/**
 * A contour plot's shorter side (in the variables' units) is at least this
 * fraction of its longer side, when the two are within SAME_SCALE of each
 * other: Rosenbrock's valley y = x² needs y to range as x does.
 */
const SQUARE = 0.6;
const SAME_SCALE = 20;

/**
 * A diverged run is drawn up to its last iterate whose value is within this
 * many times max(|E(x_0)|, |E(x_1) − E(x_0)|) of E(x_0): further on, the
 * growing iterates would shrink the first steps to a dot.
 */
const PLOTTED_GROWTH = 100;

/**
 * The plot of a descent run for one or two variables (undefined for more):
 * every iterate, or for a diverged run the first ones (`plottedIterates`).
 */
export function descentPlot(gradient: Differentiated, variables: readonly string[], run: Descent): DescentPlot | undefined {
  if (variables.length < 1 || variables.length > 2 || run.iterates.length === 0) return undefined;
  const d = { ...run, iterates: run.iterates.slice(0, plottedIterates(run)) };
  const value = (xs: readonly number[]) =>
    evaluateScalars(gradient.graph, [gradient.output], Object.fromEntries(variables.map((v, i) => [v, xs[i]])))[0];
  const minimum = plotMinimum(gradient, variables, d);
  const shown = [...d.iterates.map((it) => it.point), ...(minimum ? [minimum] : [])];
  if (variables.length === 1) {
    const [lo, hi] = range(shown.map((p) => p[0]));
    const samples = Array.from({ length: CURVE_SAMPLES }, (_, i) => lo + ((hi - lo) * i) / (CURVE_SAMPLES - 1));
    return {
      kind: 'curve',
      curve: finitePieces(samples.map((x) => [x, value([x])] as const)),
      path: d.iterates.map((it) => [it.point[0], it.value] as const),
      ...(minimum ? { minimum: [minimum[0], value(minimum)] as const } : {}),
    };
  }
  const box = squared({ x: range(shown.map((p) => p[0])), y: range(shown.map((p) => p[1])) });
  return {
    kind: 'contour',
    box,
    levels: levels(d, box),
    value: (x, y) => value([x, y]),
    path: d.iterates.map((it) => [it.point[0], it.point[1]] as const),
    ...(minimum ? { minimum: [minimum[0], minimum[1]] as const, minimumLevel: minimumLevel(levels(d, box), value(minimum)) } : {}),
  };
}

/** A quarter of the way from E at the minimum to the lowest of the levels (undefined when that is no lower). */
function minimumLevel(levels: readonly number[], atMinimum: number): number | undefined {
  const lowest = Math.min(...levels);
  return lowest > atMinimum ? atMinimum + (lowest - atMinimum) / 4 : undefined;
}

/**
 * The local minimum the run heads for (from its last iterate, `localMinimum`),
 * when it is within NEAR times the iterates' extent of them (else the path
 * would shrink to a dot beside it); undefined for a run that diverged or
 * stopped, and when there is none.
 */
function plotMinimum(gradient: Differentiated, variables: readonly string[], d: Descent): readonly number[] | undefined {
  if (d.stop !== undefined) return undefined;
  const points = d.iterates.map((it) => it.point);
  const near = localMinimum(gradient, variables, points[points.length - 1]);
  if (!near) return undefined;
  const extent = Math.max(...variables.map((_v, i) => Math.max(...points.map((p) => p[i])) - Math.min(...points.map((p) => p[i]))));
  // Newton's last step leaves rounding noise: 1 − 10⁻¹⁶ is 1, 10⁻¹⁷ is 0 at the iterates' scale
  const found = near.map((x) => (Math.abs(x) < 1e-10 * extent ? 0 : Number(x.toPrecision(10))));
  const distance = Math.min(...points.map((p) => Math.hypot(...p.map((x, i) => x - found[i]))));
  return distance <= NEAR * extent ? found : undefined;
}

/** The box with its shorter side widened (about its middle) to SQUARE of the longer, when the sides are within SAME_SCALE of each other. */
function squared(box: ContourPlot['box']): ContourPlot['box'] {
  const [w, h] = [box.x[1] - box.x[0], box.y[1] - box.y[0]];
  const widen = (r: readonly [number, number], to: number): readonly [number, number] => {
    const middle = (r[0] + r[1]) / 2;
    return r[1] - r[0] >= to ? r : [middle - to / 2, middle + to / 2];
  };
  if (Math.max(w, h) > SAME_SCALE * Math.min(w, h)) return box;
  return { x: widen(box.x, SQUARE * h), y: widen(box.y, SQUARE * w) };
}

/** How many iterates a plot of the run draws: all, or for a diverged run those before E grew PLOTTED_GROWTH-fold (at least x_0 and x_1). */
export function plottedIterates(d: Descent): number {
  if (d.stop?.reason !== 'diverged' || d.iterates.length < 2) return d.iterates.length;
  const [first, second] = d.iterates;
  const scale = Math.max(Math.abs(first.value), Math.abs(second.value - first.value));
  const within = d.iterates.findIndex((it) => it.value - first.value > PLOTTED_GROWTH * scale);
  return within === -1 ? d.iterates.length : Math.max(2, within);
}

/** [min, max] of the values widened by MARGIN (±1 around a single value). */
function range(values: readonly number[]): readonly [number, number] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = hi > lo ? (hi - lo) * MARGIN : 1;
  return [lo - pad, hi + pad];
}

/**
 * The contour levels: the values at some iterates (each such iterate lies on
 * its line), distinct, at most MAX_LEVELS: x_0, then each iterate at least
 * LEVEL_SPACING of the box (in each axis' share of it) from the last one
 * chosen — so the lines spread over the picture rather than crowd where the
 * steps are short (Rosenbrock's valley) — and the last, if it is that far.
 */
function levels(d: Descent, box: ContourPlot['box']): number[] {
  const [w, h] = [box.x[1] - box.x[0], box.y[1] - box.y[0]];
  const far = (a: readonly number[], b: readonly number[]) => Math.hypot((a[0] - b[0]) / w, (a[1] - b[1]) / h) >= LEVEL_SPACING;
  const chosen = [d.iterates[0]];
  for (const it of d.iterates.slice(1)) if (far(it.point, chosen[chosen.length - 1].point)) chosen.push(it);
  const every = Math.ceil(chosen.length / MAX_LEVELS);
  return [...new Set(chosen.filter((_it, i) => i % every === 0).map((it) => it.value))];
}

/** Runs of consecutive samples with a finite value. */
function finitePieces(points: readonly PlotPoint[]): PlotPoint[][] {
  const pieces: PlotPoint[][] = [[]];
  for (const p of points) {
    if (Number.isFinite(p[1])) pieces[pieces.length - 1].push(p);
    else if (pieces[pieces.length - 1].length > 0) pieces.push([]);
  }
  return pieces.filter((piece) => piece.length > 1);
}
