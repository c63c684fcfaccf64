// The result section of a function whose loop is kept as a loop and whose
// parameters are numbers (issue 10): the gradient written as sums over the
// loop's iterations, Σ_k, from the looped graph the generated E_grad prints —
// not the unrolled gradient, whose factored form named a subexpression per
// iteration (139 of them for a 32-point Huber fit) and grew with the loop.
import { describe, expect, it } from 'vitest';
import { callGenerated, compileFunctions, modelText } from './helpers/function-model.js';
import { expectClose, gradientByDifferences } from './helpers/numeric.js';
import { loopSums } from '../src/compile/loop-sums.js';
import { factorResults } from '../src/compile/shared-factors.js';
import { evaluateScalars } from '../src/ir/evaluate.js';
import { printedLengths } from '../src/backends/print/print-expression.js';
import { hasPdflatex, overfullBoxes, typesetLog } from './helpers/pdflatex.js';
import type { NotesValues } from '../src/backends/doc/companion.js';
import { expectValuesShown } from './helpers/notes-values.js';

const huber = (n: number, at = true) => modelText(`export const huber = differentiable((slope: number, intercept: number) => {
  let loss = 0;
  for (let i = 0; i < ${n}; i++) {
    const t = i / 8;
    const r = Math.sin(t) - (slope * t + intercept);
    if (r > 0.5) loss += 0.5 * (r - 0.25);
    else if (r < -0.5) loss += 0.5 * (-r - 0.25);
    else loss += 0.5 * r * r;
  }
  return loss / ${n};
}${at ? ', { at: { slope: 0.3, intercept: -0.2 } }' : ''});`);

const texOf = (c: Awaited<ReturnType<typeof compileFunctions>>) => c.compiled.files.find((f) => f.name.endsWith('.tex'))?.content ?? '';
const resultOf = (tex: string) => tex.slice(tex.indexOf('\\subsection*{Result}'), tex.indexOf('\\section{Appendix'));

describe('the gradient of a loop kept as a loop, over number parameters', () => {
  it('is written as sums over the iterations k: one iteration\'s residual and clamp named once, each entry a Σ', async () => {
    const c = await compileFunctions(huber(32));
    const result = resultOf(texOf(c));
    expect(result).toContain('s_{1,k} &= \\sin\\left(\\frac{k}{8}\\right) - \\left(\\frac{\\mathit{slope} \\cdot k}{8} + \\mathit{intercept}\\right)');
    expect(result).toContain('\\frac{\\partial \\mathit{huber}}{\\partial \\mathit{slope}} &= -0.03125 \\left(\\sum_{k=0}^{31} \\frac{s_{2,k} \\cdot k}{8}\\right)');
    expect(result).toContain('\\frac{\\partial \\mathit{huber}}{\\partial \\mathit{intercept}} &= -0.03125 \\left(\\sum_{k=0}^{31} s_{2,k}\\right)');
    expect(result).not.toMatch(/s_\{3/); // two named subexpressions, not one per iteration
    // the values at the point are the generated gradient's
    const got = callGenerated(c.module, 'huber', [0.3, -0.2]);
    expect(result).toContain(`\\frac{\\partial \\mathit{huber}}{\\partial \\mathit{slope}} &= ${got.grad[0].toPrecision(4).replace(/0+$/, '')}`);
  });

  it('prints formulas that compute the gradient: the factored sums, evaluated, equal the generated gradient and central differences', async () => {
    const c = await compileFunctions(huber(32));
    const e = c.compiled.expressions[0];
    const sums = loopSums(e);
    expect(sums).toBeDefined();
    if (sums === undefined) return;
    const sizes = (g: Parameters<typeof printedLengths>[0], root: number) => printedLengths(g, root, 'tex', () => undefined);
    const f = factorResults(sums.graph, [sums.gradient], sizes, 240);
    for (const p of [[0.3, -0.2], [1.5, 0.4], [-0.7, 1.1]]) {
      const printed = evaluateScalars(f.graph, f.groups[0].roots, { slope: p[0], intercept: p[1] });
      const generated = callGenerated(c.module, 'huber', p).grad;
      expectClose(printed, Array.from(generated), 1e-12, 1e-14, 'printed sums vs generated gradient');
      expectClose(printed, gradientByDifferences((q) => c.original.huber(q[0], q[1]), p), 1e-6, 1e-8, 'printed sums vs central differences');
    }
  });

  it('does not grow with the loop: 32 and 320 iterations give the same rows but for the bound', async () => {
    const [short, long] = await Promise.all([32, 320].map(async (n) => resultOf(texOf(await compileFunctions(huber(n)))).replace(/-?\d+(\.\d+)?/g, 'N')));
    expect(long).toBe(short);
  });

  it('is not used when a parameter is a vector (its entries read other iterations\' elements): the entries are written out, elided', async () => {
    const c = await compileFunctions(modelText(`export const R = differentiable((x: Float64Array) => {
  let f = 0;
  for (let i = 0; i < x.length - 1; i++) f += (x[i + 1] - x[i]) ** 2;
  return f;
}, { lengths: { x: 40 } });`));
    expect(c.compiled.expressions[0].looped).toBeDefined();
    expect(loopSums(c.compiled.expressions[0])).toBeUndefined();
    const result = resultOf(texOf(c));
    expect(result).not.toContain('\\sum_');
    expect(result).toContain('\\text{(likewise for } x_{2}, \\dots, x_{38}\\text{)}');
  });
});

describe('the backward pass of a number parameter every iteration uses (fan-out over the loop)', () => {
  it('lists the first two and the last iterations\' contributions, ⋯ for the ones between, as the passes leave their rows out', async () => {
    const c = await compileFunctions(huber(32));
    const tex = texOf(c);
    const backward = tex.slice(tex.indexOf('\\subsection*{Backward pass}'), tex.indexOf('\\subsection*{Result}'));
    // intercept is used by the 31 sums slope·t + intercept (t = 0 is folded) and by −intercept and intercept − 0.25 of t = 0
    expect(backward).toContain('\\text{ is used by }v_{31}, \\dots, v_{61}, v_{62}, v_{189}\\text{)}');
    expect(backward).toContain('&= \\bar{v}_{31} + \\dots + \\bar{v}_{61} - \\bar{v}_{62} + \\bar{v}_{189}');
    expect(backward).not.toContain('\\bar{v}_{45}');
    // the numbers it shows are the ones it records (the left-out terms are neither)
    expectValuesShown(tex, JSON.parse(c.compiled.files.find((f) => f.name.endsWith('.notes.json'))?.content ?? '{}') as NotesValues);
  });

  // (with a point, the worked numbers' rows and the appendix's table still have overfull lines of their own)
  it.skipIf(!hasPdflatex)('typesets with no overfull line (the fan-out note of 32 uses was 518 pt too wide)', async () => {
    const c = await compileFunctions(huber(32, false));
    expect(overfullBoxes(typesetLog(texOf(c)))).toEqual([]);
  }, 240_000);
});
