// Handouts a teacher would prepare, with cases not in examples/ (issue 11): the
// micrograd lecture's expression, a 3-variable Hessian, gradient descent on
// Rosenbrock and on a bowl. Each check reads the notes as a reader would.
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../src/compile/expression.js';
import { renderNotes } from '../src/backends/latex/notes.js';
import type { ExprOptions } from '../src/dsl/expr.js';
import { compileModel } from '../src/driver/compile-model.js';
import { buildNotes } from '../src/backends/latex/notes.js';
import { type Figure, hasArrow, scaleOf } from '../src/backends/doc/figure.js';
import { figureTikz } from '../src/backends/latex/figure-tikz.js';
import { figureSvg } from '../src/backends/html/figure-svg.js';
import { segmentInBox } from '../src/backends/doc/figure-geometry.js';
import { pointLabelBox } from '../src/backends/doc/point-labels.js';
import { edgeCrossings, layoutProblems } from '../src/backends/doc/figure-edges.js';

const META = { source: 'm.ts', command: 'c', notes: 'm.tex', version: '0' };
const notesOf = (name: string, source: string, options: ExprOptions) => renderNotes([compileExpression(name, source, options)], META);

/** The cells of the first `\nabla^2 g = \begin{bmatrix} … \end{bmatrix}` after `from`, as rows of TeX. */
function matrixAfter(tex: string, symbol: string, from: number): string[][] {
  const m = new RegExp(`\\\\nabla\\^2 ${symbol} = \\\\begin\\{bmatrix\\} (.*?) \\\\end\\{bmatrix\\}`).exec(tex.slice(from));
  return (m?.[1] ?? '').split(' \\\\ ').map((row) => row.split(' & '));
}

describe('the Hessian of a function of three variables', () => {
  const tex = notesOf('g', 'x*y*z + x^2*sin(z) + exp(y*z)', { wrt: ['x', 'y', 'z'], at: { x: 1, y: 2, z: 0.5 }, hessian: true });

  it('is printed symmetric: entry (j, i) reads as entry (i, j), in formulas and in numbers', () => {
    const formulas = matrixAfter(tex, 'g', 0);
    const numbers = matrixAfter(tex, 'g', tex.indexOf('\\nabla^2 g =') + 1);
    for (const m of [formulas, numbers]) {
      expect(m).toHaveLength(3);
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(m[j][i]).toBe(m[i][j]);
    }
    // the numbers are the Hessian's: ∂²g/∂x∂z = y + 2x cos z, ∂²g/∂y∂z = x + e^{yz}(1 + yz)
    const [x, y, z] = [1, 2, 0.5];
    expect(Number(numbers[0][2])).toBeCloseTo(y + 2 * x * Math.cos(z), 5);
    expect(Number(numbers[1][2])).toBeCloseTo(x + Math.exp(y * z) * (1 + y * z), 5);
  });
});

/** The figures of a model file's notes, in order. */
async function figuresOf(text: string): Promise<Figure[]> {
  const m = await compileModel({ text, fileName: 'model.ts' });
  const notes = buildNotes(m.expressions, META, m.networks);
  return notes.blocks.flatMap((b) => (b.kind === 'figure' ? [b.figure] : []));
}

describe('the computational graph of the micrograd lecture: L = (a·b + c)·f', async () => {
  const [graph] = await figuresOf(`import { expr } from 'nncompile';
export const L = expr('(a*b + c)*f', { wrt: ['a', 'b', 'c', 'f'], at: { a: 2, b: -3, c: 10, f: -2 } });`);
  const node = (label: string) => {
    const n = (graph.nodes ?? []).find((m) => m.label === label || m.label.startsWith(`${label} =`));
    if (!n) throw new Error(`no node ${label}`);
    return n;
  };

  it('each variable sits in the column before the step it joins: c beside v₁ (into v₂), f beside v₂ (into v₃)', () => {
    expect(node('c').at.x).toBe(node('v_{1}').at.x);
    expect(node('f').at.x).toBe(node('v_{2}').at.x);
    expect(node('a').at.x).toBe(node('b').at.x);
    expect(node('a').at.x).toBeLessThan(node('v_{1}').at.x);
  });

  it('reads clean: no edge crosses another, passes through a node or a label it does not join; each adjoint is inside its node', () => {
    expect(layoutProblems(graph)).toEqual([]);
    expect(edgeCrossings(graph)).toEqual([]);
    expect((graph.nodes ?? []).every((n) => n.note?.startsWith('\\bar{'))).toBe(true);
  });
});

