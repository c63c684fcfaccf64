// Trial of the BPTT notes on recurrent models nobody wrote as an example (issue 11): Elman, LSTM and GRU,
// stacked, many-to-one and many-to-many, clipping by norm and by value, truncated BPTT, every loss, SGD,
// momentum and Adam, one sequence and a mini-batch. For each, the numbers the notes print (the companion's
// values, by label) are checked against the generated trainer run on the same parameters and sequences —
// another program, the one users run: the loss, every entry of ∂L/∂θ, every updated parameter and the loss
// after the step; each δ printed is the trainer's bias gradient's term (their sum over the steps is the
// trainer's ∂L/∂b); and the notes typeset with nothing overfull.
import { describe, expect, it } from 'vitest';
import { dense, gru, lstm, network, rnn, type SequenceNetworkSpec } from '../src/dsl/network.js';
import { TexWriter } from '../src/backends/latex/tex-writer.js';
import { writeSequenceNetwork } from '../src/backends/latex/network/recurrent/sequence-section.js';
import { entrySymbol } from '../src/backends/latex/network/recurrent/symbols.js';
import { buildNotes } from '../src/backends/latex/notes.js';
import type { GeneratedFrom } from '../src/backends/ts/module.js';
import { loadSequenceTrainer } from './helpers/sequence-module.js';
import { hasPdflatex, overfullBoxes, typesetLog } from './helpers/pdflatex.js';
import { katexError } from './helpers/katex.js';

