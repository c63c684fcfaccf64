import { LOSS_OVER_STEPS } from '../../dsl/network.js';
import { RECURRENT_KIND_NAMES, RECURRENT_KINDS, type ResolvedLayer, type ResolvedRecurrentLayer } from './layers/registry.js';
import type { RecurrentKind, ResolvedRecurrentBase } from './layers/recurrent-kind.js';
import type { ResolvedSequenceNetwork } from './resolved-sequence.js';
import {
  checkChoice, checkKeys, checkNumber, fail, isPresent, normalize, type Obj, positiveInteger, record, required, show,
} from './spec-checks.js';
import { NETWORK_ALIASES, NETWORK_MISPLACED, resolveLayer, resolveTraining } from './validate.js';
import { layerKindOf } from './layers/registry.js';
import { resolveSequenceWorked } from './sequence-worked-spec.js';
import { resolvePrecision } from './precision-spec.js';

const SEQUENCE_KEYS = ['kind', 'inputs', 'layers', 'loss', 'optimizer', 'init', 'schedule', 'regularization', 'clip',
  'standardize', 'precision', 'bptt', 'lossOverSteps', 'worked'];
const SEQUENCE_MISPLACED: Readonly<Record<string, string>> = {
  ...NETWORK_MISPLACED,
  truncate: 'truncation belongs in bptt: bptt: { truncate: 20 }',
  returnsequences: 'returnSequences is an option of the last recurrent layer: lstm(16, { returnSequences: true })',
};
const INPUT_ALIASES: Readonly<Record<string, string>> = { features: 'sequence', steps: 'sequence', sequences: 'sequence', seq: 'sequence' };
const BPTT_ALIASES: Readonly<Record<string, string>> = { window: 'truncate', steps: 'truncate', k: 'truncate', truncation: 'truncate', length: 'truncate' };

/**
 * Checks a network spec whose inputs are `{ sequence: F }` and resolves it
 * (./resolved-sequence.ts): recurrent layers first, then dense layers, the
 * training options as validate.ts checks them for every network, and the
 * sequence options (bptt, lossOverSteps). Every mistake is a CompileError
 * with the path of the offending value and a hint.
 */
export function validateSequenceNetwork(spec: unknown): ResolvedSequenceNetwork {
  const root = record(spec, [], 'the network spec', 'pass an object: network({ inputs: { sequence: 1 }, layers: [lstm(16), dense(1)], … })');
  checkKeys(root, [], SEQUENCE_KEYS, 'sequence network option', NETWORK_ALIASES, (key) => SEQUENCE_MISPLACED[normalize(key)]);
  const inputs = record(root.inputs, ['inputs'], 'inputs', 'write inputs: { sequence: F } with F features per time step, e.g. inputs: { sequence: 1 }');
  checkKeys(inputs, ['inputs'], ['sequence'], 'inputs field', INPUT_ALIASES,
    (key) => (normalize(key) === 'length' || normalize(key) === 't'
      ? 'the sequence length is a run-time value (the data decides it); inputs: { sequence: F } gives the features per step' : undefined));
  const features = required(inputs, 'sequence', ['inputs'], 'inputs', 'add sequence: the features per time step, e.g. inputs: { sequence: 1 }');
  checkNumber(features, ['inputs', 'sequence'], 'inputs.sequence', positiveInteger, 'a positive integer',
    'sequence is the number of features of one time step, e.g. inputs: { sequence: 1 } for a univariate series');

  const { recurrent, head } = resolveLayers(root.layers);
  const output = head[head.length - 1];
  const training = resolveTraining(root, output, recurrent[0].kind === 'rnn' ? recurrent[0] : { activation: 'tanh' });
  refuseUnsupported(training, head);
  const returnSequences = recurrent[recurrent.length - 1].options.returnSequences;
  if (returnSequences && training.loss === 'cce') {
    fail(['loss'], "loss 'cce' with returnSequences is not available yet (accuracy and target checks read a row as one distribution)",
      "use returnSequences with 'mse', 'mae' or 'bce', or predict one class per sequence (many-to-one)");
  }
  return {
    kind: 'sequence-network',
    inputs: features as number,
    recurrent,
    head,
    ...training,
    precision: resolvePrecision(root, 'sequence'),
    returnSequences,
    lossOverSteps: resolveLossOverSteps(root, returnSequences),
    bptt: isPresent(root, 'bptt') ? resolveBptt(root.bptt) : {},
    ...(isPresent(root, 'worked') ? { worked: resolveWorkedSequence(root.worked, features as number, recurrent, head, training.loss, returnSequences) } : {}),
  };
}

/** The worked example against the parameter layout: each recurrent kind's and each dense layer's declared parameters. */
function resolveWorkedSequence(
  value: unknown, features: number, recurrent: readonly ResolvedRecurrentLayer[], head: readonly ResolvedLayer[],
  loss: ResolvedSequenceNetwork['loss'], manyToMany: boolean,
) {
  const sizes = [features, ...recurrent.map((l) => l.units), ...head.map((l) => l.units)];
  const declared = [
    ...recurrent.map((layer, i) => (RECURRENT_KINDS[layer.kind] as RecurrentKind<ResolvedRecurrentBase>).parameters(layer, i + 1, sizes[i])),
    ...head.map((layer, i) => layerKindOf(layer).parameters(layer, recurrent.length + i + 1, sizes[recurrent.length + i])),
  ];
  return resolveSequenceWorked(value, { features, outputs: head[head.length - 1].units, manyToMany, loss, declared });
}

