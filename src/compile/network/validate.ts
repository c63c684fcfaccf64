import type { Activation, Loss, NetworkSpec } from '../../dsl/network.js';
import { CompileError } from '../../util/errors.js';

/**
 * Checks a network spec as model.ts produced it at run time. Types are not
 * checked when a model compiles (the file is only transpiled), so anything may
 * arrive here: `dense(4, 'tahn')`, `loss: 'crossentropy'`, `units: -3`,
 * `learningRate: 0.1`. Every mistake is a CompileError with a `path` to the
 * offending value (model-file maps it to file:line:col) and a hint.
 *
 * What passes is what build-graph, the optimizer step and the trainer class
 * assume: positive integer sizes, known activations and losses, a loss that
 * fits the output layer, hyperparameters in range, consistent worked weights.
 */

export type SpecPath = readonly (string | number)[];

/**
 * An error about a key itself (unknown, misspelled or not allowed there):
 * model.ts points at the key rather than at its value.
 */
export class SpecKeyError extends CompileError {}

const ACTIVATIONS: readonly Activation[] = ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'softplus', 'linear', 'softmax'];
const LOSSES: readonly Loss[] = ['mse', 'mae', 'bce', 'cce'];
const OPTIMIZERS = ['sgd', 'rmsprop', 'adam', 'adamw'] as const;
type OptimizerKind = (typeof OPTIMIZERS)[number];

const NETWORK_KEYS = ['kind', 'inputs', 'layers', 'loss', 'optimizer', 'init', 'schedule', 'regularization', 'clip',
  'standardize', 'worked'];
const LAYER_KEYS = ['kind', 'units', 'activation', 'options'];
const DENSE_OPTION_KEYS = ['alpha', 'dropout'];
const OPTIMIZER_KEYS: Readonly<Record<OptimizerKind, readonly string[]>> = {
  sgd: ['kind', 'lr', 'batchSize', 'momentum', 'nesterov'],
  rmsprop: ['kind', 'lr', 'batchSize', 'rho', 'epsilon'],
  adam: ['kind', 'lr', 'batchSize', 'beta1', 'beta2', 'epsilon'],
  adamw: ['kind', 'lr', 'batchSize', 'beta1', 'beta2', 'epsilon', 'weightDecay'],
};
const ALL_OPTIMIZER_KEYS = [...new Set(Object.values(OPTIMIZER_KEYS).flat())];

// Names users bring from other libraries, by normalized spelling (lower case, no _ or -).
const NETWORK_ALIASES: Readonly<Record<string, string>> = {
  input: 'inputs', inputsize: 'inputs', ninputs: 'inputs', inputdim: 'inputs', features: 'inputs', layer: 'layers',
  lossfunction: 'loss', lossfn: 'loss', objective: 'loss', criterion: 'loss', optim: 'optimizer', opt: 'optimizer',
  initializer: 'init', initialization: 'init', initialisation: 'init', lrschedule: 'schedule', scheduler: 'schedule',
  regularizer: 'regularization', regularisation: 'regularization', penalty: 'regularization', clipping: 'clip',
  gradientclipping: 'clip', normalize: 'standardize', standardise: 'standardize', example: 'worked',
  workedexample: 'worked',
};
/** Keys that belong somewhere else than the top level of the spec. */
const NETWORK_MISPLACED: Readonly<Record<string, string>> = {
  lr: "the learning rate belongs in the optimizer: optimizer: { kind: 'sgd', lr: 0.01 }",
  learningrate: "the learning rate belongs in the optimizer: optimizer: { kind: 'sgd', lr: 0.01 }",
  batchsize: "batchSize belongs in the optimizer: optimizer: { kind: 'sgd', lr: 0.01, batchSize: 32 }",
  momentum: "momentum belongs in the optimizer: optimizer: { kind: 'sgd', lr: 0.01, momentum: 0.9 }",
  l1: 'penalties belong in regularization: regularization: { l1: 1e-4 }',
  l2: 'penalties belong in regularization: regularization: { l2: 1e-4 }',
  weightdecay: "use optimizer: { kind: 'adamw', lr: 0.001, weightDecay: 0.01 }, or regularization: { l2: 1e-4 }",
  dropout: "dropout is per layer: dense(16, 'relu', { dropout: 0.2 })",
  activation: "activations are per layer: dense(16, 'relu')",
  seed: "the seed belongs in init: init: { kind: 'xavier', seed: 1 }",
};
const OPTIMIZER_ALIASES: Readonly<Record<string, string>> = {
  learningrate: 'lr', eta: 'lr', stepsize: 'lr', batch: 'batchSize', minibatch: 'batchSize', minibatchsize: 'batchSize',
  mu: 'momentum', nesterovmomentum: 'nesterov', eps: 'epsilon', type: 'kind', name: 'kind', method: 'kind',
  lambda: 'weightDecay', wd: 'weightDecay', b1: 'beta1', b2: 'beta2',
};
const DENSE_OPTION_ALIASES: Readonly<Record<string, string>> = {
  rate: 'dropout', dropoutrate: 'dropout', p: 'dropout', keepprob: 'dropout', slope: 'alpha', negativeslope: 'alpha',
  leak: 'alpha',
};
const SCHEDULE_ALIASES: Readonly<Record<string, string>> = {
  type: 'kind', stepsize: 'every', period: 'every', epochs: 'every', gamma: 'factor', decay: 'factor',
  decayrate: 'factor',
};
const CLIP_ALIASES: Readonly<Record<string, string>> = {
  clipvalue: 'value', max: 'value', clipnorm: 'norm', maxnorm: 'norm', globalnorm: 'norm',
};
const REGULARIZATION_ALIASES: Readonly<Record<string, string>> = {
  lasso: 'l1', ridge: 'l2', lambda: 'l2', weightdecay: 'l2',
};
const INIT_ALIASES: Readonly<Record<string, string>> = {
  type: 'kind', method: 'kind', name: 'kind', dist: 'distribution', randomseed: 'seed',
};
const WORKED_ALIASES: Readonly<Record<string, string>> = {
  params: 'weights', parameters: 'weights', input: 'x', inputs: 'x', target: 'y', targets: 'y', label: 'y',
  output: 'y',
};
const WEIGHTS_ALIASES: Readonly<Record<string, string>> = {
  weights: 'W', weight: 'W', bias: 'b', biases: 'b',
};

