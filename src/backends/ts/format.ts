import { format } from 'prettier/standalone';
import * as estree from 'prettier/plugins/estree';
import * as typescript from 'prettier/plugins/typescript';

/**
 * The one prettier configuration for generated code (prettier's version is pinned exactly).
 * Prettier's standalone formatter with the two plugins TypeScript needs: the same output as
 * `prettier`'s main entry, without loading its configuration and file-handling part at start-up.
 */
export function formatTypeScript(code: string): Promise<string> {
  return format(code, { parser: 'typescript', printWidth: 100, singleQuote: true, plugins: [estree, typescript] });
}

/** A number as a TypeScript literal: shortest round-trip form, so output is byte-stable. */
export function numberLiteral(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  return value < 0 ? `(${value})` : String(value);
}