/** Recurrent layers (at least one) first, then dense layers (at least one). */
function resolveLayers(values: unknown): { recurrent: ResolvedRecurrentLayer[]; head: ResolvedLayer[] } {
  const example = 'e.g. layers: [lstm(16), dense(1)]';
  if (!Array.isArray(values) || values.length === 0) {
    fail(['layers'], `layers must be a non-empty array, got ${show(values)}`, `list recurrent layers, then dense layers, ${example}`);
  }
  const kindOf = (v: unknown) => (typeof v === 'object' && v !== null ? (v as Obj).kind : undefined);
  const isRecurrent = (v: unknown) => (RECURRENT_KIND_NAMES as readonly unknown[]).includes(kindOf(v));
  const count = values.findIndex((v) => !isRecurrent(v));
  if (count === 0) {
    fail(['layers', 0], `layer 1 of a sequence network must be recurrent (rnn, lstm or gru), got ${show(kindOf(values[0]) ?? values[0])}`,
      `the recurrent layers read the time steps first, ${example}`);
  }
  if (count === -1) {
    fail(['layers', values.length - 1], 'a sequence network needs a dense output layer after its recurrent layers',
      `add one, e.g. layers: [${values.map((v) => `${String(kindOf(v))}(…)`).join(', ')}, dense(1)]`);
  }
  const late = values.findIndex((v, i) => i > count && isRecurrent(v));
  if (late >= 0) {
    fail(['layers', late], `layer ${late + 1} is recurrent but comes after a dense layer`,
      `put the recurrent layers first, then the dense layers, ${example}`);
  }
  const recurrent = values.slice(0, count).map((value: Obj, index: number) => {
    const module = RECURRENT_KINDS[value.kind as keyof typeof RECURRENT_KINDS] as RecurrentKind<ResolvedRecurrentBase>;
    const site = { path: ['layers', index], index, count: values.length, name: `layer ${index + 1}`, lastRecurrent: index === count - 1 };
    return module.resolve(value, site) as ResolvedRecurrentLayer;
  });
  const head = values.slice(count).map((value: unknown, i: number) => resolveLayer(value, count + i, values.length));
  return { recurrent, head };
}

/** What sequence networks do not do yet: refused at the option, with what to do instead. */
function refuseUnsupported(training: ReturnType<typeof resolveTraining>, head: readonly ResolvedLayer[]): void {
  if (training.standardize.inputs || training.standardize.targets) {
    fail(['standardize'], 'standardize is not available for sequence networks yet',
      'standardize the series before cutting it into sequences (e.g. subtract the training mean, divide by the std), and leave standardize out');
  }
  const { l1, l2 } = training.regularization;
  if (l1 > 0 || l2 > 0) {
    fail(['regularization'], 'weight penalties are not available for sequence networks yet',
      'leave regularization out; clip: { norm: 1 } bounds the gradient of a recurrent network');
  }
  const dropped = head.findIndex((l) => l.options.dropout > 0);
  if (dropped >= 0) {
    fail(['layers'], 'dropout is not available in sequence networks yet', 'remove the dropout option of the dense layers');
  }
}

function resolveLossOverSteps(root: Obj, returnSequences: boolean): ResolvedSequenceNetwork['lossOverSteps'] {
  if (!isPresent(root, 'lossOverSteps')) return 'mean';
  if (!returnSequences) {
    fail(['lossOverSteps'], 'lossOverSteps applies to many-to-many networks, but the loss is on the last step only',
      'add returnSequences: true to the last recurrent layer (e.g. lstm(16, { returnSequences: true })), or remove lossOverSteps');
  }
  checkChoice(root.lossOverSteps, ['lossOverSteps'], 'lossOverSteps', LOSS_OVER_STEPS, { average: 'mean', avg: 'mean', total: 'sum' },
    "'mean' divides the summed step losses by T (the default), 'sum' adds them");
  return root.lossOverSteps as ResolvedSequenceNetwork['lossOverSteps'];
}

function resolveBptt(value: unknown): ResolvedSequenceNetwork['bptt'] {
  const b = record(value, ['bptt'], 'bptt', 'write bptt as an object, e.g. bptt: { truncate: 20 }');
  checkKeys(b, ['bptt'], ['truncate'], 'bptt option', BPTT_ALIASES);
  if (!isPresent(b, 'truncate')) return {};
  checkNumber(b.truncate, ['bptt', 'truncate'], 'bptt.truncate', positiveInteger, 'a positive integer',
    'truncate is the number of time steps the gradient flows back within a window, e.g. bptt: { truncate: 20 }; leave bptt out for full BPTT');
  return { truncate: b.truncate as number };
}
