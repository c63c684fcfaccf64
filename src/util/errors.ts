/** Where in the user's input something went wrong (1-based line and column). */
export interface SourceLocation {
  readonly file?: string;
  readonly line: number;
  readonly column: number;
  /** The full text of that line, shown with a caret under the column. */
  readonly lineText: string;
}

/**
 * An error in the user's input: a message, the place, and what to do.
 * Everything a user can get wrong is reported this way; anything else is a bug.
 */
export class CompileError extends Error {
  constructor(
    message: string,
    readonly location?: SourceLocation,
    readonly hint?: string,
    /** The option of a model spec the error is about (e.g. 'wrt'), when it has no column. */
    readonly option?: string,
    /**
     * Where in a spec value the mistake is, as keys and array indices from the
     * spec's root (e.g. ['layers', 0, 'activation']); mapped to model.ts by
     * ModelSource.locatePath.
     */
    readonly path?: readonly (string | number)[],
  ) {
    super(message);
    this.name = 'CompileError';
  }

  /** The same error at another place (used to map an expression column into model.ts). */
  at(location: SourceLocation): CompileError {
    return new CompileError(this.message, location, this.hint, this.option, this.path);
  }
}

/**
 * An error about a key itself (unknown, misspelled or not allowed there):
 * model.ts points at the key rather than at its value.
 */
export class SpecKeyError extends CompileError {}

/** `file:line:col: error: message`, the line with a caret, and the hint (`warning:` for a warning). */
export function formatCompileError(error: CompileError, severity: 'error' | 'warning' = 'error'): string {
  const loc = error.location;
  const lines: string[] = [];
  if (loc) {
    const where = loc.file ? `${loc.file}:${loc.line}:${loc.column}` : `column ${loc.column}`;
    lines.push(`${where}: ${severity}: ${error.message}`);
    lines.push(`  ${loc.lineText}`);
    lines.push(`  ${' '.repeat(Math.max(0, loc.column - 1))}^`);
  } else {
    lines.push(`${severity}: ${error.message}`);
  }
  if (error.hint) lines.push(`hint: ${error.hint}`);
  return lines.join('\n');
}
