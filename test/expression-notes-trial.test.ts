// Expression notes read as a student checking homework (issue 11): cases
// found trying expressions nobody wrote yet, each checked the way a reader
// would object to it.
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../src/compile/expression.js';
import { renderNotes } from '../src/backends/latex/notes.js';
import type { ExprOptions } from '../src/dsl/expr.js';

const META = { source: 'm.ts', command: 'c', notes: 'm.tex', version: '0' };
const notesOf = (name: string, source: string, options: ExprOptions) => renderNotes([compileExpression(name, source, options)], META);
const count = (text: string, part: string) => text.split(part).length - 1;

describe('x^y differentiated in its exponent', () => {
  const tex = notesOf('p', 'x^y', { at: { x: 2, y: 3 }, hessian: true });

  it('reads x^y ln x, not a cases block inside the ln (the guard at x = 0 is the code\'s, stated once)', () => {
    expect(tex).not.toContain('\\begin{cases}');
    expect(tex).toContain('\\frac{\\partial p}{\\partial y} &= x^{y} \\cdot \\ln x');
    expect(tex).toContain('x^{y} \\cdot \\left(\\ln x\\right)^{2}');
    expect(count(tex, 'the limit of } a^{b} \\ln a')).toBe(1);
  });

  it('names the exponential rule for the exponent, the power rule for the base', () => {
    expect(tex).toContain('\\frac{\\partial v_{1}}{\\partial y} &= v_{1} \\cdot \\ln x = 5.54518 \\qquad \\text{(exponential rule)}');
    expect(tex).toContain('\\frac{\\partial v_{1}}{\\partial x} &= y \\cdot x^{y - 1} = 12 \\qquad \\text{(power rule)}');
    expect(tex).toContain('\\bar{y} &= \\bar{v}_{1}\\,\\frac{\\partial v_{1}}{\\partial y} \\qquad \\text{(chain rule, exponential rule)}');
  });
});