describe('gradient descent on Rosenbrock: 100 short steps along the valley', async () => {
  const [, plot] = await figuresOf(`import { expr } from 'nncompile';
export const r = expr('(1 - x)^2 + 100*(y - x^2)^2', { wrt: ['x', 'y'], at: { x: -1.2, y: 1 }, descent: { steps: 100, lr: 0.001 } });`);
  const scale = scaleOf(plot.view);
  const page = (p: { x: number; y: number }) => ({ x: p.x * scale.x, y: p.y * scale.y });
  const path = (plot.curves ?? []).find((c) => c.style === 'path')?.points ?? [];

  it('marks the iterates that stand apart on the page (not 101 dots in a bar), the first and the last labelled', () => {
    const points = (plot.points ?? []).filter((p) => p.label !== '\\min'); // the iterates (the minimum is marked too)
    expect(path).toHaveLength(101);
    expect(points.length).toBeLessThan(60);
    for (let i = 1; i + 1 < points.length; i++) {
      const [a, b] = [page(points[i - 1].at), page(points[i].at)];
      expect(Math.hypot(b.x - a.x, b.y - a.y)).toBeGreaterThanOrEqual(0.2);
    }
    expect(points[0].label).toContain('x_{0}');
    expect(points[points.length - 1].label).toContain('x_{100}');
  });

  it('draws an arrowhead only on a step long enough for it, in TikZ and SVG alike', () => {
    const long = path.slice(1).filter((p, i) => hasArrow(page(path[i]), page(p))).length;
    expect(long).toBeGreaterThan(0);
    expect(long).toBeLessThan(20);
    expect((figureTikz(plot).match(/\\draw\[thick, ->\]/g) ?? []).length).toBe(long);
    expect((figureSvg(plot, 'r', (t) => t).match(/marker-end="url\(#r-arrow\)"/g) ?? []).length).toBe(long + 2); // + the two axes
  });

  it('spreads its level curves: the iterates they pass through lie apart, not crowded where the steps are short', () => {
    const d = compileExpression('r', '(1 - x)^2 + 100*(y - x^2)^2', { wrt: ['x', 'y'], at: { x: -1.2, y: 1 }, descent: { steps: 100, lr: 0.001 } }).descent;
    if (d?.plot?.kind !== 'contour') throw new Error('expected a contour plot');
    const { box, levels } = d.plot;
    const through = levels.map((level) => d.iterates.find((it) => it.value === level)?.point ?? []);
    expect(levels.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < through.length; i++) {
      const [a, b] = [through[i - 1], through[i]];
      expect(Math.hypot((b[0] - a[0]) / (box.x[1] - box.x[0]), (b[1] - a[1]) / (box.y[1] - box.y[0]))).toBeGreaterThanOrEqual(0.06);
    }
  });
});

/** The notes (TeX) of a model file. */
async function notesTexOf(text: string): Promise<string> {
  const m = await compileModel({ text, fileName: 'model.ts' });
  return buildNotes(m.expressions, META, m.networks).document;
}

/** Each labelled point whose label box (as placed) is crossed by a step of the path, as a sentence. */
function labelsOnThePath(figure: Figure): string[] {
  const scale = scaleOf(figure.view);
  const path = (figure.curves ?? []).find((c) => c.style === 'path')?.points ?? [];
  const page = (p: { x: number; y: number }) => ({ x: (p.x - figure.view.xMin) * scale.x, y: (p.y - figure.view.yMin) * scale.y });
  return (figure.points ?? []).flatMap((p) => {
    const box = pointLabelBox(figure, p);
    const crossed = box ? path.slice(1).findIndex((q, i) => segmentInBox(page(path[i]), page(q), box) !== undefined) : -1;
    return crossed >= 0 ? [`the label ${p.label} covers step ${crossed + 1}`] : [];
  });
}

