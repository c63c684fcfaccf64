import { INIT_DISTRIBUTIONS, INIT_KINDS } from '../../dsl/network.js';
import { resolveLoss } from './loss-spec.js';
import { resolveStandardize } from './standardize-spec.js';
import { resolvePrecision } from './precision-spec.js';
import { resolveWorked } from './worked-spec.js';
import { LAYER_KIND_NAMES, LAYER_KINDS, RECURRENT_KIND_NAMES, type ResolvedLayer } from './layers/registry.js';
import type { LayerKind, LayerNodesBase, ResolvedLayerBase } from './layers/layer-kind.js';
import { DEFAULT_BATCH_SIZE, type NumberRange, type OptimizerModule, type OptionValues } from './optimizers/optimizer.js';
import { OPTIMIZER_NAMES, OPTIMIZERS, type OptimizerName, type ResolvedOptimizer } from './optimizers/registry.js';
import { SCHEDULE_NAMES, SCHEDULES, type ResolvedSchedule, type ScheduleName } from './schedules/registry.js';
import type { ScheduleModule, ScheduleOption } from './schedules/schedule.js';
import type { ResolvedNetwork } from './resolved.js';
import {
  checkBoolean, checkChoice, checkKeys, checkNumber, checkOptional, fail, inHalfOpenUnit, inUnitInterval, isFiniteNumber, isPresent,
  nonNegative, normalize, type Obj, positive, positiveInteger, record, required, show, type SpecPath,
} from './spec-checks.js';

export { didYouMean, SpecKeyError, type SpecPath } from './spec-checks.js';

/**
 * Checks a network spec as model.ts produced it at run time, and resolves it:
 * every default filled in (./resolved.ts). Types are not checked when a model
 * compiles (the file is only transpiled), so anything may arrive here:
 * `dense(4, 'tahn')`, `loss: 'crossentropy'`, `units: -3`, `learningRate: 0.1`.
 * Every mistake is a CompileError with a `path` to the offending value
 * (model-file maps it to file:line:col) and a hint.
 *
 * What passes is what build-graph, the optimizer step and the trainer class
 * assume: positive integer sizes, known activations and losses, a loss that
 * fits the output layer, hyperparameters in range, consistent worked weights.
 * Layer kinds check their own options (./layers/), optimizers and schedules
 * declare theirs (./optimizers/, ./schedules/).
 */

const NETWORK_KEYS = ['kind', 'inputs', 'layers', 'loss', 'optimizer', 'init', 'schedule', 'regularization', 'clip',
  'standardize', 'precision', 'worked'];
const COMMON_OPTIMIZER_KEYS = ['kind', 'lr', 'batchSize'];
const optimizerKeys = (kind: OptimizerName) => [...COMMON_OPTIMIZER_KEYS, ...Object.keys(OPTIMIZERS[kind].options)];
const ALL_OPTIMIZER_KEYS = [...new Set(OPTIMIZER_NAMES.flatMap(optimizerKeys))];

/** The test and the words of each number range an option can declare. */
const RANGES: Readonly<Record<NumberRange | ScheduleOption['range'], { readonly ok: (n: number) => boolean; readonly expected: string }>> = {
  unit: { ok: inUnitInterval, expected: 'a number in [0, 1)' },
  positive: { ok: positive, expected: 'a finite number > 0' },
  nonNegative: { ok: nonNegative, expected: 'a finite number ≥ 0' },
  positiveInteger: { ok: positiveInteger, expected: 'a positive integer' },
  halfOpenUnit: { ok: inHalfOpenUnit, expected: 'a number in (0, 1]' },
};

