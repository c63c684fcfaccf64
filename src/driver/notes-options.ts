import { isNotesSpec, type NotesOptions } from '../dsl/notes.js';
import { DEFAULT_DIGITS, digitsProblem } from '../backends/doc/number-format.js';
import type { ModelSource } from '../frontends/model-source.js';
import { CompileError } from '../util/errors.js';

const KNOWN_OPTIONS: readonly (keyof NotesOptions)[] = ['digits'];

/** The notes' options of a model file with every default filled in. */
export interface ResolvedNotesOptions {
  readonly digits: number;
}

/**
 * The model file's `notes({...})` export, checked: at most one, known
 * options only, `digits` a whole number in 1–17. Errors point at the export
 * or the option in model.ts; without the export, the defaults.
 */
export function notesOptionsAt(model: ModelSource | undefined, entries: readonly [string, unknown][]): ResolvedNotesOptions {
  const specs = entries.filter(([, spec]) => isNotesSpec(spec));
  const site = (name: string) => model?.exportSite(name);
  const locate = (error: CompileError, name: string, option?: string) => {
    const s = site(name);
    const node = s && ((option && model?.propertyOf(s.args[0], option)) || s.args[0] || s.declaration);
    return node && model ? error.at(model.locationOf(node)) : error;
  };
  if (specs.length > 1) {
    throw locate(new CompileError(`a model file has one notes(...) export; '${specs[0][0]}' is one already`, undefined,
      'merge the options into one notes({ ... })'), specs[1][0]);
  }
  if (specs.length === 0) return { digits: DEFAULT_DIGITS };
  const [name, spec] = specs[0];
  if (!isNotesSpec(spec)) return { digits: DEFAULT_DIGITS };
  return resolveNotesOptions(spec.options, (error, option) => locate(error, name, option));
}

/** `options` checked and completed; `locate` places an error (at the option it names). */
export function resolveNotesOptions(
  options: NotesOptions,
  locate: (error: CompileError, option?: string) => CompileError = (error) => error,
): ResolvedNotesOptions {
  const given = typeof options === 'object' && options !== null ? options : {};
  for (const key of Object.keys(given)) {
    if (!(KNOWN_OPTIONS as readonly string[]).includes(key)) {
      throw locate(new CompileError(`notes has no option '${key}'`, undefined, `its options: ${KNOWN_OPTIONS.join(', ')}`), key);
    }
  }
  const digits = given.digits ?? DEFAULT_DIGITS;
  const problem = digitsProblem(digits);
  if (problem) throw locate(new CompileError(problem, undefined, 'e.g. notes({ digits: 4 })', 'digits'), 'digits');
  return { digits };
}
