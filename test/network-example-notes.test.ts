// The network examples' notes (generated/mazur-2-2-2, generated/perceptron), read back: every number of
// their tables and their loss working is recomputed independently (textbook backpropagation in plain
// loops, plain gradient descent) and compared to the digits printed; Mazur's published values are
// asserted; the notes compile with pdflatex.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dense, network } from '../src/dsl/network.js';
import { type Bias, backprop } from './helpers/textbook-backprop.js';
import { hasPdflatex, typesetLog } from './helpers/pdflatex.js';
import { updateLines } from './helpers/worked-update.js';

const notes = (name: string) => readFileSync(new URL(`../generated/${name}/model.tex`, import.meta.url), 'utf8');

/** Every longtable: its header line and its rows of cells. */
function tables(document: string): { header: string; rows: string[][] }[] {
  const re = /\\begin\{longtable\}\{[^}]*\}\n\\hline\n(.*) \\\\\n\\hline\n\\endhead\n([\s\S]*?)\n\\hline\n\\end\{longtable\}/g;
  return [...document.matchAll(re)].map((m) => ({ header: m[1], rows: m[2].split('\n').map((r) => r.replace(/ \\\\\*?$/, '').split(' & ')) }));
}
const table = (document: string, part: string) => {
  const found = tables(document).filter((t) => t.header.includes(part));
  expect(found, part).toHaveLength(1);
  return found[0].rows;
};
/** `$0.593270$`, `$-1.5 \times 10^{-7}$` → the number; NaN for anything else. */
function value(cell: string): number {
  const m = /^\$(-?[\d.]+)(?: \\times 10\^\{(-?\d+)\})?\$$/.exec(cell.trim());
  return m ? Number(`${m[1]}e${m[2] ?? 0}`) : NaN;
}
/** A printed number: 6 significant digits of the exact one. */
const shownAs = (printed: number, exact: number) =>
  expect(Math.abs(printed - exact), `${printed} vs ${exact}`).toBeLessThanOrEqual(5e-6 * Math.abs(exact) + 1e-15);

interface Example {
  readonly spec: ReturnType<typeof network>;
  readonly W: number[][][];
  readonly b: Bias[];
  readonly X: number[][];
  readonly Y: number[][];
  readonly lr: number;
  readonly steps: number;
}

const MAZUR: Example = {
  spec: network({
    inputs: 2, layers: [dense(2, 'sigmoid', { bias: 'shared', frozen: ['bias'] }), dense(2, 'sigmoid', { bias: 'shared', frozen: ['bias'] })],
    loss: { kind: 'mse', half: true, reduction: 'sum' }, optimizer: { kind: 'sgd', lr: 0.5 },
  }),
  W: [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45], [0.5, 0.55]]], b: [0.35, 0.6], X: [[0.05, 0.1]], Y: [[0.01, 0.99]], lr: 0.5, steps: 3,
};
const PERCEPTRON: Example = {
  spec: network({ inputs: 2, layers: [dense(1, 'linear')], loss: 'mse', optimizer: { kind: 'sgd', lr: 0.1 } }),
  W: [[[0.5, 0.5]]], b: [[0]], X: [[1, 0], [0, 1], [1, 1], [2, 1]], Y: [[3], [0], [2], [4]], lr: 0.1, steps: 5,
};

/** One step of plain gradient descent on the trained parameters (frozen ones kept). */
function descend(ex: Example, W: number[][][], b: Bias[]) {
  const ref = backprop(ex.spec, W, b, ex.X, ex.Y);
  const frozen = (l: number, what: 'weights' | 'bias') => ex.spec.layers[l].options.frozen?.includes(what) === true;
  const nextW = W.map((Wl, l) => Wl.map((row, i) => row.map((w, j) => (frozen(l, 'weights') ? w : w - ex.lr * ref.dW[l][i][j]))));
  const nextB = b.map((bl, l) => {
    const g = ref.db[l];
    if (bl === undefined || frozen(l, 'bias')) return bl;
    return typeof bl === 'number' ? bl - ex.lr * (g as number) : bl.map((v, i) => v - ex.lr * (g as number[])[i]);
  });
  return { ref, W: nextW, b: nextB };
}

