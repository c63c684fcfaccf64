import { CompileError, SpecKeyError } from '../../util/errors.js';
import { didYouMean } from '../../util/did-you-mean.js';

/**
 * The checks a spec value goes through, shared by validate.ts and the layer
 * modules: every failure is a CompileError with the `path` of the offending
 * value (model-file maps it to file:line:col) and a hint.
 */

export type SpecPath = readonly (string | number)[];

export { SpecKeyError } from '../../util/errors.js';
export { didYouMean, editDistance, normalize } from '../../util/did-you-mean.js';

export type Obj = Readonly<Record<string, unknown>>;

export function fail(path: SpecPath, message: string, hint: string): never {
  throw new CompileError(message, undefined, hint, undefined, path);
}

export function failKey(path: SpecPath, message: string, hint: string): never {
  throw new SpecKeyError(message, undefined, hint, undefined, path);
}

/** A value as the user would write it, for messages. */
export function show(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 37)}...` : value}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === undefined || value === null) return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'function') return 'a function';
  return 'an object';
}

export function quoteList(items: readonly string[]): string {
  return items.map((s) => `'${s}'`).join(', ');
}

export function record(value: unknown, path: SpecPath, what: string, hint: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path, `${what} must be an object, got ${show(value)}`, hint);
  }
  return value as Obj;
}

export function isPresent(obj: Obj, key: string): boolean {
  return obj[key] !== undefined;
}

export function required(obj: Obj, key: string, path: SpecPath, what: string, hint: string): unknown {
  if (!isPresent(obj, key)) fail(path, `${what} is missing '${key}'`, hint);
  return obj[key];
}

/**
 * Unknown keys of an options object are mistakes (a misspelled option would
 * otherwise be ignored silently): reported at the key, with the right name.
 */
export function checkKeys(
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

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * A number that must satisfy `ok`. A numeric string ('4') gets its own hint:
 * the value came quoted from JavaScript that the type checker did not see.
 */
export function checkNumber(value: unknown, path: SpecPath, name: string, ok: (n: number) => boolean, expected: string, hint: string): void {
  if (isFiniteNumber(value) && ok(value)) return;
  const quoted = typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
  fail(path, `${name} must be ${expected}, got ${show(value)}`,
    quoted ? `write the number without quotes: ${Number(value)}; ${hint}` : hint);
}

export const positiveInteger = (n: number) => Number.isSafeInteger(n) && n > 0;
export const inUnitInterval = (n: number) => n >= 0 && n < 1; // [0, 1)
export const inHalfOpenUnit = (n: number) => n > 0 && n <= 1; // (0, 1]
export const positive = (n: number) => n > 0;
export const nonNegative = (n: number) => n >= 0;

export function checkOptional(obj: Obj, key: string, path: SpecPath, name: string, ok: (n: number) => boolean, expected: string, hint: string): void {
  if (isPresent(obj, key)) checkNumber(obj[key], [...path, key], name, ok, expected, hint);
}

export function checkBoolean(value: unknown, path: SpecPath, name: string, hint: string): void {
  if (typeof value !== 'boolean') fail(path, `${name} must be true or false, got ${show(value)}`, hint);
}

/** One of a list of names; near misses get a did-you-mean. */
export function checkChoice(
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
export function quoteSuggestion(s: string): string {
  return s.startsWith("'") ? s : `'${s}'`;
}
