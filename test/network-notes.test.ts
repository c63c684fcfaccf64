import { validateNetwork } from '../src/compile/network/validate.js';
// The derivation notes of networks: every formula parses (KaTeX), the document
// compiles (pdflatex), δ^L is derived for the right loss/output pair, and the
// worked example's numbers agree with an independent textbook computation in
// plain loops (and with the published Mazur example, and the generated trainer).
import { describe, expect, it } from 'vitest';
import { dense, network, type NetworkSpec, type NetworkSpecInput } from '../src/dsl/network.js';
import { compileNetwork } from '../src/compile/network/compile-network.js';
import { compileExpression } from '../src/compile/expression.js';
import { buildNotes, renderNotes } from '../src/backends/latex/notes.js';
import type { GeneratedFrom } from '../src/backends/ts/module.js';
import { loadTrainer } from './helpers/network-module.js';
import { katexError } from './helpers/katex.js';
import { hasPdflatex, overfullBoxes, typesetLog } from './helpers/pdflatex.js';
import { type Reference, backprop, givenMasks } from './helpers/textbook-backprop.js';
import { updateLines } from './helpers/worked-update.js';

const FROM: GeneratedFrom = {
  source: 'examples/nets/model.ts',
  command: 'nncompile examples/nets/model.ts --out generated/nets',
  notes: 'generated/nets/model.tex',
  version: '0.1.0',
};

type Worked = NonNullable<NetworkSpecInput['worked']>;

const XOR_WORKED: Worked = {
  weights: [
    { W: [[0.5, -0.5], [-0.4, 0.6], [0.3, 0.3], [-0.2, 0.1]], b: [0, 0.1, -0.1, 0] },
    { W: [[0.4, 0.5, -0.3, 0.2]], b: [0] },
  ],
  x: [0, 1],
  y: [1],
};

/** 2-3-1 and 2-3-2 weights for the small regression specs. */
const SMALL_WORKED = (outputs: number, y: number[]): Worked => ({
  weights: [
    { W: [[0.2, -0.3], [0.4, 0.1], [-0.5, 0.25]], b: [0.1, -0.2, 0.05] },
    { W: [[0.3, -0.6, 0.2], [-0.1, 0.5, 0.7]].slice(0, outputs), b: [0.05, -0.1].slice(0, outputs) },
  ],
  x: [0.7, -1.2],
  y,
});

const DEEP_WORKED: Worked = {
  weights: [
    { W: [[0.1, 0.2, 0.3], [-0.1, 0.2, -0.3], [0.5, -0.2, 0.1], [0.3, 0.3, -0.4]], b: [0, 0.1, 0, -0.1] },
    { W: [[0.1, 0.2, 0.3, 0.4], [-0.3, 0.2, 0.1, 0], [0.2, -0.2, 0.5, 0.1]], b: [0, 0, 0.1] },
    { W: [[0.3, -0.2, 0.1], [0.2, 0.4, -0.1], [-0.5, 0.1, 0.2]], b: [0, 0.05, 0] },
  ],
  x: [1, -1, 0.5],
  y: [0, 1, 0],
};

/** The classic example of Matt Mazur, "A Step by Step Backpropagation Example" (2015). */
const MAZUR = network({
  inputs: 2,
  layers: [dense(2, 'sigmoid'), dense(2, 'sigmoid')],
  loss: 'mse',
  optimizer: { kind: 'sgd', lr: 0.5, batchSize: 1 },
  worked: {
    weights: [
      { W: [[0.15, 0.2], [0.25, 0.3]], b: [0.35, 0.35] },
      { W: [[0.4, 0.45], [0.5, 0.55]], b: [0.6, 0.6] },
    ],
    x: [0.05, 0.1],
    y: [0.01, 0.99],
  },
});

