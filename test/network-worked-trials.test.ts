// The notes of networks that are not among the examples, read as a student
// reads them (issue 11): a bce network with a leaky ReLU and one output, a
// softmax 2-3-2 classifier on a mini-batch of three, an MAE regression summed
// over its batch, momentum and Adam over three steps, L2 and L1 penalties, and
// a one-parameter network. Every printed calculation of the worked section is
// re-evaluated from the TeX (helpers/tex-arithmetic.ts), the loss of every
// step and every update is recomputed by plain loops (helpers/textbook-backprop.ts
// and the optimizers written out here), and the defects a student met are
// checked for by name.
import { describe, expect, it } from 'vitest';
import { dense, network, type NetworkSpec } from '../src/dsl/network.js';
import { compileNetwork } from '../src/compile/network/compile-network.js';
import { validateNetwork } from '../src/compile/network/validate.js';
import { buildNotes, type RenderedNotes } from '../src/backends/latex/notes.js';
import type { GeneratedFrom } from '../src/backends/ts/module.js';
import { rowParts } from './helpers/tex-arithmetic.js';
import { alignRows, checkPrintedArithmetic, checkStepLosses, isNumeric, workedSection } from './helpers/worked-check.js';
import { katexError } from './helpers/katex.js';
import { hasPdflatex, overfullBoxes, typesetLog } from './helpers/pdflatex.js';

const FROM: GeneratedFrom = { source: 'trials/model.ts', command: 'nncompile trials/model.ts', notes: 'trials/model.tex', version: '0.1.0' };

const TWO_TWO = { W: [[0.15, 0.2], [0.25, 0.3]], b: [0.35, 0.35] };

export const TRIALS: Readonly<Record<string, NetworkSpec>> = {
  Bce: network({
    inputs: 2,
    layers: [dense(2, 'leaky_relu', { alpha: 0.1 }), dense(1, 'sigmoid')],
    loss: 'bce',
    optimizer: { kind: 'sgd', lr: 0.5, batchSize: 1 },
    worked: { weights: [{ W: [[0.5, -0.5], [-0.3, 0.8]], b: [0.1, -0.2] }, { W: [[0.4, -0.6]], b: [0.1] }], x: [1, 2], y: [1] },
  }),
  Soft: network({
    inputs: 2,
    layers: [dense(3, 'tanh'), dense(2, 'softmax')],
    loss: 'cce',
    optimizer: { kind: 'sgd', lr: 0.1, batchSize: 3 },
    worked: {
      weights: [{ W: [[0.1, -0.2], [0.4, 0.3], [-0.5, 0.2]], b: [0, 0.1, -0.1] }, { W: [[0.3, -0.4, 0.2], [-0.1, 0.5, 0.6]], b: [0.05, -0.05] }],
      x: [[1, 0.5], [-0.5, 1], [0.2, -1]],
      y: [[1, 0], [0, 1], [1, 0]],
      steps: 2,
    },
  }),
  Mae: network({
    inputs: 2,
    layers: [dense(2, 'relu'), dense(1, 'linear')],
    loss: { kind: 'mae', reduction: 'sum' },
    optimizer: { kind: 'sgd', lr: 0.05, batchSize: 2 },
    worked: { weights: [{ W: [[0.5, 0.2], [-0.3, 0.6]], b: [0.1, 0] }, { W: [[0.7, -0.4]], b: [0.2] }], x: [[1, 2], [0.5, -1]], y: [[1.5], [0.2]], steps: 3 },
  }),
  Momentum: network({
    inputs: 2,
    layers: [dense(2, 'sigmoid'), dense(1, 'sigmoid')],
    loss: { kind: 'mse', half: false },
    optimizer: { kind: 'sgd', lr: 0.5, momentum: 0.9, batchSize: 1 },
    worked: { weights: [TWO_TWO, { W: [[0.4, 0.45]], b: [0.6] }], x: [0.05, 0.1], y: [0.01], steps: 3 },
  }),
  Adam: network({
    inputs: 2,
    layers: [dense(2, 'tanh'), dense(1, 'linear')],
    loss: 'mse',
    optimizer: { kind: 'adam', lr: 0.01, batchSize: 1 },
    worked: { weights: [TWO_TWO, { W: [[0.4, -0.45]], b: [0.6] }], x: [0.05, -0.1], y: [0.5], steps: 3 },
  }),
  Ridge: network({
    inputs: 2,
    layers: [dense(2, 'tanh'), dense(1, 'linear')],
    loss: 'mse',
    optimizer: { kind: 'sgd', lr: 0.1, batchSize: 1 },
    regularization: { l2: 0.01 },
    worked: { weights: [TWO_TWO, { W: [[0.4, 0.45]], b: [0.6] }], x: [0.05, 0.1], y: [0.5], steps: 2 },
  }),
  Lasso: network({
    inputs: 2,
    layers: [dense(1, 'linear')],
    loss: { kind: 'mse', reduction: 'sum' },
    optimizer: { kind: 'sgd', lr: 0.1, batchSize: 1 },
    regularization: { l1: 0.05 },
    worked: { weights: [{ W: [[0.5, -0.3]], b: [0.1] }], x: [1, 2], y: [0.4], steps: 2 },
  }),
  Dropout: network({
    inputs: 2,
    layers: [dense(3, 'tanh', { dropout: 0.25 }), dense(1, 'linear')],
    loss: 'mse',
    optimizer: { kind: 'sgd', lr: 0.1, batchSize: 2 },
    worked: {
      weights: [{ W: [[0.1, -0.2], [0.4, 0.3], [-0.5, 0.2]], b: [0, 0.1, -0.1] }, { W: [[0.3, -0.4, 0.2]], b: [0.05] }],
      x: [[1, 0.5], [-0.5, 1]],
      y: [[0.5], [-0.2]],
      masks: [[[1, 0, 1], [1, 1, 0]], null],
      steps: 2,
    },
  }),
  Clip: network({
    inputs: 2,
    layers: [dense(2, 'sigmoid'), dense(1, 'linear')],
    loss: 'mse',
    optimizer: { kind: 'sgd', lr: 0.1, batchSize: 1 },
    clip: { norm: 0.5, value: 0.3 },
    worked: { weights: [{ W: [[1, -2], [3, 0.5]], b: [0.5, -0.5] }, { W: [[2, -3]], b: [1] }], x: [1, 1], y: [-2], steps: 2 },
  }),
  One: network({
    inputs: 1,
    layers: [dense(1, 'linear', { bias: false })],
    loss: 'mse',
    optimizer: { kind: 'sgd', lr: 0.1, batchSize: 1 },
    worked: { weights: [{ W: [[2]] }], x: [1], y: [3] },
  }),
};

