// Every number the expression examples' notes print, checked independently of
// nncompile: the printed arithmetic (each substitution, each upstream × local,
// each sum of contributions) re-evaluated from the TeX by a separate
// evaluator, and the results (values, gradients, Hessians, descent iterates)
// against the functions written out here in JavaScript with finite differences.
import { readFileSync } from 'node:fs';
import { EXAMPLES as ALL_EXAMPLES } from '../scripts/examples.js';
import { describe, expect, it } from 'vitest';
import { evaluateTex, rowParts } from './helpers/tex-arithmetic.js';
import { gradientByDifferences, jacobianByDifferences } from './helpers/numeric.js';

type Fn = (p: readonly number[]) => number;

/** The examples' expressions, written independently, with their points (and descent runs). */
const EXAMPLES: Readonly<Record<string, readonly { name: string; f: Fn; at: readonly number[]; descent?: { steps: number; lr: number } }[]>> = {
  'chain-rule': [
    { name: 'J', f: ([x]) => Math.cos(Math.sin(x * x) + 3 * x * x), at: [0.5] },
    { name: 'f', f: ([x, y]) => x * y + Math.exp(x), at: [1, 2] },
  ],
  'staged-backprop': [
    {
      name: 'f',
      f: ([x, y]) => (x + 1 / (1 + Math.exp(-y))) / (1 / (1 + Math.exp(-x)) + (x + y) ** 2),
      at: [3, -4],
    },
    { name: '\\mathit{pendulumEnergy}', f: ([t, o, l]) => 0.5 * l * l * o * o + 9.81 * l * (1 - Math.cos(t)), at: [0.3, 1.5, 2] },
    {
      name: '\\mathit{robustLoss}',
      f: ([w, x0, x1, x2, y0, y1, y2]) => {
        const huber = (r: number) => (Math.abs(r) <= 1 ? 0.5 * r * r : Math.abs(r) - 0.5);
        return (huber(y0 - w * x0) + huber(y1 - w * x1) + huber(y2 - w * x2)) / 3;
      },
      at: [0.5, 1, 2, 3, 1, 0.5, 4],
    },
  ],
  'gradient-descent': [
    { name: 'f', f: ([x]) => x ** 4 - 3 * x ** 3 + 2, at: [4], descent: { steps: 12, lr: 0.02 } },
    { name: 'g', f: ([x, y]) => x * x + 5 * y * y, at: [4, 1.5], descent: { steps: 10, lr: 0.15 } },
  ],
};

/** The section of one expression in a notes document. */
function sectionOf(tex: string, name: string): string {
  const start = tex.search(new RegExp(`\\\\section\\{The (expression|function) \\$${name.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}\\$`));
  if (start < 0) throw new Error(`no section for ${name}`);
  const end = tex.indexOf('\\section{', start + 1);
  return tex.slice(start, end < 0 ? undefined : end);
}

/** The rows of every align* block. */
function alignRows(section: string): string[] {
  return [...section.matchAll(/\\begin\{align\*\}\n([\s\S]*?)\n\\end\{align\*\}/g)].flatMap((m) => m[1].split(' \\\\\n'));
}

/** True when a formula has no symbol left (only numbers, operators and functions): it must evaluate. */
function isNumeric(part: string): boolean {
  const stripped = part
    .replace(/\\(left|right|cdot|times|frac|sin|cos|tan|tanh|ln|max|min|sqrt|le|begin\{cases\}|end\{cases\})/g, '')
    .replace(/\\text\{[^}]*\}/g, '')
    .replace(/e\^/g, '');
  return /[0-9]/.test(stripped) && !/[A-Za-z]/.test(stripped);
}

/** Printed to 6 significant digits: equal when within rounding of the larger operand. */
function agrees(a: number, b: number, operands: number): boolean {
  return Math.abs(a - b) <= 2e-5 * Math.max(Math.abs(a), Math.abs(b)) + 1e-5 * operands + 1e-12;
}

const largest = (tex: string) => Math.max(0, ...[...tex.matchAll(/-?\d+(\.\d+)?/g)].map((m) => Math.abs(Number(m[0]))));
const printed = (tex: string) => {
  const v = evaluateTex(tex);
  if (v === undefined) throw new Error(`cannot read the number ${tex}`);
  return v;
};