export const NETWORK_ALIASES: Readonly<Record<string, string>> = {
  input: 'inputs', inputsize: 'inputs', ninputs: 'inputs', inputdim: 'inputs', features: 'inputs', layer: 'layers',
  lossfunction: 'loss', lossfn: 'loss', objective: 'loss', criterion: 'loss', optim: 'optimizer', opt: 'optimizer',
  initializer: 'init', initialization: 'init', initialisation: 'init', lrschedule: 'schedule', scheduler: 'schedule',
  regularizer: 'regularization', regularisation: 'regularization', penalty: 'regularization', clipping: 'clip',
  gradientclipping: 'clip', normalize: 'standardize', standardise: 'standardize', example: 'worked',
  workedexample: 'worked', dtype: 'precision', float: 'precision', floattype: 'precision',
};
/** Keys that belong somewhere else than the top level of the spec. */
export const NETWORK_MISPLACED: Readonly<Record<string, string>> = {
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
  bptt: 'bptt applies to sequence networks: declare inputs: { sequence: F } and recurrent layers such as lstm(16)',
  lossoversteps: 'lossOverSteps applies to sequence networks with returnSequences: declare inputs: { sequence: F }',
  truncate: 'truncation belongs in bptt, for sequence networks: bptt: { truncate: 20 }',
};
const OPTIMIZER_ALIASES: Readonly<Record<string, string>> = {
  learningrate: 'lr', eta: 'lr', stepsize: 'lr', batch: 'batchSize', minibatch: 'batchSize', minibatchsize: 'batchSize',
  mu: 'momentum', nesterovmomentum: 'nesterov', eps: 'epsilon', type: 'kind', name: 'kind', method: 'kind',
  lambda: 'weightDecay', wd: 'weightDecay', b1: 'beta1', b2: 'beta2',
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

/**
 * Validates a network spec (the value `network({...})` returned) and returns it
 * resolved; throws CompileError with a path.
 */
export function validateNetwork(spec: unknown): ResolvedNetwork {
  const root = record(spec, [], 'the network spec',
    "pass an object: network({ inputs: 2, layers: [dense(4, 'tanh'), dense(1, 'sigmoid')], loss: 'bce', optimizer: { kind: 'sgd', lr: 0.1 } })");
  checkKeys(root, [], NETWORK_KEYS, 'network option', NETWORK_ALIASES, (key) => NETWORK_MISPLACED[normalize(key)]);

  const inputs = required(root, 'inputs', [], 'the network spec', 'add inputs: the number of input features, e.g. inputs: 2');
  checkNumber(inputs, ['inputs'], 'inputs', positiveInteger, 'a positive integer',
    'inputs is the number of features of one example, e.g. inputs: 2');

  const layerValues = required(root, 'layers', [], 'the network spec',
    "add layers: a list of dense layers, e.g. layers: [dense(4, 'tanh'), dense(1, 'sigmoid')]");
  if (!Array.isArray(layerValues) || layerValues.length === 0) {
    fail(['layers'], `layers must be a non-empty array of dense layers, got ${show(layerValues)}`,
      "list the layers from the first hidden layer to the output, e.g. layers: [dense(4, 'tanh'), dense(1, 'sigmoid')]");
  }
  const layers = layerValues.map((layer: unknown, i: number) => resolveLayer(layer, i, layerValues.length));
  const output = layers[layers.length - 1];

  const training = resolveTraining(root, output, layers[0]);
  return {
    kind: 'network',
    inputs: inputs as number,
    layers,
    ...training,
    precision: resolvePrecision(root, 'feedforward'),
    ...(isPresent(root, 'worked') ? { worked: resolveWorked(root.worked, inputs as number, layers, training.loss, training.standardize.inputs) } : {}),
  };
}

/** What a network's training takes besides its layers, every default filled in. */
export type ResolvedTraining = Pick<ResolvedNetwork, 'loss' | 'lossConvention' | 'optimizer' | 'init' | 'schedule' | 'regularization' | 'clip' | 'standardize'>;

/**
 * The loss (checked against the output layer, with its convention), optimizer, schedule,
 * penalties, clipping, initialization (default from the first layer's
 * activation) and standardization (./standardize-spec.ts) of a network spec: shared by feedforward
 * and sequence networks.
 */
export function resolveTraining(root: Obj, output: ResolvedLayer, first: { readonly activation: string }): ResolvedTraining {
  const loss = resolveLoss(required(root, 'loss', [], 'the network spec',
    "add loss: 'mse' (regression), 'bce' (sigmoid output) or 'cce' (softmax output)"), output);

  const optimizer = required(root, 'optimizer', [], 'the network spec',
    "add an optimizer, e.g. optimizer: { kind: 'adam', lr: 0.001 }");
  const resolvedOptimizer = resolveOptimizer(optimizer);

  const schedule: ResolvedSchedule = isPresent(root, 'schedule') ? resolveSchedule(root.schedule) : { kind: 'constant' };
  const regularization = isPresent(root, 'regularization') ? resolveRegularization(root.regularization) : { l1: 0, l2: 0 };
  const clip = isPresent(root, 'clip') ? resolveClip(root.clip) : {};
  const init = isPresent(root, 'init') ? resolveInit(root.init) : defaultInit(first);
  return {
    ...loss,
    optimizer: resolvedOptimizer,
    init,
    schedule,
    regularization,
    clip,
    standardize: resolveStandardize(root, loss.loss, output),
  };
}

/** A layer value: an object whose `kind` names a layer kind, which checks and resolves the rest. */
export function resolveLayer(value: unknown, index: number, count: number): ResolvedLayer {
  const path = ['layers', index];
  const name = `layer ${index + 1}`;
  const kind = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj).kind : undefined;
  if (typeof kind === 'string' && (RECURRENT_KIND_NAMES as readonly string[]).includes(kind)) {
    fail(['inputs'], `${name} is a recurrent layer (${kind}), but inputs is a number: the network reads single rows, not sequences`,
      'declare sequence inputs with the features per time step, e.g. inputs: { sequence: 1 }');
  }
  if (typeof kind !== 'string' || !(LAYER_KIND_NAMES as readonly string[]).includes(kind)) {
    fail(path, `${name} is not a ${LAYER_KIND_NAMES.join(' or ')} layer, got ${show(value)}`,
      "write each layer as dense(units, activation), e.g. dense(4, 'relu')");
  }
  const module = LAYER_KINDS[kind as keyof typeof LAYER_KINDS] as LayerKind<ResolvedLayerBase, LayerNodesBase>;
  return module.resolve(value as Obj, { path, index, count, name }) as ResolvedLayer;
}