const cache = new Map<string, RenderedNotes>();
function notesOf(name: string): RenderedNotes {
  const found = cache.get(name);
  if (found !== undefined) return found;
  const notes = buildNotes([], FROM, [compileNetwork(name, validateNetwork(TRIALS[name]))]);
  cache.set(name, notes);
  return notes;
}
const documentOf = (name: string) => notesOf(name).document;

describe('the worked section of each trial: every printed calculation is right', () => {
  it.each(Object.keys(TRIALS))('%s: each side of each = (and ←) evaluates to the next', (name) => {
    expect(checkPrintedArithmetic(workedSection(documentOf(name)))).toBeGreaterThan(4);
  });

  it.each(Object.keys(TRIALS))('%s: every formula renders', (name) => {
    expect(notesOf(name).formulas.map(katexError).filter((e) => e !== undefined)).toEqual([]);
  });

  it.skipIf(!hasPdflatex)('pdflatex typesets all of them in one document, nothing overfull by more than 1pt', () => {
    const networks = Object.keys(TRIALS).map((name) => compileNetwork(name, validateNetwork(TRIALS[name])));
    const log = typesetLog(buildNotes([], FROM, networks).document);
    expect(log).not.toMatch(/^! /m);
    expect(overfullBoxes(log)).toEqual([]);
  }, 240_000);
});

describe('the loss after every step, and the first update, as plain loops compute them', () => {
  it.each(Object.keys(TRIALS))('%s', (name) => checkStepLosses(TRIALS[name], workedSection(documentOf(name))));
});

