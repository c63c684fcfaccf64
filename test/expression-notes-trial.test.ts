// Expression notes read as a student checking homework (issue 11): cases
// found trying expressions nobody wrote yet, each checked the way a reader
// would object to it.
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../src/compile/expression.js';
import { buildNotes, renderNotes } from '../src/backends/latex/notes.js';
import { overlaps, pagePoint, segmentInBox } from '../src/backends/doc/figure-geometry.js';
import { pointLabelBox } from '../src/backends/doc/point-labels.js';
import type { ExprOptions } from '../src/dsl/expr.js';
import { compileModel } from '../src/driver/compile-model.js';

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

describe('a quotient by a constant', () => {
  const tex = notesOf('q', 'sin(x) / 3 + 2 / x', { at: { x: 1 } });

  it('names the constant factor rule for u / 3 and the quotient rule for 2 / x', () => {
    const ruleOf = (row: RegExp) => tex.split('\n').find((line) => row.test(line))?.match(/\\text\{\((.*)\)\}/)?.[1];
    const lines = tex.split('\n').filter((line) => /\\frac\{\\partial v_\{\d+\}\}\{\\partial (v_\{\d+\}|x)\} &=/.test(line));
    const rules = lines.map((line) => line.match(/\\text\{\((.*)\)\}/)?.[1]);
    expect(rules).toContain('constant factor rule');
    expect(rules).toContain('quotient rule');
    expect(ruleOf(/= \\frac\{1\}\{3\} \\qquad/)).toBe('constant factor rule');
  });
});

/** The terms of a formula's top-level sum (depth 0 of braces and \left…\right), signs dropped. */
function topLevelTerms(formula: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < formula.length; i++) {
    if (formula.startsWith('\\left', i) || formula[i] === '{') depth++;
    if (formula.startsWith('\\right', i) || formula[i] === '}') depth--;
    if (depth === 0 && (formula.startsWith(' + ', i) || formula.startsWith(' - ', i))) {
      terms.push(formula.slice(start, i).trim());
      start = i + 3;
    }
  }
  return [...terms, formula.slice(start).trim()].map((t) => t.replace(/^-/, ''));
}

/** The rows `lhs &= rhs` of the Result section (the gradient, the named subexpressions, the Hessian entries). */
function resultRows(tex: string): string[] {
  const result = tex.slice(tex.indexOf('\\subsection*{Result}'), tex.indexOf('\\section{Appendix'));
  return [...result.matchAll(/^.*?&= (.*?)(?: \\\\)?$/gm)].map((m) => m[1]);
}

describe('results collected once more after factoring (the CS231n example and the chain-rule exercise)', () => {
  it('no formula adds the same term twice (s₁₄ − s₁₂ + s₁₄ was printed for ∂²h/∂x²\'s part)', () => {
    const tex = notesOf('h', '(x + sigmoid(y)) / (sigmoid(x) + (x + y)^2)', { at: { x: 3, y: -4 }, hessian: true });
    const rows = resultRows(tex);
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      const terms = topLevelTerms(row);
      expect(new Set(terms).size, row).toBe(terms.length);
    }
  });

  it('a whole common factor is taken out and the bracket is the named s_k it equals: no 2s₄ + 6 beside s₅ = 3 + s₄', () => {
    const tex = notesOf('J', 'cos(sin(x^2) + 3*x^2)', { at: { x: 0.5 }, hessian: true });
    const hessian = /\\nabla\^2 J = \\begin\{bmatrix\} (.*?) \\end\{bmatrix\}/.exec(tex)?.[1] ?? '';
    expect(hessian).toContain('s_{4}^{2}');
    expect(hessian).not.toMatch(/\d s_\{\d+\} \+ \d/);
    expect(tex).toContain('s_{4} &= 3 + \\cos\\left(x^{2}\\right)');
  });
});

describe('gradient descent with η too large on x² (the curriculum\'s "η too large" slide)', () => {
  const tex = notesOf('f', 'x^2', { at: { x: 1 }, descent: { steps: 10, lr: 1.1 } });

  it('says the run diverges when f grew at every step, though it never grew a millionfold', () => {
    expect(tex).toContain('After 10 steps $f$ went from $1$ to $38.3376$: it grew at every step instead of decreasing. '
      + 'With $\\eta = 1.1$ the steps overshoot, each by more than the one before: the run diverges');
  });

  it('does not say the run heads for the minimum it moves away from', () => {
    expect(tex).not.toContain('heads for');
    expect(tex).toContain('The minimum it moves away from, $x^{*} = 0$');
  });

  it('a run that oscillates inward (η = 0.9) still heads for the minimum and ends lower', () => {
    const inward = notesOf('f', 'x^2', { at: { x: 1 }, descent: { steps: 10, lr: 0.9 } });
    expect(inward).toContain('The minimum it heads for');
    expect(inward).not.toContain('instead of decreasing');
  });
});

