import { CompileError } from '../../util/errors.js';

/**
 * The checks a spec value goes through, shared by validate.ts and the layer
 * modules: every failure is a CompileError with the `path` of the offending
 * value (model-file maps it to file:line:col) and a hint.
 */

export type SpecPath = readonly (string | number)[];

/**
 * An error about a key itself (unknown, misspelled or not allowed there):
 * model.ts points at the key rather than at its value.
 */
export class SpecKeyError extends CompileError {}

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

export function normalize(word: string): string {
  return word.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Optimal string alignment distance (edits, with adjacent transpositions: 'tahn' → 'tanh' is 1). */
export function editDistance(a: string, b: string): number {
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
