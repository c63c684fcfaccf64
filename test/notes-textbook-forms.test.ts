// What a student checking homework expects to read, where the notes printed a compiler's form (issue 11):
// a constant local derivative 1/3 as ⅓ (not ×0.333333), softplus as its formula with the numbers, e to a
// negative number without parentheses, (1/s)² as 1/s², s₅ · s₄ (s₅ = s₄²) as s₄³, and a coefficient ⅓ that
// factoring computed as ⅓ rather than 0.333333333333333. Each row is also re-evaluated from its TeX.
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../src/compile/expression.js';
import type { ExprOptions } from '../src/dsl/expr.js';
import { compileModel } from '../src/driver/compile-model.js';
import { buildNotes, renderNotes } from '../src/backends/latex/notes.js';
import { evaluateTex } from './helpers/tex-arithmetic.js';

const META = { source: 'm.ts', command: 'c', notes: 'm.tex', version: '0' };
const notesOf = (source: string, options: ExprOptions) => renderNotes([compileExpression('f', source, options)], META);
/** The rows `lhs &= rhs` of the Result section. */
const resultRows = (tex: string) => tex.slice(tex.indexOf('\\subsection*{Result}')).split('\n').filter((l) => /^s_\{\d+\} &= /.test(l));

describe('a division by 3 in the backward pass', () => {
  const tex = notesOf('x^2 / 3', { at: { x: 2 } });

  it('multiplies by ⅓, the local derivative as the rules list states it, not by 0.333333', () => {
    expect(tex).toContain('&= 1 \\times \\tfrac{1}{3} = 0.333333 \\\\');
    expect(tex).not.toMatch(/\\times 0\.333333 =/);
    // the row's arithmetic holds: 1 × ⅓ = 0.333333
    expect(evaluateTex('1 \\times \\tfrac{1}{3}')).toBeCloseTo(0.333333, 6);
  });

  it('keeps every other number a decimal: ⅓ · 4 = 1.33333 in the forward pass', () => {
    expect(tex).toContain('= 1.33333');
    expect(tex).not.toMatch(/\\tfrac\{4\}\{3\}/);
  });
});

describe('softplus and the exponential at the point', () => {
  const tex = notesOf('softplus(x) + exp(-x^2)', { at: { x: 0.4 } });

  it('names softplus once in the step, then writes its formula with the numbers: ln(1 + e^{0.4})', () => {
    expect(tex).toContain('\\operatorname{softplus}\\left(x\\right) = \\ln\\left(1 + e^{0.4}\\right) = 0.913015');
    expect(tex).not.toContain('\\operatorname{softplus}\\left(0.4\\right)');
    expect(evaluateTex('\\ln\\left(1 + e^{0.4}\\right)')).toBeCloseTo(Math.log(1 + Math.exp(0.4)), 6);
  });

  it('writes e to a negative number without parentheses: e^{-0.16}', () => {
    expect(tex).toContain('= e^{-0.16} = 0.852144');
    expect(tex).not.toContain('e^{\\left(-');
  });
});

describe('the results as a textbook prints them', () => {
  it('CS231n\'s f: 1/s₄² and s₄³, never (1/s₄)² or s₅ · s₄ for s₅ = s₄²', () => {
    const rows = resultRows(notesOf('(x + sigmoid(y)) / (sigmoid(x) + (x + y)^2)', { wrt: ['x', 'y'], at: { x: 3, y: -4 }, hessian: true }));
    expect(rows).toContain('s_{12} &= \\frac{1}{s_{4}^{2}} \\\\');
    expect(rows).toContain('s_{13} &= s_{4}^{3} \\\\');
    expect(rows.join('\n')).not.toMatch(/\\left\(\\frac\{1\}|s_\{5\} \\cdot s_\{4\}/);
    // a reciprocal with a name keeps it: s₅² stays (s₅ = 1/s₄ is printed once)
    expect(rows).toContain('s_{6} &= \\frac{2 s_{2} \\cdot \\left(x + y\\right)}{s_{5}} \\\\');
  });

  it('1/(1 + x²) has the Hessian term 1/(1 + x²)², not (1/(1 + x²))²', () => {
    const tex = notesOf('1/(1 + x^2)', { at: { x: 0.5 }, hessian: true });
    expect(tex).toContain('\\frac{1}{\\left(1 + x^{2}\\right)^{2}}');
    expect(tex).not.toContain('\\left(\\frac{1}{1 + x^{2}}\\right)^{2}');
  });

  it('a coefficient ⅓ that factoring computes prints as ⅓, not 0.333333333333333', async () => {
    const m = await compileModel({ fileName: 'model.ts', text: `import { differentiable } from 'nncompile';
export const geom = differentiable((x: number, y: number) => Math.hypot(x, y) * Math.cos(Math.atan2(y, x) / 3), { at: { x: 1.5, y: -0.5 } });` });
    const tex = buildNotes(m.expressions, META).document;
    const result = tex.slice(tex.indexOf('\\subsection*{Result}'));
    expect(result).toContain('\\frac{1}{3}');
    expect(result).not.toMatch(/0\.3333333/);
  });
});
