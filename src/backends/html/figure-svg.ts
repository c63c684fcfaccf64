import {
  type Figure, type FigureCurve, type FigureNode, type FigurePoint, type Point, checkFigure, coordinate, hasArrow, heightOf, nodeSize, scaleOf, tickLabel,
} from '../doc/figure.js';
import { edgePath, labelSegmentOf } from '../doc/figure-geometry.js';

/** Pixels per cm on screen (CSS: 96 px per inch). */
const PX_PER_CM = 96 / 2.54;
/** Room around the view for tick labels and axis labels, in px. */
const MARGIN = 36;
/** A label's box (px): wide enough for a formula, centred or anchored on its point. */
const LABEL = { width: 160, height: 28 };
const TICK = 4;

/** TeX math → HTML (the HTML backend passes KaTeX's MathML renderer). */
export type MathToHtml = (tex: string) => string;

type Anchor = NonNullable<FigurePoint['anchor']> | 'center';

/**
 * A figure as inline SVG: the same drawing as figureTikz, in px, y pointing
 * down; labels are HTML (math from `math`) in foreignObject boxes. `id` makes
 * the marker and clip ids unique in the document. Deterministic.
 */
export function figureSvg(figure: Figure, id: string, math: MathToHtml): string {
  checkFigure(figure);
  const { view } = figure;
  const scale = scaleOf(view);
  const width = view.width * PX_PER_CM;
  const height = heightOf(view) * PX_PER_CM;
  const px = (p: Point): Point => ({ x: (p.x - view.xMin) * scale.x * PX_PER_CM, y: height - (p.y - view.yMin) * scale.y * PX_PER_CM });
  const label = (p: Point, tex: string, anchor: Anchor, small = true) => labelSvg(p, math(tex), anchor, small);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="figure" width="${coordinate(width + 2 * MARGIN)}" height="${coordinate(height + 2 * MARGIN)}" `
      + `viewBox="${-MARGIN} ${-MARGIN} ${coordinate(width + 2 * MARGIN)} ${coordinate(height + 2 * MARGIN)}">`,
    '<defs>',
    `<marker id="${id}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="8" markerHeight="8" orient="auto-start-reverse">`
      + '<path d="M0,0 L10,5 L0,10 z"/></marker>',
    `<clipPath id="${id}-clip"><rect x="0" y="0" width="${coordinate(width)}" height="${coordinate(height)}"/></clipPath>`,
    '</defs>',
  ];
  const curves = figure.curves ?? [];
  if (curves.length > 0) parts.push(`<g clip-path="url(#${id}-clip)">`, ...curves.flatMap((c) => curveSvg(c, px, id)), '</g>');
  if (figure.axes) {
    const { x, y } = figure.axes;
    const origin = px({ x: view.xMin, y: view.yMin });
    parts.push(line(origin, { x: width, y: height }, `stroke="black" marker-end="url(#${id}-arrow)"`));
    parts.push(line(origin, { x: 0, y: 0 }, `stroke="black" marker-end="url(#${id}-arrow)"`));
    parts.push(label({ x: width, y: height }, x.label, 'right', false), label({ x: 0, y: 0 }, y.label, 'above', false));
    x.ticks.forEach((t, i) => {
      const p = px({ x: t, y: view.yMin });
      parts.push(line(p, { x: p.x, y: p.y + TICK }, 'stroke="black"'), label({ x: p.x, y: p.y + TICK }, tickLabel(x, i), 'below'));
    });
    y.ticks.forEach((t, i) => {
      const p = px({ x: view.xMin, y: t });
      parts.push(line(p, { x: p.x - TICK, y: p.y }, 'stroke="black"'), label({ x: p.x - TICK, y: p.y }, tickLabel(y, i), 'left'));
    });
  }
  const nodes = figure.nodes ?? [];
  // an edge's pieces as drawn, from border to border (page cm, as the layout checks measure them), in px
  const fromPage = (p: Point): Point => ({ x: p.x * PX_PER_CM, y: height - p.y * PX_PER_CM });
  for (const e of figure.edges ?? []) {
    const path = edgePath(figure, e)?.map(fromPage);
    if (!path) continue; // checkFigure has rejected such an edge
    const arrow = `stroke="black"${e.dashed ? ` ${DASHED}` : ''} marker-end="url(#${id}-arrow)"`;
    parts.push(path.length === 2 ? line(path[0], path[1], arrow) : `<polyline fill="none" ${arrow} points="${path.map((p) => `${coordinate(p.x)},${coordinate(p.y)}`).join(' ')}"/>`);
    if (e.label !== undefined) {
      const [start, end] = [path[labelSegmentOf(e)], path[labelSegmentOf(e) + 1]];
      const t = e.labelAt ?? 0.5;
      parts.push(labelSvg({ x: start.x + (end.x - start.x) * t, y: start.y + (end.y - start.y) * t }, math(e.label), 'center', true, true));
    }
  }
  for (const n of nodes) parts.push(...nodeSvg(n, px(n.at), math));
  for (const p of figure.points ?? []) {
    const at = px(p.at);
    parts.push(`<circle cx="${coordinate(at.x)}" cy="${coordinate(at.y)}" r="2.5" fill="black"/>`);
    if (p.label !== undefined) parts.push(label(at, p.label, p.anchor ?? 'above right'));
  }
  parts.push('</svg>');
  return parts.join('\n');
}

