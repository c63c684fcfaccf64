import type { FigureCurve, Point, View } from './figure.js';

/**
 * Level curves f(x, y) = c of a function of two variables over the view, by
 * marching squares on an n × n grid: in each cell, the level crosses the
 * edges whose end values lie on both sides of c, at the linearly
 * interpolated point; the crossings are joined into polylines (one per
 * connected piece). Deterministic: the same grid order every time. A
 * non-finite grid value leaves its cells out.
 */
export function contourCurves(f: (x: number, y: number) => number, view: View, levels: readonly number[], n = 48): FigureCurve[] {
  const xs = Array.from({ length: n + 1 }, (_v, i) => view.xMin + ((view.xMax - view.xMin) * i) / n);
  const ys = Array.from({ length: n + 1 }, (_v, j) => view.yMin + ((view.yMax - view.yMin) * j) / n);
  const values = ys.map((y) => xs.map((x) => f(x, y)));
  return levels.flatMap((c) => joinSegments(levelSegments(xs, ys, values, c)).map((points) => ({ points, style: 'level' as const })));
}

/** A crossing of the level with a grid edge, named by the edge so that the two cells sharing it agree. */
interface Crossing {
  readonly edge: string;
  readonly at: Point;
}

type Segment = readonly [Crossing, Crossing];

/** The crossing segments of level c, cell by cell (a saddle cell gives two). */
function levelSegments(xs: readonly number[], ys: readonly number[], v: readonly (readonly number[])[], c: number): Segment[] {
  // The crossing on the edge from grid point (i, j) to (i + di, j + dj), always interpolated in that direction.
  const crossing = (i: number, j: number, di: number, dj: number): Crossing | undefined => {
    const [a, b] = [v[j][i], v[j + dj][i + di]];
    if ((a < c) === (b < c)) return undefined;
    const t = (c - a) / (b - a); // the linear interpolant a + t (b − a) equals c
    const p = { x: xs[i], y: ys[j] };
    const q = { x: xs[i + di], y: ys[j + dj] };
    return { edge: `${i},${j},${di}`, at: { x: p.x + t * (q.x - p.x), y: p.y + t * (q.y - p.y) } };
  };
  const segments: Segment[] = [];
  for (let j = 0; j + 1 < ys.length; j++) {
    for (let i = 0; i + 1 < xs.length; i++) {
      if ([v[j][i], v[j][i + 1], v[j + 1][i], v[j + 1][i + 1]].some((value) => !Number.isFinite(value))) continue;
      // edges counter-clockwise from the bottom: bottom, right, top, left
      const crossings = [crossing(i, j, 1, 0), crossing(i + 1, j, 0, 1), crossing(i, j + 1, 1, 0), crossing(i, j, 0, 1)]
        .filter((x): x is Crossing => x !== undefined);
      if (crossings.length === 2) segments.push([crossings[0], crossings[1]]);
      if (crossings.length === 4) segments.push([crossings[0], crossings[1]], [crossings[2], crossings[3]]);
    }
  }
  return segments;
}

/** Segments that share a crossing joined into polylines. */
function joinSegments(segments: readonly Segment[]): Point[][] {
  const byEdge = new Map<string, number[]>();
  segments.forEach((segment, index) => {
    for (const { edge } of segment) byEdge.set(edge, [...(byEdge.get(edge) ?? []), index]);
  });
  const used = new Set<number>();
  const lines: Point[][] = [];
  const extend = (line: Crossing[]) => {
    for (;;) {
      const last = line[line.length - 1];
      const next = (byEdge.get(last.edge) ?? []).find((s) => !used.has(s));
      if (next === undefined) return;
      used.add(next);
      const [a, b] = segments[next];
      line.push(a.edge === last.edge ? b : a);
    }
  };
  segments.forEach(([a, b], index) => {
    if (used.has(index)) return;
    used.add(index);
    const line = [a, b];
    extend(line);
    line.reverse();
    extend(line);
    lines.push(line.map((x) => x.at));
  });
  return lines;
}