const TRIALS: { what: string; spec: SequenceNetworkSpec }[] = [
  {
    what: 'Elman, a mini-batch of 2, softmax + cce',
    spec: network({
    inputs: { sequence: 1 },
    layers: [rnn(3, 'tanh'), dense(2, 'softmax')],
    loss: 'cce',
    optimizer: { kind: 'sgd', lr: 0.2, batchSize: 2 },
    worked: {
    weights: [{"W": [[0.1], [-0.43], [-0.56]], "U": [[-0.58, 0.49, 0.24], [0.56, -0.57, 0.16], [-0.02, 0.28, -0.22]], "b": [0.3, -0.25, 0.03]}, {"W": [[0.28, 0.48, 0.28], [0.24, 0.35, 0.5]], "b": [-0.09, 0.11]}],
    x: [[[-0.11], [0.26], [0.31]], [[0.61], [0.92], [0.37]]],
    y: [[1, 0], [0, 1]],
    },
    }),
  },
  {
    what: 'GRU, Adam, clipped by norm',
    spec: network({
    inputs: { sequence: 2 },
    layers: [gru(2), dense(1, 'linear')],
    loss: 'mse',
    optimizer: { kind: 'adam', lr: 0.01, batchSize: 1 },
    clip: { norm: 0.1 },
    worked: {
    weights: [{"Wz": [[0.46, -0.35], [-0.13, 0.43]], "Uz": [[0.17, -0.48], [0.59, -0.34]], "bz": [-0.15, 0.16], "Wr": [[-0.21, -0.24], [-0.51, -0.49]], "Ur": [[0.1, -0.31], [0.12, -0.15]], "br": [-0.03, 0.28], "Wn": [[-0.02, 0.09], [0.44, -0.38]], "Un": [[-0.42, 0.49], [0.38, -0.3]], "bn": [-0.19, 0.14]}, {"W": [[0.53, -0.36]], "b": [0.27]}],
    x: [[-0.94, 0.75], [-0.92, 0.42], [0.14, -0.38]],
    y: [[0.8]],
    },
    }),
  },
  {
    what: 'GRU many-to-many (mean over steps)',
    spec: network({
    inputs: { sequence: 1 },
    layers: [gru(2, { returnSequences: true }), dense(1, 'linear')],
    loss: 'mse',
    optimizer: { kind: 'sgd', lr: 0.1, batchSize: 1 },
    worked: {
    weights: [{"Wz": [[-0.06], [0.07]], "Uz": [[0.51, -0.04], [0.01, 0.1]], "bz": [-0.19, 0.01], "Wr": [[0.16], [0.35]], "Ur": [[-0.49, -0.24], [-0.49, 0.37]], "br": [0.12, -0.27], "Wn": [[0.58], [0.56]], "Un": [[0.18, 0.14], [-0.41, -0.58]], "bn": [0.02, -0.26]}, {"W": [[-0.37, -0.31]], "b": [-0.28]}],
    x: [-0.01, 0.67, 0.7],
    y: [[0.21], [0.45], [-0.22]],
    },
    }),
  },
  {
    what: 'one-unit LSTM, sum of squares without the ½',
    spec: network({
    inputs: { sequence: 1 },
    layers: [lstm(1), dense(1, 'linear')],
    loss: { kind: 'mse', half: false },
    optimizer: { kind: 'sgd', lr: 0.1, batchSize: 1 },
    worked: {
    weights: [{"Wi": [[0.19]], "Ui": [[-0.07]], "bi": [0.24], "Wf": [[-0.21]], "Uf": [[0.2]], "bf": [-0.18], "Wc": [[-0.08]], "Uc": [[0.37]], "bc": [0.25], "Wo": [[0.46]], "Uo": [[-0.14]], "bo": [0.05]}, {"W": [[-0.22]], "b": [-0.22]}],
    x: [-0.64, -0.46, -0.31, 0.39],
    y: [[0.5]],
    },
    }),
  },
  {
    what: 'LSTM, truncated k = 2 of T = 5, sum over steps',
    spec: network({
    inputs: { sequence: 1 },
    layers: [lstm(2, { returnSequences: true }), dense(1, 'linear')],
    loss: 'mse',
    optimizer: { kind: 'sgd', lr: 0.1, batchSize: 1 },
    bptt: { truncate: 2 }, lossOverSteps: 'sum',
    worked: {
    weights: [{"Wi": [[0.46], [0.12]], "Ui": [[-0.09, -0.48], [-0.55, 0.56]], "bi": [-0.16, 0.12], "Wf": [[-0.29], [0.39]], "Uf": [[0.12, -0.25], [-0.39, 0.26]], "bf": [-0.26, -0.16], "Wc": [[0.07], [0.42]], "Uc": [[0.14, -0.26], [0.5, -0.36]], "bc": [-0.29, -0.14], "Wo": [[-0.07], [-0.53]], "Uo": [[-0.39, -0.16], [0.09, -0.44]], "bo": [-0.08, 0.23]}, {"W": [[0.58, 0.19]], "b": [0.11]}],
    x: [0.58, -0.96, -0.73, -0.09, -0.95],
    y: [[0.33], [-0.26], [-0.36], [-0.45], [0.13]],
    },
    }),
  },
  {
    what: 'ReLU Elman many-to-many, mae',
    spec: network({
    inputs: { sequence: 1 },
    layers: [rnn(2, 'relu', { returnSequences: true }), dense(1, 'linear')],
    loss: 'mae',
    optimizer: { kind: 'sgd', lr: 0.1, batchSize: 1 },
    worked: {
    weights: [{"W": [[0.5], [0.8]], "U": [[0.3, -0.2], [0.1, 0.4]], "b": [0.1, 0.05]}, {"W": [[0.57, 0.36]], "b": [-0.12]}],
    x: [-0.01, -0.37, 0.68],
    y: [[0.48], [-0.05], [-0.43]],
    },
    }),
  },
  {
    what: 'GRU under an Elman layer, momentum, clipped by value',
    spec: network({
    inputs: { sequence: 1 },
    layers: [gru(2), rnn(2, 'tanh', { returnSequences: true }), dense(1, 'linear')],
    loss: 'mse',
    optimizer: { kind: 'sgd', lr: 0.1, momentum: 0.9, batchSize: 1 },
    clip: { value: 0.05 },
    worked: {
    weights: [{"Wz": [[0.48], [0.45]], "Uz": [[-0.1, 0.35], [0.44, 0.09]], "bz": [0.07, -0.07], "Wr": [[0.1], [0.13]], "Ur": [[-0.5, 0.17], [0.59, 0.46]], "br": [0.14, -0.07], "Wn": [[0.28], [0.1]], "Un": [[-0.07, 0.41], [-0.5, 0.3]], "bn": [-0.28, 0.06]}, {"W": [[-0.02, -0.32], [0.24, -0.0]], "U": [[0.14, 0.5], [-0.29, -0.59]], "b": [-0.12, 0.11]}, {"W": [[-0.36, -0.4]], "b": [0.24]}],
    x: [-0.6, -0.05, -0.64],
    y: [[-0.49], [-0.03], [0.21]],
    },
    }),
  },
  {
    what: 'Elman under an LSTM, bce',
    spec: network({
    inputs: { sequence: 2 },
    layers: [rnn(2, 'tanh'), lstm(2), dense(1, 'sigmoid')],
    loss: 'bce',
    optimizer: { kind: 'sgd', lr: 0.5, batchSize: 1 },
    worked: {
    weights: [{"W": [[-0.04, -0.07], [0.41, 0.02]], "U": [[0.17, -0.0], [0.19, -0.05]], "b": [-0.13, 0.3]}, {"Wi": [[0.59, 0.41], [0.25, -0.22]], "Ui": [[-0.32, -0.25], [-0.52, 0.32]], "bi": [-0.06, 0.21], "Wf": [[-0.14, 0.55], [0.42, -0.6]], "Uf": [[-0.35, 0.49], [-0.04, 0.58]], "bf": [-0.06, -0.26], "Wc": [[0.16, 0.33], [-0.28, -0.5]], "Uc": [[-0.2, 0.56], [0.31, -0.46]], "bc": [-0.15, -0.24], "Wo": [[-0.53, 0.36], [-0.39, 0.07]], "Uo": [[-0.06, -0.37], [0.28, -0.44]], "bo": [0.09, -0.23]}, {"W": [[-0.1, -0.34]], "b": [-0.14]}],
    x: [[-0.66, -0.1], [-0.45, -0.57], [-0.17, 0.25]],
    y: [[1]],
    },
    }),
  },
];