describe('what a student stumbled over in the last trial', () => {
  it('a number before ln is multiplied with ×, never juxtaposed (−1 × ln 0.36, not −1 ln 0.36)', () => {
    for (const name of ['Bce', 'Soft']) {
      const numeric = alignRows(workedSection(documentOf(name))).flatMap((row) => rowParts(row)).filter(isNumeric);
      expect(numeric.filter((part) => part.includes('\\ln')).length, name).toBeGreaterThan(0);
      for (const part of numeric) expect(part).not.toMatch(/[0-9)]\s*\\ln/);
    }
    expect(documentOf('Bce')).toContain('&= -1 \\times \\ln 0.359854 - \\left(1 - 1\\right) \\times \\ln\\left(1 - 0.359854\\right) = 1.02206');
    // the cross-entropy of a softmax written as the node-by-node form writes it: −y₁ ln a₁ − y₂ ln a₂
    expect(alignRows(documentOf('Soft'))).toContain('\\ell^{(1)} &= -y_{1} \\ln a^{2}_{1} - y_{2} \\ln a^{2}_{2} = -1 \\times \\ln 0.442837 - 0 \\times \\ln 0.557163 = 0.814554');
  });

  it('no parentheses around a lone negative number (a gradient cell, the θ of an update, an argument already in parentheses)', () => {
    for (const name of Object.keys(TRIALS)) {
      const tex = workedSection(documentOf(name));
      expect(tex, name).not.toMatch(/= \\left\(-[0-9.]+\\right\)(\$| \\\\|$)/m);
      expect(tex, name).not.toMatch(/\\leftarrow \\left\(-[0-9.]+\\right\) -/);
      expect(tex, name).not.toContain('\\left(\\left(');
    }
    expect(documentOf('Bce')).toContain('$\\delta^{2}_{1} = -0.640146$');
    expect(documentOf('Bce')).toContain('w^{1}_{12} &\\leftarrow -0.5 - 0.5 \\times \\left(-0.0512117\\right) = -0.474394');
    expect(documentOf('Bce')).toContain('0.1 + 0.9\\, H\\left(-0.4\\right) = 0.1');
    // a negative prediction first in the loss's difference: (−0.0732 − 0.5)², not ((−0.0732) − 0.5)²
    expect(documentOf('Dropout')).toContain('\\frac{1}{2} \\left(-0.0732312 - 0.5\\right)^{2}');
  });

  it('clipping in numbers: the norm from the squares, the scale, each g scaled and bounded', () => {
    const rows = alignRows(workedSection(documentOf('Clip')));
    expect(rows.some((r) => r.startsWith('\\lVert \\mathbf{g} \\rVert_{2}^{2} &= '))).toBe(true);
    expect(rows).toContain('\\text{scale} &= \\min\\left(1, \\frac{0.5}{1.4929}\\right) = 0.334919');
    expect(rows).toContain('g_{b^{2}_{1}} &= \\max\\left(-0.3, \\min\\left(0.3, 0.897359 \\times 0.334919\\right)\\right) = 0.3');
  });

  it('a sum that cancels prints 0, not its rounding noise (0.5 × 1 + (−0.3) × 2 + 0.1)', () => {
    const tex = workedSection(documentOf('Lasso'));
    expect(tex).toContain('&= 0.5 \\times 1 + \\left(-0.3\\right) \\times 2 + 0.1 = 0');
    expect(tex).not.toMatch(/10\^\{-1[5-9]\}/);
  });

  it('a one-entry bias and a one-entry target are numbers, not 1 × 1 matrices', () => {
    const tex = documentOf('Bce');
    expect(tex).toContain('b^{2} &= 0.1');
    expect(tex).toContain('with target $y = 1$');
    expect(tex).not.toMatch(/\\begin\{bmatrix\} -?[0-9.]+ \\end\{bmatrix\}/);
    expect(tex).toContain('The prediction was $a^{2} = 0.359854$');
  });

  it('the loss convention in words: an absolute error summed over the batch is not called a mean', () => {
    const tex = documentOf('Mae');
    expect(tex).not.toMatch(/mean absolute error/);
    expect(tex).toContain('Loss: absolute error (the sum of the absolute differences per example), summed over the examples of a batch');
  });

  it('the leaky ReLU\'s slope is stated in the given section', () => {
    const tex = documentOf('Bce');
    const givenSection = tex.slice(tex.indexOf('\\subsection*{Given}'), tex.indexOf('\\subsection*{Notation}'));
    expect(givenSection).toContain('is its slope for negative inputs, the layer\'s \\texttt{alpha}: $\\alpha = 0.1$.');
  });

  it('a count agrees with its noun (1 trainable parameter)', () => {
    const tex = documentOf('One');
    expect(tex).toContain('$n_{0} = 1$ input and $L = 1$ layer (sizes 1--1), 1 trainable parameter in all:');
    for (const name of Object.keys(TRIALS)) expect(documentOf(name)).not.toMatch(/(?<![\d.])1 (entries|parameters|inputs|layers|examples|steps|units)\b/);
  });

  it('mse without the half: no ½ node by node either', () => {
    const tex = documentOf('Momentum');
    const nodeByNode = tex.slice(tex.indexOf('\\subsection*{Node by node}'), tex.indexOf('in numbers}'));
    expect(nodeByNode).toContain('\\ell &= \\left(a^{2}_{1} - y_{1}\\right)^{2}');
    expect(nodeByNode).not.toContain('\\frac{1}{2}');
  });
});

