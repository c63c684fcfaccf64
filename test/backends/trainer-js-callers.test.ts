// A generated trainer called from plain JavaScript, where no type checker stands between the caller and the
// module (found trying it as a developer): fit(undefined) failed with "Cannot destructure property 'X' of 'data'",
// a misspelled fit option (batchsize, epoch, patiance) was ignored or reported as the option missing, a callback
// that is not a function failed in the middle of training, a string where a number belongs was printed as the
// number ("epochs must be a non-negative integer, got 3" for '3'), new Net(1, 'wsm') silently ran 'auto', and a
// small network's new Xor(1, 'wasm') ignored the backend (it has no kernels to choose).
// Every such mistake is an Error naming the method, the argument and, for a misspelled key, the key meant; the
// checks run once per call of fit / evaluate / the constructor, none per step (hot-paths-gc.test.ts measures those).
import { beforeAll, describe, expect, it } from 'vitest';
import { lstm } from '../../src/dsl/api.js';
import { loadToolchain } from '../../src/backends/wasm/index.js';
import { wasmMatmuls } from '../../src/driver/wasm-kernels.js';
import { dense, loadTrainer, testNetwork } from '../helpers/network-module.js';
import { loadSequenceTrainer, testSequenceNetwork } from '../helpers/sequence-module.js';

type Loose = Record<string, (...args: unknown[]) => unknown>;
type LooseClass = (new (...args: unknown[]) => Loose) & { create(...args: unknown[]): Promise<Loose> };

let Net: LooseClass;
let net: Loose;
beforeAll(async () => {
  Net = (await loadTrainer(testNetwork({ layers: [dense(4, 'tanh'), dense(1, 'sigmoid')], loss: 'bce' }))).Trainer as unknown as LooseClass;
  net = new Net();
});

const X = new Float64Array([0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1]);
const Y = new Float64Array([0, 1, 1, 0]);
const data = { X, Y, n: 4 };

describe('fit and evaluate name a missing or malformed argument', () => {
  it.each([
    { call: () => net.fit!(), message: 'Net.fit: the training data must be a dataset { X, Y, n }, got undefined' },
    { call: () => net.fit!(undefined, { epochs: 1 }), message: 'Net.fit: the training data must be a dataset { X, Y, n }, got undefined' },
    { call: () => net.fit!(null, { epochs: 1 }), message: 'Net.fit: the training data must be a dataset { X, Y, n }, got null' },
    { call: () => net.fit!([X, Y], { epochs: 1 }), message: 'Net.fit: the training data must be a dataset { X, Y, n }, got an array' },
    { call: () => net.loadJSON!(undefined), message: 'loadJSON (Net): expected an object from toJSON(), got undefined' },
    { call: () => net.loadJSON!(3), message: 'loadJSON (Net): expected an object from toJSON(), got 3' },
    { call: () => net.evaluate!(), message: 'Net.evaluate: the evaluation data must be a dataset { X, Y, n }, got undefined' },
    { call: () => net.fit!(data), message: 'Net.fit: the options must be an object such as { epochs: 10 }, got undefined' },
    { call: () => net.fit!(data, null), message: 'Net.fit: the options must be an object such as { epochs: 10 }, got null' },
    // keys are case-sensitive: the key meant is named
    { call: () => net.fit!({ x: X, y: Y, n: 4 }, { epochs: 1 }), message: "Net.fit: the training data has no X (did you mean 'x'? the keys are X, Y and n)" },
    { call: () => net.fit!({ X, Y }, { epochs: 1 }), message: 'Net.fit: the training data has no n (the keys are X, Y and n)' },
    { call: () => net.fit!({ X, Y, n: '4' }, { epochs: 1 }), message: 'Net: training data: n must be a positive integer, got "4" (a string)' },
    { call: () => net.fit!({ X: Array.from(X), Y, n: 4 }, { epochs: 1 }), message: 'Net.fit: the training data\'s X must be a Float64Array, got an array (Float64Array.from(X) converts it)' },
    { call: () => net.fit!({ X, Y: Array.from(Y), n: 4 }, { epochs: 1 }), message: 'Net.fit: the training data\'s Y must be a Float64Array (or class labels, Int32Array or Uint8Array, for a cce model), got an array' },
  ])('$message', ({ call, message }) => {
    expect(call).toThrow(new Error(message));
  });
});