const ACTIVATION_ALIASES: Readonly<Record<string, Activation>> = {
  identity: 'linear', none: 'linear', logistic: 'sigmoid', leaky: 'leaky_relu', lrelu: 'leaky_relu',
  leakyrelu: 'leaky_relu', hyperbolictangent: 'tanh',
};
/** Activations nncompile does not have: no did-you-mean (relu is not what 'elu' means). */
const UNSUPPORTED_ACTIVATIONS = new Set(['elu', 'selu', 'gelu', 'silu', 'swish', 'mish', 'hardtanh', 'hardsigmoid',
  'softsign', 'exp', 'exponential', 'prelu']);
const LOSS_ALIASES: Readonly<Record<string, Loss>> = {
  meansquarederror: 'mse', squarederror: 'mse', l2: 'mse', meanabsoluteerror: 'mae', absoluteerror: 'mae', l1: 'mae',
  binarycrossentropy: 'bce', bcewithlogits: 'bce', binary: 'bce', logistic: 'bce', sigmoidcrossentropy: 'bce',
  categoricalcrossentropy: 'cce', sparsecategoricalcrossentropy: 'cce', softmaxcrossentropy: 'cce',
  categorical: 'cce', nll: 'cce', multiclass: 'cce',
};
/** Cross-entropy without saying which: the output layer decides. */
const GENERIC_CROSS_ENTROPY = new Set(['crossentropy', 'crossentropyloss', 'ce', 'xent', 'logloss']);
const OPTIMIZER_KIND_ALIASES: Readonly<Record<string, string>> = {
  gd: "'sgd' (with batchSize: 'full')", momentum: "'sgd' (with momentum: 0.9)",
  nesterov: "'sgd' (with momentum: 0.9, nesterov: true)", nag: "'sgd' (with momentum: 0.9, nesterov: true)",
  rmsprop: "'rmsprop'", adamweightdecay: "'adamw'",
};
const INIT_KIND_ALIASES: Readonly<Record<string, string>> = {
  glorot: 'xavier', glorotuniform: 'xavier', glorotnormal: 'xavier', kaiming: 'he', kaiminguniform: 'he',
  kaimingnormal: 'he', henormal: 'he', heuniform: 'he', xaviernormal: 'xavier', xavieruniform: 'xavier',
};

// ---------------------------------------------------------------------------------------------------------------

type Obj = Readonly<Record<string, unknown>>;

