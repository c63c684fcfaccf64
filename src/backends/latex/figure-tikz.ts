import {
  type Figure, type FigureCurve, type FigureEdge, type FigureNode, type Point, checkFigure, coordinate, hasArrow, nodeSize, scaleOf, tickLabel,
} from '../doc/figure.js';
import { labelSegmentOf } from '../doc/figure-geometry.js';

/** A figure's point → page centimetres from the view's lower-left corner. */
type ToPage = (p: Point) => Point;

/** Tick marks are this long (TikZ length). */
const TICK = '3pt';

/**
 * A figure as a tikzpicture (needs `\usepackage{tikz}`, texlive-pictures):
 * drawn in page centimetres (each point mapped from the figure's coordinates
 * by its view, as the SVG is drawn in px), so that a plot of values in the
 * millions or the millionths lands on the page at its size, with no TeX
 * dimension overflow and no coordinate rounded to 0; curves clipped to the
 * view, nodes named so edges start and end at their borders.
 * Deterministic: coordinates with at most 3 decimals (of a cm).
 */
export function figureTikz(figure: Figure): string {
  checkFigure(figure);
  const { view } = figure;
  const scale = scaleOf(view);
  const page: ToPage = (p) => ({ x: (p.x - view.xMin) * scale.x, y: (p.y - view.yMin) * scale.y });
  const at = (p: Point) => point(page(p));
  const lines = ['\\begin{tikzpicture}[x=1cm, y=1cm, >=stealth]'];
  const curves = figure.curves ?? [];
  if (curves.length > 0) {
    lines.push('\\begin{scope}');
    lines.push(`\\clip ${at({ x: view.xMin, y: view.yMin })} rectangle ${at({ x: view.xMax, y: view.yMax })};`);
    for (const c of curves) lines.push(...curveTikz(c, page));
    lines.push('\\end{scope}');
  }
  if (figure.axes) lines.push(...axesTikz(figure, at));
  for (const n of figure.nodes ?? []) lines.push(nodeTikz(n, at));
  for (const e of figure.edges ?? []) lines.push(edgeTikz(e, at));
  for (const p of figure.points ?? []) {
    const label = p.label === undefined ? '' : ` node[${p.anchor ?? 'above right'}, font=\\footnotesize] {$${p.label}$}`;
    lines.push(`\\fill ${at(p.at)} circle[radius=1.5pt]${label};`);
  }
  lines.push('\\end{tikzpicture}');
  return lines.join('\n');
}

/** A page point (cm) as a TikZ coordinate. */
function point(p: Point): string {
  return `(${coordinate(p.x)},${coordinate(p.y)})`;
}

const CURVE_STYLE: Readonly<Record<NonNullable<FigureCurve['style']>, string>> = {
  solid: 'thick',
  dashed: 'dashed',
  level: 'gray, thin',
  path: 'thick, ->',
};

/**
 * A polyline; a path is drawn as one arrow per step, so each step shows its
 * direction — a step shorter on the page than MIN_ARROW as a plain line (an
 * arrowhead on it would be longer than the step: many short steps drew a black bar).
 */
function curveTikz(c: FigureCurve, page: ToPage): string[] {
  const style = CURVE_STYLE[c.style ?? 'solid'];
  if (c.points.length < 2) return [];
  const points = c.points.map(page);
  if (c.style === 'path') {
    return points.slice(1).map((p, i) => `\\draw[${hasArrow(points[i], p) ? style : 'thick'}] ${point(points[i])} -- ${point(p)};`);
  }
  return [`\\draw[${style}] ${points.map(point).join(' -- ')};`];
}

function axesTikz(figure: Figure, at: (p: Point) => string): string[] {
  const { view } = figure;
  const axes = figure.axes;
  if (!axes) return [];
  const origin = { x: view.xMin, y: view.yMin };
  const lines = [
    `\\draw[->] ${at(origin)} -- ${at({ x: view.xMax, y: view.yMin })} node[right] {$${axes.x.label}$};`,
    `\\draw[->] ${at(origin)} -- ${at({ x: view.xMin, y: view.yMax })} node[above] {$${axes.y.label}$};`,
  ];
  axes.x.ticks.forEach((t, i) => {
    lines.push(`\\draw ${at({ x: t, y: view.yMin })} -- ++(0,-${TICK}) node[below, font=\\footnotesize] {$${tickLabel(axes.x, i)}$};`);
  });
  axes.y.ticks.forEach((t, i) => {
    lines.push(`\\draw ${at({ x: view.xMin, y: t })} -- ++(-${TICK},0) node[left, font=\\footnotesize] {$${tickLabel(axes.y, i)}$};`);
  });
  return lines;
}

function nodeTikz(n: FigureNode, at: (p: Point) => string): string {
  const { width, height } = nodeSize(n);
  const size = n.shape === 'box' && n.width !== undefined
    ? `minimum width=${coordinate(width)}cm, minimum height=${coordinate(height)}cm`
    : `minimum size=${coordinate(height)}cm`;
  const shape = n.shape === 'plain' ? 'inner sep=1pt' : n.shape === 'box' ? `draw, rectangle, ${size}` : `draw, circle, ${size}, inner sep=0pt`;
  const dashed = n.dashed ? ', dashed' : '';
  // the note (an adjoint, \\bar{u} = 2) in text style at \\scriptsize: \\scriptstyle would drop the spaces around its =
  const lines = [n.label, ...(n.value === undefined ? [] : [`\\scriptstyle ${n.value}`]), ...(n.note === undefined ? [] : [`\\mbox{\\scriptsize $${n.note}$}`])];
  // three lines closer than an array's rows (13.6 pt each): the two small ones need less (1.45 cm in all, as the figure sizes the node)
  const text = lines.length === 1 ? `$${n.label}$` : `$\\begin{array}{c} ${lines.join(lines.length === 3 ? ' \\\\[-4pt] ' : ' \\\\ ')} \\end{array}$`;
  return `\\node[${shape}${dashed}, fill=white] (${n.id}) at ${at(n.at)} {${text}};`;
}

/**
 * An edge from node to node through its `via` points, its label on white on the piece it was placed
 * on (TikZ puts a `node` on the piece that ends at the point after it).
 */
function edgeTikz(e: FigureEdge, at: (p: Point) => string): string {
  const ends = [`(${e.from})`, ...(e.via ?? []).map(at), `(${e.to})`];
  const label = e.label === undefined ? ''
    : ` node[pos=${coordinate(e.labelAt ?? 0.5)}, fill=white, inner sep=1pt, font=\\footnotesize] {$${e.label}$}`;
  const piece = labelSegmentOf(e);
  const path = ends.map((end, i) => (i === 0 ? end : ` --${i === piece + 1 ? label : ''} ${end}`)).join('');
  return `\\draw[->${e.dashed ? ', dashed' : ''}] ${path};`;
}
