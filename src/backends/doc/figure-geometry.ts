import { type Figure, type FigureEdge, type FigureNode, type Point, heightOf, nodeSize, scaleOf } from './figure.js';

/**
 * Where a figure's parts land on the page, estimated without a typesetter:
 * the boxes of nodes, of the notes under them and of edge labels, in page cm
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
/** The space between a node and a note to its right (cm; TikZ's label distance and the SVG's). */
export const NOTE_GAP = 0.15;

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
      if (name === 'frac') return Math.max(group(), group());
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

/** The note under a node, on the page. */
export function noteBox(figure: Figure, n: FigureNode): Box | undefined {
  if (n.note === undefined) return undefined;
  const box = nodeBox(figure, n);
  const width = texWidth(n.note) * EM.small;
  if (n.notePosition === 'right') {
    const middle = (box.y0 + box.y1) / 2;
    return { x0: box.x1, y0: middle - LINE / 2, x1: box.x1 + NOTE_GAP + width, y1: middle + LINE / 2 };
  }
  const centre = (box.x0 + box.x1) / 2;
  return { x0: centre - width / 2, y0: box.y0 - LINE, x1: centre + width / 2, y1: box.y0 };
}

/** An edge's label box when placed at `t` (0 at `from`, 1 at `to`) along the line between the node centres. */
export function edgeLabelBox(figure: Figure, e: FigureEdge, t = e.labelAt ?? 0.5): Box | undefined {
  const nodes = figure.nodes ?? [];
  const from = nodes.find((n) => n.id === e.from);
  const to = nodes.find((n) => n.id === e.to);
  if (e.label === undefined || !from || !to) return undefined;
  const [a, b] = [pagePoint(figure, from.at), pagePoint(figure, to.at)];
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

/** Where an edge's label may go, tried in order: the middle first, then towards either end. */
const LABEL_POSITIONS = [0.5, 0.35, 0.65, 0.25, 0.75, 0.42, 0.58, 0.3, 0.7, 0.2, 0.8];

/**
 * The figure with each edge label at the first position along its edge
 * where its box meets no node, no note and no label placed before it (edges
 * in order), stays on the canvas and, where some position allows it, is
 * crossed by no other edge; an edge whose label fits nowhere keeps the
 * middle (figureProblems reports it). Deterministic.
 */
export function placeEdgeLabels(figure: Figure): Figure {
  const nodes = figure.nodes ?? [];
  const taken: Box[] = nodes.flatMap((n) => [nodeBox(figure, n), ...optional(noteBox(figure, n))]);
  const canvas = canvasBox(figure);
  const centre = new Map(nodes.map((n) => [n.id, pagePoint(figure, n.at)]));
  const edges = (figure.edges ?? []).map((e) => {
    if (e.label === undefined) return e;
    const others = (figure.edges ?? []).filter((o) => o !== e).flatMap((o) => {
      const [a, b] = [centre.get(o.from), centre.get(o.to)];
      return a && b ? [{ a, b }] : [];
    });
    const fits = (position: number, clear: boolean) => {
      const box = edgeLabelBox(figure, e, position);
      return box !== undefined && inside(box, canvas) && !taken.some((other) => overlaps(box, other))
        && (!clear || !others.some((o) => segmentInBox(o.a, o.b, box)));
    };
    const t = LABEL_POSITIONS.find((position) => fits(position, true)) ?? LABEL_POSITIONS.find((position) => fits(position, false)) ?? 0.5;
    taken.push(...optional(edgeLabelBox(figure, e, t)));
    return { ...e, labelAt: t };
  });
  return { ...figure, edges };
}

function optional<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}

/**
 * What is wrong with a figure's layout, as sentences (empty when nothing
 * is): two nodes (with their notes) that overlap, a node, note or edge label
 * off the canvas, an edge label on a node or on another label, an edge
 * whose ends are not two different nodes.
 */
export function figureProblems(figure: Figure): string[] {
  const problems: string[] = [];
  const nodes = figure.nodes ?? [];
  const canvas = canvasBox(figure);
  const ids = new Set(nodes.map((n) => n.id));
  const boxes = nodes.map((n) => ({ id: n.id, boxes: [nodeBox(figure, n), ...optional(noteBox(figure, n))] }));
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
