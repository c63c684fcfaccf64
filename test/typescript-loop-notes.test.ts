// The notes and the Hessian of a function whose long loop is kept as a loop
// (issue 10): the notes are the loop written out for its first two and last
// iterations, the rest one ⋮ row each, the Hessian by its band, its entries
// in the loop's index and its shown rows' numbers, the appendix's table of
// every value likewise elided (so the notes do not grow with the length),
// every number they show is the generated code's; the Hessian (hessian: true)
// matches central differences of the gradient, which matches central
// differences of the original function.
import { describe, expect, it } from 'vitest';
import { callGenerated, compileFunctions, modelText } from './helpers/function-model.js';
import { expectClose, gradientByDifferences } from './helpers/numeric.js';
import { expectValuesShown, valueLabelled, valuesLabelled } from './helpers/notes-values.js';
import { ROSENBROCK } from './helpers/rosenbrock.js';
import { compilePdf } from '../src/driver/pdf.js';
import type { NotesValues } from '../src/backends/doc/companion.js';

const N = 40;
const point = Array.from({ length: N }, (_, i) => 0.8 + 0.3 * Math.sin(i));
const model = (n: number) => modelText(`export const R = differentiable(${ROSENBROCK}, { lengths: { x: ${n} }, hessian: true, at: { x: [${point.slice(0, n).join(', ')}] } });`);

const file = (c: Awaited<ReturnType<typeof compileFunctions>>, ext: string) => c.compiled.files.find((f) => f.name.endsWith(ext))?.content ?? '';

describe('a loop kept as a loop, with hessian: true and a point', () => {
  it('has a Hessian equal to central differences of its gradient, itself equal to central differences of the original', async () => {
    const c = await compileFunctions(model(N));
    expect(c.compiled.expressions[0].looped).toBeDefined();
    const got = callGenerated(c.module, 'R', [point]);
    const original = (x: readonly number[]) => c.original.R(Float64Array.from(x));
    expectClose(got.grad, gradientByDifferences(original, point), 1e-6, 1e-6, 'gradient');
    const h = 1e-5;
    for (let j = 0; j < N; j++) {
      const shifted = (d: number) => callGenerated(c.module, 'R', [point.map((x, k) => (k === j ? x + d : x))]).grad;
      const [plus, minus] = [shifted(h), shifted(-h)];
      const column = plus.map((p, i) => (p - minus[i]) / (2 * h));
      expectClose(Array.from({ length: N }, (_, i) => got.hess?.[i * N + j] ?? NaN), column, 1e-6, 1e-5, `Hessian column ${j}`);
    }
  });

  it('writes notes that show the first two and the last iterations, the others as one ⋮ row per step, with the code\'s numbers', async () => {
    const c = await compileFunctions(model(N));
    const tex = file(c, '.tex');
    const companion = JSON.parse(file(c, '.notes.json')) as NotesValues;
    expectValuesShown(tex, companion);
    expect(file(c, '.html')).toContain('<math');
    // forward pass: x_0², x_1², ⋮, x_38² (the loop's 39 iterations), each citing its line
    expect(tex).toContain('v_{1} &= x_{0} \\cdot x_{0}');
    expect(tex).toContain('v_{2} &= x_{1} \\cdot x_{1}');
    expect(tex).toContain(`v_{${N - 1}} &= x_{${N - 2}} \\cdot x_{${N - 2}}`);
    const passes = tex.slice(tex.indexOf('\\subsection*{Forward pass}'), tex.indexOf('\\subsection*{Result}'));
    expect(passes).not.toContain('x_{20} \\cdot x_{20}');
    expect(tex).toContain(`\\text{(likewise for the elements } 2, \\dots, ${N - 3} \\text{ of } 0, \\dots, ${N - 2}\\text{)}`);
    // the gradient: x_0, x_1, ⋮, x_39, each equal to the generated gradient at the point
    const got = callGenerated(c.module, 'R', [point]);
    for (const i of [0, 1, N - 1]) {
      expect(valueLabelled(companion, `\\frac{\\partial R}{\\partial x_{${i}}}`)).toBeCloseTo(got.grad[i], 9);
    }
    expect(tex).toContain(`\\text{(likewise for } x_{2}, \\dots, x_{${N - 2}}\\text{)}`);
    expect(tex).not.toContain('\\frac{\\partial R}{\\partial x_{20}} &=');
    // the appendix says what the code does: a loop, not straight-line
    expect(tex).toMatch(/keep the long loops as loops/);
    expect(tex).toMatch(/The Hessian's code is straight-line/);
  });

  it('writes notes that do not grow with the length, the Hessian and the appendix\'s table included: 20 and 40 entries give the same rows', async () => {
    const rows = async (n: number) => file(await compileFunctions(model(n)), '.tex').replace(/-?\d+(\.\d+)?/g, 'N').split('\n');
    const [short, long] = await Promise.all([rows(20), rows(N)]);
    // a long sum may wrap onto one more row where v_{100} is longer than v_{50}; 20 more iterations are no more rows
    expect(long.length).toBeLessThan(short.length + 10);
    expect(long.length).toBeGreaterThanOrEqual(short.length);
  });

  it('describes the Hessian by its band, its entries in the loop\'s index (recomputed here from the formulas), and its shown rows\' numbers', async () => {
    const c = await compileFunctions(model(N));
    const tex = file(c, '.tex');
    const companion = JSON.parse(file(c, '.notes.json')) as NotesValues;
    const hess = callGenerated(c.module, 'R', [point]).hess as number[];
    const h = (i: number, j: number) => hess[i * N + j];
    expect(tex).toContain(`is $${N} \\times ${N}$ and symmetric`);
    expect(tex).toContain('the block is tridiagonal: $\\frac{\\partial^2}{\\partial x_{i} \\, \\partial x_{j}} = 0$ for $|i - j| > 1$');
    // every entry outside the band is 0 in the generated Hessian too
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) if (Math.abs(i - j) > 1) expect(h(i, j)).toBe(0);
    // the general entries, as the notes write them, recomputed at the point for every i they cover
    expect(tex).toContain(`\\frac{\\partial^2 R}{\\partial x_{i} \\, \\partial x_{i+1}} &= -400 x_{i} \\qquad \\text{for } i = 0, \\dots, ${N - 2}`);
    for (let i = 0; i < N - 1; i++) expect(h(i, i + 1)).toBeCloseTo(-400 * point[i], 9);
    expect(tex).toContain(`\\frac{\\partial^2 R}{\\partial x_{i}^2} &= 2 - 400 \\left(x_{i+1} - x_{i}^{2}\\right) + 200 + 2 \\left(400 x_{i} \\cdot x_{i}\\right) \\qquad \\text{for } i = 1, \\dots, ${N - 2}`);
    for (let i = 1; i < N - 1; i++) expect(h(i, i)).toBeCloseTo(2 - 400 * (point[i + 1] - point[i] ** 2) + 200 + 2 * (400 * point[i] * point[i]), 8);
    expect(tex).toContain(`\\frac{\\partial^2 R}{\\partial x_{${N - 1}}^2} &= 200`);
    expect(h(N - 1, N - 1)).toBe(200);
    // the numbers: rows and columns x_0, x_1, x_{N-1}, each the generated Hessian's, the others elided
    expectValuesShown(tex, companion);
    for (const [i, j] of [[0, 0], [0, 1], [1, 1], [1, 0], [0, N - 1], [N - 1, N - 1]]) {
      expect(valueLabelled(companion, `\\frac{\\partial^2 R}{\\partial x_{${i}}${i === j ? '^2' : ` \\, \\partial x_{${j}}`}}`)).toBeCloseTo(h(i, j), 9);
    }
    expect(tex).toMatch(/\\vdots & \\vdots & \\ddots & \\vdots/);
    expect(valuesLabelled(companion, `\\frac{\\partial^2 R}{\\partial x_{20}^2}`)).toEqual([]);
  });

  it('typesets with pdflatex', async () => {
    const c = await compileFunctions(model(N));
    expect(compilePdf(file(c, '.tex'), 'model').length).toBeGreaterThan(1000);
  }, 180_000);
});

