// A network spec arrives at run time with its types unchecked (model.ts is
// only transpiled), so every mistake a user can make in it must come back as a
// CompileError at the file:line:col of the wrong value, with a useful hint,
// and must leave the output folder untouched.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileModelFile } from '../src/driver/model-file.js';
import { validateNetwork } from '../src/compile/network/validate.js';
import { dense, network, type NetworkSpecInput } from '../src/dsl/network.js';
import { compileErrorOf } from './helpers/compile-error.js';
import { type BadModel, expectErrorAt, expectNothingWritten, expectedOffset, lineColumn, modelFolder, specModel } from './helpers/model-fixtures.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const writeModel = modelFolder('nncompile-network-errors-');

/** model.ts exporting one network: the base spec with some fields replaced, dropped (undefined) or added. */
const netModel = specModel({
  imports: 'dense, network',
  what: 'a network with one mistake',
  name: 'Net',
  base: { inputs: '2', layers: "[dense(4, 'tanh'), dense(1, 'sigmoid')]", loss: "'bce'", optimizer: "{ kind: 'sgd', lr: 0.5, momentum: 0.9 }" },
});

interface BadNetwork extends BadModel {
  readonly what: string;
}

const WORKED_LAYERS = "[dense(2, 'tanh'), dense(1, 'sigmoid')]";
const worked = (weights: string, x = '[1, 0]', y = '[1]') => `{ weights: ${weights}, x: ${x}, y: ${y} }`;
const GOOD_WEIGHTS = '[{ W: [[0.1, 0.2], [0.3, 0.4]], b: [0, 0] }, { W: [[0.5, -0.5]], b: [0] }]';

