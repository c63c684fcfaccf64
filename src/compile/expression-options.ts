import type { ExprOptions } from '../dsl/expr.js';
import { firstNonFiniteStep, stepCall } from './non-finite.js';
import { type GeneratedForm, type GeneratedNumbers } from './as-generated.js';
import { CompileError } from '../util/errors.js';
import { didYouMean, SpecKeyError } from './network/validate.js';

/**
 * Checks the options of `expr(source, options)` as model.ts produced them at
 * run time (types are not checked when a model compiles), like network specs:
 * an unknown key (`hesian`) or a value of the wrong kind (`wrt: 'x'`) is a
 * CompileError whose `path` leads to the key or value in model.ts.
 */
const OPTION_KEYS = ['wrt', 'at', 'hessian', 'descent'] as const;
const DESCENT_KEYS = ['steps', 'lr'] as const;
/** At most this many descent steps: the notes print one table row per step. */
export const MAX_DESCENT_STEPS = 200;

export function validateExprOptions(options: unknown): ExprOptions {
  if (options === undefined) return {};
  const o = optionsObject(options, 'expr', OPTION_KEYS, "expr('x*y', { wrt: ['x', 'y'], at: { x: 1, y: 2 }, hessian: true })");
  if (o.wrt !== undefined && (!Array.isArray(o.wrt) || o.wrt.some((v) => typeof v !== 'string'))) {
    throw new CompileError('wrt must be an array of variable names', undefined,
      `write wrt: [${typeof o.wrt === 'string' ? `'${o.wrt}'` : "'x', 'y'"}]`, undefined, ['wrt']);
  }
  if (o.hessian !== undefined && typeof o.hessian !== 'boolean') {
    throw new CompileError('hessian must be true or false', undefined, 'write hessian: true', undefined, ['hessian']);
  }
  if (o.at !== undefined) {
    if (typeof o.at !== 'object' || o.at === null || Array.isArray(o.at)) {
      throw new CompileError('at must be an object of numbers', undefined, 'write at: { x: 1, y: 2 }', undefined, ['at']);
    }
    for (const [v, value] of Object.entries(o.at)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new CompileError(`at: the value of '${v}' must be a finite number, got ${typeof value === 'string' ? `'${value}'` : String(value)}`, undefined, `write at: { ${v}: 1 }`, undefined, ['at', v]);
      }
    }
  }
  if (o.descent !== undefined) validateDescent(o.descent, o.at !== undefined);
  return o as ExprOptions;
}

/**
 * The options object of `what` (expr, differentiable) with only the keys
 * `keys`: otherwise an error at the options, or at the unknown key with a did-you-mean.
 */
export function optionsObject(options: unknown, what: string, keys: readonly string[], example: string): Readonly<Record<string, unknown>> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new CompileError(`the options of ${what} must be an object, got ${Array.isArray(options) ? 'an array' : typeof options}`, undefined,
      example, undefined, []);
  }
  const o = options as Readonly<Record<string, unknown>>;
  for (const key of Object.keys(o)) {
    if (keys.includes(key)) continue;
    const meant = didYouMean(key, keys);
    throw new SpecKeyError(`unknown option '${key}' of ${what}`, undefined,
      `${meant ? `did you mean '${meant}'? ` : ''}the options are ${keys.join(', ')}`, undefined, [key]);
  }
  return o;
}

/** `descent: { steps, lr }`: a whole number of steps in 1…MAX_DESCENT_STEPS, a positive finite rate, and a point to start from. */
export function validateDescent(descent: unknown, hasPoint: boolean): void {
  const example = 'write descent: { steps: 10, lr: 0.1 }';
  if (typeof descent !== 'object' || descent === null || Array.isArray(descent)) {
    throw new CompileError('descent must be an object { steps, lr }', undefined, example, 'descent', ['descent']);
  }
  const d = descent as Readonly<Record<string, unknown>>;
  for (const key of Object.keys(d)) {
    if ((DESCENT_KEYS as readonly string[]).includes(key)) continue;
    const meant = didYouMean(key, DESCENT_KEYS);
    throw new SpecKeyError(`unknown option '${key}' of descent`, undefined,
      `${meant ? `did you mean '${meant}'? ` : ''}the options are steps (how many) and lr (the learning rate)`, 'descent', ['descent', key]);
  }
  const { steps, lr } = d;
  if (steps === undefined || lr === undefined) {
    throw new CompileError(`descent needs ${steps === undefined ? 'steps' : 'lr'}`, undefined, example, 'descent', ['descent']);
  }
  if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 1 || steps > MAX_DESCENT_STEPS) {
    throw new CompileError(`descent: steps must be a whole number from 1 to ${MAX_DESCENT_STEPS}, got ${String(steps)}`, undefined,
      'write steps: 10', 'descent', ['descent', 'steps']);
  }
  if (typeof lr !== 'number' || !Number.isFinite(lr) || lr <= 0) {
    throw new CompileError(`descent: lr must be a positive number, got ${String(lr)}`, undefined, 'write lr: 0.1', 'descent', ['descent', 'lr']);
  }
  if (!hasPoint) {
    throw new SpecKeyError('descent starts from the point at, which is not given', undefined,
      'add the starting point: at: { x: 1, y: 2 }', 'descent', ['descent']);
  }
}

/** A point's variables must be the expression's: a value for another name is a mistake (a typo, or a stale option). */
export function checkPointVariables(at: Readonly<Record<string, number>>, variables: readonly string[]): void {
  for (const v of Object.keys(at)) {
    if (variables.includes(v)) continue;
    const meant = didYouMean(v, variables);
    throw new SpecKeyError(`at gives a value for '${v}', which is not a variable of the expression`, undefined,
      `${meant ? `did you mean '${meant}'? ` : ''}the variables are ${variables.join(', ') || '(none)'}`, undefined, ['at', v]);
  }
}

/**
 * Domain errors at the worked point (1/x at 0, log of a negative number):
 * the value or a derivative there, as the generated code computes it (`at`:
 * the form's roots, value then gradient — a branch not taken is not computed,
 * so not a domain error), is ∞ or NaN, which the notes would print silently. Gives a warning naming the first step that leaves the finite
 * numbers (its inputs finite, its result not), or none.
 */
export function pointWarning(
  form: GeneratedForm,
  at: GeneratedNumbers,
  variables: readonly string[],
  values: Readonly<Record<string, number>>,
): CompileError | undefined {
  const [value, ...gradient] = at.numbers;
  const what = !Number.isFinite(value) ? 'the value'
    : gradient.map((g, i) => (Number.isFinite(g) ? undefined : `the derivative with respect to ${variables[i]}`)).find((d) => d !== undefined);
  if (what === undefined) return undefined;
  const where = variables.map((v) => `${v} = ${values[v]}`).join(', ');
  const first = firstNonFiniteStep(form.graph, at.computed);
  const step = first === undefined ? '' : `: ${stepCall(form.graph, first)} = ${first.value}`;
  return new CompileError(`at ${where} ${what} is not a finite number${step}`, undefined,
    'the point is outside the domain of the expression (a division by zero, a log or square root of a negative number, …): choose another point',
    'at');
}
