import { type Figure, type FigureEdge, type FigureNode, type Point, heightOf, nodeSize, scaleOf } from './figure.js';

/**
 * Where a figure's parts land on the page, estimated without a typesetter:
 * the boxes of nodes and of edge labels, the edges' lines, in page cm
 * from the view's lower-left corner. The notes writers size and space their
 * figures with it, place edge labels where they do not collide, and the tests
 * check a figure with it (no overlapping nodes, every label on the canvas).
 */

/** An axis-aligned box in page cm (y up). */
export interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** One em in cm: the notes' 11 pt text, \footnotesize (9 pt, labels) and \scriptstyle (values). */
export const EM = { normal: 0.387, small: 0.316, script: 0.27 } as const;
/** The height of one line of a label in cm (footnotesize with its leading). */
export const LINE = 0.42;

const SKIPPED = new Set(['left', 'right', ',', ';', '!', 'quad', 'qquad', 'bar', 'hat', 'tilde', 'mathbf', 'mathit', 'mathrm', 'operatorname', 'text', 'scriptstyle', 'textstyle']);
const NAMED = new Set(['sin', 'cos', 'tan', 'tanh', 'exp', 'log', 'ln', 'max', 'min', 'sqrt']);

/**
 * The width of TeX math in em, estimated: 0.55 em per character, 0.9 em per
 * operator or relation with its spacing, scripts at 70 %, a fraction as wide
 * as its wider part. An overestimate for most formulas, by design.
 */
export function texWidth(tex: string): number {
  let i = 0;
  const group = (): number => {
    if (tex[i] !== '{') return atom();
    i++;
    let width = 0;
    while (i < tex.length && tex[i] !== '}') width += atom();
    i++;
    return width;
  };
  const atom = (): number => {
    const c = tex[i++];
    if (c === '{') {
      i--;
      return group();
    }
    if (c === '^' || c === '_') return 0.7 * group();
    if (c === ' ' || c === '}') return 0;
    if (c === '\\') {
      const name = /^[A-Za-z]+|^./.exec(tex.slice(i))?.[0] ?? '';
      i += name.length;
      if (name === 'frac' || name === 'tfrac') return Math.max(group(), group());
      if (SKIPPED.has(name)) return 0;
      if (NAMED.has(name)) return 0.55 * name.length + 0.2;
      return name === 'times' || name === 'cdot' ? 0.9 : 0.6;
    }
    return /[-+=<>]/.test(c) ? 0.9 : 0.55;
  };
  let width = 0;
  while (i < tex.length) width += atom();
  return width;
}

/** The page position (cm) of a point in the figure's coordinates. */
export function pagePoint(figure: Figure, p: Point): Point {
  const scale = scaleOf(figure.view);
  return { x: (p.x - figure.view.xMin) * scale.x, y: (p.y - figure.view.yMin) * scale.y };
}

/** A box of the given size centred on a page point. */
export function centredBox(at: Point, width: number, height: number): Box {
  return { x0: at.x - width / 2, y0: at.y - height / 2, x1: at.x + width / 2, y1: at.y + height / 2 };
}

/** A node's shape on the page (a circle by its bounding square). */
export function nodeBox(figure: Figure, n: FigureNode): Box {
  const { width, height } = nodeSize(n);
  return centredBox(pagePoint(figure, n.at), width, height);
}

/** How far from the centre of node `n` at `a` (page cm), towards `b`, its border is: where an edge leaves or enters it. */
export function borderDistance(n: FigureNode, a: Point, b: Point): number {
  const { width, height } = nodeSize(n);
  if (n.shape === 'plain') return PLAIN_BORDER;
  if (n.shape !== 'box') return height / 2;
  const length = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const [ux, uy] = [Math.abs(b.x - a.x) / length, Math.abs(b.y - a.y) / length];
  return Math.min(ux > 0 ? width / 2 / ux : Infinity, uy > 0 ? height / 2 / uy : Infinity);
}

/** A plain node's text ends about this far from its centre (cm; 10 px on screen). */
const PLAIN_BORDER = (10 * 2.54) / 96;

/** The point `distance` from `a` towards `b`. */
export function towards(a: Point, b: Point, distance: number): Point {
  const length = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  return { x: a.x + ((b.x - a.x) / length) * distance, y: a.y + ((b.y - a.y) / length) * distance };
}

/**
 * An edge as drawn on the page (cm): from the border of `from` through its `via` points to the border
 * of `to` — where TikZ (`(from) -- (p) -- (to)`) and the SVG start and end it; undefined when a node is missing.
 */
export function edgePath(figure: Figure, e: FigureEdge): Point[] | undefined {
  const nodes = figure.nodes ?? [];
  const from = nodes.find((n) => n.id === e.from);
  const to = nodes.find((n) => n.id === e.to);
  if (!from || !to) return undefined;
  const points = [from.at, ...(e.via ?? []), to.at].map((p) => pagePoint(figure, p));
  const [a, b, y, z] = [points[0], points[1], points[points.length - 2], points[points.length - 1]];
  return [towards(a, b, borderDistance(from, a, b)), ...points.slice(1, -1), towards(z, y, borderDistance(to, z, y))];
}

/** The piece of an edge its label sits on: `labelSegment`, default the last (into `to`). */
export function labelSegmentOf(e: FigureEdge): number {
  return e.labelSegment ?? (e.via ?? []).length;
}

