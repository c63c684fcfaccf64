import { evaluateScalars } from '../ir/evaluate.js';
import type { Differentiated } from '../passes/differentiate.js';
import type { Descent } from './descent.js';

/** A point of a plot, in the variables' coordinates. */
export type PlotPoint = readonly [number, number];

/** One variable: the curve E(x) over the iterates' range and the iterates on it. */
export interface CurvePlot {
  readonly kind: 'curve';
  /** Pieces of the curve (split where E is not finite). */
  readonly curve: readonly (readonly PlotPoint[])[];
  /** (x_n, E(x_n)) */
  readonly path: readonly PlotPoint[];
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
  readonly value: (x: number, y: number) => number;
  readonly path: readonly PlotPoint[];
}

export type DescentPlot = CurvePlot | ContourPlot;

const CURVE_SAMPLES = 161;
const MAX_LEVELS = 12;
/** Iterates whose levels are drawn lie at least this fraction of the box apart. */
const LEVEL_SPACING = 0.06;
/** The plotted range extends the iterates' by this fraction of their span on each side. */
const MARGIN = 0.2;

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
  if (variables.length === 1) {
    const [lo, hi] = range(d.iterates.map((it) => it.point[0]));
    const samples = Array.from({ length: CURVE_SAMPLES }, (_, i) => lo + ((hi - lo) * i) / (CURVE_SAMPLES - 1));
    return {
      kind: 'curve',
      curve: finitePieces(samples.map((x) => [x, value([x])] as const)),
      path: d.iterates.map((it) => [it.point[0], it.value] as const),
    };
  }
  const box = { x: range(d.iterates.map((it) => it.point[0])), y: range(d.iterates.map((it) => it.point[1])) };
  return {
    kind: 'contour',
    box,
    levels: levels(d, box),
    value: (x, y) => value([x, y]),
    path: d.iterates.map((it) => [it.point[0], it.point[1]] as const),
  };
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
