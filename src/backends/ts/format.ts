import { format } from 'prettier/standalone';
import * as estree from 'prettier/plugins/estree';
import * as babel from 'prettier/plugins/babel';

/**
 * The one prettier configuration for generated code (prettier's version is pinned exactly).
 * Prettier's standalone formatter with the two plugins TypeScript needs: the same output as
 * `prettier`'s main entry, without loading its configuration and file-handling part at start-up.
 * The code is parsed by Babel's TypeScript parser ('babel-ts'), not prettier's bundle of the
 * TypeScript compiler ('typescript'): the same printer prints the same code from either (every
 * golden file is byte for byte what 'typescript' gave), and Babel's plugin is a third of the size,
 * faster to load and to run cold (a cold `nncompile` formats one module).
 */
export function formatTypeScript(code: string): Promise<string> {
  return format(code, { parser: 'babel-ts', printWidth: 100, singleQuote: true, plugins: [estree, babel] });
}

/** A number as a TypeScript literal: shortest round-trip form, so output is byte-stable. */
export function numberLiteral(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  return value < 0 ? `(${value})` : String(value);
}
