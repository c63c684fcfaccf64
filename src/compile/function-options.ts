import type { DifferentiableOptions } from '../dsl/differentiable.js';
import { CompileError } from '../util/errors.js';
import { optionsObject, validateDescent } from './expression-options.js';

/**
 * Checks the options of `differentiable(fn, options)` as model.ts produced
 * them at run time (types are not checked when a model compiles): an unknown
 * key (`hesian`, `lenghts`) or a value of the wrong kind is a CompileError
 * whose `path` leads to the key or value in model.ts. Which names `at` and
 * `lengths` may give is checked against the parameters later.
 */
const OPTION_KEYS = ['at', 'hessian', 'lengths', 'descent'] as const;

export function validateFunctionOptions(options: unknown): DifferentiableOptions {
  if (options === undefined) return {};
  const o = optionsObject(options, 'differentiable', OPTION_KEYS, 'differentiable((x: number) => x * x, { at: { x: 1 }, hessian: true })');
  if (o.hessian !== undefined && typeof o.hessian !== 'boolean') {
    throw new CompileError('hessian must be true or false', undefined, 'write hessian: true', undefined, ['hessian']);
  }
  for (const key of ['at', 'lengths'] as const) {
    const value = o[key];
    if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new CompileError(`${key} must be an object with an entry per parameter`, undefined,
        key === 'at' ? 'write at: { x: 1, v: [1, 2, 3] }' : 'write lengths: { v: 3 }', undefined, [key]);
    }
  }
  for (const [name, length] of Object.entries((o.lengths ?? {}) as Readonly<Record<string, unknown>>)) {
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 1) {
      throw new CompileError(`the length of '${name}' must be a positive integer, got ${String(length)}`, undefined,
        `e.g. lengths: { ${name}: 3 }`, undefined, ['lengths', name]);
    }
  }
  for (const [name, value] of Object.entries((o.at ?? {}) as Readonly<Record<string, unknown>>)) {
    const numbers = Array.isArray(value) ? value : [value];
    if (numbers.length === 0 || numbers.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
      throw new CompileError(`at: the value of '${name}' must be a finite number, or an array of them for a vector`, undefined,
        `write at: { ${name}: ${Array.isArray(value) ? '[1, 2, 3]' : '1'} }`, undefined, ['at', name]);
    }
  }
  if (o.descent !== undefined) validateDescent(o.descent, o.at !== undefined);
  return o as DifferentiableOptions;
}
