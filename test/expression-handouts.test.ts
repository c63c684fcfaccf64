// Handouts a teacher would prepare, with cases not in examples/ (issue 11): the
// micrograd lecture's expression, a 3-variable Hessian, gradient descent on
// Rosenbrock and on a bowl. Each check reads the notes as a reader would.
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../src/compile/expression.js';
import { renderNotes } from '../src/backends/latex/notes.js';
import type { ExprOptions } from '../src/dsl/expr.js';
import { compileModel } from '../src/driver/compile-model.js';
import { buildNotes } from '../src/backends/latex/notes.js';
import type { Figure } from '../src/backends/doc/figure.js';
import { noteBox, segmentInBox } from '../src/backends/doc/figure-geometry.js';
import { edgeCrossings, edgeSegments, layoutProblems } from '../src/backends/doc/figure-edges.js';

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

/** Each edge drawn through the note (adjoint) of a node it does not join, as a sentence. */
function edgesThroughNotes(figure: Figure): string[] {
  return edgeSegments(figure).flatMap((s) => (figure.nodes ?? []).filter((n) => n.id !== s.from && n.id !== s.to).flatMap((n) => {
    const box = noteBox(figure, n);
    return box && segmentInBox(s.a, s.b, box) ? [`the edge ${s.name} crosses the note of ${n.id}`] : [];
  }));
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

  it('reads clean: no edge crosses another, passes through a node, a label or a note it does not join', () => {
    expect(layoutProblems(graph)).toEqual([]);
    expect(edgeCrossings(graph)).toEqual([]);
    expect(edgesThroughNotes(graph)).toEqual([]);
  });
});