describe('the appendix\'s table of a long loop', () => {
  const noHessian = (n: number) => modelText(`export const R = differentiable((x: Float64Array) => {
  let f = 0;
  for (let i = 0; i < x.length - 1; i++) {
    const a = x[i + 1] - x[i] * x[i];
    f += 100 * a * a + (1 - x[i]) ** 2;
  }
  return f;
}, { lengths: { x: ${n} }, at: { x: Array.from({ length: ${n} }, (_, i) => 0.8 + 0.3 * Math.sin(i)) } });`);

  it('shows the first two and the last iterations, so 100 and 1000 entries give notes of the same rows', async () => {
    const [short, long] = [file(await compileFunctions(noHessian(100)), '.tex'), file(await compileFunctions(noHessian(1000)), '.tex')];
    const lines = (tex: string) => tex.replace(/-?\d+(\.\d+)?/g, 'N').split('\n');
    expect(lines(long).length).toBeLessThan(lines(short).length + 10);
    expect(long.length).toBeLessThan(short.length * 1.2);
    expect(long).toContain('$\\vdots$ & likewise for $k = 2, \\dots, 997$');
    expect(long).not.toContain('$x_{500}$ & given');
  }, 300_000);
});

describe('a kept loop that counts down (found reviewing fn-stride: the notes wrote h_k = a·h_{k−1} + x_k over k = 0, …, 99 and printed values that were neither iteration\'s)', () => {
  it('is written over k = 99, …, 0 from h_100, h_k = a·h_{k+1} + x_k, with each h_k the value after reading x_k', async () => {
    const x = Array.from({ length: 100 }, (_, i) => Math.sin(i));
    const c = await compileFunctions(modelText(`export const horner = differentiable((a: number, x: number[]) => {
  let h = 0;
  for (let i = 99; i >= 0; i--) h = a * h + x[i];
  return h;
}, { lengths: { x: 100 }, at: { a: 0.5, x: [${x.join(', ')}] } });`));
    expect(c.compiled.expressions[0].looped).toBeDefined();
    const tex = file(c, '.tex');
    expect(tex).toContain('$k = 99, \\dots, 0$ (the loop counts down), from $h_{100} = 0$');
    expect(tex).toContain('h_{k} &= a \\cdot h_{k+1} + x_{k}');
    expect(tex).toContain('\\delta^{h}_{k+1} &= \\delta^{h}_{k} \\, \\frac{\\partial h_{k}}{\\partial h_{k+1}} = \\delta^{h}_{k} \\cdot a');
    // the value after reading x_k, by running the loop here
    const after: number[] = [];
    let h = 0;
    for (let i = 99; i >= 0; i--) after[i] = h = 0.5 * h + x[i];
    const shown = (k: number) => Number(new RegExp(`h_\\{${k}\\} &= (-?[0-9.]+)`).exec(tex)?.[1]);
    for (const k of [99, 1, 0]) expect(shown(k)).toBeCloseTo(after[k], 5);
    expect(tex.indexOf('h_{99} &= ')).toBeLessThan(tex.indexOf('h_{0} &= ')); // in the order the loop runs
  });
});