const SPECS: Readonly<Record<string, NetworkSpec>> = {
  Xor: network({
    inputs: 2,
    layers: [dense(4, 'tanh'), dense(1, 'sigmoid')],
    loss: 'bce',
    optimizer: { kind: 'sgd', lr: 0.5, momentum: 0.9, batchSize: 'full' },
    init: { kind: 'xavier', seed: 1 },
    worked: XOR_WORKED,
  }),
  Deep: network({
    inputs: 3,
    layers: [dense(4, 'relu'), dense(3, 'relu'), dense(3, 'softmax')],
    loss: 'cce',
    optimizer: { kind: 'adam', lr: 0.01 },
    worked: DEEP_WORKED,
  }),
  Regression: network({
    inputs: 2,
    layers: [dense(3, 'tanh'), dense(1, 'linear')],
    loss: 'mse',
    optimizer: { kind: 'sgd', lr: 0.1 },
    worked: SMALL_WORKED(1, [0.3]),
  }),
  Absolute: network({
    inputs: 2,
    layers: [dense(3, 'softplus'), dense(2, 'sigmoid')],
    loss: 'mae',
    optimizer: { kind: 'rmsprop', lr: 0.01, rho: 0.95 },
    worked: SMALL_WORKED(2, [0.2, 0.9]),
  }),
  Dropout: network({
    inputs: 3,
    layers: [dense(4, 'leaky_relu', { alpha: 0.1, dropout: 0.5 }), dense(3, 'softmax')],
    loss: 'cce',
    optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.8, nesterov: true },
    worked: {
      weights: [DEEP_WORKED.weights[0], { W: [[0.1, 0.2, 0.3, 0.4], [-0.3, 0.2, 0.1, 0], [0.2, -0.2, 0.5, 0.1]], b: [0, 0, 0.1] }],
      x: [1, -1, 0.5],
      y: [0, 0, 1],
      masks: [[1, 0, 1, 1], null],
    },
  }),
  Penalized: network({
    inputs: 2,
    layers: [dense(3, 'tanh'), dense(1, 'linear')],
    loss: 'mse',
    optimizer: { kind: 'adamw', lr: 0.01, weightDecay: 0.02 },
    regularization: { l2: 0.01, l1: 0.003 },
    clip: { norm: 0.5, value: 0.2 },
    schedule: { kind: 'step', every: 10, factor: 0.5 },
    worked: SMALL_WORKED(1, [2.5]),
  }),
  Nesterov: network({
    inputs: 2,
    layers: [dense(3, 'relu'), dense(1, 'sigmoid')],
    loss: 'bce',
    optimizer: { kind: 'sgd', lr: 0.3, momentum: 0.5, nesterov: true },
    worked: SMALL_WORKED(1, [1]),
  }),
  SoftmaxMse: network({
    inputs: 2,
    layers: [dense(3, 'sigmoid'), dense(2, 'softmax')],
    loss: 'mse',
    optimizer: { kind: 'sgd', lr: 0.1 },
    schedule: { kind: 'exponential', rate: 0.95 },
    worked: SMALL_WORKED(2, [1, 0]),
  }),
  Mazur: MAZUR,
  // Over 40 parameters, no worked example: no node-by-node form, no numbers.
  Wide: network({
    inputs: 12,
    layers: [dense(10, 'relu', { dropout: 0.2 }), dense(3, 'softmax')],
    loss: 'cce',
    optimizer: { kind: 'adam', lr: 0.001, batchSize: 16 },
    regularization: { l2: 1e-4 },
    init: { kind: 'he', distribution: 'normal', seed: 3 },
    standardize: true,
  }),
};

const compile = (name: string) => compileNetwork(name, validateNetwork(SPECS[name]));
const notesOf = (name: string) => buildNotes([], FROM, [compile(name)]);


// ---- reading numbers back from the document -------------------------------------------------------------

interface Table {
  readonly header: string;
  readonly rows: readonly (readonly string[])[];
}

function tables(document: string): Table[] {
  const found: Table[] = [];
  const re = /\\begin\{longtable\}\{[^}]*\}\n\\hline\n(.*) \\\\\n\\hline\n\\endhead\n([\s\S]*?)\n\\hline\n\\end\{longtable\}/g;
  for (let m = re.exec(document); m !== null; m = re.exec(document)) {
    found.push({ header: m[1], rows: m[2].split('\n').map((row) => row.replace(/ \\\\\*?$/, '').split(' & ')) });
  }
  return found;
}

