// Mistakes in a sequence network's spec (recurrent layers, sequence inputs,
// bptt, lossOverSteps) are CompileErrors at the file:line:col of the wrong
// value with a hint, and nothing is written — like a feedforward network's.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileModelFile } from '../src/driver/model-file.js';
import { type BadModel, expectErrorAt, modelFolder, specModel } from './helpers/model-fixtures.js';

const writeModel = modelFolder('nncompile-sequence-errors-');

/** model.ts exporting one sequence network: the base spec with some fields replaced or added. */
const seqModel = specModel({
  imports: 'dense, gru, lstm, network, rnn',
  what: 'a sequence network with one mistake',
  name: 'Seq',
  base: { inputs: '{ sequence: 1 }', layers: '[lstm(8), dense(1)]', loss: "'mse'", optimizer: "{ kind: 'adam', lr: 0.01 }" },
});

const BAD: readonly (BadModel & { readonly what: string })[] = [
  {
    what: 'a recurrent layer with number inputs',
    source: seqModel({ inputs: '3' }),
    at: '3', within: 'inputs: 3', message: /layer 1 is a recurrent layer \(lstm\), but inputs is a number/, hint: /inputs: \{ sequence: 1 \}/,
  },
  {
    what: 'sequence features that are not a positive integer',
    source: seqModel({ inputs: '{ sequence: 0 }' }),
    at: '0', within: 'sequence: 0', message: /inputs\.sequence must be a positive integer, got 0/, hint: /features of one time step/,
  },
  {
    what: 'a sequence length in the inputs',
    source: seqModel({ inputs: '{ sequence: 1, length: 50 }' }),
    at: 'length', message: /'length' is not a valid inputs field/, hint: /run-time value/,
  },
  {
    what: 'negative units of an lstm',
    source: seqModel({ layers: '[lstm(-4), dense(1)]' }),
    at: '-4', message: /units of layer 1 must be a positive integer, got -4/, hint: /lstm\(16\)/,
  },
  {
    what: "a misspelled rnn activation 'tahn'",
    source: seqModel({ layers: "[rnn(8, 'tahn'), dense(1)]" }),
    at: "'tahn'", message: /unknown rnn activation 'tahn'/, hint: /did you mean 'tanh'\?/,
  },
  {
    what: 'a sigmoid simple rnn',
    source: seqModel({ layers: "[rnn(8, 'sigmoid'), dense(1)]" }),
    at: "'sigmoid'", message: /unknown rnn activation 'sigmoid'/, hint: /'tanh', 'relu'.*lstm\(16\) or gru\(16\)/,
  },
  {
    what: 'returnSequences misspelled',
    source: seqModel({ layers: '[gru(8, { returnSequence: true }), dense(1)]' }),
    at: 'returnSequence', message: /unknown recurrent layer option 'returnSequence'/, hint: /did you mean 'returnSequences'\?/,
  },
  {
    what: 'returnSequences on a layer below another recurrent layer',
    source: seqModel({ layers: '[lstm(8, { returnSequences: true }), lstm(4), dense(1)]' }),
    at: 'true', message: /returnSequences on layer 1, which is not the last recurrent layer/, hint: /already reads every step/,
  },
  {
    what: 'dropout on a recurrent layer',
    source: seqModel({ layers: '[lstm(8, { dropout: 0.2 }), dense(1)]' }),
    at: 'dropout', message: /'dropout' is not a valid recurrent layer option/, hint: /dense layer after them/,
  },
  {
    what: 'no dense output layer',
    source: seqModel({ layers: '[rnn(8), lstm(4)]' }),
    at: 'lstm(4)', message: /needs a dense output layer after its recurrent layers/, hint: /rnn\(…\), lstm\(…\), dense\(1\)/,
  },
  {
    what: 'a dense layer first',
    source: seqModel({ layers: "[dense(4, 'tanh'), lstm(4), dense(1)]" }),
    at: "dense(4, 'tanh')", message: /layer 1 of a sequence network must be recurrent/, hint: /read the time steps first/,
  },
  {
    what: 'a recurrent layer after a dense one',
    source: seqModel({ layers: "[lstm(4), dense(4, 'tanh'), gru(2), dense(1)]" }),
    at: 'gru(2)', message: /layer 3 is recurrent but comes after a dense layer/, hint: /recurrent layers first/,
  },
  {
    what: 'a truncation window of 0',
    source: seqModel({ bptt: '{ truncate: 0 }' }),
    at: '0', within: 'truncate: 0', message: /bptt\.truncate must be a positive integer, got 0/, hint: /time steps the gradient flows back/,
  },
  {
    what: 'a misspelled bptt option',
    source: seqModel({ bptt: '{ window: 20 }' }),
    at: 'window', message: /unknown bptt option 'window'/, hint: /did you mean 'truncate'\?/,
  },
  {
    what: 'truncate at the top level',
    source: seqModel({ truncate: '20' }),
    at: 'truncate', message: /'truncate' is not a valid sequence network option/, hint: /bptt: \{ truncate: 20 \}/,
  },
  {
    what: 'lossOverSteps on a many-to-one network',
    source: seqModel({ lossOverSteps: "'sum'" }),
    at: "'sum'", message: /lossOverSteps applies to many-to-many networks/, hint: /returnSequences: true/,
  },
  {
    what: "lossOverSteps 'average'",
    source: seqModel({ layers: '[lstm(8, { returnSequences: true }), dense(1)]', lossOverSteps: "'average'" }),
    at: "'average'", message: /unknown lossOverSteps 'average'/, hint: /did you mean 'mean'\?/,
  },
  {
    what: 'standardize (not available yet)',
    source: seqModel({ standardize: 'true' }),
    at: 'true', within: 'standardize: true', message: /standardize is not available for sequence networks yet/, hint: /standardize the series before/,
  },
  {
    what: "precision 'f32' on a sequence network (not available: refused, not ignored)",
    source: seqModel({ precision: "'f32'" }),
    at: "'f32'", message: /precision 'f32' is not available for sequence networks \(recurrent layers\) yet: they train in f64/,
    hint: /remove precision: 'f32'.*feedforward networks/,
  },
  {
    what: 'a worked sequence whose step has the wrong number of features',
    source: seqModel({ layers: '[rnn(2), dense(1)]', worked: '{ weights: [{ W: [[0.5], [-0.3]], U: [[0.1, 0.4], [-0.2, 0.3]], b: [0, 0.1] }, { W: [[0.7, -0.5]], b: [0.2] }], x: [[1], [0.5, 2], [-0.5]], y: [0.3] }' }),
    at: '[0.5, 2]', message: /worked\.x step 2 must be an array of 1 number, got an array of 2/, hint: /each step of a sequence is 1 number/,
  },
  {
    what: 'a worked sequence that is too long for the notes',
    source: seqModel({ layers: '[rnn(2), dense(1)]', worked: '{ weights: [{ W: [[0.5], [-0.3]], U: [[0.1, 0.4], [-0.2, 0.3]], b: [0, 0.1] }, { W: [[0.7, -0.5]], b: [0.2] }], x: [1, 2, 3, 4, 5, 6, 7], y: [0.3] }' }),
    at: '[1, 2, 3, 4, 5, 6, 7]', message: /a worked sequence has 7 steps/, hint: /give 1 to 6 steps/,
  },
  {
    what: 'a worked mini-batch of sequences of different lengths',
    source: seqModel({ layers: '[rnn(2), dense(1)]', worked: '{ weights: [{ W: [[0.5], [-0.3]], U: [[0.1, 0.4], [-0.2, 0.3]], b: [0, 0.1] }, { W: [[0.7, -0.5]], b: [0.2] }], x: [[[1], [2]], [[1], [2], [3]]], y: [[0.3], [0.1]] }' }),
    at: '[[1], [2], [3]]', message: /worked sequence 2 has 3 steps but sequence 1 has 2/, hint: /same number of steps/,
  },
  {
    what: 'a worked rnn layer without its recurrent weights U',
    source: seqModel({ layers: '[rnn(2), dense(1)]', worked: '{ weights: [{ W: [[0.5], [-0.3]], b: [0, 0.1] }, { W: [[0.7, -0.5]], b: [0.2] }], x: [1, 2], y: [0.3] }' }),
    at: '{ W: [[0.5]', message: /worked\.weights\[0\] is missing 'U'/, hint: /U1 is 2×2/,
  },
  {
    what: 'a worked many-to-many target with a row missing',
    source: seqModel({ layers: '[rnn(2, \'tanh\', { returnSequences: true }), dense(1)]', worked: '{ weights: [{ W: [[0.5], [-0.3]], U: [[0.1, 0.4], [-0.2, 0.3]], b: [0, 0.1] }, { W: [[0.7, -0.5]], b: [0.2] }], x: [1, 2, 3], y: [0.1, 0.2] }' }),
    at: '[0.1, 0.2]', message: /worked\.y has 2 rows but needs 3/, hint: /one row of 1 number per step/,
  },
  {
    what: 'worked steps that are not a whole number from 1 to 100',
    source: seqModel({ layers: '[rnn(2), dense(1)]', worked: '{ weights: [{ W: [[0.5], [-0.3]], U: [[0.1, 0.4], [-0.2, 0.3]], b: [0, 0.1] }, { W: [[0.7, -0.5]], b: [0.2] }], x: [1, 2], y: [0.3], steps: 2.5 }' }),
    at: '2.5', message: /worked\.steps/, hint: /how many training steps/,
  },
  {
    what: "cce with returnSequences (not available yet)",
    source: seqModel({ layers: "[gru(8, { returnSequences: true }), dense(3, 'softmax')]", loss: "'cce'" }),
    at: "'cce'", message: /loss 'cce' with returnSequences is not available yet/, hint: /many-to-one/,
  },
  {
    what: 'bce without a sigmoid output, as for any network',
    source: seqModel({ loss: "'bce'" }),
    at: "'bce'", message: /loss 'bce' needs a sigmoid output layer/, hint: /dense\(1, 'sigmoid'\)/,
  },
];

describe('a bad sequence network is reported at file:line:col with a hint, and nothing is written', () => {
  it.each(BAD)('$what', (bad) => expectErrorAt(writeModel, bad));

  it('the base model compiles and writes its files (code, notes, HTML notes, companion)', { timeout: 60_000 }, async () => {
    const { path, outDir } = writeModel(seqModel({ bptt: '{ truncate: 20 }' }));
    const result = await compileModelFile(path, { outDir });
    expect(readdirSync(outDir).sort()).toEqual(['model.html', 'model.notes.json', 'model.tex', 'model.ts']);
    expect(result.sequenceNetworks.map((n) => n.name)).toEqual(['Seq']);
  });
});
