import type { Figure, Point } from './figure.js';
import { edgeLabelBox, edgePath, figureProblems, nodeBox, segmentInBox } from './figure-geometry.js';

/**
 * How a figure's edges run on the page, for the layout checks: each edge its
 * straight pieces from border to border through its `via` points (as TikZ and the SVG draw it),
 * the pairs of edges that cross, and the edges that pass through a node they
 * do not join — which a reader would take for an edge into that node.
 */

/** A straight piece of an edge on the page (cm), named `from -> to` as its edge. */
export interface EdgeSegment {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly a: Point;
  readonly b: Point;
}

/** Every edge between two nodes of the figure, as its pieces on the page. */
export function edgeSegments(figure: Figure): EdgeSegment[] {
  return (figure.edges ?? []).flatMap((e) => {
    const path = e.from === e.to ? undefined : edgePath(figure, e);
    if (!path) return [];
    return path.slice(1).map((b, i) => ({ name: `${e.from} -> ${e.to}`, from: e.from, to: e.to, a: path[i], b }));
  });
}

/** (b − a) × (c − a): positive when c is left of the line a → b. */
const cross = (a: Point, b: Point, c: Point) => (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);

/** The two segments cross at a point inside both (sharing an end node is not crossing). */
function crosses(s: EdgeSegment, t: EdgeSegment): boolean {
  if (s.from === t.from || s.from === t.to || s.to === t.from || s.to === t.to) return false;
  const d1 = cross(s.a, s.b, t.a);
  const d2 = cross(s.a, s.b, t.b);
  const d3 = cross(t.a, t.b, s.a);
  const d4 = cross(t.a, t.b, s.b);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

/** The pairs of edges that cross each other, by name (once a pair, however many of their pieces cross). */
export function edgeCrossings(figure: Figure): [string, string][] {
  const segments = edgeSegments(figure);
  const pairs = segments.flatMap((s, i) => segments.slice(i + 1).filter((t) => crosses(s, t)).map((t): [string, string] => [s.name, t.name]));
  return [...new Map(pairs.map((p) => [p.join(' x '), p])).values()];
}

/** A node's box shrunk by this much on every side (cm) before testing an edge against it: a line grazing a corner is not "through". */
const GRAZE = 0.08;

/** Each edge that passes through a node it does not join, as a sentence. */
export function edgesThroughNodes(figure: Figure): string[] {
  const nodes = figure.nodes ?? [];
  return edgeSegments(figure).flatMap((s) => nodes.filter((n) => n.id !== s.from && n.id !== s.to).flatMap((n) => {
    const box = nodeBox(figure, n);
    const inner = { x0: box.x0 + GRAZE, y0: box.y0 + GRAZE, x1: box.x1 - GRAZE, y1: box.y1 - GRAZE };
    return segmentInBox(s.a, s.b, inner) ? [`the edge ${s.name} passes through node ${n.id}`] : [];
  })).filter((sentence, i, all) => all.indexOf(sentence) === i);
}

/** Each edge drawn across another edge's label, as a sentence. */
export function edgesThroughLabels(figure: Figure): string[] {
  const segments = edgeSegments(figure);
  return (figure.edges ?? []).flatMap((e) => {
    const box = edgeLabelBox(figure, e);
    if (!box) return [];
    const name = `${e.from} -> ${e.to}`;
    const crossing = segments.filter((s) => s.name !== name && segmentInBox(s.a, s.b, box)).map((s) => s.name);
    return [...new Set(crossing)].map((s) => `the edge ${s} crosses the label of ${name}`);
  });
}

/** Every layout problem of a figure: figureProblems' (overlaps, labels off the canvas), an edge through a node it does not join or across another edge's label. */
export function layoutProblems(figure: Figure): string[] {
  return [...figureProblems(figure), ...edgesThroughNodes(figure), ...edgesThroughLabels(figure)];
}
