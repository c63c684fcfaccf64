// Like terms collected in printed results (issue 11): a Hessian entry reads
// 4xy·cos(xy), not 2x·s₂ + 2s₂·x; each printed formula, its named
// subexpressions substituted, evaluates to the finite-difference Hessian.
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../src/compile/expression.js';
import { renderNotes } from '../src/backends/latex/notes.js';
import { collectTerms } from '../src/passes/collect-terms.js';
import { evaluateScalars } from '../src/ir/evaluate.js';
import { evaluateTex } from './helpers/tex-arithmetic.js';
import { jacobianByDifferences, gradientByDifferences } from './helpers/numeric.js';

const META = { source: 'm.ts', command: 'c', notes: 'm.tex', version: '0' };

interface Case {
  readonly source: string;
  readonly f: (p: readonly number[]) => number;
  readonly wrt: readonly string[];
  readonly at: readonly number[];
}

const CASES: readonly Case[] = [
  { source: 'sin(x*y)*x^2', f: ([x, y]) => Math.sin(x * y) * x * x, wrt: ['x', 'y'], at: [0.7, 1.3] },
  { source: '(x^2 + y^2)^2', f: ([x, y]) => (x * x + y * y) ** 2, wrt: ['x', 'y'], at: [0.4, -1.1] },
  { source: 'x*y*exp(x^2)', f: ([x, y]) => x * y * Math.exp(x * x), wrt: ['x', 'y'], at: [0.3, 2] },
  { source: 'sin(x^2 + y)*cos(x)', f: ([x, y]) => Math.sin(x * x + y) * Math.cos(x), wrt: ['x', 'y'], at: [0.9, 0.2] },
  { source: 'log(1 + x^2*y^2)', f: ([x, y]) => Math.log(1 + x * x * y * y), wrt: ['x', 'y'], at: [0.5, 1.5] },
  { source: 'sigmoid(x*w + b)', f: ([x, w, b]) => 1 / (1 + Math.exp(-(x * w + b))), wrt: ['x', 'w', 'b'], at: [0.5, -1, 0.25] },
  { source: 'x^2*sin(y) + x*sin(y)*x', f: ([x, y]) => 2 * x * x * Math.sin(y), wrt: ['x', 'y'], at: [1, 2] },
];

/** The notes' Hessian section of `c`: its named subexpressions s_k and the formula matrix. */
function printedHessian(c: Case): { shared: Map<string, string>; matrix: string[][] } {
  const tex = renderNotes([compileExpression('E', c.source, { wrt: [...c.wrt], hessian: true })], META);
  const from = tex.indexOf('The Hessian');
  const block = tex.slice(from, tex.indexOf('At the point', from));
  const shared = new Map([...tex.matchAll(/^(s_\{\d+\}) &= (.*?)(?: \\\\)?$/gm)].map((m) => [m[1], m[2]]));
  const matrix = /\\nabla\^2 E = \\begin\{bmatrix\} (.*?) \\end\{bmatrix\}/.exec(block);
  const rows = matrix
    ? matrix[1].split(' \\\\ ').map((row) => row.split(' & '))
    : [...block.matchAll(/^\\frac\{\\partial\^2 E\}.*? &= (.*?)(?: \\\\)?$/gm)].map((m) => [m[1]]);
  return { shared, matrix: rows };
}

/** A printed formula with its named subexpressions and the variables replaced by their values, evaluated. */
function valueOf(formula: string, shared: ReadonlyMap<string, string>, variables: Readonly<Record<string, number>>): number | undefined {
  let tex = formula;
  for (let pass = 0; pass < 10 && /s_\{\d+\}/.test(tex); pass++) {
    tex = tex.replace(/s_\{\d+\}/g, (s) => `\\left(${shared.get(s) ?? s}\\right)`);
  }
  for (const [name, value] of Object.entries(variables)) {
    tex = tex.replace(new RegExp(`(?<![\\\\a-zA-Z])${name}(?![a-zA-Z])`, 'g'), `\\left(${value}\\right)`);
  }
  return evaluateTex(tex);
}

