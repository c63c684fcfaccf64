/** How the derivation notes of a model file print (one `notes(...)` export per model file). */
export interface NotesOptions {
  /**
   * Significant digits of every computed number in the notes (1–17, default 6):
   * 0.741365 at 6, 0.7414 at 4. Integers and short decimals print exactly;
   * the generated code and the notes' JSON companion keep full precision.
   */
  readonly digits?: number;
}

/** What `notes(...)` returns: read by nncompile, nothing happens at run time. */
export interface NotesSpec {
  readonly kind: 'notes';
  readonly options: NotesOptions;
}

/**
 * The notes' options for the whole model file, e.g.
 * `export const printing = notes({ digits: 4 })`.
 */
export function notes(options: NotesOptions): NotesSpec {
  return { kind: 'notes', options };
}

export function isNotesSpec(value: unknown): value is NotesSpec {
  return typeof value === 'object' && value !== null && (value as NotesSpec).kind === 'notes';
}
