import type { Loss } from '../../dsl/network.js';
import { layerKindOf, type ResolvedLayer } from './layers/registry.js';
import type { ParameterDeclaration } from './layers/layer-kind.js';
import type { ResolvedWorked } from './resolved.js';
import {
  checkKeys, checkNumber, fail, isFiniteNumber, isPresent, positiveInteger, record, required, show, type SpecPath,
} from './spec-checks.js';
import { counted } from '../../util/plural.js';
import { resolveWorkedScaling } from './worked-scaling-spec.js';

const WORKED_ALIASES: Readonly<Record<string, string>> = {
  params: 'weights', parameters: 'weights', input: 'x', inputs: 'x', target: 'y', targets: 'y', label: 'y',
  output: 'y', standardise: 'standardize', scaling: 'standardize', normalize: 'standardize', iterations: 'steps', epochs: 'steps', nsteps: 'steps', mask: 'masks', dropout: 'masks', dropoutmasks: 'masks',
};
const WEIGHTS_ALIASES: Readonly<Record<string, string>> = {
  weights: 'W', weight: 'W', w: 'W', bias: 'b', biases: 'b', B: 'b',
};
/** The notes print every number of every step: a limit keeps them a handout. */
const MAX_STEPS = 100;

/**
 * Checks a worked example against the network's parameter layout and
 * resolves it: the given value of every parameter array (each layer's
 * object keyed by its parameters' names without the layer number: W, b),
 * the examples as rows (x, y may be one example or a list of rows) and the
 * number of steps.
 */
export function resolveWorked(value: unknown, inputs: number, layers: readonly ResolvedLayer[], loss: Loss, standardizesInputs = false): ResolvedWorked {
  const path = ['worked'];
  const w = record(value, path, 'worked',
    'worked is { weights: [{ W, b } per layer], x: one input or a list of inputs, y: their targets, steps: 1 }');
  checkKeys(w, path, ['weights', 'x', 'y', 'steps', 'masks', 'standardize'], 'worked option', WORKED_ALIASES);
  const sizes = [inputs, ...layers.map((l) => l.units)];
  const declared = layers.map((layer, i) => layerKindOf(layer).parameters(layer, i + 1, sizes[i]));
  const params = resolveWeights(required(w, 'weights', path, 'worked', 'add weights: one { W, b } per layer'), declared);
  const outputs = layers[layers.length - 1].units;
  const x = rows(required(w, 'x', path, 'worked', `add x: one input of ${counted(inputs, 'number')}, or a list of them`), [...path, 'x'], 'worked.x', inputs,
    `x is one example's input (${counted(inputs, 'number')}, inputs: ${inputs}) or a list of them, one per example`);
  const y = rows(required(w, 'y', path, 'worked', `add y: the target of x, ${counted(outputs, 'number')} (one row per example)`), [...path, 'y'], 'worked.y',
    outputs, `y is the target of x: ${counted(outputs, 'number')} per example (the output layer has ${counted(outputs, 'unit')})`);
  if (x.length !== y.length) {
    fail([...path, 'y'], `worked.y has ${counted(y.length, 'row')} but worked.x has ${x.length}`, 'give one target row per input row');
  }
  y.forEach((target, r) => checkTarget(target, x.length === 1 && !Array.isArray((w.y as unknown[])[0]) ? [...path, 'y'] : [...path, 'y', r], loss));
  if (isPresent(w, 'steps')) {
    checkNumber(w.steps, [...path, 'steps'], 'worked.steps', (n) => positiveInteger(n) && n <= MAX_STEPS, `an integer from 1 to ${MAX_STEPS}`,
      'steps is how many training steps the notes work in numbers (each on all the worked examples), e.g. steps: 3');
  }
  const masks = isPresent(w, 'masks') ? resolveMasks(w.masks, layers, x.length) : undefined;
  const inputScaling = resolveWorkedScaling(w, path, x, standardizesInputs);
  return {
    params, x: inputScaling?.x ?? x, y, steps: (w.steps as number | undefined) ?? 1,
    ...(masks === undefined ? {} : { masks }), ...(inputScaling === undefined ? {} : { inputScaling }),
  };
}

const MASKS_HINT = 'masks has one entry per layer: for a layer with dropout its keep indicators (1 kept, 0 dropped), one per unit '
  + '(a row per example for a mini-batch), null for a layer without dropout, e.g. masks: [[1, 0, 1], null]';

/** `worked.masks`: per layer, the keep indicators of a layer with dropout (0 or 1, one row per example), null for a layer without. */
function resolveMasks(value: unknown, layers: readonly ResolvedLayer[], examples: number): (number[][] | undefined)[] {
  const path = ['worked', 'masks'];
  if (!layers.some((l) => l.options.dropout > 0)) fail(path, 'worked.masks is given but no layer has dropout', 'remove masks, or give a layer { dropout: p }');
  if (!Array.isArray(value) || value.length !== layers.length) {
    fail(path, `worked.masks must have one entry per layer (${layers.length}), got ${show(value)}`, MASKS_HINT);
  }
  return layers.map((layer, i) => {
    const entry: unknown = value[i];
    const at = [...path, i];
    if (layer.options.dropout === 0) {
      if (entry !== null && entry !== undefined) fail(at, `layer ${i + 1} has no dropout: its mask must be null, got ${show(entry)}`, MASKS_HINT);
      return undefined;
    }
    const masks = rows(entry, at, `worked.masks[${i}]`, layer.units, MASKS_HINT);
    if (masks.length !== examples) fail(at, `worked.masks[${i}] has ${counted(masks.length, 'row')} but worked.x has ${examples}`, 'give one mask row per example');
    masks.forEach((row, r) => row.forEach((m, k) => {
      if (m !== 0 && m !== 1) fail(masks.length === 1 && !Array.isArray((entry as unknown[])[0]) ? [...at, k] : [...at, r, k],
        `a mask entry is 1 (the unit kept) or 0 (dropped), got ${m}`, `the 1/(1 − p) scaling is applied by the notes; ${MASKS_HINT}`);
    }));
    return masks;
  });
}