function tableWith(document: string, headerPart: string): Table {
  const t = tables(document).filter((x) => x.header.includes(headerPart));
  expect(t, `one table with ${headerPart}`).toHaveLength(1);
  return t[0];
}

/** A number cell back as the number it prints (`$0.593270$`, `$-1.5 \times 10^{-7}$`). */
function cellNumber(cell: string): number {
  const m = /^\$(.*)\$$/.exec(cell);
  if (!m) throw new Error(`not a number cell: ${cell}`);
  return texValue(m[1]);
}

/** A number printed in a formula by texNumber (`1.5 \times 10^{-7}` included). */
function texValue(text: string): number {
  const m = /^(-?[\d.]+) \\times 10\^\{(-?\d+)\}$/.exec(text.trim());
  return m ? Number(`${m[1]}e${m[2]}`) : Number(text.trim());
}

/** Rows keyed by their first cell (e.g. `$w^{1}_{12}$`), the rest as numbers (NaN for --- or a formula). */
function rowsByLabel(t: Table): Map<string, number[]> {
  return new Map(t.rows.map((r) => [r[0], r.slice(1).map((c) => (/^\$-?[\d.]+( \\times 10\^\{-?\d+\})?\$$/.test(c) ? cellNumber(c) : NaN))]));
}

/** The worked example's loss: the result of the first `\ell &= …` working that ends in a number (continuation rows included). */
function lossValue(document: string): number {
  const lines = document.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('\\ell &= ')) continue;
    let row = lines[i].replace(/ \\\\$/, '').replace(' &= ', ' = ');
    for (let j = i + 1; j < lines.length && lines[j].startsWith('&= '); j++) row += ` = ${lines[j].slice(3).replace(/ \\\\$/, '')}`;
    const value = texValue(row.slice(row.lastIndexOf(' = ') + 3));
    if (Number.isFinite(value)) return value;
  }
  return NaN;
}

/** Unit-table rows keyed `l,k`. */
function rowsByUnit(t: Table): Map<string, number[]> {
  return new Map(t.rows.map((r) => [`${r[0].replace(/\$/g, '')},${r[1].replace(/\$/g, '')}`, r.slice(2).map((c) => (c === '---' ? NaN : cellNumber(c)))]));
}

// ---- the independent computation: textbook backpropagation (helpers/textbook-backprop.ts) and one optimizer step

/** One textbook optimizer step from zero state (t = 1), after clipping; the same layout as the parameters. */
function referenceStep(spec: NetworkSpec, W: number[][][], b: number[][], r: Reference) {
  const o = spec.optimizer;
  let scale = 1;
  if (spec.clip?.norm !== undefined) {
    const all = [...r.dW.flat(2), ...(r.db as number[][]).flat()];
    const norm = Math.sqrt(all.reduce((s, g) => s + g * g, 0));
    scale = Math.min(1, spec.clip.norm / norm);
  }
  const clip = (g: number) => {
    const c = spec.clip?.value;
    return c === undefined ? g * scale : Math.max(-c, Math.min(c, g * scale));
  };
  const update = (w: number, gradient: number, isWeight: boolean) => {
    const g = clip(gradient);
    const eta = o.lr;
    switch (o.kind) {
      case 'sgd': {
        const mu = o.momentum ?? 0;
        const v = g; // v = μ·0 + g
        return o.nesterov ? w - eta * (g + mu * v) : w - eta * v;
      }
      case 'rmsprop': {
        const rho = o.rho ?? 0.9;
        const s = (1 - rho) * g * g;
        return w - (eta * g) / (Math.sqrt(s) + (o.epsilon ?? 1e-8));
      }
      case 'adam':
      case 'adamw': {
        const b1 = o.beta1 ?? 0.9;
        const b2 = o.beta2 ?? 0.999;
        const mHat = ((1 - b1) * g) / (1 - b1);
        const vHat = ((1 - b2) * g * g) / (1 - b2);
        const decay = o.kind === 'adamw' && isWeight ? eta * (o.weightDecay ?? 0.01) * w : 0;
        return w - decay - (eta * mHat) / (Math.sqrt(vHat) + (o.epsilon ?? 1e-8));
      }
    }
  };
  return {
    W: W.map((Wl, l) => Wl.map((row, i) => row.map((w, j) => update(w, r.dW[l][i][j], true)))),
    b: b.map((bl, l) => bl.map((v, i) => update(v, (r.db[l] as number[])[i], false))),
  };
}