function fail(path: SpecPath, message: string, hint: string): never {
  throw new CompileError(message, undefined, hint, undefined, path);
}

function failKey(path: SpecPath, message: string, hint: string): never {
  throw new SpecKeyError(message, undefined, hint, undefined, path);
}

/** A value as the user would write it, for messages. */
function show(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 37)}...` : value}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === undefined || value === null) return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'function') return 'a function';
  return 'an object';
}

function quoteList(items: readonly string[]): string {
  return items.map((s) => `'${s}'`).join(', ');
}

function normalize(word: string): string {
  return word.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Optimal string alignment distance (edits, with adjacent transpositions: 'tahn' → 'tanh' is 1). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The candidate a misspelling most likely meant: same letters up to case and _/-, or a near miss. */
export function didYouMean(word: string, candidates: readonly string[], aliases: Readonly<Record<string, string>> = {}): string | undefined {
  const n = normalize(word);
  const alias = aliases[n];
  if (alias !== undefined) return alias;
  const same = candidates.find((c) => normalize(c) === n);
  if (same !== undefined) return same;
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(n.length / 3));
  for (const c of candidates) {
    const distance = editDistance(n, normalize(c));
    if (distance <= bestDistance && (best === undefined || distance < bestDistance)) {
      best = c;
      bestDistance = distance;
    }
  }
  return best;
}

function record(value: unknown, path: SpecPath, what: string, hint: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path, `${what} must be an object, got ${show(value)}`, hint);
  }
  return value as Obj;
}

function isPresent(obj: Obj, key: string): boolean {
  return obj[key] !== undefined;
}

function required(obj: Obj, key: string, path: SpecPath, what: string, hint: string): unknown {
  if (!isPresent(obj, key)) fail(path, `${what} is missing '${key}'`, hint);
  return obj[key];
}

/**
 * Unknown keys of an options object are mistakes (a misspelled option would
 * otherwise be ignored silently): reported at the key, with the right name.
 */
function checkKeys(
  obj: Obj,
  path: SpecPath,
  allowed: readonly string[],
  what: string,
  aliases: Readonly<Record<string, string>> = {},
  misplaced: (key: string) => string | undefined = () => undefined,
): void {
  for (const key of Object.keys(obj)) {
    if (allowed.includes(key)) continue;
    const elsewhere = misplaced(key);
    if (elsewhere !== undefined) failKey([...path, key], `'${key}' is not a valid ${what}`, elsewhere);
    const listed = allowed.filter((k) => k !== 'kind');
    const suggestion = didYouMean(key, listed, aliases);
    const options = `${what}s are ${listed.join(', ')}`;
    failKey([...path, key], `unknown ${what} '${key}'`, suggestion ? `did you mean '${suggestion}'? ${options}` : options);
  }
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * A number that must satisfy `ok`. A numeric string ('4') gets its own hint:
 * the value came quoted from JavaScript that the type checker did not see.
 */
function checkNumber(value: unknown, path: SpecPath, name: string, ok: (n: number) => boolean, expected: string, hint: string): void {
  if (isFiniteNumber(value) && ok(value)) return;
  const quoted = typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
  fail(path, `${name} must be ${expected}, got ${show(value)}`,
    quoted ? `write the number without quotes: ${Number(value)}; ${hint}` : hint);
}

const positiveInteger = (n: number) => Number.isSafeInteger(n) && n > 0;
const inUnitInterval = (n: number) => n >= 0 && n < 1; // [0, 1)
const inHalfOpenUnit = (n: number) => n > 0 && n <= 1; // (0, 1]
const positive = (n: number) => n > 0;
const nonNegative = (n: number) => n >= 0;

function checkOptional(obj: Obj, key: string, path: SpecPath, name: string, ok: (n: number) => boolean, expected: string, hint: string): void {
  if (isPresent(obj, key)) checkNumber(obj[key], [...path, key], name, ok, expected, hint);
}

function checkBoolean(value: unknown, path: SpecPath, name: string, hint: string): void {
  if (typeof value !== 'boolean') fail(path, `${name} must be true or false, got ${show(value)}`, hint);
}

/** One of a list of names; near misses get a did-you-mean. */
function checkChoice(
  value: unknown,
  path: SpecPath,
  what: string,
  choices: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
  listing = `${what}s are ${quoteList(choices)}`,
): void {
  if (typeof value === 'string' && choices.includes(value)) return;
  if (typeof value !== 'string') fail(path, `${what} must be one of ${quoteList(choices)}, got ${show(value)}`, listing);
  const suggestion = didYouMean(value, choices, aliases);
  fail(path, `unknown ${what} '${value}'`, suggestion ? `did you mean ${quoteSuggestion(suggestion)}? ${listing}` : listing);
}

/** A suggestion is a bare name ('tanh') or already phrased ("'sgd' (with momentum: 0.9)"). */
function quoteSuggestion(s: string): string {
  return s.startsWith("'") ? s : `'${s}'`;
}

// ---------------------------------------------------------------------------------------------------------------

/** Validates a network spec (the value `network({...})` returned); throws CompileError with a path. */
export function validateNetwork(spec: unknown): NetworkSpec {
  const root = record(spec, [], 'the network spec',
    "pass an object: network({ inputs: 2, layers: [dense(4, 'tanh'), dense(1, 'sigmoid')], loss: 'bce', optimizer: { kind: 'sgd', lr: 0.1 } })");
  checkKeys(root, [], NETWORK_KEYS, 'network option', NETWORK_ALIASES, (key) => NETWORK_MISPLACED[normalize(key)]);

  const inputs = required(root, 'inputs', [], 'the network spec', 'add inputs: the number of input features, e.g. inputs: 2');
  checkNumber(inputs, ['inputs'], 'inputs', positiveInteger, 'a positive integer',
    'inputs is the number of features of one example, e.g. inputs: 2');

  const layers = required(root, 'layers', [], 'the network spec',
    "add layers: a list of dense layers, e.g. layers: [dense(4, 'tanh'), dense(1, 'sigmoid')]");
  if (!Array.isArray(layers) || layers.length === 0) {
    fail(['layers'], `layers must be a non-empty array of dense layers, got ${show(layers)}`,
      "list the layers from the first hidden layer to the output, e.g. layers: [dense(4, 'tanh'), dense(1, 'sigmoid')]");
  }
  layers.forEach((layer, i) => checkLayer(layer, i, layers.length));
  const output = layers[layers.length - 1] as { units: number; activation: Activation };

  const loss = required(root, 'loss', [], 'the network spec',
    "add loss: 'mse' (regression), 'bce' (sigmoid output) or 'cce' (softmax output)");
  checkLoss(loss, output);

  const optimizer = required(root, 'optimizer', [], 'the network spec',
    "add an optimizer, e.g. optimizer: { kind: 'adam', lr: 0.001 }");
  checkOptimizer(optimizer);

  if (isPresent(root, 'schedule')) checkSchedule(root.schedule);
  if (isPresent(root, 'regularization')) checkRegularization(root.regularization);
  if (isPresent(root, 'clip')) checkClip(root.clip);
  if (isPresent(root, 'init')) checkInit(root.init);
  if (isPresent(root, 'standardize')) {
    checkBoolean(root.standardize, ['standardize'], 'standardize',
      'standardize: true fits mean and std of the inputs on the training set; leave it out (or false) to use raw inputs');
  }
  if (isPresent(root, 'worked')) {
    checkWorked(root.worked, inputs as number, layers as readonly { units: number }[], loss as Loss);
  }
  return spec as NetworkSpec;
}

function checkLayer(value: unknown, i: number, count: number): void {
  const path = ['layers', i];
  const name = `layer ${i + 1}`;
  const isLast = i === count - 1;
  const denseHint = "write each layer as dense(units, activation), e.g. dense(4, 'relu')";
  if (typeof value !== 'object' || value === null || Array.isArray(value) || (value as Obj).kind !== 'dense') {
    fail(path, `${name} is not a dense layer, got ${show(value)}`, denseHint);
  }
  const layer = value as Obj;
  checkKeys(layer, path, LAYER_KEYS, 'dense layer field');

  checkNumber(layer.units, [...path, 'units'], `units of ${name}`, positiveInteger, 'a positive integer',
    "units is the number of neurons of the layer, e.g. dense(4, 'relu')");

  const activation = layer.activation;
  const activations = `activations are ${quoteList(ACTIVATIONS)}`;
  if (typeof activation === 'string' && UNSUPPORTED_ACTIVATIONS.has(normalize(activation))) {
    fail([...path, 'activation'], `activation '${activation}' is not supported`,
      `${activations} (for a smooth relu use 'softplus', for negative slopes 'leaky_relu')`);
  }
  checkChoice(activation, [...path, 'activation'], 'activation', ACTIVATIONS, ACTIVATION_ALIASES, activations);
  if (activation === 'softmax' && !isLast) {
    fail([...path, 'activation'], `softmax is only allowed on the output layer, but ${name} of ${count} has it`,
      "use an elementwise activation such as 'relu' or 'tanh' for hidden layers; softmax belongs to the output layer with loss 'cce'");
  }
  if (activation === 'softmax' && (layer.units as number) < 2) {
    fail([...path, 'activation'], `softmax over ${String(layer.units)} unit is always 1`,
      "for one output use 'sigmoid' (with loss 'bce'); for k classes use dense(k, 'softmax') with k ≥ 2");
  }

  const options = layer.options === undefined ? {} : record(layer.options, [...path, 'options'], `the options of ${name}`,
    "pass options as an object, e.g. dense(8, 'relu', { dropout: 0.2 })");
  const optionsPath = [...path, 'options'];
  checkKeys(options, optionsPath, DENSE_OPTION_KEYS, 'dense layer option', DENSE_OPTION_ALIASES);
  if (isPresent(options, 'alpha')) {
    if (activation !== 'leaky_relu') {
      failKey([...optionsPath, 'alpha'], `alpha only applies to 'leaky_relu', but ${name} is '${String(activation)}'`,
        "use dense(units, 'leaky_relu', { alpha: 0.01 }), or remove alpha");
    }
    checkNumber(options.alpha, [...optionsPath, 'alpha'], `alpha of ${name}`, inUnitInterval, 'a number in [0, 1)',
      'alpha is the slope of leaky_relu for negative inputs, e.g. { alpha: 0.01 }');
  }
  if (isPresent(options, 'dropout')) {
    checkNumber(options.dropout, [...optionsPath, 'dropout'], `dropout of ${name}`, inUnitInterval, 'a number in [0, 1)',
      'dropout is the fraction of units dropped while training, e.g. { dropout: 0.2 }; 0 turns it off');
    if (isLast && (options.dropout as number) > 0) {
      fail([...optionsPath, 'dropout'], `dropout on the output layer (${name}) is not allowed`,
        'put dropout on hidden layers; the output layer feeds the loss directly');
    }
  }
}

function checkLoss(loss: unknown, output: { units: number; activation: Activation }): void {
  const listing = "losses are 'mse', 'mae' (regression), 'bce' (binary cross-entropy, sigmoid output), "
    + "'cce' (categorical cross-entropy, softmax output)";
  if (typeof loss === 'string' && GENERIC_CROSS_ENTROPY.has(normalize(loss))) {
    const which = output.activation === 'softmax' ? "'cce' (the output layer is softmax)"
      : output.activation === 'sigmoid' ? "'bce' (the output layer is sigmoid)"
      : "'bce' (with a sigmoid output) or 'cce' (with a softmax output)";
    fail(['loss'], `unknown loss '${loss}'`, `did you mean ${which}? ${listing}`);
  }
  checkChoice(loss, ['loss'], 'loss', LOSSES, LOSS_ALIASES, listing);
  const act = output.activation;
  if (loss === 'bce' && act !== 'sigmoid') {
    fail(['loss'], `loss 'bce' needs a sigmoid output layer, but the output layer is '${act}'`,
      act === 'softmax'
        ? "with a softmax output over classes use loss 'cce'; for independent yes/no outputs use dense(k, 'sigmoid') with 'bce'"
        : `make the output layer dense(${output.units}, 'sigmoid') (bce is computed from its logits), or use loss 'mse' for regression`);
  }
  if (loss === 'cce' && act !== 'softmax') {
    fail(['loss'], `loss 'cce' needs a softmax output layer, but the output layer is '${act}'`,
      act === 'sigmoid'
        ? "with a sigmoid output use loss 'bce'; for k classes use dense(k, 'softmax') with 'cce'"
        : `make the output layer dense(k, 'softmax') with one unit per class (k ≥ 2), or use loss 'mse' for regression`);
  }
}

function checkOptimizer(value: unknown): void {
  const path = ['optimizer'];
  const o = record(value, path, 'optimizer', "write the optimizer as an object, e.g. optimizer: { kind: 'adam', lr: 0.001 }");
  const kind = required(o, 'kind', path, 'optimizer', "add kind: 'sgd', 'rmsprop', 'adam' or 'adamw'");
  checkChoice(kind, [...path, 'kind'], 'optimizer kind', OPTIMIZERS, OPTIMIZER_KIND_ALIASES);
  const k = kind as OptimizerKind;
  checkKeys(o, path, OPTIMIZER_KEYS[k], `${k} option`, OPTIMIZER_ALIASES, (key) => misplacedOptimizerKey(k, key));

  const lr = required(o, 'lr', path, 'optimizer', 'add lr: the learning rate, e.g. lr: 0.01');
  checkNumber(lr, [...path, 'lr'], 'optimizer.lr', positive, 'a finite number > 0',
    'the learning rate is a small positive number, e.g. lr: 0.01');
  if (isPresent(o, 'batchSize') && o.batchSize !== 'full') {
    const hint = "batchSize is the number of examples per step (1: plain SGD), or 'full' for the whole training set";
    if (typeof o.batchSize === 'string' && !Number.isFinite(Number(o.batchSize))) {
      fail([...path, 'batchSize'], `optimizer.batchSize must be a positive integer or 'full', got ${show(o.batchSize)}`,
        `write batchSize: 'full' for full-batch gradient descent; ${hint}`);
    }
    checkNumber(o.batchSize, [...path, 'batchSize'], 'optimizer.batchSize', positiveInteger,
      "a positive integer or 'full'", hint);
  }
  const interval = 'a number in [0, 1)';
  switch (k) {
    case 'sgd':
      checkOptional(o, 'momentum', path, 'optimizer.momentum', inUnitInterval, interval,
        'momentum is typically 0.9; 0 is plain SGD');
      if (isPresent(o, 'nesterov')) {
        checkBoolean(o.nesterov, [...path, 'nesterov'], 'optimizer.nesterov', 'nesterov: true uses Nesterov momentum');
        if (o.nesterov === true && !(((o.momentum as number | undefined) ?? 0) > 0)) {
          fail([...path, 'nesterov'], 'nesterov needs momentum > 0',
            'add momentum: 0.9 (Nesterov is a variant of momentum), or remove nesterov');
        }
      }
      break;
    case 'rmsprop':
      checkOptional(o, 'rho', path, 'optimizer.rho', inUnitInterval, interval,
        'rho is the decay of the average of squared gradients, typically 0.9');
      checkOptional(o, 'epsilon', path, 'optimizer.epsilon', positive, 'a finite number > 0',
        'epsilon guards the division by the root mean square, typically 1e-8');
      break;
    case 'adam':
    case 'adamw':
      checkOptional(o, 'beta1', path, 'optimizer.beta1', inUnitInterval, interval,
        'beta1 is the decay of the gradient average, typically 0.9');
      checkOptional(o, 'beta2', path, 'optimizer.beta2', inUnitInterval, interval,
        'beta2 is the decay of the squared-gradient average, typically 0.999');
      checkOptional(o, 'epsilon', path, 'optimizer.epsilon', positive, 'a finite number > 0',
        'epsilon guards the division, typically 1e-8');
      checkOptional(o, 'weightDecay', path, 'optimizer.weightDecay', nonNegative, 'a finite number ≥ 0',
        'weightDecay is typically 0.01; 0 turns it off');
      break;
  }
}

/** A key of another optimizer (e.g. weightDecay with 'adam'): say which optimizer has it. */
function misplacedOptimizerKey(kind: OptimizerKind, key: string): string | undefined {
  if (!ALL_OPTIMIZER_KEYS.includes(key)) return undefined;
  const takes = `${kind} takes ${OPTIMIZER_KEYS[kind].filter((k) => k !== 'kind').join(', ')}`;
  if (key === 'weightDecay') {
    return kind === 'adam'
      ? "use kind: 'adamw' for Adam with decoupled weight decay (or regularization: { l2: … } for an L2 penalty)"
      : `weight decay is an option of kind: 'adamw'; with ${kind} use regularization: { l2: 1e-4 }`;
  }
  if (key === 'momentum' || key === 'nesterov') {
    return kind === 'rmsprop'
      ? `${takes}; for momentum use kind: 'sgd' (or 'adam', whose beta1 is its momentum)`
      : `Adam's momentum is beta1 (e.g. beta1: 0.9); ${takes}`;
  }
  const owners = OPTIMIZERS.filter((o) => OPTIMIZER_KEYS[o].includes(key));
  return `${key} is an option of ${owners.map((o) => `kind: '${o}'`).join(' / ')}; ${takes}`;
}

