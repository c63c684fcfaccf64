import { describe, expect, it } from 'vitest';
import { type Figure, checkFigure, coordinate } from '../../src/backends/doc/figure.js';
import { contourCurves } from '../../src/backends/doc/contour.js';
import { figureTikz } from '../../src/backends/latex/figure-tikz.js';
import { figureSvg } from '../../src/backends/html/figure-svg.js';
import { EXAMPLE_FIGURES } from '../helpers/example-figures.js';
import { hasPdflatex, typesetLog } from '../helpers/pdflatex.js';

const plainMath = (tex: string) => `<i>${tex.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;'))}</i>`;
const count = (text: string, needle: RegExp) => (text.match(needle) ?? []).length;
const FIGURES = Object.entries(EXAMPLE_FIGURES);

/** A curve whose y runs from lo to hi, on an 8 cm × 5 cm plot with a tick at each end. */
function SCALED_PLOT(lo: number, hi: number): Figure {
  const ys = [0, 0.25, 0.5, 0.75, 1].map((t) => lo + (hi - lo) * t);
  return {
    view: { xMin: 0, xMax: 4, yMin: lo, yMax: hi, width: 8, height: 5 },
    axes: { x: { label: 'x', ticks: [0, 4] }, y: { label: 'y', ticks: [lo, hi] } },
    curves: [{ points: ys.map((y, i) => ({ x: i, y })) }],
    points: [{ at: { x: 4, y: hi }, label: 'x_{4}' }],
  };
}

