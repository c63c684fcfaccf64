// The computational graph figures of expressions nobody drew before (issue 11): each has its figure, and it
// reads clean as a student needs it — no edge label on another edge, a node or another label, no edge through
// a node it does not join (an edge that skips columns bends around them), every adjoint inside its node where
// no edge can cross it. Measured on the layout's boxes and segments, as TikZ and the SVG draw them.
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../src/compile/expression.js';
import type { ExprOptions } from '../src/dsl/expr.js';
import { buildNotes } from '../src/backends/latex/notes.js';
import type { Figure } from '../src/backends/doc/figure.js';
import { edgeLabelBox, edgePath, segmentInBox } from '../src/backends/doc/figure-geometry.js';
import { layoutProblems } from '../src/backends/doc/figure-edges.js';

const META = { source: 'm.ts', command: 'c', notes: 'm.tex', version: '0' };

function graphFigure(source: string, options: ExprOptions): Figure | undefined {
  const notes = buildNotes([compileExpression('f', source, options)], META);
  return notes.blocks.flatMap((b) => (b.kind === 'figure' && b.caption.startsWith('The computational graph') ? [b.figure] : []))[0];
}

const CASES: [string, string, ExprOptions][] = [
  ['exp(−x²)·sin 3x', 'exp(-x^2) * sin(3*x)', { at: { x: 0.5 } }],
  ['the CS231n neuron', '1 / (1 + exp(-(w0*x0 + w1*x1 + w2)))', { wrt: ['w0', 'x0', 'w1', 'x1', 'w2'], at: { w0: 2, x0: -1, w1: -3, x1: -2, w2: -3 } }],
  ['CS231n\'s staged f', '(x + sigmoid(y)) / (sigmoid(x) + (x + y)^2)', { wrt: ['x', 'y'], at: { x: 3, y: -4 } }],
  ['the softmax of 3 scores', 'exp(a) / (exp(a) + exp(b) + exp(c))', { wrt: ['a', 'b', 'c'], at: { a: 1, b: 2, c: 0.5 } }],
  ['a Gaussian log-likelihood', '-0.5*log(2*pi*s^2) - (1.3 - mu)^2 / (2*s^2)', { wrt: ['mu', 's'], at: { mu: 1, s: 0.5 } }],
  ['Booth\'s function', '(x + 2*y - 7)^2 + (2*x + y - 5)^2', { wrt: ['x', 'y'], at: { x: 0, y: 0 } }],
  ['Himmelblau\'s function', '(x^2 + y - 11)^2 + (x + y^2 - 7)^2', { wrt: ['x', 'y'], at: { x: 0, y: 0 } }],
  ['x·y + eˣ', 'x*y + exp(x)', { wrt: ['x', 'y'], at: { x: 1, y: 2 } }],
  ['x² + 5y²', 'x^2 + 5*y^2', { wrt: ['x', 'y'], at: { x: 4, y: 1.5 } }],
  ['max, min and abs', 'max(x, 0) * abs(y) + min(x, y)', { wrt: ['x', 'y'], at: { x: 0.7, y: -1.2 } }],
  ['hypot and atan2', 'hypot(x, y) * atan2(y, x)', { wrt: ['x', 'y'], at: { x: 3, y: 4 } }],
  ['softplus and ln(1 + eʸ)', 'softplus(x) + log(1 + exp(y))', { wrt: ['x', 'y'], at: { x: 0.4, y: -1 } }],
];

describe('computational graphs read clean', () => {
  it.each(CASES)('%s: drawn, no label on an edge, node or label, no edge through a node', (_name, source, options) => {
    const figure = graphFigure(source, options);
    expect(figure).toBeDefined();
    expect(layoutProblems(figure as Figure)).toEqual([]);
  });

  it.each(CASES)('%s: every adjoint is inside its node, and no edge crosses a label of its own either', (_name, source, options) => {
    const figure = graphFigure(source, options) as Figure;
    expect((figure.nodes ?? []).every((n) => n.note !== undefined && n.value !== undefined)).toBe(true);
    // a fan-out's edges leave the same node: the label of one must not sit on its sibling
    for (const e of figure.edges ?? []) {
      const box = edgeLabelBox(figure, e);
      if (!box) continue;
      const siblings = (figure.edges ?? []).filter((o) => o !== e && (o.from === e.from || o.to === e.to));
      for (const o of siblings) {
        const path = edgePath(figure, o) ?? [];
        expect(path.slice(1).some((b, i) => segmentInBox(path[i], b, box) !== undefined), `${o.from} -> ${o.to} across the label of ${e.from} -> ${e.to}`).toBe(false);
      }
    }
  });
});