/** The notes print 6 significant digits: a shown number is within half a unit of its 6th digit of the exact one. */
const closeTo = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(5e-6 * Math.abs(expected) + 1e-15);

/** The symbol of a parameter entry in the notes' tables. */
const weightLabel = (l: number, i: number, j: number) => `$w^{${l + 1}}_{${i + 1}${j + 1}}$`;
const biasLabel = (l: number, i: number) => `$b^{${l + 1}}_{${i + 1}}$`;

// ---- tests --------------------------------------------------------------------------------------------

describe('network notes: every formula renders', () => {
  it.each(Object.keys(SPECS))('%s', (name) => {
    const { formulas } = notesOf(name);
    expect(formulas.length).toBeGreaterThan(30);
    expect(formulas.map(katexError).filter((e) => e !== undefined)).toEqual([]);
    expect(formulas.filter((f) => f.includes('?')), 'a derived formula that did not print').toEqual([]);
  });
});

describe('network notes: the derivation fits the network', () => {
  it('bce with a sigmoid output: δ^L = a^L − y, with the σ′ cancellation shown', () => {
    const { document } = notesOf('Xor');
    expect(document).toContain('\\section{The network \\texttt{Xor}}');
    expect(document).toContain('\\delta^{2} = \\frac{\\partial \\ell}{\\partial z^{2}} = a^{2} - y \\tag{BP1}');
    expect(document).toContain('\\cdot a^{2}_{k} \\left(1 - a^{2}_{k}\\right) = a^{2}_{k} - y_{k}');
    expect(document).toContain('\\max(z, 0) - z y + \\ln\\left(1 + e^{-|z|}\\right)');
    // tanh′ = 1 − tanh² in the recursion, and node by node
    expect(document).toContain('\\delta^{1} &= \\left(\\left(W^{2}\\right)^{\\top} \\delta^{2}\\right) \\odot \\left(1 - a^{1} \\odot a^{1}\\right)');
    expect(document).toContain('\\delta^{1}_{3} &= \\Bigl(w^{2}_{13} \\delta^{2}_{1}\\Bigr) \\left(1 - \\left(a^{1}_{3}\\right)^{2}\\right)');
    expect(document).toContain('z^{2}_{1} &= w^{2}_{11} a^{1}_{1} + w^{2}_{12} a^{1}_{2} + w^{2}_{13} a^{1}_{3} + w^{2}_{14} a^{1}_{4} + b^{2}_{1}');
    expect(document).toContain('\\frac{\\partial \\ell}{\\partial W^{1}} &= \\delta^{1} x^{\\top}');
    // momentum, as step() does it
    expect(document).toContain('v &\\leftarrow 0.9\\, v + g \\\\\n\\theta &\\leftarrow \\theta - 0.5\\, v');
  });

  it('cce with a softmax output: the log-sum-exp form, δ^L = a^L − y, ReLU′ = H', () => {
    const { document } = notesOf('Deep');
    expect(document).toContain('\\delta^{3} = \\frac{\\partial \\ell}{\\partial z^{3}} = a^{3} - y');
    // the shifted form the code computes is compiler material: in the appendix, after the derivation
    expect(document.indexOf('\\operatorname{lse}(z) = m + \\ln \\sum_{j} e^{z_{j} - m}')).toBeGreaterThan(document.indexOf('\\section{Appendix'));
    expect(document).toContain('\\delta^{1} &= \\left(\\left(W^{2}\\right)^{\\top} \\delta^{2}\\right) \\odot H\\left(z^{1}\\right)');
    expect(document).toContain('\\hat{m} &= \\frac{m}{1 - 0.9^{t}}, \\qquad \\hat{v} = \\frac{v}{1 - 0.999^{t}}');
    expect(document).not.toContain('Node by node'); // 43 parameters
  });

  it('mse with a linear output: δ^L = a^L − y', () => {
    const { document } = notesOf('Regression');
    expect(document).toContain('\\delta^{2} = \\frac{\\partial \\ell}{\\partial z^{2}} = a^{2} - y \\tag{BP1}\n');
    expect(document).toContain('\\delta^{2}_{1} &= a^{2}_{1} - y_{1}');
    expect(document).toContain('\\ell &= \\frac{1}{2} \\left(a^{2}_{1} - y_{1}\\right)^{2}');
    expect(document).toContain('\\theta &\\leftarrow \\theta - 0.1\\, g');
  });

  it('mse with a sigmoid output: δ^L = (a^L − y) ⊙ σ′(z^L)', () => {
    const { document } = notesOf('Mazur');
    expect(document).toContain('= \\left(a^{2} - y\\right) \\odot \\sigma\'\\left(z^{2}\\right) = \\left(a^{2} - y\\right) \\odot a^{2} \\odot \\left(1 - a^{2}\\right)');
    expect(document).toContain('\\delta^{2}_{1} &= \\left(a^{2}_{1} - y_{1}\\right) a^{2}_{1} \\left(1 - a^{2}_{1}\\right)');
  });

  it('mae: δ^L = sgn(a^L − y) ⊙ f′(z^L); softplus′ = σ; RMSprop', () => {
    const { document } = notesOf('Absolute');
    expect(document).toContain('\\operatorname{sgn}\\left(a^{2} - y\\right) \\odot a^{2} \\odot \\left(1 - a^{2}\\right)');
    expect(document).toContain('\\odot \\sigma\\left(z^{1}\\right)');
    expect(document).toContain('s &\\leftarrow 0.95\\, s + \\left(1 - 0.95\\right)\\, g^{2}');
  });

  it('dropout: the mask in the forward pass and in the recursion; leaky ReLU′; Nesterov', () => {
    const { document } = notesOf('Dropout');
    expect(document).toContain('\\tilde{a}^{1} &= a^{1} \\odot m^{1}');
    expect(document).toContain('z^{2} &= W^{2} \\tilde{a}^{1} + b^{2}');
    expect(document).toContain('\\delta^{1} &= \\left(\\left(W^{2}\\right)^{\\top} \\delta^{2}\\right) \\odot m^{1} \\odot \\left(0.1 + 0.9\\, H\\left(z^{1}\\right)\\right)');
    // leaky ReLU′ from the op's vjp rule α + (1 − α) H(t)
    expect(document).toContain("\\operatorname{LeakyReLU}_{0.1}'(t) = 0.1 + 0.9\\, H\\left(t\\right)");
    expect(document).toContain('\\frac{1}{1 - p} = 2');
    expect(document).toContain('\\theta &\\leftarrow \\theta - 0.05 \\left(g + 0.8\\, v\\right)');
    // the model's own mask, scaled: a dropped unit's ã is 0 and passes no error back
    expect(document).toContain('m^{1} &= \\begin{bmatrix} 2 & 0 & 2 & 2 \\end{bmatrix}^{\\top}');
    expect(document).toMatch(/\\tilde\{a\}\^\{1\}_\{2\} &= m\^\{1\}_\{2\}\\, a\^\{1\}_\{2\} = 0 \\times \S+ = 0 \\\\/);
  });

  it('penalties, clipping, schedule and AdamW', () => {
    const { document } = notesOf('Penalized');
    expect(document).toContain('+ 0.01\\, W^{l} + 0.003 \\operatorname{sgn} W^{l}\n');
    // the rule with its symbols, their values named before it
    expect(document).toContain('First the gradient is clipped (by norm, then by value), with $c = 0.5$, $\\mathbf{g}$ every gradient entry '
      + 'of every layer as one vector; $c_{\\text{value}} = 0.2$:');
    expect(document).toContain('g &\\leftarrow g \\cdot \\min\\left(1, \\frac{c}{\\lVert \\mathbf{g} \\rVert_{2}}\\right)');
    expect(document).toContain('g &\\leftarrow \\max\\left(-c_{\\text{value}}, \\min\\left(c_{\\text{value}}, g\\right)\\right)');
    expect(document).toContain('\\eta_{e} = 0.01 \\cdot 0.5^{\\lfloor e / 10 \\rfloor}');
    expect(document).toContain('\\theta &\\leftarrow \\theta - \\eta_{e}\\, 0.02\\, \\theta \\qquad \\text{(weights only)}');
  });

  it('mse with a softmax output: the Jacobian, not an entrywise f′', () => {
    const { document } = notesOf('SoftmaxMse');
    expect(document).toContain('\\left(\\operatorname{diag}(a^{2}) - a^{2} \\left(a^{2}\\right)^{\\top}\\right) g');
    expect(document).toContain('\\eta_{e} = 0.1 \\cdot 0.95^{e}');
  });

  it('a larger network: batch form from the IR, no node-by-node form, no numbers', () => {
    const { document } = notesOf('Wide');
    expect(document).toContain('Z^{1} &= X {W^{1}}^{\\top} + b^{1}');
    expect(document).toContain('\\tilde{A}^{1} &= A^{1} \\odot M^{1}');
    expect(document).not.toContain('Node by node');
    expect(document).not.toContain('One training step in numbers');
  });
});