const BAD: readonly BadNetwork[] = [
  // layers
  {
    what: "a misspelled activation 'tahn'",
    source: netModel({ layers: "[dense(4, 'tahn'), dense(1, 'sigmoid')]" }),
    at: "'tahn'", message: /unknown activation 'tahn'/, hint: /did you mean 'tanh'\?.*'leaky_relu'/,
  },
  {
    what: "a capitalized activation 'Relu'",
    source: netModel({ layers: "[dense(4, 'Relu'), dense(1, 'sigmoid')]" }),
    at: "'Relu'", message: /unknown activation 'Relu'/, hint: /did you mean 'relu'\?/,
  },
  {
    what: "'softMax' on the output layer",
    source: netModel({ layers: "[dense(4, 'relu'), dense(3, 'softMax')]", loss: "'cce'" }),
    at: "'softMax'", message: /unknown activation 'softMax'/, hint: /did you mean 'softmax'\?/,
  },
  {
    what: 'negative units',
    source: netModel({ layers: "[dense(-3, 'relu'), dense(1, 'sigmoid')]" }),
    at: '-3', message: /units of layer 1 must be a positive integer, got -3/, hint: /number of neurons/,
  },
  {
    what: 'fractional units in layer 2',
    source: netModel({ layers: "[dense(4, 'relu'),\n    dense(2.5, 'sigmoid')]" }),
    at: '2.5', message: /units of layer 2 must be a positive integer, got 2\.5/, hint: /dense\(4, 'relu'\)/,
  },
  {
    what: 'inputs as a string',
    source: netModel({ inputs: "'2'" }),
    at: "'2'", message: /inputs must be a positive integer, got '2'/, hint: /without quotes: 2/,
  },
  {
    what: 'an empty layer list',
    source: netModel({ layers: '[]' }),
    at: '[]', message: /layers must be a non-empty array of dense layers/, hint: /dense\(4, 'tanh'\)/,
  },
  {
    what: 'a layer that is not dense(...)',
    source: netModel({ layers: "['relu', dense(1, 'sigmoid')]" }),
    at: "'relu'", message: /layer 1 is not a dense layer, got 'relu'/, hint: /dense\(units, activation\)/,
  },
  {
    what: 'softmax on a hidden layer',
    source: netModel({ layers: "[dense(4, 'softmax'), dense(3, 'softmax')]", loss: "'cce'" }),
    within: "dense(4, 'softmax')", at: "'softmax'",
    message: /softmax is only allowed on the output layer, but layer 1 of 2 has it/, hint: /'relu' or 'tanh'/,
  },
  {
    what: 'softmax over one unit',
    source: netModel({ layers: "[dense(4, 'relu'), dense(1, 'softmax')]", loss: "'cce'" }),
    at: "'softmax'", message: /softmax over 1 unit is always 1/, hint: /use 'sigmoid' \(with loss 'bce'\)/,
  },
  {
    what: 'dropout on the output layer',
    source: netModel({ layers: "[dense(4, 'relu', { dropout: 0.2 }), dense(1, 'sigmoid', { dropout: 0.5 })]" }),
    within: 'dropout: 0.5', at: '0.5', message: /dropout on the output layer \(layer 2\)/, hint: /hidden layers/,
  },
  {
    what: 'dropout ≥ 1',
    source: netModel({ layers: "[dense(4, 'relu', { dropout: 1.5 }), dense(1, 'sigmoid')]" }),
    at: '1.5', message: /dropout of layer 1 must be a number in \[0, 1\), got 1\.5/, hint: /fraction of units dropped/,
  },
  {
    what: 'a negative leaky_relu alpha',
    source: netModel({ layers: "[dense(4, 'leaky_relu', { alpha: -0.1 }), dense(1, 'sigmoid')]" }),
    at: '-0.1', message: /alpha of layer 1 must be a number in \[0, 1\), got -0\.1/, hint: /slope of leaky_relu/,
  },
  {
    what: 'alpha on a relu layer',
    source: netModel({ layers: "[dense(4, 'relu', { alpha: 0.1 }), dense(1, 'sigmoid')]" }),
    at: 'alpha', message: /alpha only applies to 'leaky_relu', but layer 1 is 'relu'/, hint: /'leaky_relu', \{ alpha: 0\.01 \}/,
  },
  {
    what: "a dense option named 'rate'",
    source: netModel({ layers: "[dense(4, 'relu', { rate: 0.2 }), dense(1, 'sigmoid')]" }),
    at: 'rate', message: /unknown dense layer option 'rate'/, hint: /did you mean 'dropout'\?/,
  },
  // loss
  {
    what: "loss 'crossentropy'",
    source: netModel({ loss: "'crossentropy'" }),
    at: "'crossentropy'", message: /unknown loss 'crossentropy'/, hint: /did you mean 'bce' \(the output layer is sigmoid\)/,
  },
  {
    what: "loss 'bce' with a softmax output",
    source: netModel({ layers: "[dense(4, 'relu'), dense(3, 'softmax')]", loss: "'bce'" }),
    at: "'bce'", message: /loss 'bce' needs a sigmoid output layer, but the output layer is 'softmax'/, hint: /use loss 'cce'/,
  },
  {
    what: "loss 'cce' with a sigmoid output",
    source: netModel({ loss: "'cce'" }),
    at: "'cce'", message: /loss 'cce' needs a softmax output layer, but the output layer is 'sigmoid'/, hint: /use loss 'bce'/,
  },
  {
    what: "loss 'bce' with a linear output",
    source: netModel({ layers: "[dense(4, 'relu'), dense(1)]" }),
    at: "'bce'", message: /needs a sigmoid output layer, but the output layer is 'linear'/, hint: /dense\(1, 'sigmoid'\)/,
  },
  {
    what: 'a missing loss',
    source: netModel({ loss: undefined }),
    within: 'network({', at: '{', message: /the network spec is missing 'loss'/, hint: /'mse'.*'bce'.*'cce'/,
  },
  // optimizer
  {
    what: "learningRate instead of lr",
    source: netModel({ optimizer: "{ kind: 'sgd', learningRate: 0.1 }" }),
    at: 'learningRate', message: /unknown sgd option 'learningRate'/, hint: /did you mean 'lr'\?/,
  },
  {
    what: 'a negative learning rate',
    source: netModel({ optimizer: "{ kind: 'adam', lr: -0.01 }" }),
    at: '-0.01', message: /optimizer\.lr must be a finite number > 0, got -0\.01/, hint: /lr: 0\.01/,
  },
  {
    what: "optimizer kind 'Adam'",
    source: netModel({ optimizer: "{ kind: 'Adam', lr: 0.01 }" }),
    at: "'Adam'", message: /unknown optimizer kind 'Adam'/, hint: /did you mean 'adam'\?/,
  },
  {
    what: 'weightDecay with adam',
    source: netModel({ optimizer: "{ kind: 'adam', lr: 0.01, weightDecay: 0.01 }" }),
    at: 'weightDecay', message: /'weightDecay' is not a valid adam option/, hint: /use kind: 'adamw'/,
  },
  {
    what: 'momentum 1',
    source: netModel({ optimizer: "{ kind: 'sgd', lr: 0.1, momentum: 1 }" }),
    within: 'momentum: 1', at: '1', message: /optimizer\.momentum must be a number in \[0, 1\), got 1/, hint: /typically 0\.9/,
  },
  {
    what: 'nesterov without momentum',
    source: netModel({ optimizer: "{ kind: 'sgd', lr: 0.1, nesterov: true }" }),
    at: 'true', message: /nesterov needs momentum > 0/, hint: /momentum: 0\.9/,
  },
  {
    what: "batchSize 'all'",
    source: netModel({ optimizer: "{ kind: 'sgd', lr: 0.1, batchSize: 'all' }" }),
    at: "'all'", message: /batchSize must be a positive integer or 'full', got 'all'/, hint: /batchSize: 'full'/,
  },
  {
    what: 'beta2 above 1',
    source: netModel({ optimizer: "{ kind: 'adamw', lr: 0.001, beta2: 1.5 }" }),
    at: '1.5', message: /optimizer\.beta2 must be a number in \[0, 1\), got 1\.5/, hint: /0\.999/,
  },
  {
    what: 'beta1 on sgd',
    source: netModel({ optimizer: "{ kind: 'sgd', lr: 0.1, beta1: 0.9 }" }),
    at: 'beta1', message: /'beta1' is not a valid sgd option/, hint: /kind: 'adam'.*sgd takes lr, batchSize, momentum, nesterov/,
  },
  {
    // found trying it as a developer: the README lists schedules among the optimizers
    what: 'schedule inside the optimizer',
    source: netModel({ optimizer: "{ kind: 'sgd', lr: 0.1, momentum: 0.9, schedule: { kind: 'step', every: 10, factor: 0.5 } }" }),
    at: 'schedule', message: /'schedule' is not a valid sgd option/,
    hint: /schedule is an option of the network, beside optimizer: network\(\{ …, optimizer: \{ kind: 'sgd', … \}, schedule: \{ kind: 'step'/,
  },
  // the rest of the spec
  {
    what: 'learningRate at the top level',
    source: netModel({ learningRate: '0.1' }),
    at: 'learningRate', message: /'learningRate' is not a valid network option/, hint: /belongs in the optimizer/,
  },
  {
    what: "'optimiser' (British spelling)",
    source: netModel({ optimizer: undefined, optimiser: "{ kind: 'sgd', lr: 0.1 }" }),
    at: 'optimiser', message: /unknown network option 'optimiser'/, hint: /did you mean 'optimizer'\?/,
  },
  {
    what: 'a step schedule factor above 1',
    source: netModel({ schedule: "{ kind: 'step', every: 10, factor: 2 }" }),
    within: 'factor: 2', at: '2', message: /schedule\.factor must be a number in \(0, 1\], got 2/, hint: /factor: 0\.5/,
  },
  {
    what: 'an exponential schedule with every',
    source: netModel({ schedule: "{ kind: 'exponential', every: 5 }" }),
    at: 'every', message: /'every' is not a valid exponential schedule option/, hint: /takes rate/,
  },
  {
    what: 'a negative l2 penalty',
    source: netModel({ regularization: '{ l2: -1e-4 }' }),
    at: '-1e-4', message: /regularization\.l2 must be a finite number ≥ 0, got -0\.0001/, hint: /l2: 1e-4/,
  },
  {
    what: 'clip norm 0',
    source: netModel({ clip: '{ norm: 0 }' }),
    within: 'norm: 0', at: '0', message: /clip\.norm must be a finite number > 0, got 0/, hint: /global gradient norm/,
  },
  {
    what: "init kind 'glorot'",
    source: netModel({ init: "{ kind: 'glorot', seed: 1 }" }),
    at: "'glorot'", message: /unknown init kind 'glorot'/, hint: /did you mean 'xavier'\?/,
  },
  {
    what: 'init without a seed',
    source: netModel({ init: "{ kind: 'he' }" }),
    at: "{ kind: 'he' }", message: /init is missing 'seed'/, hint: /seed: 1/,
  },
  {
    what: "precision 'f16'",
    source: netModel({ precision: "'f16'" }),
    at: "'f16'", message: /unknown precision 'f16'/, hint: /precision is 'f64' \(the default: Float64Array\) or 'f32'/,
  },
  {
    what: "precision 'float32' (another library's name)",
    source: netModel({ precision: "'float32'" }),
    at: "'float32'", message: /unknown precision 'float32'/, hint: /did you mean 'f32'\?/,
  },
  {
    what: 'precision as a number of bits',
    source: netModel({ precision: '32' }),
    at: '32', within: 'precision: 32', message: /precision must be one of 'f64', 'f32', got 32/, hint: /'f32' \(Float32Array/,
  },
  {
    what: "standardize: 'yes'",
    source: netModel({ standardize: "'yes'" }),
    at: "'yes'", message: /standardize must be true or false, got 'yes'/, hint: /standardize: true/,
  },
  {
    what: 'target standardization with a classification loss (bce)',
    source: netModel({ standardize: '{ inputs: true, targets: true }' }),
    at: 'true', within: 'targets: true', message: /standardize.targets is for regression losses \(mse, mae\), but the loss is 'bce'/,
    hint: /remove targets: true/,
  },
  {
    what: 'target standardization with cce',
    source: netModel({ layers: "[dense(4, 'relu'), dense(3, 'softmax')]", loss: "'cce'", standardize: '{ targets: true }' }),
    at: 'true', within: 'targets: true', message: /but the loss is 'cce'/, hint: /class labels or probabilities/,
  },
  {
    what: 'target standardization with a sigmoid output and mse',
    source: netModel({ loss: "'mse'", standardize: '{ targets: true }' }),
    at: 'true', within: 'targets: true', message: /the output layer is 'sigmoid', which cannot produce them all/,
    hint: /dense\(1, 'linear'\)/,
  },
  {
    what: 'a misspelled standardize key',
    source: netModel({ loss: "'mse'", layers: "[dense(4, 'tanh'), dense(1, 'linear')]", standardize: '{ target: true }' }),
    at: 'target', within: 'target: true', message: /standardize option 'target'/, hint: /targets/,
  },
  {
    what: "standardize: { targets: 'yes' }",
    source: netModel({ loss: "'mse'", layers: "[dense(4, 'tanh'), dense(1, 'linear')]", standardize: "{ targets: 'yes' }" }),
    at: "'yes'", message: /standardize.targets must be true or false, got 'yes'/, hint: /targets: true/,
  },
  // worked example
  {
    what: 'a worked W1 row of the wrong length',
    source: netModel({ layers: WORKED_LAYERS, worked: worked('[{ W: [[0.1, 0.2], [0.3]], b: [0, 0] }, { W: [[0.5, -0.5]], b: [0] }]') }),
    at: '[0.3]', message: /row 2 of W1 must be an array of 2 numbers, got an array of 1/, hint: /W1 is 2×2/,
  },
  {
    what: 'a worked b1 entry that is NaN',
    source: netModel({ layers: WORKED_LAYERS, worked: worked('[{ W: [[0.1, 0.2], [0.3, 0.4]], b: [0, NaN] }, { W: [[0.5, -0.5]], b: [0] }]') }),
    at: 'NaN', message: /b1\[1\] must be a finite number, got NaN/, hint: /b1 has 2 entries/,
  },
  {
    what: 'a worked b2 entry that is NaN (a bias of one unit: one entry, said in the singular)',
    source: netModel({ layers: WORKED_LAYERS, worked: worked('[{ W: [[0.1, 0.2], [0.3, 0.4]], b: [0, 0] }, { W: [[0.5, -0.5]], b: [NaN] }]') }),
    at: 'NaN', message: /b2\[0\] must be a finite number, got NaN/, hint: /b2 has 1 entry\b/,
  },
  {
    what: 'a worked y of two numbers for one output',
    source: netModel({ layers: WORKED_LAYERS, worked: worked(GOOD_WEIGHTS, '[1, 0]', '[1, 0]') }),
    at: '[1, 0]', within: 'y: [1, 0]', message: /worked\.y must be an array of 1 number, got an array of 2/, hint: /1 number per example \(the output layer has 1 unit\)/,
  },
  {
    what: 'a worked x of the wrong length',
    source: netModel({ layers: WORKED_LAYERS, worked: worked(GOOD_WEIGHTS, '[1, 0, 1]') }),
    at: '[1, 0, 1]', message: /worked\.x must be an array of 2 numbers, got an array of 3/, hint: /inputs: 2/,
  },
  {
    what: 'a worked y outside [0, 1] for bce',
    source: netModel({ layers: WORKED_LAYERS, worked: worked(GOOD_WEIGHTS, '[1, 0]', '[2]') }),
    within: 'y: [2]', at: '2', message: /worked\.y entry 0 must be in \[0, 1\] for loss 'bce', got 2/, hint: /0 or 1/,
  },
  // the conventions of published examples: bias, frozen, the loss convention, mini-batches and steps
  {
    what: "a bias that is neither true, false nor 'shared'",
    source: netModel({ layers: "[dense(2, 'tanh', { bias: 'single' }), dense(1, 'sigmoid')]" }),
    at: "'single'", message: /unknown bias 'single'/, hint: /did you mean 'shared'\?/,
  },
  {
    what: 'a frozen list naming something else',
    source: netModel({ layers: "[dense(2, 'tanh', { frozen: ['weigths'] }), dense(1, 'sigmoid')]" }),
    at: "'weigths'", message: /unknown frozen parameter 'weigths'/, hint: /did you mean 'weights'\?/,
  },
  {
    what: 'a frozen bias on a layer without one',
    source: netModel({ layers: "[dense(2, 'tanh', { bias: false, frozen: ['bias'] }), dense(1, 'sigmoid')]" }),
    at: "'bias'", within: "frozen: ['bias']", message: /layer 1 has no bias to freeze/, hint: /remove 'bias' from frozen/,
  },
  {
    what: 'half on a loss that is not mse',
    source: netModel({ loss: "{ kind: 'bce', half: false }" }),
    at: 'false', within: 'half: false', message: /half only applies to 'mse', but the loss is 'bce'/, hint: /½ \(a − y\)²/,
  },
  {
    what: "a reduction that is not 'mean' or 'sum'",
    source: netModel({ layers: "[dense(2, 'tanh'), dense(1, 'linear')]", loss: "{ kind: 'mse', reduction: 'avg' }" }),
    at: "'avg'", message: /unknown loss reduction 'avg'/, hint: /did you mean 'mean'\?/,
  },
  {
    what: 'a shared bias given as a list of two',
    source: netModel({ layers: "[dense(2, 'tanh', { bias: 'shared' }), dense(1, 'sigmoid')]",
      worked: worked('[{ W: [[0.1, 0.2], [0.3, 0.4]], b: [0, 0] }, { W: [[0.5, -0.5]], b: [0] }]') }),
    at: '[0, 0]', message: /b1 must be one number, got an array of 2/, hint: /b1 is one number \(shared by the layer's units\)/,
  },
  {
    what: 'a bias given for a layer without one',
    source: netModel({ layers: "[dense(2, 'tanh', { bias: false }), dense(1, 'sigmoid')]", worked: worked(GOOD_WEIGHTS) }),
    at: 'b', within: 'b: [0, 0]', message: /'b' is not a valid worked weights field of layer 1/, hint: /layer 1 has no bias \(bias: false\)/,
  },
  {
    what: 'a mini-batch row of the wrong width',
    source: netModel({ layers: WORKED_LAYERS, worked: worked(GOOD_WEIGHTS, '[[1, 0], [0, 1, 1]]', '[[1], [0]]') }),
    at: '[0, 1, 1]', message: /worked\.x\[1\] must be an array of 2 numbers, got an array of 3/, hint: /one per example/,
  },
  {
    what: 'targets for fewer examples than inputs',
    source: netModel({ layers: WORKED_LAYERS, worked: worked(GOOD_WEIGHTS, '[[1, 0], [0, 1]]', '[[1]]') }),
    at: '[[1]]', message: /worked\.y has 1 row but worked\.x has 2/, hint: /one target row per input row/,
  },
  {
    what: 'steps that are not a positive integer',
    source: netModel({ layers: WORKED_LAYERS, worked: '{ weights: ' + GOOD_WEIGHTS + ', x: [1, 0], y: [1], steps: 0 }' }),
    at: '0', within: 'steps: 0', message: /worked\.steps must be an integer from 1 to 100, got 0/, hint: /training steps/,
  },
  // values the walk reaches through names, or cannot follow
  {
    what: "a layer declared as a const ('tahn' in its declaration)",
    source: netModel({ layers: "[hidden, dense(1, 'sigmoid')]" }, "\nconst hidden = dense(8, 'tahn');\n"),
    at: "'tahn'", message: /unknown activation 'tahn'/, hint: /did you mean 'tanh'\?/,
  },
  {
    what: 'layers computed by a call (the caret at the call)',
    source: netModel({ layers: "Array.from({ length: 2 }, () => dense(4, 'rleu'))" }),
    at: 'Array.from', message: /unknown activation 'rleu'/, hint: /did you mean 'relu'\?/,
  },
  {
    what: 'an optimizer spread from a const',
    source: netModel({ optimizer: "{ ...base, kind: 'sgd' }" }, "\nconst base = { lr: 0, momentum: 0.9 };\n"),
    within: 'lr: 0,', at: '0', message: /optimizer\.lr must be a finite number > 0, got 0/, hint: /lr: 0\.01/,
  },
];

describe('network mistakes point at model.ts', () => {
  it.each(BAD)('$what', (bad) => expectErrorAt(writeModel, bad));

  it('a network declared first and exported as export { Net } is found by its declaration', async () => {
    const source = [
      "import { dense, network } from 'nncompile';",
      "const Net = network({ inputs: 2, layers: [dense(4, 'tahn'), dense(1)], loss: 'mse', optimizer: { kind: 'sgd', lr: 0.1 } });",
      'export { Net };',
      '',
    ].join('\n');
    const { path, outDir } = writeModel(source);
    const error = await compileErrorOf(() => compileModelFile(path, { outDir }));
    expect(error.message).toBe("unknown activation 'tahn'");
    expect(error.location).toMatchObject(lineColumn(source, expectedOffset(source, "'tahn'")));
    expectNothingWritten(outDir);
  });

  it('a default export is refused at its statement: the generated class needs a name', async () => {
    const source = [
      "import { dense, network } from 'nncompile';",
      "export default network({ inputs: 2, layers: [dense(4, 'tanh'), dense(1)], loss: 'mse', optimizer: { kind: 'sgd', lr: 0.1 } });",
      '',
    ].join('\n');
    const { path, outDir } = writeModel(source);
    const error = await compileErrorOf(() => compileModelFile(path, { outDir }));
    expect(error.message).toBe('a default export has no name for the generated code');
    expect(error.location).toMatchObject({ line: 2, column: 1 });
    expect(error.hint).toMatch(/export const Net = network/);
    expectNothingWritten(outDir);
  });

  it('a second network with a mistake stops the compile before anything is written', async () => {
    const source = `${netModel({})}\nexport const Other = network({\n  inputs: 3,\n  layers: [dense(2, 'sigmod')],\n  loss: 'mse',\n  optimizer: { kind: 'sgd', lr: 0.1 },\n});\n`;
    const { path, outDir } = writeModel(source);
    const error = await compileErrorOf(() => compileModelFile(path, { outDir }));
    expect(error.message).toBe("unknown activation 'sigmod'");
    expect(error.hint).toMatch(/did you mean 'sigmoid'\?/);
    expect(error.location).toMatchObject(lineColumn(source, expectedOffset(source, "'sigmod'")));
    expectNothingWritten(outDir);
  });
});

describe('valid networks pass', () => {
  const valid: readonly { what: string; spec: NetworkSpecInput }[] = [
    { what: 'the base spec', spec: { inputs: 2, layers: [dense(4, 'tanh'), dense(1, 'sigmoid')], loss: 'bce', optimizer: { kind: 'sgd', lr: 0.5, momentum: 0.9 } } },
    {
      what: 'every option at once',
      spec: {
        inputs: 3,
        layers: [dense(8, 'leaky_relu', { alpha: 0.05, dropout: 0.2 }), dense(4, 'relu', { dropout: 0 }), dense(3, 'softmax')],
        loss: 'cce',
        optimizer: { kind: 'adamw', lr: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.01, batchSize: 16 },
        init: { kind: 'he', distribution: 'normal', seed: 7 },
        schedule: { kind: 'step', every: 10, factor: 0.5 },
        regularization: { l1: 0, l2: 1e-4 },
        clip: { value: 5, norm: 1 },
        standardize: true,
      },
    },
    { what: 'mse with a softmax output', spec: { inputs: 1, layers: [dense(2, 'softmax')], loss: 'mse', optimizer: { kind: 'rmsprop', lr: 0.01, rho: 0.9, epsilon: 1e-7 } } },
    { what: 'mae with a sigmoid output', spec: { inputs: 1, layers: [dense(1, 'sigmoid')], loss: 'mae', optimizer: { kind: 'adam', lr: 0.01, batchSize: 'full' }, schedule: { kind: 'exponential', rate: 0.95 } } },
    { what: 'nesterov with momentum', spec: { inputs: 1, layers: [dense(1)], loss: 'mse', optimizer: { kind: 'sgd', lr: 0.01, momentum: 0.9, nesterov: true, batchSize: 1 } } },
    {
      what: 'a consistent worked example',
      spec: {
        inputs: 2, layers: [dense(2, 'tanh'), dense(1, 'sigmoid')], loss: 'bce', optimizer: { kind: 'sgd', lr: 0.1 },
        worked: { weights: [{ W: [[0.1, 0.2], [0.3, 0.4]], b: [0, 0] }, { W: [[0.5, -0.5]], b: [0] }], x: [1, 0], y: [1] },
      },
    },
  ];
  it.each(valid)('$what', ({ spec }) => {
    const net = network(spec);
    expect(validateNetwork(net)).toMatchObject({ kind: 'network', inputs: spec.inputs, loss: spec.loss });
  });

  it('the base model compiles and writes its files (code, notes, HTML notes, companion)', { timeout: 30_000 }, async () => {
    const { path, outDir } = writeModel(netModel({}));
    const result = await compileModelFile(path, { outDir });
    expect(readdirSync(outDir).sort()).toEqual(['model.html', 'model.notes.json', 'model.tex', 'model.ts']);
    expect(result.networks.map((n) => n.name)).toEqual(['Net']);
  });
});

describe('validateNetwork paths', () => {
  it.each([
    { spec: 42, path: [], message: /the network spec must be an object, got 42/ },
    { spec: { kind: 'network', inputs: 2, layers: [dense(2)], loss: 'mse', optimizer: { lr: 0.1 } }, path: ['optimizer'], message: /optimizer is missing 'kind'/ },
    {
      spec: network({ inputs: 1, layers: [dense(2), dense(1)], loss: 'mse', optimizer: { kind: 'sgd', lr: 0.1 }, worked: { weights: [{ W: [[1], [1]], b: [0, 0] }, { W: [[1, 1]], b: [0] }], x: [1], y: [Infinity] } }),
      path: ['worked', 'y', 0], message: /worked\.y\[0\] must be a finite number, got Infinity/,
    },
    {
      spec: network({ inputs: 1, layers: [dense(2), dense(1)], loss: 'mse', optimizer: { kind: 'sgd', lr: 0.1 }, worked: { weights: [{ W: [[1], [1]], b: [0, 0] }], x: [1], y: [1] } }),
      path: ['worked', 'weights'], message: /one entry per layer \(2\)/,
    },
  ])('$message', async ({ spec, path, message }) => {
    const error = await compileErrorOf(() => validateNetwork(spec));
    expect(error.message).toMatch(message);
    expect(error.path).toEqual(path);
  });
});

// The CLI runs the built compiler (npm test builds first; run `npx tsc -p tsconfig.build.json` otherwise).
const CLI = join(ROOT, 'dist/cli/main.js');
const built = existsSync(CLI) && existsSync(join(ROOT, 'dist/compile/network/validate.js'));

describe('nncompile CLI', () => {
  it.skipIf(!built)('reports a bad network as file:line:col with a caret, exits non-zero and writes nothing', () => {
    const source = netModel({ layers: "[dense(4, 'tahn'), dense(1, 'sigmoid')]" });
    const { path, outDir } = writeModel(source);
    const run = spawnSync(process.execPath, [CLI, path, '--out', outDir], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe('');
    const expected = lineColumn(source, expectedOffset(source, "'tahn'"));
    const file = relative(ROOT, path).split('\\').join('/');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`${file}:${expected.line}:${expected.column}: error: unknown activation 'tahn'`);
    expect(lines[1]).toBe(`  ${source.split('\n')[expected.line - 1]}`);
    expect(lines[2]).toBe(`  ${' '.repeat(expected.column - 1)}^`);
    expect(lines[3]).toMatch(/^hint: did you mean 'tanh'\?/);
    expectNothingWritten(outDir);
  }, 60_000);
});