/**
 * One object per layer, its keys the layer's parameter names without the
 * layer number (W, b; a recurrent layer's W, U, b or Wi, Ui, bi, …), each
 * value of the parameter's shape. `declared`: each layer's parameters.
 */
export function resolveWeights(weights: unknown, declared: readonly (readonly ParameterDeclaration[])[]): Record<string, number[]> {
  const path = ['worked', 'weights'];
  const count = declared.length;
  if (!Array.isArray(weights) || weights.length !== count) {
    fail(path, `worked.weights must have one entry per layer (${count}), got ${show(weights)}`,
      `give the parameters of layers 1 to ${count}: ${declared.flat().map(describeShape).join(', ')}`);
  }
  const params: Record<string, number[]> = {};
  weights.forEach((entry: unknown, i: number) => {
    const at = [...path, i];
    const own = declared[i];
    const keys = own.map((p) => keyOf(p, i + 1));
    const shapes = own.map(describeShape).join(' and ');
    const e = record(entry, at, `worked.weights[${i}]`, `write { ${keys.join(', ')} }: ${shapes}`);
    checkKeys(e, at, keys, `worked weights field of layer ${i + 1}`, WEIGHTS_ALIASES, (key) => (
      key === 'b' ? `layer ${i + 1} has no bias (bias: false): remove b` : undefined));
    own.forEach((p, k) => {
      params[p.name] = shaped(required(e, keys[k], at, `worked.weights[${i}]`, `add ${keys[k]}: ${shapes}`), [...at, keys[k]], p, shapes);
    });
  });
  return params;
}

/** W1 → W: the name a layer's worked object uses. */
function keyOf(p: ParameterDeclaration, l: number): string {
  return p.name.endsWith(String(l)) ? p.name.slice(0, -String(l).length) : p.name;
}

function describeShape(p: ParameterDeclaration): string {
  if (p.shape.length === 0) return `${p.name} is one number (shared by the layer's units)`;
  if (p.shape.length === 1) return `${p.name} has ${counted(p.shape[0], 'entry', 'entries')}`;
  return `${p.name} is ${p.shape.join('×')} (a row of ${p.shape[1]} weights per unit)`;
}

/** A value of the parameter's shape (a number; a list; a list of rows), flattened row-major. */
function shaped(value: unknown, path: SpecPath, p: ParameterDeclaration, hint: string): number[] {
  if (p.shape.length === 0) {
    // one shared number: 0.35, or [0.35]
    const v = Array.isArray(value) && value.length === 1 ? value[0] : value;
    if (!isFiniteNumber(v)) fail(path, `${p.name} must be one number, got ${show(value)}`, hint);
    return [v];
  }
  if (p.shape.length === 1) return numbers(value, path, p.name, p.shape[0], hint);
  const [units, fanIn] = p.shape;
  if (!Array.isArray(value) || value.length !== units) fail(path, `${p.name} must have ${counted(units, 'row')}, got ${show(value)}`, hint);
  return value.flatMap((row: unknown, r: number) => numbers(row, [...path, r], `row ${r + 1} of ${p.name}`, fanIn, hint));
}

/** One row of `length` numbers, or a non-empty list of such rows. */
export function rows(value: unknown, path: SpecPath, name: string, length: number, hint: string): number[][] {
  if (Array.isArray(value) && value.length > 0 && value.every((v) => Array.isArray(v))) {
    return value.map((row: unknown, r: number) => numbers(row, [...path, r], `${name}[${r}]`, length, hint));
  }
  return [numbers(value, path, name, length, hint)];
}

/** An array of `length` finite numbers; a wrong entry is reported at its index. */
export function numbers(value: unknown, path: SpecPath, name: string, length: number, hint: string): number[] {
  if (!Array.isArray(value) || value.length !== length) {
    fail(path, `${name} must be an array of ${counted(length, 'number')}, got ${show(value)}`, hint);
  }
  value.forEach((v: unknown, i: number) => {
    if (!isFiniteNumber(v)) fail([...path, i], `${name}[${i}] must be a finite number, got ${show(v)}`, hint);
  });
  return [...value] as number[];
}

/** bce targets in [0, 1]; cce targets a distribution. */
export function checkTarget(targets: readonly number[], path: SpecPath, loss: Loss): void {
  if (loss === 'bce') {
    const k = targets.findIndex((t) => t < 0 || t > 1);
    if (k >= 0) fail([...path, k], `worked.y entry ${k} must be in [0, 1] for loss 'bce', got ${targets[k]}`,
      'binary cross-entropy targets are probabilities: 0 or 1 (or in between)');
  }
  if (loss === 'cce') {
    const k = targets.findIndex((t) => t < 0);
    const sum = targets.reduce((s, t) => s + t, 0);
    if (k >= 0 || Math.abs(sum - 1) > 1e-9) {
      fail(k >= 0 ? [...path, k] : path, `worked.y must be a distribution over the classes for loss 'cce' (entries ≥ 0, sum 1)`,
        `use a one-hot target, e.g. y: [${targets.map((_t, c) => (c === 0 ? 1 : 0)).join(', ')}]`);
    }
  }
}
