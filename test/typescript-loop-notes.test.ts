// The notes and the Hessian of a function whose long loop is kept as a loop
// (issue 10): the notes are the loop written out for its first two and last
// iterations, the rest one ⋮ row each (so their passes and gradient do not
// grow with the length; the Hessian and the appendix's table of every value do),
// every number they show is the generated code's; the Hessian (hessian: true)
// matches central differences of the gradient, which matches central
// differences of the original function.
import { describe, expect, it } from 'vitest';
import { callGenerated, compileFunctions, modelText } from './helpers/function-model.js';
import { expectClose, gradientByDifferences } from './helpers/numeric.js';
import { expectValuesShown, valueLabelled } from './helpers/notes-values.js';
import type { NotesValues } from '../src/backends/doc/companion.js';

const N = 40;
const point = Array.from({ length: N }, (_, i) => 0.8 + 0.3 * Math.sin(i));
const model = (n: number) => modelText(`export const R = differentiable((x: Float64Array) => {
  let f = 0;
  for (let i = 0; i < x.length - 1; i++) {
    const a = x[i + 1] - x[i] * x[i];
    const b = 1 - x[i];
    f += 100 * a * a + b * b;
  }
  return f;
}, { lengths: { x: ${n} }, hessian: true, at: { x: [${point.slice(0, n).join(', ')}] } });`);

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

  it('writes notes that do not grow with the length (the Hessian and the table of the appendix aside): 20 and 40 entries give forward, local and backward sections of the same rows', async () => {
    const sections = async (n: number) => {
      const tex = file(await compileFunctions(model(n)), '.tex');
      return tex.slice(tex.indexOf('\\subsection*{Forward pass}'), tex.indexOf('\\subsection*{Result}')).replace(/-?\d+(\.\d+)?/g, 'N');
    };
    const [short, long] = await Promise.all([sections(20), sections(N)]);
    // a long sum may wrap onto one more row where v_{100} is longer than v_{50}; 20 more iterations are no more rows
    expect(long.split('\n').length).toBeLessThan(short.split('\n').length + 10);
    expect(long.split('\n').length).toBeGreaterThanOrEqual(short.split('\n').length);
  });
});
