// The Hessian in the notes is a bmatrix only when it fits the page, estimated
// column by column (each as wide as its widest cell), not by the characters of
// its rows: CS231n's sigmoid neuron (5 × 5 formulas, 103 pt too wide before)
// and Mazur's 2-2-1 network's error in its 8 parameters (its formulas 294 pt,
// its numbers too wide) fall back to the upper triangle, one entry a row —
// formulas and numbers alike. Found by fn-trial, session 21.
import { describe, expect, it } from 'vitest';
import { callGenerated, compileFunctions, modelText } from './helpers/function-model.js';
import { hasPdflatex, overfullBoxes, typesetLog } from './helpers/pdflatex.js';

const model = modelText(`
export const sigmoidNeuron = differentiable((w0: number, x0: number, w1: number, x1: number, w2: number) => {
  const dot = w0 * x0 + w1 * x1 + w2;
  return 1.0 / (1 + Math.exp(-dot));
}, { at: { w0: 2, x0: -1, w1: -3, x1: -2, w2: -3 }, hessian: true });

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
export const mazurError = differentiable((w: [number, number, number, number, number, number], b1: number, b2: number) => {
  const [w1, w2, w3, w4, w5, w6] = w;
  const h1 = sigmoid(w1 * 0.05 + w2 * 0.1 + b1);
  const h2 = sigmoid(w3 * 0.05 + w4 * 0.1 + b1);
  return 0.5 * (0.01 - sigmoid(w5 * h1 + w6 * h2 + b2)) ** 2;
}, { at: { w: [0.15, 0.2, 0.25, 0.3, 0.4, 0.45], b1: 0.35, b2: 0.6 }, hessian: true });`);

describe('a Hessian too wide for a matrix on the page', async () => {
  const c = await compileFunctions(model);
  const tex = c.compiled.files.find((f) => f.name.endsWith('.tex'))?.content ?? '';
  const section = (name: string) => tex.slice(tex.indexOf(`\\section{The function $\\mathit{${name}}$`)).split('\\section{')[1] ?? '';

  it('is written entry by entry, formulas and numbers, for the 8 parameters (36 entries each)', () => {
    const mazur = section('mazurError');
    expect(mazur).not.toContain('\\nabla^2 \\mathit{mazurError} = \\begin{bmatrix}');
    const rows = mazur.split('\n').filter((l) => l.startsWith('\\frac{\\partial^2 \\mathit{mazurError}}'));
    expect(rows.length).toBe(2 * 36);
    // the numbers are the generated E_hess's, entry (i, j) on its row
    const at = [[0.15, 0.2, 0.25, 0.3, 0.4, 0.45], 0.35, 0.6];
    const hess = callGenerated(c.module, 'mazurError', at).hess ?? [];
    const numbers = rows.slice(36).map((l) => {
      const [, m, e] = /&= (-?[\d.]+)(?: \\times 10\^\{(-?\d+)\})?( \\\\)?$/.exec(l) ?? [];
      return Number(`${m}e${e ?? 0}`);
    });
    const upper = [...Array(8).keys()].flatMap((i) => [...Array(8 - i).keys()].map((k) => hess[i * 8 + i + k]));
    numbers.forEach((x, k) => expect(x).toBeCloseTo(upper[k], 5));
  });

  it('keeps the sigmoid neuron\'s numbers a matrix (they fit) and its formulas entry by entry', () => {
    const neuron = section('sigmoidNeuron');
    expect(neuron.match(/\\nabla\^2 \\mathit\{sigmoidNeuron\} = \\begin\{bmatrix\}/g)?.length).toBe(1);
    expect(neuron.split('\n').filter((l) => l.startsWith('\\frac{\\partial^2 \\mathit{sigmoidNeuron}}')).length).toBe(15);
  });

  it.skipIf(!hasPdflatex)('typesets with nothing overfull by more than 1pt', () => {
    const log = typesetLog(tex);
    expect(log).not.toMatch(/^! /m);
    expect(overfullBoxes(log)).toEqual([]);
  }, 240_000);
});