describe('network notes: the worked step equals an independent computation', () => {
  const worked = Object.keys(SPECS).filter((name) => SPECS[name].worked !== undefined);

  it.each(worked)('%s', (name) => {
    const spec = SPECS[name];
    const w = spec.worked as Worked;
    const W = w.weights.map((l) => l.W.map((row) => [...row]));
    const b = w.weights.map((l) => [...(l.b as number[])]);
    const x = w.x as number[];
    const y = w.y as number[];
    const masks = givenMasks(spec, 1);
    const ref = backprop(spec, W, b, [x], [y], masks);
    const one = ref.examples[0];
    const { document } = notesOf(name);

    const forward = rowsByUnit(tableWith(document, '$z^{l}_{k}$ & $a^{l}_{k}$'));
    const backward = rowsByUnit(tableWith(document, '\\delta^{l}_{k}'));
    one.z.forEach((zl, l) => zl.forEach((zk, k) => {
      const key = `${l + 1},${k + 1}`;
      closeTo(forward.get(key)?.[0] ?? NaN, zk);
      closeTo(forward.get(key)?.[1] ?? NaN, one.a[l][k]);
      closeTo(backward.get(key)?.[1] ?? NaN, one.delta[l][k]);
    }));
    expect(forward.size).toBe(one.z.flat().length);

    closeTo(lossValue(document), ref.dataLoss);
    if (spec.regularization) closeTo(texValue(/L &= \\ell \+ R = [^\n]* = (\S+(?: \\times 10\^\{-?\d+\})?)( \\\\|\n)/.exec(document)?.[1] ?? 'NaN'), ref.loss);

    const penalized = spec.regularization !== undefined;
    const gradients = rowsByLabel(tableWith(document, 'value'));
    const updates = updateLines(document);
    const next = referenceStep(spec, W, b, ref);
    W.forEach((Wl, l) => Wl.forEach((row, i) => row.forEach((weight, j) => {
      const label = weightLabel(l, i, j);
      const g = gradients.get(label) ?? [];
      closeTo(g[penalized ? 2 : 1], ref.dW[l][i][j]);
      const u = updates.get(label);
      expect(u?.before).toBe(weight);
      closeTo(u?.after ?? NaN, next.W[l][i][j]);
    })));
    b.forEach((bl, l) => bl.forEach((bias, i) => {
      const label = biasLabel(l, i);
      closeTo(gradients.get(label)?.[penalized ? 2 : 1] ?? NaN, (ref.db[l] as number[])[i]);
      expect(updates.get(label)?.before).toBe(bias);
      closeTo(updates.get(label)?.after ?? NaN, next.b[l][i]);
    }));
    expect(updates.size).toBe(W.flat(2).length + b.flat().length);

    // The loss after the step: the textbook forward pass with the updated parameters.
    const after = backprop(spec, next.W, next.b, [x], [y], masks);
    closeTo(texValue(/_\{\\text\{after\}\} = (\S+(?: \\times 10\^\{-?\d+\})?) \\qquad/.exec(document)?.[1] ?? 'NaN'), after.loss);
  });

  it('reproduces Mazur\'s published numbers (total error, updated w5 and w1), to the digits it prints', () => {
    const { document } = notesOf('Mazur');
    closeTo(lossValue(document), 0.298371109);
    const updates = updateLines(document);
    // Mazur's w5 is W²₁₁ (hidden 1 → output 1) and w1 is W¹₁₁ (input 1 → hidden 1).
    closeTo(updates.get('$w^{2}_{11}$')?.after ?? NaN, 0.35891648);
    closeTo(updates.get('$w^{1}_{11}$')?.after ?? NaN, 0.149780716);
    // His intermediate values: out_o1 = 0.75136507, δ_o1 = ∂E/∂net_o1 = 0.138498562.
    const forward = rowsByUnit(tableWith(document, '$z^{l}_{k}$ & $a^{l}_{k}$'));
    closeTo(forward.get('2,1')?.[1] ?? NaN, 0.75136507);
    const backward = rowsByUnit(tableWith(document, '\\delta^{l}_{k}'));
    closeTo(backward.get('2,1')?.[1] ?? NaN, 0.138498562);
  });

  it.each(['Xor', 'Deep', 'Regression', 'Absolute', 'Penalized', 'Nesterov', 'SoftmaxMse', 'Mazur'])(
    '%s: the generated trainer\'s lossAndGradient and step() give the same numbers',
    async (name) => {
      const spec = SPECS[name];
      const w = spec.worked as Worked;
      const { Trainer } = await loadTrainer(spec, name);
      const trainer = new Trainer();
      w.weights.forEach((l, i) => {
        trainer.params[2 * i].set(l.W.flat());
        trainer.params[2 * i + 1].set(l.b as number[]);
      });
      trainer.lossAndGradient(new Float64Array(w.x as number[]), new Float64Array(w.y as number[]), 1);
      const { document } = notesOf(name);
      const penalized = spec.regularization !== undefined;
      const gradients = tableWith(document, 'value').rows.map((r) => cellNumber(r[penalized ? 3 : 2]));
      const updates = [...updateLines(document).values()].map((u) => u.after);
      // Table rows: per layer, W row-major then b — the order of trainer.params. The generated
      // kernels may sum in another order than the IR interpreter: equal up to rounding.
      const grads = trainer.grads.flatMap((g) => [...g]);
      expect(gradients).toHaveLength(grads.length);
      gradients.forEach((g, i) => closeTo(g, grads[i]));
      trainer.step();
      const params = trainer.params.flatMap((p) => [...p]);
      expect(updates).toHaveLength(params.length);
      updates.forEach((u, i) => closeTo(u, params[i]));
    },
  );
});

