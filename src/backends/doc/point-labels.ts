import type { Figure, FigurePoint, Point } from './figure.js';
import { type Box, EM, LINE, canvasBox, overlaps, pagePoint, segmentInBox, texWidth } from './figure-geometry.js';

type Anchor = NonNullable<FigurePoint['anchor']>;

/** Where a point's label may go, tried in order: the diagonals first (clear of a path through the point), then the sides. */
const ANCHORS: readonly Anchor[] = ['above right', 'below right', 'above left', 'below left', 'right', 'left', 'above', 'below'];

/** A marked point's dot, on the page (cm): labels keep off other points' dots. */
const DOT = 0.12;

/**
 * A point's label box on the page (cm) with the label set at `anchor`, as
 * TikZ's `node[above right]` sets it (its corner at the point; the SVG
 * backend places it alike): the label's estimated width (`texWidth`) and one
 * line, padded by TikZ's inner sep.
 */
export function pointLabelBox(figure: Figure, p: FigurePoint, anchor: Anchor = p.anchor ?? 'above right'): Box | undefined {
  if (p.label === undefined) return undefined;
  const at = pagePoint(figure, p.at);
  const [w, h] = [texWidth(p.label) * EM.small + 0.2, LINE];
  const x0 = anchor.includes('right') ? at.x : anchor.includes('left') ? at.x - w : at.x - w / 2;
  const y0 = anchor.includes('above') ? at.y : anchor.includes('below') ? at.y - h : at.y - h / 2;
  return { x0, y0, x1: x0 + w, y1: y0 + h };
}

/** The segments of the figure's paths (style `path`) on the page. */
function pathSegments(figure: Figure): [Point, Point][] {
  return (figure.curves ?? []).filter((c) => c.style === 'path').flatMap((c) =>
    c.points.slice(1).map((q, i): [Point, Point] => [pagePoint(figure, c.points[i]), pagePoint(figure, q)]));
}

/** A label over another label costs this many path crossings: it is placed over a step before over a label. */
const LABEL_OVER_LABEL = 10;

/**
 * What a label at `box` would cover: the segments of a path it crosses,
 * the labels placed before it (LABEL_OVER_LABEL each) and the dots of other
 * points it overlaps, and whether it leaves the canvas (counted as many).
 */
function collisions(figure: Figure, box: Box, placed: readonly Box[], dots: readonly Box[]): number {
  const canvas = canvasBox(figure);
  const outside = box.x0 < canvas.x0 || box.y0 < canvas.y0 || box.x1 > canvas.x1 || box.y1 > canvas.y1;
  return (outside ? 100 : 0)
    + pathSegments(figure).filter(([a, b]) => segmentInBox(a, b, box) !== undefined).length
    + LABEL_OVER_LABEL * placed.filter((other) => overlaps(box, other)).length
    + dots.filter((other) => overlaps(box, other)).length;
}

/**
 * Each labelled point's label placed where it covers the least (`collisions`):
 * no path segment, no other label or dot, on the canvas — the first anchor
 * of ANCHORS that does, else the one that covers least. In order of the
 * points, each after the ones before it. A label `optional` picks (an
 * iterate between the first and the last, which the table lists anyway)
 * is left out when every place covers something: on a path that oscillates
 * in a narrow valley, labels would sit on the steps and on each other.
 */
export function placePointLabels(figure: Figure, optional: (index: number) => boolean = () => false): Figure {
  const points = figure.points ?? [];
  const placed: Box[] = [];
  const placedPoints = points.map((p, k) => {
    if (p.label === undefined) return p;
    const dots = points.filter((_q, j) => j !== k).map((q) => {
      const at = pagePoint(figure, q.at);
      return { x0: at.x - DOT / 2, y0: at.y - DOT / 2, x1: at.x + DOT / 2, y1: at.y + DOT / 2 };
    });
    const scored = ANCHORS.map((anchor) => ({ anchor, cost: collisions(figure, pointLabelBox(figure, p, anchor) as Box, placed, dots) }));
    const best = scored.reduce((a, b) => (b.cost < a.cost ? b : a));
    if (best.cost > 0 && optional(k)) return { at: p.at };
    placed.push(pointLabelBox(figure, p, best.anchor) as Box);
    return { ...p, anchor: best.anchor };
  });
  return { ...figure, points: placedPoints };
}
