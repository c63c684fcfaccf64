// The backward pass of a function whose variable is used by six or seven steps
// (a loss summed over a small data table, unrolled): the contributions' sum
// (0.0750277 + (−0.0343117) + … = 0.0832054) continues on further rows instead
// of running 15–88 pt into the margin, and a wide adjoint name in the align's
// left column (\bar{logSigma}) narrows every row beside it. Found by fn-trial
// (session 21) on a logistic regression over six rows and a Gaussian's
// log-likelihood over seven samples. Its forward pass too: a step adding the
// constant ½ ln 2π, printed in full (0.9189385332046727) with its numbers and
// its source line, ran 44 pt out; its numbers now go on a row of their own.
import { describe, expect, it } from 'vitest';
import { callGenerated, compileFunctions, modelText } from './helpers/function-model.js';
import { expectClose, gradientByDifferences } from './helpers/numeric.js';
import { hasPdflatex, overfullBoxes, typesetLog } from './helpers/pdflatex.js';

const model = modelText(`
const table = [[2.0, 9.0, 0], [4.5, 6.0, 1], [1.0, 7.5, 0], [6.0, 5.0, 1], [3.5, 8.0, 1], [0.5, 6.5, 0]];
export const logisticLoss = differentiable((w1: number, w2: number, b: number) => {
  let nll = 0;
  for (const [hours, sleep, passed] of table) {
    const p = 1 / (1 + Math.exp(-(w1 * hours + w2 * sleep + b)));
    nll -= passed * Math.log(p) + (1 - passed) * Math.log(1 - p);
  }
  return nll / table.length + 0.01 * (w1 * w1 + w2 * w2);
}, { at: { w1: 0.5, w2: -0.1, b: -0.3 } });

const samples = [2.1, 1.7, 2.9, 3.3, 2.4, 1.9, 2.6];
export const gaussianNll = differentiable((mu: number, logSigma: number) => {
  const sigma = Math.exp(logSigma);
  let nll = 0;
  for (const x of samples) {
    const zscore = (x - mu) / sigma;
    nll += 0.5 * zscore * zscore + logSigma + 0.5 * Math.log(2 * Math.PI);
  }
  return nll;
}, { at: { mu: 2.0, logSigma: -0.5 } });`);

describe('forward- and backward-pass rows of a loss over a data table', async () => {
  const c = await compileFunctions(model);
  const tex = c.compiled.files.find((f) => f.name.endsWith('.tex'))?.content ?? '';

  it('computes what the original functions compute (value to the last bits, gradient by differences)', () => {
    const points = { logisticLoss: [0.5, -0.1, -0.3], gaussianNll: [2.0, -0.5] };
    for (const [name, at] of Object.entries(points)) {
      const got = callGenerated(c.module, name, at);
      // ln p and ln(1 − p) of p = σ(z) are computed as −softplus(∓z) (finite for every z; README), which may
      // differ from the written form in the last bit or two; the rest is bit for bit
      if (name === 'logisticLoss') expectClose(got.value, c.original[name](...at), 4 * Number.EPSILON, 0, name);
      else expect(got.value).toBe(c.original[name](...at));
      expectClose(got.grad, gradientByDifferences((x) => c.original[name](...x), at), 1e-6, 1e-6, name);
    }
  });

  it('continues a long sum of contributions on a row that starts with +, the total after its last term', () => {
    // w̄₁ collects six contributions (one per row of the table): too many numbers for one row
    const sums = tex.split('\n').filter((line) => line.startsWith('&\\quad {}+') && line.includes('(sum of the contributions)'));
    expect(sums.length).toBeGreaterThan(0);
    for (const line of sums) expect(line).toMatch(/= -?[\d.]+( \\times 10\^\{-?\d+\})? \\qquad \\text\{\(sum of the contributions\)\}/);
  });

  it.skipIf(!hasPdflatex)('typesets with nothing overfull by more than 1pt', () => {
    const log = typesetLog(tex);
    expect(log).not.toMatch(/^! /m);
    expect(overfullBoxes(log)).toEqual([]);
  }, 240_000);
});