describe('network notes: the document', () => {
  const all = () => Object.keys(SPECS).map(compile);
  const expression = () => compileExpression('J', 'cos(sin(x^2) + 3*x^2)', { at: { x: 0.5 } });

  it('is deterministic, and the expression notes are unchanged by networks after them', () => {
    const first = renderNotes([expression()], FROM, all());
    expect(renderNotes([expression()], FROM, all())).toBe(first);
    const expressionsOnly = renderNotes([expression()], FROM);
    expect(renderNotes([expression()], FROM, [])).toBe(expressionsOnly);
    // the expressions' sections come first, unchanged (their appendix comes last, after the networks)
    const body = expressionsOnly.slice(0, expressionsOnly.indexOf('\\section{Appendix'));
    expect(first.startsWith(body)).toBe(true);
    expect(first.indexOf('\\section{The network')).toBeGreaterThan(first.indexOf('\\section{The expression'));
  });

  it('with only networks, leaves out the expressions\' notation section', () => {
    const { document } = buildNotes([], FROM, [compile('Xor')]);
    expect(document).not.toContain('\\section{Notation}');
    expect(document).toContain('\\subsection*{Notation}');
  });

  it.skipIf(!hasPdflatex)('pdflatex compiles the notes of every test network, and nothing sticks out', () => {
    const log = typesetLog(renderNotes([expression()], FROM, all()));
    expect(log).not.toMatch(/^! /m);
    expect(overfullBoxes(log, 19)).toEqual([]);
  }, 240_000);
});