describe.each([['mazur-2-2-2', MAZUR], ['perceptron', PERCEPTRON]] as const)('the notes of %s', (name, ex) => {
  const document = notes(name);

  it('print the forward and backward pass of every example, the gradient, the update and the loss of every step as computed independently', () => {
    const first = descend(ex, ex.W, ex.b);
    const B = ex.X.length;
    const key = (cells: string[]) => cells.slice(0, B > 1 ? 3 : 2).map((c) => c.replace(/\$/g, '')).join(',');
    const forward = new Map(table(document, '$z^{l}_{k}$').map((r) => [key(r), r.slice(B > 1 ? 3 : 2).map(value)]));
    const backward = new Map(table(document, '\\delta^{l}_{k}').map((r) => [key(r), r.slice(B > 1 ? 3 : 2).map(value)]));
    first.ref.examples.forEach((e, i) => e.z.forEach((zl, l) => zl.forEach((z, k) => {
      const at = `${B > 1 ? `${i + 1},` : ''}${l + 1},${k + 1}`;
      shownAs(forward.get(at)?.[0] ?? NaN, z);
      shownAs(forward.get(at)?.[1] ?? NaN, e.a[l][k]);
      shownAs(backward.get(at)?.[1] ?? NaN, e.delta[l][k]);
    })));
    // the gradient and the update, entry by entry (a frozen entry: no gradient, unchanged)
    const gradients = new Map(table(document, 'frac{\\partial \\ell}{\\partial \\theta}').map((r) => [r[0], value(r[r.length - 1])]));
    const updates = updateLines(document);
    ex.W.forEach((Wl, l) => Wl.forEach((row, i) => row.forEach((w, j) => {
      const label = `$w^{${l + 1}}_{${i + 1}${j + 1}}$`;
      shownAs(gradients.get(label) ?? NaN, first.ref.dW[l][i][j]);
      expect(updates.get(label)?.before).toBe(w);
      shownAs(updates.get(label)?.after ?? NaN, first.W[l][i][j]);
    })));
    // the loss of each step, before and after
    let W = ex.W;
    let b = ex.b;
    const steps = table(document, 'step $t$').filter((r) => /^\$\d+\$$/.test(r[0]));
    expect(steps).toHaveLength(ex.steps);
    for (const row of steps) {
      const s = descend(ex, W, b);
      shownAs(value(row[1]), s.ref.loss);
      const after = backprop(ex.spec, s.W, s.b, ex.X, ex.Y);
      shownAs(value(row[2]), after.loss);
      W = s.W;
      b = s.b;
    }
  });

  it.skipIf(!hasPdflatex)('compile with pdflatex, nothing sticking out', () => {
    expect(typesetLog(document)).not.toMatch(/Overfull \\hbox/);
  }, 240_000);
});

describe('Mazur\'s published numbers, as the notes print them', () => {
  const document = notes('mazur-2-2-2');
  it.each([
    ['net_h1 = 0.3775', 'z^{1}_{1} &= ', 0.3775],
    ['out_h1 = 0.593269992', 'a^{1}_{1} &= ', 0.593269992],
    ['out_o1 = 0.75136507', 'a^{2}_{1} &= ', 0.75136507],
    ['E_total = 0.298371109', '\\ell &= \\ell_{1} + \\ell_{2}', 0.298371109],
    ['∂E/∂out_o1 = 0.74136507', '\\frac{\\partial \\ell}{\\partial a^{2}_{1}} &= a^{2}_{1}', 0.74136507],
    ['∂out_o1/∂net_o1 = 0.186815602', "\\sigma'\\left(z^{2}_{1}\\right) &= ", 0.186815602],
    ['∂E_total/∂w5 = 0.082167041', '\\frac{\\partial \\ell}{\\partial w^{2}_{11}} &= ', 0.082167041],
    ['∂E_total/∂w1 = 0.000438568', '\\frac{\\partial \\ell}{\\partial w^{1}_{11}} &= ', 0.000438568],
    ['w5⁺ = 0.35891648', 'w^{2}_{11} &\\leftarrow ', 0.35891648],
    ['w1⁺ = 0.149780716', 'w^{1}_{11} &\\leftarrow ', 0.149780716],
  ])('%s', (_published, row, expected) => {
    // the working row (the node-by-node form has the same left side, without numbers)
    const result = (l: string) => {
      const tail = l.replace(/ \\\\$/, '');
      return Number(tail.slice(tail.lastIndexOf(' = ') + 3));
    };
    const lines = document.split('\n');
    // a row with its continuation rows (`&= …`) joined
    const joined = lines.map((l, i) => {
      let text = l;
      for (let j = i + 1; j < lines.length && lines[j].startsWith('&= '); j++) text = `${text.replace(/ \\\\$/, '')} = ${lines[j].slice(3)}`;
      return text;
    });
    const line = joined.find((l) => l.startsWith(row) && Number.isFinite(result(l)));
    expect(line, row).toBeDefined();
    shownAs(result(line ?? ''), expected);
  });
  it('the substitution line of net_h1 as published: 0.15·0.05 + 0.2·0.1 + 0.35', () => {
    expect(document).toContain('z^{1}_{1} &= w^{1}_{11} x_{1} + w^{1}_{12} x_{2} + b^{1} = 0.15 \\times 0.05 + 0.2 \\times 0.1 + 0.35 = 0.3775');
  });
});