describe('figures: TikZ and SVG from one figure model', () => {
  it.each(FIGURES)('%s: both renderings are deterministic and draw every element', (_name, figure) => {
    const tikz = figureTikz(figure);
    const svg = figureSvg(figure, 'f1', plainMath);
    expect(figureTikz(figure)).toBe(tikz);
    expect(figureSvg(figure, 'f1', plainMath)).toBe(svg);
    const nodes = figure.nodes ?? [];
    expect(count(tikz, /\\node\[/g)).toBe(nodes.length); // a note (an adjoint) is a line inside its node
    expect(count(svg, /<circle [^>]*fill="white"/g) + count(svg, /<rect [^>]*fill="white"/g)).toBe(nodes.length);
    const edges = figure.edges ?? [];
    for (const e of edges) expect(tikz).toContain(`(${e.from}) --`);
    const labels = [...nodes.map((n) => n.label), ...edges.flatMap((e) => (e.label ? [e.label] : []))];
    for (const label of labels) {
      expect(tikz).toContain(`${label}`);
      expect(svg).toContain(plainMath(label));
    }
    const points = figure.points ?? [];
    expect(count(tikz, /\\fill \(/g)).toBe(points.length);
    expect(count(svg, /<circle [^>]*r="2.5" fill="black"/g)).toBe(points.length);
    if (figure.axes) {
      for (const t of [...figure.axes.x.ticks, ...figure.axes.y.ticks]) expect(svg).toContain(plainMath(String(t)));
    }
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
    expect(tikz).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('dashed nodes and edges (frozen parameters), a wide box and a note under a node are drawn by both', () => {
    const svg = figureSvg(EXAMPLE_FIGURES.NETWORK, 'n', plainMath);
    const tikz = figureTikz(EXAMPLE_FIGURES.NETWORK);
    expect(count(tikz, /\\node\[draw, rectangle, minimum size=0.6cm, dashed/g)).toBe(1);
    expect(count(tikz, /\\draw\[->, dashed\] \(b1\)/g)).toBe(2);
    expect(count(svg, /<rect [^>]*stroke-dasharray/g)).toBe(1);
    expect(count(svg, /<line [^>]*stroke-dasharray/g)).toBe(2);
    const graph = figureTikz(EXAMPLE_FIGURES.GRAPH);
    expect(graph).toContain('minimum width=1.1cm, minimum height=1cm');
    // the note (an adjoint) is the node's last line, inside its border, so no edge can cross it (as micrograd's nodes show data and grad)
    expect(graph).toMatch(/\\node\[[^\]]*\] \(x\) at [^{]*\{[^\n]*\\mbox\{\\scriptsize \$\\bar\{x\} = -1\.3\$\}/);
    expect(graph).not.toContain('at (x.south)');
    const graphSvg = figureSvg(EXAMPLE_FIGURES.GRAPH, 'g', plainMath);
    expect(graphSvg).toContain(`width="${coordinate((1.1 * 96) / 2.54)}"`);
    expect(graphSvg).toContain(`<small>${plainMath('\\bar{x} = -1.3')}</small>`);
  });

  it('an axis prints its own tick labels when it has them, and must have one per tick', () => {
    const axes = EXAMPLE_FIGURES.CURVE.axes;
    if (!axes) throw new Error('the curve has axes');
    const relabelled: Figure = { ...EXAMPLE_FIGURES.CURVE, axes: { ...axes, x: { ...axes.x, tickLabels: ['a', 'b', 'c', 'd'] } } };
    expect(figureTikz(relabelled)).toContain('node[below, font=\\footnotesize] {$c$}');
    expect(figureSvg(relabelled, 'c', plainMath)).toContain(plainMath('c'));
    expect(() => checkFigure({ ...relabelled, axes: { ...axes, x: { ...axes.x, tickLabels: ['a'] } } })).toThrow(/4 ticks and 1 tick labels/);
  });

  it('a path is drawn as one arrow per step', () => {
    const path = (EXAMPLE_FIGURES.CURVE.curves ?? []).find((c) => c.style === 'path');
    const steps = (path?.points.length ?? 0) - 1;
    expect(count(figureTikz(EXAMPLE_FIGURES.CURVE), /\\draw\[thick, ->\]/g)).toBe(steps);
  });

  it('the SVG ids are the caller\'s, so two figures in one page do not clash', () => {
    const svg = figureSvg(EXAMPLE_FIGURES.CURVE, 'fig-7', plainMath);
    expect(svg).toContain('id="fig-7-arrow"');
    expect(svg).toContain('url(#fig-7-clip)');
  });

  it('TikZ draws in page cm: values in the millions or the millionths keep their size and stay distinct', () => {
    for (const [lo, hi] of [[0, 3e7], [1e-6, 3e-6]] as const) {
      const figure = SCALED_PLOT(lo, hi);
      const tikz = figureTikz(figure);
      expect(tikz).toContain('\\begin{tikzpicture}[x=1cm, y=1cm, >=stealth]');
      const coordinates = [...tikz.matchAll(/\((-?[\d.]+),(-?[\d.]+)\)/g)].map((m) => [Number(m[1]), Number(m[2])]);
      // the clip rectangle is the page's 8 cm × 5 cm, and every point lies on it
      expect(tikz).toContain('\\clip (0,0) rectangle (8,5);');
      for (const [x, y] of coordinates) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(8);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(5);
      }
      // the curve's five points land at five different heights
      const curve = tikz.split('\n').find((l) => l.startsWith('\\draw[thick] '));
      expect(new Set([...(curve ?? '').matchAll(/,(-?[\d.]+)\)/g)].map((m) => m[1])).size).toBe(5);
    }
  });

  it('coordinates print with at most 3 decimals and never as -0', () => {
    expect([1, 0.5, 1 / 3, -0.0001, 2.0005, -1e-12].map(coordinate)).toEqual(['1', '0.5', '0.333', '0', '2.001', '0']);
  });

  it('rejects a figure a renderer could not draw', () => {
    const base: Figure = { view: { xMin: 0, xMax: 1, yMin: 0, yMax: 1, width: 5 } };
    expect(() => checkFigure({ ...base, view: { ...base.view, xMax: 0 } })).toThrow(/positive extent/);
    expect(() => checkFigure({ ...base, nodes: [{ id: 'a', at: { x: 0, y: 0 }, label: 'a' }, { id: 'a', at: { x: 1, y: 0 }, label: 'b' }] }))
      .toThrow(/two nodes have the id a/);
    expect(() => checkFigure({ ...base, edges: [{ from: 'a', to: 'b' }] })).toThrow(/names a node that is not in the figure/);
    expect(() => checkFigure({ ...base, curves: [{ points: [{ x: NaN, y: 0 }] }] })).toThrow(/not finite/);
  });
});

describe('contour lines by marching squares', () => {
  it('the level x² + y² = 1 is one closed curve on the unit circle', () => {
    const view = { xMin: -2, xMax: 2, yMin: -2, yMax: 2, width: 5 };
    const curves = contourCurves((x, y) => x * x + y * y, view, [1], 40);
    expect(curves).toHaveLength(1);
    const { points } = curves[0];
    expect(points.length).toBeGreaterThan(40);
    expect(points[0]).toEqual(points[points.length - 1]); // closed
    // Linear interpolation on a grid of step 0.1: within h²/8 · max|f''| / |∇f| ≈ 0.0025 of the circle.
    for (const p of points) expect(Math.abs(Math.hypot(p.x, p.y) - 1)).toBeLessThan(0.003);
    expect(curves[0].style).toBe('level');
  });

  it('a level outside the range gives nothing; a saddle gives separate pieces', () => {
    const view = { xMin: -1, xMax: 1, yMin: -1, yMax: 1, width: 5 };
    expect(contourCurves((x, y) => x * x + y * y, view, [5])).toEqual([]);
    const pieces = contourCurves((x, y) => x * x - y * y, view, [0.25], 20);
    expect(pieces).toHaveLength(2); // x = ±sqrt(y² + 0.25): two branches
    for (const c of pieces) for (const p of c.points) expect(Math.abs(p.x * p.x - p.y * p.y - 0.25)).toBeLessThan(0.01);
  });
});

describe('figures compile with pdflatex (tikz, texlive-pictures)', () => {
  it.skipIf(!hasPdflatex)('every example figure, in one document', () => {
    const body = [...FIGURES.map(([, f]) => f), SCALED_PLOT(0, 3e7), SCALED_PLOT(1e-6, 3e-6)].map(figureTikz).join('\n\n');
    const log = typesetLog(`\\documentclass{article}\n\\usepackage{amsmath}\n\\usepackage{tikz}\n\\begin{document}\n${body}\n\\end{document}\n`);
    expect(log).not.toMatch(/^! /m);
  });
});

describe('TexWriter.figure', () => {
  it('centres the TikZ picture with a numbered caption and records every label as a formula', async () => {
    const { TexWriter } = await import('../../src/backends/latex/tex-writer.js');
    const out = new TexWriter();
    out.figure(EXAMPLE_FIGURES.GRAPH, 'The computational graph.');
    out.figure(EXAMPLE_FIGURES.NETWORK, 'The network.');
    const body = out.body();
    expect(body).toContain(`\\begin{center}\n${figureTikz(EXAMPLE_FIGURES.GRAPH)}\n\n{\\small Figure 1. The computational graph.}\n\\end{center}`);
    expect(body).toContain('{\\small Figure 2. The network.}');
    expect(out.formulas()).toContain('-\\sin v_{4}');
    expect(out.formulas()).toContain('w^{2}_{21}');
  });
});

describe('axis ticks', () => {
  it('multiples of 1, 2 or 5 × 10^k inside the range, at most six, as exact decimals', async () => {
    const { niceTicks } = await import('../../src/backends/latex/figures/ticks.js');
    expect(niceTicks(1.3, 4.2)).toEqual([1.5, 2, 2.5, 3, 3.5, 4]);
    expect(niceTicks(-23, 83)).toEqual([-20, 0, 20, 40, 60, 80]);
    expect(niceTicks(0.1, 0.7)).toEqual([0.2, 0.4, 0.6]);
    for (const [lo, hi] of [[0, 1], [-1e-6, 3e-6], [1234, 1250], [-0.3, 1.8]]) {
      const ticks = niceTicks(lo, hi);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(ticks.length).toBeLessThanOrEqual(6);
      for (const t of ticks) expect(t >= lo && t <= hi).toBe(true);
      expect(ticks.every((t) => String(t).length <= 12)).toBe(true); // no float noise
    }
    expect(niceTicks(1, 1)).toEqual([]);
  });
});