describe('gradient-descent plots a teacher can hand out (issue 11 leftovers)', async () => {
  const rosenbrock = `import { expr } from 'nncompile';
export const r = expr('(1 - x)^2 + 100*(y - x^2)^2', { wrt: ['x', 'y'], at: { x: -1.2, y: 1 }, descent: { steps: 100, lr: 0.001 } });`;
  const bowl = `import { expr } from 'nncompile';
export const g = expr('x^2 + 10*y^2', { wrt: ['x', 'y'], at: { x: 3, y: 1 }, descent: { steps: 15, lr: 0.09 } });`;
  const [, rosenbrockPlot] = await figuresOf(rosenbrock);
  const [, bowlPlot] = await figuresOf(bowl);

  it("Rosenbrock's window shows the valley and the minimum (1, 1) the run heads for, not a box around its 100 short steps", () => {
    const d = compileExpression('r', '(1 - x)^2 + 100*(y - x^2)^2', { wrt: ['x', 'y'], at: { x: -1.2, y: 1 }, descent: { steps: 100, lr: 0.001 } }).descent;
    if (d?.plot?.kind !== 'contour') throw new Error('expected a contour plot');
    expect(d.plot.minimum).toEqual([1, 1]);
    const { box } = d.plot;
    expect(box.x[0]).toBeLessThan(-1.2);
    expect(box.x[1]).toBeGreaterThan(1);
    // the valley y = x² from x = −1.2 to 1: y from about 0.4 up to 1.4 is in the window
    expect(box.y[1] - box.y[0]).toBeGreaterThanOrEqual(0.6 * (box.x[1] - box.x[0]) - 1e-9);
    expect((rosenbrockPlot.points ?? []).some((p) => p.label === '\\min')).toBe(true);
  });

  it('no label of an iterate sits on the path: (x₀, y₀) and the last iterate are labelled beside it', () => {
    for (const plot of [rosenbrockPlot, bowlPlot]) {
      expect(labelsOnThePath(plot)).toEqual([]);
      expect((plot.points ?? []).filter((p) => p.label?.includes('_{0}')).length).toBe(1);
    }
  });

  it('the caption says what is drawn: arrowheads only where a step is long enough, and how many iterates are marked', async () => {
    const tex = await notesTexOf(rosenbrock);
    const caption = /Figure 2\. (Level curves.*)\}$/m.exec(tex)?.[1] ?? '';
    const scale = scaleOf(rosenbrockPlot.view);
    const page = (p: { x: number; y: number }) => ({ x: p.x * scale.x, y: p.y * scale.y });
    const path = (rosenbrockPlot.curves ?? []).find((c) => c.style === 'path')?.points ?? [];
    const arrows = path.slice(1).filter((p, i) => hasArrow(page(path[i]), page(p))).length;
    expect(caption).not.toContain('each arrow is one step');
    expect(caption).toContain(`each segment is one step (with an arrowhead where it is long enough for one: ${arrows} of the 100 steps)`);
    const dots = (rosenbrockPlot.points ?? []).filter((p) => p.label !== '\\min').length;
    expect(caption).toContain(`dots mark ${dots} of the 101 iterates`);
    expect(caption).toContain('$\\left(x^{*}, y^{*}\\right) = \\left(1, 1\\right)$, is marked $\\min$');
  });

  it('a minimum next to the last iterate is not marked, and the caption does not say it is', async () => {
    const caption = /Figure 2\. (Level curves.*)\}$/m.exec(await notesTexOf(bowl))?.[1] ?? '';
    expect((bowlPlot.points ?? []).some((p) => p.label === '\\min')).toBe(false);
    expect(caption).toContain('\\left(0, 0\\right)$, lies too close to the last iterate to be marked');
    expect(caption).not.toContain('is marked');
  });
});