it('every expression of every example is checked here', () => {
  for (const example of ALL_EXAMPLES) {
    const tex = readFileSync(`generated/${example}/model.tex`, 'utf8');
    const sections = [...tex.matchAll(/\\section\{The (?:expression|function) \$(.*?)\$/g)].map((m) => m[1]);
    expect(sections, example).toEqual((EXAMPLES[example] ?? []).map((e) => e.name));
  }
});

describe.each(Object.entries(EXAMPLES))('the %s notes', (example, expressions) => {
  const tex = readFileSync(`generated/${example}/model.tex`, 'utf8');

  it.each(expressions.map((e) => [e.name, e]))('%s: the appendix table at full precision: the point, the value and the gradient', (_n, e) => {
    const appendix = tex.slice(tex.indexOf('\\section{Appendix'));
    const start = Math.max(...['expression', 'function'].map((kind) => appendix.indexOf(`\\subsection*{The ${kind} $${e.name}$}`)));
    const table = /\\endhead\n([\s\S]*?)\\hline\n\\end\{longtable\}/.exec(appendix.slice(start));
    if (!table) throw new Error('no table');
    const rows = table[1].trim().split(/ \\\\\*?\n/).map((r) => r.replace(/ \\\\\*?$/, '').split(' & '));
    // An exact number in math: `$-3.334146414144972$` or `$-8.906358061088716 \\times 10^{-9}$`.
    const number = (cell: string) => {
      const m = /^\$(-?[\d.]+)(?: \\times 10\^\{(-?\d+)\})?\$$/.exec(cell);
      return m ? Number(`${m[1]}e${m[2] ?? 0}`) : NaN;
    };
    const gradient = gradientByDifferences(e.f, e.at);
    e.at.forEach((x, i) => {
      expect(rows[i][1]).toBe('given');
      expect(number(rows[i][2])).toBe(x);
      expect(Math.abs(number(rows[i][3]) - gradient[i])).toBeLessThan(1e-6 * (1 + Math.abs(gradient[i])));
    });
    const last = rows[rows.length - 1];
    expect(Math.abs(number(last[2]) - e.f(e.at))).toBeLessThan(1e-12 * (1 + Math.abs(e.f(e.at))));
    expect(number(last[3])).toBe(1); // the seed
  });

  it.each(expressions.map((e) => [e.name, e]))('%s: every printed calculation is right (each side of each =)', (_n, e) => {
    let checked = 0;
    for (const row of alignRows(sectionOf(tex, e.name))) {
      const parts = rowParts(row);
      for (const part of parts.filter(isNumeric)) {
        expect(evaluateTex(part), `a numeric formula that does not evaluate: ${part}\nin ${row}`).toBeDefined();
      }
      for (let k = 0; k + 1 < parts.length; k++) {
        if (!isNumeric(parts[k]) || !isNumeric(parts[k + 1])) continue;
        const [a, b] = [printed(parts[k]), printed(parts[k + 1])];
        if (!agrees(a, b, largest(parts[k]))) expect.fail(`${parts[k]} = ${a}, printed as ${parts[k + 1]}\nin ${row}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(3);
  });

  it.each(expressions.map((e) => [e.name, e]))('%s: the value, gradient and Hessian are the function\'s (finite differences)', (_n, e) => {
    const section = sectionOf(tex, e.name);
    const at = /At the point:\n\n\\begin\{align\*\}\n([\s\S]*?)\n\\end\{align\*\}/.exec(section);
    if (!at) throw new Error('no values at the point');
    const [value, ...gradient] = at[1].split(' \\\\\n').map((row) => printed(rowParts(row)[1]));
    expect(agrees(value, e.f(e.at), 0)).toBe(true);
    const expected = gradientByDifferences(e.f, e.at);
    gradient.forEach((g, i) => expect(Math.abs(g - expected[i]), `∂/∂x${i}: ${g} vs ${expected[i]}`).toBeLessThan(1e-5 * (1 + Math.abs(g))));
    // The last row of the forward pass is E = v_n = value; the backward pass ends in the variables' adjoints.
    const hessian = /At the point:\n\n\\begin\{equation\*\}\n\\nabla\^2 .*? = \\begin\{bmatrix\} (.*) \\end\{bmatrix\}/.exec(section);
    if (!hessian) return;
    const cells = hessian[1].split(' \\\\ ').map((row) => row.split(' & ').map(printed));
    const fd = jacobianByDifferences((p) => gradientByDifferences(e.f, p, 1e-4), e.at, 1e-4);
    cells.forEach((row, i) => row.forEach((h, j) =>
      expect(Math.abs(h - fd[i][j]), `H[${i}][${j}] ${h} vs ${fd[i][j]}`).toBeLessThan(1e-4 * (1 + Math.abs(h)))));
  });

  const runs = expressions.filter((e) => e.descent);
  it.runIf(runs.length > 0).each(runs.map((e) => [e.name, e]))('%s: the descent table is an independent descent loop', (_n, e) => {
    const d = e.descent;
    if (!d) return;
    const table = /\\begin\{longtable\}\{r+\}[\s\S]*?\\endhead\n([\s\S]*?)\\hline\n\\end\{longtable\}/.exec(sectionOf(tex, e.name));
    if (!table) throw new Error('no iteration table');
    const rows = table[1].trim().split(/ \\\\\*?\n/).map((r) => r.replace(/ \\\\\*?$/, '').split(' & '));
    expect(rows.length).toBe(d.steps + 1);
    let x = [...e.at];
    rows.forEach((cells, n) => {
      const k = x.length;
      const numbers = cells.slice(1).map((c) => printed(c.replace(/^\$|\$$/g, '')));
      const grad = gradientByDifferences(e.f, x);
      const expected = [...x, e.f(x), ...grad];
      expect(Number(cells[0])).toBe(n);
      numbers.forEach((v, i) => expect(Math.abs(v - expected[i]), `row ${n}, column ${i + 1}: ${v} vs ${expected[i]}`).toBeLessThan(2e-5 * (1 + Math.abs(v))));
      x = x.map((xi, i) => xi - d.lr * grad[i]);
      expect(x.length).toBe(k);
    });
  });
});