describe('printed Hessians collect like terms', () => {
  it.each(CASES)('$source: every formula equals the finite-difference Hessian at the point', (c) => {
    const { shared, matrix } = printedHessian(c);
    const values = Object.fromEntries(c.wrt.map((v, i) => [v, c.at[i]]));
    const fd = jacobianByDifferences((p) => gradientByDifferences(c.f, p, 1e-4), c.at, 1e-4);
    const full = matrix.length === c.wrt.length && matrix.every((r) => r.length === c.wrt.length);
    // a matrix, or for one expression the entries (i ≤ j) row by row
    const entries = full ? matrix.flatMap((row, i) => row.map((formula, j) => ({ formula, i, j })))
      : matrix.map(([formula], k) => ({ formula, ...upperEntry(k, c.wrt.length) }));
    expect(entries.length).toBeGreaterThan(0);
    for (const { formula, i, j } of entries) {
      const v = valueOf(formula, shared, values);
      expect(v, formula).toBeDefined();
      expect(Math.abs((v as number) - fd[i][j]), `${formula} at ${c.at}`).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd[i][j])));
    }
  });

  it('2x·cos(xy)·y + 2x·cos(xy)·y is 4xy·cos(xy), and no formula adds a term twice', () => {
    const { matrix } = printedHessian(CASES[0]);
    expect(matrix[0][0]).toMatch(/^2 s_\{\d\} \+ 4 x \\cdot y \\cdot s_\{\d\} - x\^\{2\} \\cdot y\^\{2\} \\cdot s_\{\d\}$/);
    expect(matrix[1][1]).toMatch(/^-x\^\{4\} \\cdot s_\{\d\}$/); // (x²)² = x⁴
  });

  it('constants are collected: 2 + 2(1 + 2x²) + 2 = 6 + 4x², 1 − σ − σ = 1 − 2σ', () => {
    const [bowl] = printedHessian(CASES[1]).matrix;
    expect(bowl[0]).toBe('12 x^{2} + 4 y^{2}');
    // the whole factor 2 comes out with the common factors y·e^{x²} (passes/factor.ts)
    expect(printedHessian(CASES[2]).matrix[0][0]).toBe('2 y \\cdot e^{x^{2}} \\cdot \\left(3 x + 2 x^{3}\\right)');
    expect([...printedHessian(CASES[5]).shared.values()]).toContain('1 - 2 s_{1}');
  });

  it('a factored form that collects nothing stays factored: σ(1 − σ)(1 − 2σ), not σ − 3σ² + 2σ³', () => {
    const { shared, matrix } = printedHessian(CASES[5]);
    expect(matrix[2][2]).toMatch(/^s_\{\d\} \\cdot s_\{\d\} \\cdot s_\{\d\}$/);
    expect([...shared.values()].join(' ')).not.toMatch(/\^\{3\}/);
  });

  it('a fraction raised to a power keeps its parentheses: (1/s)², not \\frac{1}{s}^{2}', () => {
    const { shared } = printedHessian(CASES[4]);
    expect([...shared.values()].join(' ')).not.toMatch(/\\frac\{[^{}]*\}\{[^{}]*\}\^/);
  });
});

describe('collectTerms keeps every value', () => {
  it.each(CASES)('$source: the Hessian graph after the pass computes the same numbers', (c) => {
    const compiled = compileExpression('E', c.source, { wrt: [...c.wrt], hessian: true });
    const h = compiled.hessian;
    if (!h) throw new Error('no Hessian');
    const { graph, map } = collectTerms(h.graph);
    const values = Object.fromEntries(c.wrt.map((v, i) => [v, c.at[i] + 0.1 * i]));
    const before = evaluateScalars(h.graph, h.rows.flat(), values);
    const after = evaluateScalars(graph, h.rows.flat().map((id) => map[id]), values);
    after.forEach((v, k) => expect(Math.abs(v - before[k])).toBeLessThan(1e-12 * Math.max(1, Math.abs(before[k]))));
  });
});

/** The k-th entry (i, j), i ≤ j, of an n × n symmetric matrix listed row by row. */
function upperEntry(k: number, n: number): { i: number; j: number } {
  let left = k;
  for (let i = 0; i < n; i++) {
    if (left < n - i) return { i, j: i + left };
    left -= n - i;
  }
  throw new Error(`entry ${k} beyond a ${n} × ${n} matrix`);
}

describe('constants carried along stay exact', () => {
  it('2^x differentiates to ln 2 · 2^x with ln 2 to the last bit (not rounded to 15 digits)', () => {
    const c = compileExpression('E', '2^x + x^2', { hessian: true });
    const { graph, map } = collectTerms(c.gradient.graph);
    const constants = graph.nodes.filter((n) => n.op === 'const').map((n) => n.attrs.value);
    expect(constants).toContain(Math.LN2);
    expect(evaluateScalars(graph, [map[c.gradient.gradient[0]]], { x: 1.5 })[0]).toBe(evaluateScalars(c.gradient.graph, [c.gradient.gradient[0]], { x: 1.5 })[0]);
  });
});
