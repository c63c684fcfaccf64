import * as prettier from 'prettier';

/** The one prettier configuration for generated code (prettier's version is pinned exactly). */
export function formatTypeScript(code: string): Promise<string> {
  return prettier.format(code, { parser: 'typescript', printWidth: 100, singleQuote: true });
}

/** A number as a TypeScript literal: shortest round-trip form, so output is byte-stable. */
export function numberLiteral(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  return value < 0 ? `(${value})` : String(value);
}
