import { formatNumber } from './number-format.js';

/**
 * A figure of the notes as data, not TeX: what is drawn where, in the
 * figure's own coordinates (a computational graph's layout, a network's
 * layers, a function's x and y). The LaTeX backend draws it with TikZ
 * (latex/figure-tikz.ts), the HTML backend as inline SVG
 * (html/figure-svg.ts); both are deterministic. Labels are TeX math (without
 * `$`), typeset by each backend's math (TeX, KaTeX).
 *
 * Enough for: a computational graph (nodes with a name and a value, edges
 * labelled with local derivatives), a network diagram (units, weights named
 * as the model names them), a 1-D function with its gradient-descent
 * iterates (axes, a curve, labelled points, a path) and a 2-D contour plot
 * with a path (level curves, see contour.ts).
 */

/** A point in the figure's coordinates (y up). */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** The region of the figure's coordinates that is drawn, and its width on the page. */
export interface View {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
  /** Width on the page in cm; the height follows (one unit of x and of y have the same length unless `height` is given). */
  readonly width: number;
  /** Height on the page in cm (for plots whose y range is not to scale with x). */
  readonly height?: number;
}

/** A node of a graph or a unit of a network: a shape with a TeX label, and an optional second line (its value). */
export interface FigureNode {
  /** Unique within the figure; edges refer to it. */
  readonly id: string;
  readonly at: Point;
  /** TeX math, e.g. `v_{3}` or `x_{1}`. */
  readonly label: string;
  /** A second line in smaller type, TeX math: the node's value at the worked point. */
  readonly value?: string;
  /** circle (default): a value or a unit; box: an input or an operation; plain: text only. */
  readonly shape?: 'circle' | 'box' | 'plain';
  /** Diameter (circle) or side (box) in cm on the page; default 1. For a box with `width`, its height. */
  readonly size?: number;
  /** A box's width in cm (a rectangle `width` × `size`); default `size`. */
  readonly width?: number;
  /**
   * A third line in smaller type inside the shape, under the value, TeX math: the node's adjoint
   * `\bar{v}_{1} = 2` (as the micrograd lecture's nodes show data and grad). Inside, no edge can cross it.
   */
  readonly note?: string;
  /** A dashed outline (a frozen parameter). */
  readonly dashed?: boolean;
}

/** An arrow from one node to another, with an optional TeX label (a local derivative, a weight's name). */
export interface FigureEdge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
  /**
   * Points the edge passes through on its way (figure coordinates): a line from `from` through each to `to`,
   * around the nodes in between. Default none: a straight line.
   */
  readonly via?: readonly Point[];
  /** The piece of the line the label sits on: 0 from `from` to the first `via` point, … ; default the last, into `to`. */
  readonly labelSegment?: number;
  /** Where along its piece the label sits, 0 (at its start, the border of `from` on the first) to 1 (at its end, the border of `to` on the last); default 0.5. */
  readonly labelAt?: number;
  /** A dashed line (a frozen parameter's connection). */
  readonly dashed?: boolean;
}

/** A polyline through points in order: a function's graph (sampled finely), a level curve, an iteration path. */
export interface FigureCurve {
  readonly points: readonly Point[];
  /** solid (default): a function's graph; level: a thin grey contour line; path: a bold path with arrows between points. */
  readonly style?: 'solid' | 'level' | 'path' | 'dashed';
}

/** A marked point with an optional TeX label beside it (an iterate x_n, a minimum). */
export interface FigurePoint {
  readonly at: Point;
  readonly label?: string;
  /** Where the label sits relative to the point; default above right. */
  readonly anchor?: 'above' | 'below' | 'left' | 'right' | 'above right' | 'above left' | 'below right' | 'below left';
}

/** One axis: its TeX label and the ticks (values, printed as a textbook prints numbers). */
export interface Axis {
  readonly label: string;
  readonly ticks: readonly number[];
  /** The ticks as printed (TeX math), one per tick; default formatNumber of each (the notes pass them through the writer's number, so the companion records them). */
  readonly tickLabels?: readonly string[];
}

/** Axes along the bottom (x) and the left (y) of the view. */
export interface Axes {
  readonly x: Axis;
  readonly y: Axis;
}

