import type { Loss } from '../../dsl/network.js';
import type { ParameterDeclaration } from './layers/layer-kind.js';
import { checkKeys, checkNumber, fail, isPresent, positiveInteger, record, required, show, type SpecPath } from './spec-checks.js';
import { checkTarget, numbers, resolveWeights } from './worked-spec.js';
import { counted } from '../../util/plural.js';

/** The notes print every number of every step of every sequence: a limit keeps them a handout. */
export const MAX_WORKED_STEPS = 6;
const MAX_WORKED_SEQUENCES = 4;
/** Training steps on the worked sequences at most (the first is worked in numbers; the others are a row of losses each). */
const MAX_TRAINING_STEPS = 100;

const SEQUENCE_WORKED_ALIASES: Readonly<Record<string, string>> = {
  params: 'weights', parameters: 'weights', iterations: 'steps', epochs: 'steps', nsteps: 'steps', input: 'x', inputs: 'x', sequence: 'x', sequences: 'x', target: 'y', targets: 'y',
  label: 'y', output: 'y',
};

/** A sequence network's worked example, checked: every parameter's value and the sequences with their targets. */
export interface ResolvedSequenceWorked {
  /** The given value of every parameter array, by its layout name (W1, U1, b1, W2, …), row-major. */
  readonly params: Readonly<Record<string, readonly number[]>>;
  /** The sequences (n of them, all T steps long), each T rows of F features. */
  readonly x: readonly (readonly (readonly number[])[])[];
  /** Each sequence's target: one row (many-to-one) or T rows (many-to-many) of the outputs. */
  readonly y: readonly (readonly (readonly number[])[])[];
  /** Training steps taken on the sequences (validation fills in 1 unless the model asks for more; absent: 1). */
  readonly steps?: number;
}

/** What the check needs to know of the network. */
export interface SequenceWorkedShape {
  /** Features per step (F). */
  readonly features: number;
  /** Units of the output layer. */
  readonly outputs: number;
  readonly manyToMany: boolean;
  readonly loss: Loss;
  /** Each layer's parameters (recurrent layers, then the head). */
  readonly declared: readonly (readonly ParameterDeclaration[])[];
}

/**
 * Checks `worked` of a sequence network: `weights` one object per layer
 * (an Elman layer's { W, U, b }, an LSTM's { Wi, Ui, bi, Wf, … }, a dense
 * layer's { W, b }), `x` one sequence (T rows of F numbers; T numbers when
 * F = 1) or a mini-batch (a list of sequences of the same T, each in either
 * form), `y` the
 * target of each sequence (one row, or one row per step for a many-to-many
 * network). Every mistake is located at its path, with a hint.
 */