const FROM: GeneratedFrom = { source: 'trial/model.ts', command: 'nncompile trial/model.ts', notes: 'model.tex', version: '0.1.0' };
const close = (a: number | undefined, b: number) => a !== undefined && Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));

describe('the BPTT notes of eight new recurrent models print what the generated trainer computes', () => {
  it.each(TRIALS.map((t) => [t.what, t]))('%s', async (_what, trial) => {
    const { Trainer, compiled } = await loadSequenceTrainer(trial.spec);
    const worked = compiled.worked!;
    const out = new TexWriter();
    writeSequenceNetwork(compiled, out);
    expect(out.formulas().map(katexError).filter((e) => e !== undefined)).toEqual([]);
    const printed = new Map(out.values().values.map((r) => [r.label, Number(r.value)]));
    const first = worked.sequences[0];
    const n = worked.sequences.length;
    const T = first.steps;
    const trainer = new Trainer(1);
    compiled.layout.forEach((p, a) => trainer.params[a].set(first.params[p.name]));
    trainer.sequenceLength = T;
    const X = Float64Array.from(worked.sequences.flatMap((v) => v.x.flat()));
    const Y = Float64Array.from(worked.sequences.flatMap((v) => v.y.flat()));
    trainer.lossAndGradient(X, Y, n);
    const wrong: string[] = [];
    const expectPrinted = (label: string, value: number) => {
      if (!close(printed.get(label), value)) wrong.push(`${label}: notes ${printed.get(label)}, trainer ${value}`);
    };
    expectPrinted('L', trainer.lastLoss);
    compiled.layout.forEach((p, a) => trainer.grads[a].forEach((g, i) => {
      const symbol = entrySymbol(p, i);
      if (!p.frozen) expectPrinted(`\\partial L / \\partial ${symbol}`, g);
      // a bias's gradient is the sum of the δ's the notes print, one per step (per sequence)
      const delta = /^b([a-z]?)(\d+)$/.exec(p.name);
      if (delta !== null && compiled.spec.recurrent.length >= Number(delta[2])) {
        const gate = delta[1] === '' ? '' : `${delta[1]},`;
        const label = (t: number, s: number) => (n === 1 ? '' : '{') + `\\delta^{${delta[2]}}_{${gate}${t},${i + 1}}` + (n === 1 ? '' : `}^{(${s})}`);
        const shown = worked.sequences.flatMap((_v, s) => Array.from({ length: T }, (_t, t) => printed.get(label(t + 1, s + 1))));
        // every step's δ is printed when a window of the step has a loss (truncated windows without one: none)
        if (shown.every((d) => d !== undefined)) {
          const sum = shown.reduce((x: number, d) => x + d!, 0);
          if (Math.abs(sum - g) > 1e-12 * Math.max(1, Math.abs(g))) wrong.push(`Σ_t δ for ${symbol}: ${sum} vs trainer ${g}`);
        } else if (!shown.every((d) => d === undefined)) {
          wrong.push(`${symbol}: the δ's of some steps only`);
        }
      }
    }));
    trainer.step();
    compiled.layout.forEach((p, a) => trainer.params[a].forEach((v, i) => expectPrinted(`${entrySymbol(p, i)}^{+}`, v)));
    trainer.lossAndGradient(X, Y, n);
    expectPrinted('L_{\\text{after}}', trainer.lastLoss);
    expect(wrong).toEqual([]);
    // the working of the δ's is there for every kind in the model
    for (const [l, layer] of compiled.spec.recurrent.entries()) {
      const gate = { rnn: '', lstm: 'o,', gru: 'n,' }[layer.kind];
      expect([...printed.keys()].some((label) => label.includes(`\\delta^{${l + 1}}_{${gate}${T},1}`)), `layer ${l + 1}`).toBe(true);
    }
  }, 120_000);

  it.skipIf(!hasPdflatex)('their notes typeset with nothing overfull', async () => {
    const compiled = await Promise.all(TRIALS.map(async (t, k) => (await loadSequenceTrainer(t.spec, `Trial${k + 1}`)).compiled));
    const log = typesetLog(buildNotes([], FROM, compiled).document);
    expect(log).not.toMatch(/^! /m);
    expect(overfullBoxes(log, 3)).toEqual([]);
  }, 300_000);
});