export interface Figure {
  readonly view: View;
  readonly axes?: Axes;
  readonly curves?: readonly FigureCurve[];
  readonly edges?: readonly FigureEdge[];
  readonly nodes?: readonly FigureNode[];
  readonly points?: readonly FigurePoint[];
}

/** Tick i of an axis as printed: its label when the figure gives one, else the tick as a textbook prints it. */
export function tickLabel(axis: Axis, i: number): string {
  return axis.tickLabels?.[i] ?? formatNumber(axis.ticks[i]);
}

/** A node's extent on the page in cm: width and height of its shape (a circle's diameter both). */
export function nodeSize(n: FigureNode): { width: number; height: number } {
  const size = n.size ?? 1;
  return { width: n.shape === 'box' ? n.width ?? size : size, height: size };
}

/** Page centimetres per unit of x and of y. */
export function scaleOf(view: View): { x: number; y: number } {
  const x = view.width / (view.xMax - view.xMin);
  const y = view.height === undefined ? x : view.height / (view.yMax - view.yMin);
  return { x, y };
}

/** A path's step shorter than this on the page (cm) is drawn without its arrowhead, which would be longer than the step. */
export const MIN_ARROW = 0.3;

/** Whether a path's step from a to b (page cm) is long enough to carry an arrowhead. */
export function hasArrow(a: Point, b: Point): boolean {
  return Math.hypot(b.x - a.x, b.y - a.y) >= MIN_ARROW;
}

/** The figure's height on the page in cm. */
export function heightOf(view: View): number {
  return (view.yMax - view.yMin) * scaleOf(view).y;
}

/** A coordinate as printed in TikZ and SVG: at most 3 decimals, no trailing zeros, never -0 (deterministic). */
export function coordinate(value: number): string {
  const text = (Math.round(value * 1000) / 1000).toFixed(3).replace(/\.?0+$/, '');
  return text === '-0' ? '0' : text;
}

/**
 * Checks what a renderer relies on: a view with positive extent, finite
 * coordinates, unique node ids, edges between existing nodes. A failure is a
 * bug in the notes writer that made the figure, so it throws a plain Error.
 */
export function checkFigure(figure: Figure): void {
  const { view } = figure;
  if (!(view.xMax > view.xMin && view.yMax > view.yMin && view.width > 0 && (view.height ?? 1) > 0)) {
    throw new Error(`figure: the view must have a positive extent: ${JSON.stringify(view)}`);
  }
  const finite = (p: Point, what: string) => {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) throw new Error(`figure: ${what} at (${p.x}, ${p.y}) is not finite`);
  };
  const ids = new Set<string>();
  for (const n of figure.nodes ?? []) {
    if (ids.has(n.id)) throw new Error(`figure: two nodes have the id ${n.id}`);
    if (!/^[A-Za-z0-9-]+$/.test(n.id)) throw new Error(`figure: node id ${n.id} must be letters, digits and -`);
    ids.add(n.id);
    finite(n.at, `node ${n.id}`);
  }
  for (const e of figure.edges ?? []) {
    if (!ids.has(e.from) || !ids.has(e.to)) throw new Error(`figure: edge ${e.from} -> ${e.to} names a node that is not in the figure`);
    (e.via ?? []).forEach((p) => finite(p, `a point of edge ${e.from} -> ${e.to}`));
    if (e.labelSegment !== undefined && !(Number.isInteger(e.labelSegment) && e.labelSegment >= 0 && e.labelSegment <= (e.via ?? []).length)) {
      throw new Error(`figure: edge ${e.from} -> ${e.to} has no piece ${e.labelSegment} to put its label on`);
    }
  }
  for (const axis of figure.axes ? [figure.axes.x, figure.axes.y] : []) {
    if (axis.tickLabels !== undefined && axis.tickLabels.length !== axis.ticks.length) {
      throw new Error(`figure: axis ${axis.label} has ${axis.ticks.length} ticks and ${axis.tickLabels.length} tick labels`);
    }
  }
  for (const c of figure.curves ?? []) c.points.forEach((p) => finite(p, 'a curve point'));
  for (const p of figure.points ?? []) finite(p.at, `point ${p.label ?? ''}`);
}