describe('the optimizer state and the update with their numbers', () => {
  it('Adam: m, v, m̂ and v̂ of every entry with the numbers substituted, and t = 2 in the second step', () => {
    const tex = workedSection(documentOf('Adam'));
    for (const symbol of ['m', 'v', '\\hat{m}', '\\hat{v}']) expect(tex).toContain(`${symbol}_{w^{1}_{11}} &`);
    expect(tex).toMatch(/\\hat\{m\}_\{w\^\{1\}_\{11\}\} &= \\frac\{[0-9.]+\}\{1 - 0\.9\^\{1\}\} = /);
    expect(tex).toMatch(/\\hat\{m\}_\{w\^\{1\}_\{11\}\} &= \\frac\{-?[0-9.]+\}\{1 - 0\.9\^\{2\}\} = /);
    expect(tex).toContain('\\emph{Step 2.}');
  });

  it('momentum: the second step\'s update reads the velocity the first left (μ v with v ≠ 0)', () => {
    const tex = workedSection(documentOf('Momentum'));
    const step2 = tex.slice(tex.indexOf('\\emph{Step 2.}'));
    expect(step2).toMatch(/v_\{w\^\{2\}_\{11\}\} &\\leftarrow 0\.9 \\times 0\.0*[1-9][0-9]* \+ /);
    expect(tex).not.toContain('from its initial state ($t = 1$'); // momentum reads no step count
  });

  it('plain gradient descent says no word of a state it does not have', () => {
    const tex = workedSection(documentOf('Bce'));
    expect(tex).toContain('\\emph{Update.} Each entry moves against its gradient ($\\eta = 0.5$):');
    expect(tex).not.toContain('initial state');
  });
});

describe('the penalties in numbers', () => {
  it('L2: each layer\'s squared norm written out, R from them, L = ℓ + R, and each weight\'s λ₂ w added to its gradient', () => {
    const rows = alignRows(workedSection(documentOf('Ridge')));
    expect(rows).toContain('\\left\\lVert W^{1} \\right\\rVert^{2} &= 0.15^{2} + 0.2^{2} + 0.25^{2} + 0.3^{2} = 0.215');
    expect(rows).toContain('R &= \\frac{\\lambda_{2}}{2}\\, \\left(\\left\\lVert W^{1} \\right\\rVert^{2} + \\left\\lVert W^{2} \\right\\rVert^{2}\\right) '
      + '= \\frac{0.01}{2} \\times \\left(0.215 + 0.3625\\right) = 0.0028875');
    expect(rows).toContain('L &= \\ell + R = 0.0849935 + 0.0028875 = 0.087881');
    expect(rows).toContain('\\frac{\\partial L}{\\partial w^{1}_{11}} &= \\frac{\\partial \\ell}{\\partial w^{1}_{11}} + 0.01\\, w^{1}_{11} = 0.00717405 + 0.01 \\times 0.15 = 0.00867405');
    expect(rows.filter((r) => r.startsWith('\\frac{\\partial L}{\\partial b'))).toEqual([]); // biases are not penalized
  });

  it('L1: |w| summed (a negative weight inside |…| as it is), λ₁ sgn w added; no squared norm said of it; no 1/B under a summed loss', () => {
    const tex = documentOf('Lasso');
    const rows = alignRows(workedSection(tex));
    expect(rows).toContain('\\sum_{i,j} \\left|w^{1}_{ij}\\right| &= \\left|0.5\\right| + \\left|-0.3\\right| = 0.8');
    expect(rows.some((r) => r.includes('+ 0.05 \\times \\operatorname{sgn} \\left(-0.3\\right) = '))).toBe(true);
    expect(tex).not.toContain('squared norm');
    expect(tex).toContain('\\frac{\\partial L}{\\partial W^{l}} &= \\sum_{i} \\delta^{l,(i)}');
  });
});

describe('a softmax layer', () => {
  it('computes its activations after all of its logits, with the logits\' numbers substituted', () => {
    const tex = documentOf('Soft');
    for (const part of [tex.slice(tex.indexOf('\\subsection*{Node by node}')), workedSection(tex)]) {
      expect(part.indexOf('a^{2}_{1} &=')).toBeGreaterThan(part.indexOf('z^{2}_{2} &='));
    }
    expect(workedSection(tex)).toContain('&= \\frac{e^{-0.271091}}{e^{-0.271091} + e^{-0.0414353}} = 0.442837');
  });
});