export function resolveSequenceWorked(value: unknown, shape: SequenceWorkedShape): ResolvedSequenceWorked {
  const path = ['worked'];
  const { features: F, outputs, manyToMany } = shape;
  const w = record(value, path, 'worked',
    'worked is { weights: one object per layer, x: one sequence (T rows of F numbers) or a list of sequences, y: their targets }');
  checkKeys(w, path, ['weights', 'x', 'y', 'steps'], 'worked option', SEQUENCE_WORKED_ALIASES);
  const params = resolveWeights(required(w, 'weights', path, 'worked', 'add weights: one object per layer, e.g. { W, U, b } for rnn(…), { W, b } for dense(…)'),
    shape.declared);
  const rowHint = `each step of a sequence is ${counted(F, 'number')} (inputs: { sequence: ${F} })`;
  const xValue = required(w, 'x', path, 'worked', `add x: one sequence, ${F === 1 ? 'e.g. x: [0.5, -0.1, 0.3] (T = 3 steps)' : `T rows of ${F} numbers`}`);
  const batch = isBatch(xValue, F);
  const sequences = batch ? (xValue as unknown[]) : [xValue];
  if (batch && (sequences.length === 0 || sequences.length > MAX_WORKED_SEQUENCES)) {
    fail([...path, 'x'], `worked.x has ${sequences.length} sequences`, `give 1 to ${MAX_WORKED_SEQUENCES} sequences (the notes print every number of each)`);
  }
  const x = sequences.map((s, k) => stepRows(s, batch ? [...path, 'x', k] : [...path, 'x'], 'worked.x', F, rowHint));
  const T = x[0].length;
  x.forEach((s, k) => {
    const at = batch ? [...path, 'x', k] : [...path, 'x'];
    if (s.length < 1 || s.length > MAX_WORKED_STEPS) {
      fail(at, `a worked sequence has ${s.length} steps`, `give 1 to ${MAX_WORKED_STEPS} steps (T = 2 or 3 reads best: the notes print every number of every step)`);
    }
    if (s.length !== T) fail(at, `worked sequence ${k + 1} has ${s.length} steps but sequence 1 has ${T}`, 'give every sequence of the mini-batch the same number of steps');
  });
  const targetRows = manyToMany ? T : 1;
  const yHint = manyToMany
    ? `a many-to-many network's target is one row of ${counted(outputs, 'number')} per step (${counted(T, 'row')})`
    : `the target is one row of ${counted(outputs, 'number')} (the output after the last step)`;
  const yValue = required(w, 'y', path, 'worked', `add y: ${yHint}`);
  if (batch && (!Array.isArray(yValue) || yValue.length !== x.length)) {
    fail([...path, 'y'], `worked.y must give one target per sequence (${x.length}), got ${show(yValue)}`, yHint);
  }
  const targets = batch ? (yValue as unknown[]) : [yValue];
  const y = targets.map((target, k) => {
    const at = batch ? [...path, 'y', k] : [...path, 'y'];
    const rows = targetRowsOf(target, at, targetRows, outputs, yHint);
    rows.forEach((row, r) => checkTarget(row, targetRows === 1 && !Array.isArray((target as unknown[])[0]) ? at : [...at, r], shape.loss));
    return rows;
  });
  if (isPresent(w, 'steps')) {
    checkNumber(w.steps, [...path, 'steps'], 'worked.steps', (k) => positiveInteger(k) && k <= MAX_TRAINING_STEPS, `an integer from 1 to ${MAX_TRAINING_STEPS}`,
      'steps is how many training steps the notes take on the worked sequences (the first worked in numbers, the loss after each), e.g. steps: 5');
  }
  return { params, x, y, steps: (w.steps as number | undefined) ?? 1 };
}

/**
 * A list of sequences rather than one: nested three deep (sequences of steps
 * of features); with one feature per step also a list of sequences written as
 * T numbers each, as one sequence is — every entry a list of more than one
 * number ([[1], [2]] stays one sequence of two steps, the form of T rows of F).
 */
function isBatch(value: unknown, F: number): boolean {
  if (!Array.isArray(value) || !Array.isArray(value[0])) return false;
  if (Array.isArray(value[0][0])) return true;
  return F === 1 && value.every((s) => Array.isArray(s) && s.length > 1 && s.every((v) => typeof v === 'number'));
}

/** T rows of F numbers; T numbers when F = 1. */
function stepRows(value: unknown, path: SpecPath, name: string, F: number, hint: string): number[][] {
  if (Array.isArray(value) && value.length > 0 && value.every((v) => Array.isArray(v))) {
    return value.map((row: unknown, t: number) => numbers(row, [...path, t], `${name} step ${t + 1}`, F, hint));
  }
  if (F === 1 && Array.isArray(value)) return numbers(value, path, name, value.length, hint).map((v) => [v]);
  fail(path, `${name} must be a sequence: a list of steps of ${counted(F, 'number')} each, got ${show(value)}`, hint);
}

/** `count` rows of `width` numbers: a list of rows, one row when count is 1, or `count` numbers when width is 1. */
function targetRowsOf(value: unknown, path: SpecPath, count: number, width: number, hint: string): number[][] {
  let rows: number[][];
  if (Array.isArray(value) && value.length > 0 && value.every((v) => Array.isArray(v))) {
    rows = value.map((row: unknown, r: number) => numbers(row, [...path, r], `worked.y row ${r + 1}`, width, hint));
  } else if (count === 1) {
    rows = [numbers(value, path, 'worked.y', width, hint)];
  } else if (width === 1 && Array.isArray(value)) {
    rows = numbers(value, path, 'worked.y', value.length, hint).map((v) => [v]);
  } else {
    fail(path, `worked.y must be ${counted(count, 'row')} of ${counted(width, 'number')}, got ${show(value)}`, hint);
  }
  if (rows.length !== count) fail(path, `worked.y has ${counted(rows.length, 'row')} but needs ${count}`, hint);
  return rows;
}