/** An edge's label box when placed at `t` (0 at the start, 1 at the end) along piece `segment` of the edge as drawn. */
export function edgeLabelBox(figure: Figure, e: FigureEdge, t = e.labelAt ?? 0.5, segment = labelSegmentOf(e)): Box | undefined {
  const path = edgePath(figure, e);
  if (e.label === undefined || !path) return undefined;
  const [a, b] = [path[segment], path[segment + 1]];
  const at = { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
  return centredBox(at, texWidth(e.label) * EM.small + 0.1, LINE);
}

/** The part of the segment a → b inside the box, as parameters t0 < t1 in 0 … 1 (Liang–Barsky), or undefined when it misses the box. */
export function segmentInBox(a: Point, b: Point, box: Box): [number, number] | undefined {
  let [t0, t1] = [0, 1];
  const d = { x: b.x - a.x, y: b.y - a.y };
  const sides: [number, number][] = [[-d.x, a.x - box.x0], [d.x, box.x1 - a.x], [-d.y, a.y - box.y0], [d.y, box.y1 - a.y]];
  for (const [p, q] of sides) {
    if (p === 0) {
      if (q < 0) return undefined;
      continue;
    }
    const r = q / p;
    if (p < 0) t0 = Math.max(t0, r);
    else t1 = Math.min(t1, r);
  }
  return t0 < t1 ? [t0, t1] : undefined;
}

export function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/** The canvas on the page: the view, 0 … width × 0 … height. */
export function canvasBox(figure: Figure): Box {
  return { x0: 0, y0: 0, x1: figure.view.width, y1: heightOf(figure.view) };
}

function inside(inner: Box, outer: Box): boolean {
  const slack = 1e-9;
  return inner.x0 >= outer.x0 - slack && inner.y0 >= outer.y0 - slack && inner.x1 <= outer.x1 + slack && inner.y1 <= outer.y1 + slack;
}

/** Where an edge's label may go along a piece, tried in order: the middle first, then towards either end. */
const LABEL_POSITIONS = [0.5, 0.35, 0.65, 0.25, 0.75, 0.42, 0.58, 0.3, 0.7, 0.2, 0.8];

/**
 * The figure with each edge label at the first place — its edge's pieces from the last (into `to`)
 * back to the first, each at LABEL_POSITIONS — where its box meets no node and no label placed before
 * it (edges in order), stays on the canvas and, where some place allows it, is crossed by no other
 * edge; an edge whose label fits nowhere keeps the middle of its last piece (figureProblems reports
 * it). Deterministic.
 */
export function placeEdgeLabels(figure: Figure): Figure {
  const nodes = figure.nodes ?? [];
  const taken: Box[] = nodes.map((n) => nodeBox(figure, n));
  const canvas = canvasBox(figure);
  const pieces = (figure.edges ?? []).map((e) => {
    const path = edgePath(figure, e) ?? [];
    return path.slice(1).map((b, i) => ({ a: path[i], b }));
  });
  const edges = (figure.edges ?? []).map((e, k) => {
    if (e.label === undefined) return e;
    const others = pieces.filter((_p, j) => j !== k).flat();
    const last = (e.via ?? []).length;
    const places = Array.from({ length: last + 1 }, (_v, i) => last - i).flatMap((segment) => LABEL_POSITIONS.map((t) => ({ segment, t })));
    const fits = ({ segment, t }: { segment: number; t: number }, clear: boolean) => {
      const box = edgeLabelBox(figure, e, t, segment);
      return box !== undefined && inside(box, canvas) && !taken.some((other) => overlaps(box, other))
        && (!clear || !others.some((o) => segmentInBox(o.a, o.b, box)));
    };
    const place = places.find((p) => fits(p, true)) ?? places.find((p) => fits(p, false)) ?? { segment: last, t: 0.5 };
    taken.push(...optional(edgeLabelBox(figure, e, place.t, place.segment)));
    return { ...e, labelAt: place.t, ...(place.segment === last ? {} : { labelSegment: place.segment }) };
  });
  return { ...figure, edges };
}

function optional<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}

/**
 * What is wrong with a figure's layout, as sentences (empty when nothing
 * is): two nodes that overlap, a node or edge label off the canvas, an edge
 * label on a node or on another label, an edge whose ends are not two
 * different nodes.
 */
export function figureProblems(figure: Figure): string[] {
  const problems: string[] = [];
  const nodes = figure.nodes ?? [];
  const canvas = canvasBox(figure);
  const ids = new Set(nodes.map((n) => n.id));
  const boxes = nodes.map((n) => ({ id: n.id, boxes: [nodeBox(figure, n)] }));
  boxes.forEach((a, i) => {
    if (!a.boxes.every((b) => inside(b, canvas))) problems.push(`node ${a.id} is off the canvas`);
    for (const b of boxes.slice(i + 1)) {
      if (a.boxes.some((x) => b.boxes.some((y) => overlaps(x, y)))) problems.push(`nodes ${a.id} and ${b.id} overlap`);
    }
  });
  const labels: { edge: string; box: Box }[] = [];
  for (const e of figure.edges ?? []) {
    const edge = `${e.from} -> ${e.to}`;
    if (!ids.has(e.from) || !ids.has(e.to) || e.from === e.to) problems.push(`edge ${edge} does not join two nodes`);
    const box = edgeLabelBox(figure, e);
    if (!box) continue;
    if (!inside(box, canvas)) problems.push(`the label of ${edge} is off the canvas`);
    const on = boxes.find((n) => n.boxes.some((b) => overlaps(box, b)));
    if (on) problems.push(`the label of ${edge} covers node ${on.id}`);
    const other = labels.find((l) => overlaps(box, l.box));
    if (other) problems.push(`the labels of ${edge} and ${other.edge} overlap`);
    labels.push({ edge, box });
  }
  return problems;
}