function line(a: Point, b: Point, attributes: string): string {
  return `<line x1="${coordinate(a.x)}" y1="${coordinate(a.y)}" x2="${coordinate(b.x)}" y2="${coordinate(b.y)}" ${attributes}/>`;
}

const DASHED = 'stroke-dasharray="4 3"';

const CURVE_STYLE: Readonly<Record<NonNullable<FigureCurve['style']>, string>> = {
  solid: 'stroke="black" stroke-width="1.6"',
  dashed: 'stroke="black" stroke-dasharray="5 3"',
  level: 'stroke="gray" stroke-width="0.8"',
  path: 'stroke="black" stroke-width="1.6"',
};

function curveSvg(c: FigureCurve, px: (p: Point) => Point, id: string): string[] {
  if (c.points.length < 2) return [];
  const style = CURVE_STYLE[c.style ?? 'solid'];
  const points = c.points.map(px);
  // a step too short for its arrowhead (figure.ts's hasArrow, in cm) as a plain line, as in TikZ
  const cm = (p: Point): Point => ({ x: p.x / PX_PER_CM, y: p.y / PX_PER_CM });
  if (c.style === 'path') {
    return points.slice(1).map((p, i) => line(points[i], p, `${style}${hasArrow(cm(points[i]), cm(p)) ? ` marker-end="url(#${id}-arrow)"` : ''}`));
  }
  return [`<polyline fill="none" ${style} points="${points.map((p) => `${coordinate(p.x)},${coordinate(p.y)}`).join(' ')}"/>`];
}

function nodeSvg(n: FigureNode, at: Point, math: MathToHtml): string[] {
  const { width: w, height: h } = nodeSize(n);
  const [width, height] = [w * PX_PER_CM, h * PX_PER_CM];
  const outline = `fill="white" stroke="black"${n.dashed ? ` ${DASHED}` : ''}`;
  const shape = n.shape === 'plain' ? []
    : n.shape === 'box'
      ? [`<rect x="${coordinate(at.x - width / 2)}" y="${coordinate(at.y - height / 2)}" width="${coordinate(width)}" height="${coordinate(height)}" ${outline}/>`]
      : [`<circle cx="${coordinate(at.x)}" cy="${coordinate(at.y)}" r="${coordinate(height / 2)}" ${outline}/>`];
  // the value and the note (an adjoint) in smaller type under the label, inside the shape
  const text = [math(n.label), ...[n.value, n.note].flatMap((line) => (line === undefined ? [] : [`<small>${math(line)}</small>`]))].join('<br/>');
  return [...shape, labelSvg(at, text, 'center', false)];
}

/** Where a label's box goes relative to its point, and how its content is aligned in the box. */
function labelBox(at: Point, anchor: Anchor): { x: number; y: number; justify: string; align: string } {
  const { width: w, height: h } = LABEL;
  const gap = 3;
  const x = anchor.includes('right') ? at.x + gap : anchor.includes('left') ? at.x - gap - w : at.x - w / 2;
  const y = anchor.includes('above') ? at.y - gap - h : anchor.includes('below') ? at.y + gap : at.y - h / 2;
  const justify = anchor.includes('right') ? 'flex-start' : anchor.includes('left') ? 'flex-end' : 'center';
  const align = anchor.includes('above') ? 'flex-end' : anchor.includes('below') ? 'flex-start' : 'center';
  return { x, y, justify, align };
}

/** HTML content in a foreignObject box anchored on `at`. */
function labelSvg(at: Point, html: string, anchor: Anchor, small = true, background = false): string {
  const box = labelBox(at, anchor);
  const style = `display:flex;justify-content:${box.justify};align-items:${box.align};text-align:center;`
    + `width:${LABEL.width}px;height:${LABEL.height}px;line-height:1.1;${small ? 'font-size:80%;' : ''}`;
  const inner = background ? `<span style="background:white;padding:0 1px">${html}</span>` : `<span>${html}</span>`;
  return `<foreignObject x="${coordinate(box.x)}" y="${coordinate(box.y)}" width="${LABEL.width}" height="${LABEL.height}" overflow="visible">`
    + `<div xmlns="http://www.w3.org/1999/xhtml" style="${style}">${inner}</div></foreignObject>`;
}