function checkSchedule(value: unknown): void {
  const path = ['schedule'];
  const s = record(value, path, 'schedule',
    "write the schedule as an object: { kind: 'step', every: 10, factor: 0.5 } or { kind: 'exponential', rate: 0.95 }");
  const kind = required(s, 'kind', path, 'schedule', "add kind: 'step' (every, factor) or 'exponential' (rate)");
  checkChoice(kind, [...path, 'kind'], 'schedule kind', ['step', 'exponential'], { exp: 'exponential', stepdecay: 'step' });
  if (kind === 'step') {
    checkKeys(s, path, ['kind', 'every', 'factor'], 'step schedule option', SCHEDULE_ALIASES,
      (key) => (key === 'rate' ? "a step schedule takes every and factor; rate belongs to kind: 'exponential'" : undefined));
    checkNumber(required(s, 'every', path, 'schedule', 'add every: the number of epochs between decays, e.g. every: 10'),
      [...path, 'every'], 'schedule.every', positiveInteger, 'a positive integer',
      "every is the number of epochs between decays, e.g. { kind: 'step', every: 10, factor: 0.5 }");
    checkNumber(required(s, 'factor', path, 'schedule', 'add factor: the decay per step, e.g. factor: 0.5'),
      [...path, 'factor'], 'schedule.factor', inHalfOpenUnit, 'a number in (0, 1]',
      'the learning rate is multiplied by factor every `every` epochs, e.g. factor: 0.5');
  } else {
    checkKeys(s, path, ['kind', 'rate'], 'exponential schedule option', { ...SCHEDULE_ALIASES, gamma: 'rate', decay: 'rate', decayrate: 'rate', factor: 'rate' },
      (key) => (key === 'every' ? "an exponential schedule decays every epoch; it takes rate (every belongs to kind: 'step')" : undefined));
    checkNumber(required(s, 'rate', path, 'schedule', 'add rate: the decay per epoch, e.g. rate: 0.95'),
      [...path, 'rate'], 'schedule.rate', inHalfOpenUnit, 'a number in (0, 1]',
      'the learning rate is multiplied by rate every epoch, e.g. rate: 0.95');
  }
}