/** Without an init: He for a relu / leaky_relu first layer, Xavier otherwise; uniform, seed 1. */
function defaultInit(first: { readonly activation: string }): ResolvedNetwork['init'] {
  const he = first.activation === 'relu' || first.activation === 'leaky_relu';
  return { kind: he ? 'he' : 'xavier', distribution: 'uniform', seed: 1 };
}

function resolveOptimizer(value: unknown): ResolvedOptimizer {
  const path = ['optimizer'];
  const o = record(value, path, 'optimizer', "write the optimizer as an object, e.g. optimizer: { kind: 'adam', lr: 0.001 }");
  const kind = required(o, 'kind', path, 'optimizer', `add kind: ${OPTIMIZER_NAMES.map((k) => `'${k}'`).join(', ').replace(/, ([^,]*)$/, ' or $1')}`);
  checkChoice(kind, [...path, 'kind'], 'optimizer kind', OPTIMIZER_NAMES, OPTIMIZER_KIND_ALIASES);
  const k = kind as OptimizerName;
  checkKeys(o, path, optimizerKeys(k), `${k} option`, OPTIMIZER_ALIASES, (key) => misplacedOptimizerKey(k, key));

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
  const module = OPTIMIZERS[k] as OptimizerModule<OptionValues>;
  const options: Record<string, number | boolean> = {};
  for (const [key, declared] of Object.entries(module.options)) {
    const name = `optimizer.${key}`;
    if (declared.type === 'boolean') {
      if (isPresent(o, key)) checkBoolean(o[key], [...path, key], name, declared.hint);
    } else {
      const range = RANGES[declared.range];
      checkOptional(o, key, path, name, range.ok, range.expected, declared.hint);
    }
    options[key] = isPresent(o, key) ? (o[key] as number | boolean) : declared.default;
  }
  const problem = module.check?.(options);
  if (problem !== undefined) fail([...path, problem.key], problem.message, problem.hint);
  return { kind: k, lr: lr as number, batchSize: (o.batchSize as number | 'full' | undefined) ?? DEFAULT_BATCH_SIZE, ...options } as ResolvedOptimizer;
}

/** A key of another optimizer (e.g. weightDecay with 'adam'): say which optimizer has it. */
/** The network's own options that are written inside the optimizer by mistake, and where they go. */
const OUTSIDE_OPTIMIZER: Readonly<Record<string, string>> = {
  schedule: "schedule: { kind: 'step', every: 10, factor: 0.5 }",
  regularization: 'regularization: { l2: 1e-4 }',
  clip: 'clip: { norm: 1 }',
  init: "init: { kind: 'xavier', seed: 1 }",
};

function misplacedOptimizerKey(kind: OptimizerName, key: string): string | undefined {
  const outside = OUTSIDE_OPTIMIZER[key];
  if (outside !== undefined) {
    return `${key} is an option of the network, beside optimizer: network({ …, optimizer: { kind: '${kind}', … }, ${outside} })`;
  }
  if (!ALL_OPTIMIZER_KEYS.includes(key)) return undefined;
  const takes = `${kind} takes ${optimizerKeys(kind).filter((k) => k !== 'kind').join(', ')}`;
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
  const owners = OPTIMIZER_NAMES.filter((o) => optimizerKeys(o).includes(key));
  return `${key} is an option of ${owners.map((o) => `kind: '${o}'`).join(' / ')}; ${takes}`;
}