describe('a misspelled option is an error with the option meant, not ignored', () => {
  it.each([
    { options: { epochs: 1, batchsize: 2 }, message: "Net.fit: unknown option 'batchsize' (did you mean 'batchSize'?)" },
    { options: { epoch: 3 }, message: "Net.fit: unknown option 'epoch' (did you mean 'epochs'?)" },
    { options: { epochs: 1, validation_split: 0.25 }, message: "Net.fit: unknown option 'validation_split' (did you mean 'validationSplit'?)" },
    { options: { epochs: 1, onepoch: () => true }, message: "Net.fit: unknown option 'onepoch' (did you mean 'onEpoch'?)" },
    { options: { epochs: 1, learningRate: 0.1 }, message: "Net.fit: unknown option 'learningRate' (the options are epochs, batchSize, seed, shuffle, scoreTraining, validation, validationSplit, earlyStopping, onEpoch, onStep, verbose, progressEvery and log; the learning rate, optimizer and loss are the model's: set them in model.ts)" },
    { options: { epochs: 1, earlyStopping: { patiance: 3 } }, message: "Net.fit: unknown option 'earlyStopping.patiance' (did you mean 'patience'?)" },
  ])('$message', ({ options, message }) => {
    expect(() => net.fit!(data, options)).toThrow(new Error(message));
  });

  it('nothing trains before the options are checked', () => {
    const before = net.toJSON!();
    expect(() => net.fit!(data, { epochs: 5, batchsize: 2 })).toThrow();
    expect(net.toJSON!()).toEqual(before);
  });
});

describe('an option of the wrong type is said with its type', () => {
  it.each([
    { options: { epochs: '3' }, message: 'Net.fit: epochs must be a non-negative integer, got "3" (a string)' },
    { options: { epochs: 1, batchSize: '2' }, message: 'Net.fit: batchSize must be a positive integer or \'full\', got "2" (a string)' },
    { options: { epochs: 1, seed: 'a' }, message: 'Net.fit: seed must be an integer, got "a" (a string)' },
    { options: { epochs: 1, shuffle: 'no' }, message: 'Net.fit: shuffle must be true or false, got "no" (a string)' },
    { options: { epochs: 1, verbose: 1 }, message: 'Net.fit: verbose must be true or false, got 1' },
    { options: { epochs: 1, onEpoch: 3 }, message: 'Net.fit: onEpoch must be a function, got 3' },
    { options: { epochs: 1, onStep: 'log' }, message: 'Net.fit: onStep must be a function, got "log" (a string)' },
    { options: { epochs: 1, log: {} }, message: 'Net.fit: log must be a function, got an object' },
    { options: { epochs: 1, validationSplit: '0.5' }, message: 'Net.fit: validationSplit must be in (0, 1), got "0.5" (a string)' },
    { options: { epochs: 1, progressEvery: 0 }, message: 'Net.fit: progressEvery must be a positive integer, got 0' },
    { options: { epochs: 1, earlyStopping: 3 }, message: 'Net.fit: earlyStopping must be an object such as { patience: 5 }, got 3' },
    { options: { epochs: 1, earlyStopping: { patience: 2, minDelta: -1 } }, message: 'Net.fit: earlyStopping.minDelta must be a non-negative number, got -1' },
  ])('$message', ({ options, message }) => {
    expect(() => net.fit!(data, options)).toThrow(new Error(message));
  });

  it('every documented option is accepted', () => {
    const lines: string[] = [];
    const result = net.fit!(data, {
      epochs: 2, batchSize: 2, seed: 3, shuffle: true, scoreTraining: true, validationSplit: 0.25,
      earlyStopping: { patience: 5, minDelta: 0, restoreBest: true }, onEpoch: () => true, onStep: () => undefined,
      verbose: true, progressEvery: 1, log: (line: string) => lines.push(line),
    }) as { epochs: number };
    expect(result.epochs).toBe(2);
    expect(lines).toHaveLength(2);
    // an option given as undefined is an option not given (as for a TypeScript caller without exactOptionalPropertyTypes)
    expect((net.fit!(data, { epochs: 1, batchSize: undefined, validation: undefined }) as { epochs: number }).epochs).toBe(1);
  });
});