function checkRegularization(value: unknown): void {
  const path = ['regularization'];
  const r = record(value, path, 'regularization', 'write regularization as an object, e.g. regularization: { l2: 1e-4 }');
  checkKeys(r, path, ['l1', 'l2'], 'regularization option', REGULARIZATION_ALIASES);
  const hint = 'penalty strengths are ≥ 0, e.g. { l2: 1e-4 }; 0 turns it off';
  checkOptional(r, 'l1', path, 'regularization.l1', nonNegative, 'a finite number ≥ 0', hint);
  checkOptional(r, 'l2', path, 'regularization.l2', nonNegative, 'a finite number ≥ 0', hint);
}

function checkClip(value: unknown): void {
  const path = ['clip'];
  const c = record(value, path, 'clip', 'write clip as an object, e.g. clip: { norm: 1 }');
  checkKeys(c, path, ['value', 'norm'], 'clip option', CLIP_ALIASES);
  const hint = 'clip.value bounds each gradient element to [−value, value], clip.norm the global gradient norm; e.g. clip: { norm: 1 }';
  checkOptional(c, 'value', path, 'clip.value', positive, 'a finite number > 0', hint);
  checkOptional(c, 'norm', path, 'clip.norm', positive, 'a finite number > 0', hint);
}

function checkInit(value: unknown): void {
  const path = ['init'];
  const init = record(value, path, 'init', "write init as an object, e.g. init: { kind: 'xavier', seed: 1 }");
  checkKeys(init, path, ['kind', 'distribution', 'seed'], 'init option', INIT_ALIASES);
  const kind = required(init, 'kind', path, 'init', "add kind: 'xavier' (tanh, sigmoid) or 'he' (relu)");
  checkChoice(kind, [...path, 'kind'], 'init kind', ['xavier', 'he'], INIT_KIND_ALIASES,
    "init kinds are 'xavier' (for tanh, sigmoid) and 'he' (for relu, leaky_relu)");
  if (isPresent(init, 'distribution')) {
    checkChoice(init.distribution, [...path, 'distribution'], 'init distribution', ['uniform', 'normal'],
      { gaussian: 'normal', gauss: 'normal', randn: 'normal', rand: 'uniform' });
  }
  const seed = required(init, 'seed', path, 'init', 'add seed: an integer, e.g. seed: 1');
  checkNumber(seed, [...path, 'seed'], 'init.seed', Number.isSafeInteger, 'an integer',
    'seed is an integer, e.g. seed: 1; the same seed gives the same initial weights');
}