function resolveSchedule(value: unknown): ResolvedSchedule {
  const path = ['schedule'];
  const s = record(value, path, 'schedule',
    "write the schedule as an object: { kind: 'step', every: 10, factor: 0.5 } or { kind: 'exponential', rate: 0.95 }");
  const kind = required(s, 'kind', path, 'schedule', "add kind: 'step' (every, factor) or 'exponential' (rate)");
  checkChoice(kind, [...path, 'kind'], 'schedule kind', SCHEDULE_NAMES, { exp: 'exponential', stepdecay: 'step' });
  const k = kind as ScheduleName;
  const module = SCHEDULES[k] as ScheduleModule<Readonly<Record<string, number>>>;
  checkKeys(s, path, ['kind', ...Object.keys(module.options)], `${k} schedule option`, { ...SCHEDULE_ALIASES, ...module.aliases },
    (key) => module.misplaced?.[key]);
  const options: Record<string, number> = {};
  for (const [key, declared] of Object.entries(module.options)) {
    const range = RANGES[declared.range];
    const given = required(s, key, path, 'schedule', declared.missing);
    checkNumber(given, [...path, key], `schedule.${key}`, range.ok, range.expected, declared.hint);
    options[key] = given as number;
  }
  return { kind: k, ...options } as ResolvedSchedule;
}

function resolveRegularization(value: unknown): ResolvedNetwork['regularization'] {
  const path = ['regularization'];
  const r = record(value, path, 'regularization', 'write regularization as an object, e.g. regularization: { l2: 1e-4 }');
  checkKeys(r, path, ['l1', 'l2'], 'regularization option', REGULARIZATION_ALIASES);
  const hint = 'penalty strengths are ≥ 0, e.g. { l2: 1e-4 }; 0 turns it off';
  checkOptional(r, 'l1', path, 'regularization.l1', nonNegative, 'a finite number ≥ 0', hint);
  checkOptional(r, 'l2', path, 'regularization.l2', nonNegative, 'a finite number ≥ 0', hint);
  return { l1: (r.l1 as number | undefined) ?? 0, l2: (r.l2 as number | undefined) ?? 0 };
}

function resolveClip(value: unknown): ResolvedNetwork['clip'] {
  const path = ['clip'];
  const c = record(value, path, 'clip', 'write clip as an object, e.g. clip: { norm: 1 }');
  checkKeys(c, path, ['value', 'norm'], 'clip option', CLIP_ALIASES);
  const hint = 'clip.value bounds each gradient element to [−value, value], clip.norm the global gradient norm; e.g. clip: { norm: 1 }';
  checkOptional(c, 'value', path, 'clip.value', positive, 'a finite number > 0', hint);
  checkOptional(c, 'norm', path, 'clip.norm', positive, 'a finite number > 0', hint);
  return {
    ...(isPresent(c, 'value') ? { value: c.value as number } : {}),
    ...(isPresent(c, 'norm') ? { norm: c.norm as number } : {}),
  };
}

function resolveInit(value: unknown): ResolvedNetwork['init'] {
  const path = ['init'];
  const init = record(value, path, 'init', "write init as an object, e.g. init: { kind: 'xavier', seed: 1 }");
  checkKeys(init, path, ['kind', 'distribution', 'seed'], 'init option', INIT_ALIASES);
  const kind = required(init, 'kind', path, 'init', "add kind: 'xavier' (tanh, sigmoid) or 'he' (relu)");
  checkChoice(kind, [...path, 'kind'], 'init kind', INIT_KINDS, INIT_KIND_ALIASES,
    "init kinds are 'xavier' (for tanh, sigmoid) and 'he' (for relu, leaky_relu)");
  if (isPresent(init, 'distribution')) {
    checkChoice(init.distribution, [...path, 'distribution'], 'init distribution', INIT_DISTRIBUTIONS,
      { gaussian: 'normal', gauss: 'normal', randn: 'normal', rand: 'uniform' });
  }
  const seed = required(init, 'seed', path, 'init', 'add seed: an integer, e.g. seed: 1');
  checkNumber(seed, [...path, 'seed'], 'init.seed', Number.isSafeInteger, 'an integer',
    'seed is an integer, e.g. seed: 1; the same seed gives the same initial weights');
  return {
    kind: kind as ResolvedNetwork['init']['kind'],
    distribution: (init.distribution as ResolvedNetwork['init']['distribution'] | undefined) ?? 'uniform',
    seed: seed as number,
  };
}