describe('the constructor and seeds', () => {
  it.each([
    { call: () => new Net('a'), message: 'Net: the seed must be an integer, got "a" (a string)' },
    { call: () => new Net(1.5), message: 'Net: the seed must be an integer, got 1.5' },
    { call: () => net.initialize!(NaN), message: 'Net: the seed must be an integer, got NaN' },
    { call: () => net.reseed!('7'), message: 'Net: the seed must be an integer, got "7" (a string)' },
  ])('$message', ({ call, message }) => {
    expect(call).toThrow(new Error(message));
  });

  it('a trainer without kernels refuses a backend (or any second argument), not ignores it', () => {
    const why = 'its training code is straight-line TypeScript, with no WebAssembly kernels to choose';
    expect(() => new Net(1, 'wasm')).toThrow(new Error(`Net: the constructor takes one argument, the seed (new Net(seed?)), got 2: 1, "wasm" (a string); ${why}`));
    expect(() => new Net(undefined, 'ts')).toThrow(new Error(`Net: the constructor takes one argument, the seed (new Net(seed?)), got 2: undefined, "ts" (a string); ${why}`));
    expect(() => new Net(1, 'wasm', undefined)).toThrow(new Error(`Net: the constructor takes one argument, the seed (new Net(seed?)), got 2: 1, "wasm" (a string); ${why}`));
    // undefined at the end is an argument not given (found trying it: new Net(1, undefined) was refused as 2 arguments)
    for (const args of [[], [1], [undefined], [1, undefined], [undefined, undefined, undefined]]) expect(() => new Net(...args)).not.toThrow();
  });

  it('a misspelled kernel backend is an error, not the automatic choice', async () => {
    const wasm = wasmMatmuls(await loadToolchain());
    const { Trainer } = await loadTrainer(testNetwork({ inputs: 32, layers: [dense(16, 'tanh'), dense(4, 'softmax')], loss: 'cce' }), 'Net', { wasm });
    const Wide = Trainer as unknown as LooseClass;
    expect(() => new Wide(1, 'wsm')).toThrow(new Error('the kernel backend must be \'auto\', \'wasm\' or \'ts\', got "wsm"'));
    await expect(Wide.create(1, 'TS')).rejects.toThrow(new Error('the kernel backend must be \'auto\', \'wasm\' or \'ts\', got "TS"'));
    expect(new Wide(1, 'ts').usesWasm).toBe(false);
  });
});

describe('the hot entry points name a missing array (no TypeError from inside the module)', () => {
  it.each([
    { call: () => net.predict!(), message: 'Net.predict: x must be a Float64Array of 1 row of 3 inputs, got undefined' },
    { call: () => net.predict!(new Float64Array(3)), message: 'Net.predict: out must be a Float64Array of 1 row of 1 output, got undefined' },
    { call: () => net.predictBatch!(X, 4), message: 'Net.predictBatch: out must be a Float64Array of 4 rows of 1 output, got undefined' },
    { call: () => net.lossAndGradient!(undefined, Y, 4), message: 'Net.lossAndGradient: X must be a Float64Array of 4 rows of 3 inputs, got undefined' },
    { call: () => net.trainStep!(X, null, 4), message: 'Net.trainStep: Y must be a Float64Array of 4 rows of 1 output, got null' },
  ])('$message', ({ call, message }) => {
    expect(call).toThrow(new Error(message));
  });
});

describe('a sequence trainer checks the same before reading the sequence length', () => {
  it('fit(undefined), a misspelled option, predict(), a backend to its constructor', async () => {
    const spec = testSequenceNetwork({ inputs: { sequence: 1 }, layers: [lstm(2), dense(1, 'linear')] });
    const Seq = (await loadSequenceTrainer(spec)).Trainer as unknown as LooseClass;
    const seq = new Seq();
    expect(() => seq.fit!(undefined, { epochs: 1 })).toThrow(new Error('Seq.fit: the training data must be a dataset { X, Y, n }, got undefined'));
    const sequences = { X: new Float64Array(6), Y: new Float64Array(2), n: 2 };
    expect(() => seq.fit!(sequences, { epochs: 1, batchsize: 1 })).toThrow(new Error("Seq.fit: unknown option 'batchsize' (did you mean 'batchSize'?)"));
    expect(() => seq.evaluate!({ X: sequences.X, Y: sequences.Y })).toThrow(new Error('Seq.evaluate: the evaluation data has no n (the keys are X, Y and n)'));
    expect(() => seq.predict!()).toThrow(new Error('Seq.predict: x must be a Float64Array of 1 sequence of T steps × 1 feature, got undefined'));
    expect(() => new Seq(1, 'wasm')).toThrow(new Error('Seq: the constructor takes one argument, the seed (new Seq(seed?)), got 2: 1, "wasm" (a string); its training code is straight-line TypeScript, with no WebAssembly kernels to choose'));
    expect((seq.fit!(sequences, { epochs: 1 }) as { epochs: number }).epochs).toBe(1);
  });
});