function checkWorked(value: unknown, inputs: number, layers: readonly { units: number }[], loss: Loss): void {
  const path = ['worked'];
  const w = record(value, path, 'worked',
    'worked is { weights: [{ W, b } per layer], x: one input, y: its target }');
  checkKeys(w, path, ['weights', 'x', 'y'], 'worked option', WORKED_ALIASES);
  const weights = required(w, 'weights', path, 'worked', 'add weights: one { W, b } per layer');
  const sizes = [inputs, ...layers.map((l) => l.units)];
  if (!Array.isArray(weights) || weights.length !== layers.length) {
    fail([...path, 'weights'], `worked.weights must have one { W, b } per layer (${layers.length}), got ${show(weights)}`,
      `give the weights of layers 1 to ${layers.length}: ${sizes.slice(1).map((u, l) => `W${l + 1} is ${u}×${sizes[l]}`).join(', ')}`);
  }
  weights.forEach((entry: unknown, l: number) => {
    const at = [...path, 'weights', l];
    const units = sizes[l + 1];
    const fanIn = sizes[l];
    const shape = `W${l + 1} is ${units}×${fanIn} (a row of ${fanIn} weights per unit of layer ${l + 1}) and b${l + 1} has ${units} entries`;
    const e = record(entry, at, `worked.weights[${l}]`, `write { W: [...rows], b: [...] }; ${shape}`);
    checkKeys(e, at, ['W', 'b'], 'worked weights field', WEIGHTS_ALIASES);
    const W = required(e, 'W', at, `worked.weights[${l}]`, `add W; ${shape}`);
    if (!Array.isArray(W) || W.length !== units) {
      fail([...at, 'W'], `W${l + 1} must have ${units} rows, got ${show(W)}`, shape);
    }
    W.forEach((row: unknown, r: number) => {
      numberArray(row, [...at, 'W', r], `row ${r + 1} of W${l + 1}`, fanIn, shape);
    });
    numberArray(required(e, 'b', at, `worked.weights[${l}]`, `add b; ${shape}`), [...at, 'b'], `b${l + 1}`, units, shape);
  });
  numberArray(required(w, 'x', path, 'worked', `add x: one input of ${inputs} numbers`), [...path, 'x'], 'worked.x', inputs,
    `x is one example's input: ${inputs} number${inputs === 1 ? '' : 's'} (inputs: ${inputs})`);
  const outputs = sizes[sizes.length - 1];
  const y = required(w, 'y', path, 'worked', `add y: the target of x, ${outputs} numbers`);
  const yHint = `y is the target of x: ${outputs} number${outputs === 1 ? '' : 's'} (the output layer has ${outputs} unit${outputs === 1 ? '' : 's'})`;
  numberArray(y, [...path, 'y'], 'worked.y', outputs, yHint);
  const targets = y as readonly number[];
  if (loss === 'bce') {
    const k = targets.findIndex((t) => t < 0 || t > 1);
    if (k >= 0) fail([...path, 'y', k], `worked.y[${k}] must be in [0, 1] for loss 'bce', got ${targets[k]}`,
      'binary cross-entropy targets are probabilities: 0 or 1 (or in between)');
  }
  if (loss === 'cce') {
    const k = targets.findIndex((t) => t < 0);
    const sum = targets.reduce((s, t) => s + t, 0);
    if (k >= 0 || Math.abs(sum - 1) > 1e-9) {
      fail(k >= 0 ? [...path, 'y', k] : [...path, 'y'], `worked.y must be a distribution over the classes for loss 'cce' (entries ≥ 0, sum 1)`,
        `use a one-hot target, e.g. y: [${Array.from({ length: outputs }, (_, c) => (c === 0 ? 1 : 0)).join(', ')}]`);
    }
  }
}

/** An array of `length` finite numbers; a wrong entry is reported at its index. */
function numberArray(value: unknown, path: SpecPath, name: string, length: number, hint: string): void {
  if (!Array.isArray(value) || value.length !== length) {
    fail(path, `${name} must be an array of ${length} number${length === 1 ? '' : 's'}, got ${show(value)}`, hint);
  }
  value.forEach((v: unknown, i: number) => {
    if (!isFiniteNumber(v)) fail([...path, i], `${name}[${i}] must be a finite number, got ${show(v)}`, hint);
  });
}