describe('labels on an oscillating 1-D descent path (x² with η = 0.9 and 1.1, x⁴ − 3x³ + 2 with η = 0.09)', () => {
  const curves = (source: string, at: number, lr: number, steps: number) => {
    const notes = buildNotes([compileExpression('f', source, { at: { x: at }, descent: { steps, lr } })], META);
    const [figure] = notes.blocks.flatMap((b) => (b.kind === 'figure' && b.figure.curves?.some((c) => c.style === 'path') ? [b.figure] : []));
    return figure;
  };
  const cases = [['x^2', 1, 0.9, 10], ['x^2', 1, 1.1, 10], ['x^4 - 3*x^3 + 2', 2.6, 0.09, 12]] as const;

  it.each(cases)('%s from %s with η = %s: no label on another, none between the first and last on a step', (source, at, lr, steps) => {
    const figure = curves(source, at, lr, steps);
    const path = figure.curves?.find((c) => c.style === 'path')?.points.map((p) => pagePoint(figure, p)) ?? [];
    const labelled = (figure.points ?? []).filter((p) => p.label !== undefined);
    const boxes = labelled.map((p) => pointLabelBox(figure, p) as NonNullable<ReturnType<typeof pointLabelBox>>);
    boxes.forEach((b, i) => boxes.slice(i + 1).forEach((other, j) =>
      expect(overlaps(b, other), `${labelled[i].label} on ${labelled[i + 1 + j].label}`).toBe(false)));
    const first = `x_{0}`;
    const last = `x_{${steps}}`;
    labelled.forEach((p, i) => {
      if (p.label === first || p.label === last || p.label === '\\min') return;
      const crossed = path.slice(1).filter((q, k) => segmentInBox(path[k], q, boxes[i]) !== undefined);
      expect(crossed, `${p.label} on a step`).toHaveLength(0);
    });
    // the start and the end are named
    expect(labelled.map((p) => p.label)).toEqual(expect.arrayContaining([first, last]));
  });
});

describe('a model\'s sections in the order of its file', () => {
  it('rosen, himmel, beale as written, not alphabetically (a module namespace sorts its exports)', async () => {
    const m = await compileModel({ fileName: 'model.ts', text: `import { expr } from 'nncompile';
export const rosen = expr('(1 - x)^2 + 100*(y - x^2)^2', { at: { x: -1.2, y: 1 } });
export const himmel = expr('(x^2 + y - 11)^2 + (x + y^2 - 7)^2', { at: { x: 0, y: 0 } });
export const beale = expr('(1.5 - x + x*y)^2', { at: { x: 1, y: 1 } });` });
    expect(m.expressions.map((e) => e.name)).toEqual(['rosen', 'himmel', 'beale']);
    const tex = m.files.find((f) => f.name.endsWith('.tex'))?.content ?? '';
    const at = (name: string) => tex.indexOf(`\\section{The expression $\\mathit{${name}}$}`);
    expect(at('rosen')).toBeGreaterThan(0);
    expect(at('rosen')).toBeLessThan(at('himmel'));
    expect(at('himmel')).toBeLessThan(at('beale'));
  });
});

describe('the companion file of a descent on a function named with a subscript (osc2 prints as osc₂)', () => {
  it('labels its values (osc₂)₀, …, never with a double subscript osc_{2}_{0} that TeX and KaTeX reject', () => {
    const notes = buildNotes([compileExpression('osc2', 'x^2 + 10*y^2', { at: { x: 3, y: 1 }, descent: { steps: 3, lr: 0.05 } })], META);
    const labels = notes.values.values.map((v) => v.label);
    expect(labels).toContain('\\left(\\mathit{osc}_{2}\\right)_{0}');
    expect(labels.filter((l) => /\}_\{[^}]*\}_\{/.test(l))).toEqual([]);
  });
});

describe('a worked point on a kink (|x|, max, ReLU at 0)', () => {
  it('says the derivative does not exist there and which value the code takes, once', () => {
    const tex = notesOf('kink', 'abs(x) + max(x, 0) + relu(x - y)', { at: { x: 0, y: 0 } });
    expect(count(tex, 'sit on a kink')).toBe(1);
    expect(tex).toContain('$v_{1} = \\left|x\\right|$, $v_{2} = \\max\\left(x, 0\\right)$ and $v_{5} = \\operatorname{ReLU}\\left(v_{4}\\right)$ sit on a kink');
    expect(tex).toContain('the derivative does not exist there');
  });

  it('says nothing off the kinks', () => {
    expect(notesOf('k', 'abs(x) + max(x, 0) + relu(x - y)', { at: { x: 1, y: 0.5 } })).not.toContain('kink');
  });
});
