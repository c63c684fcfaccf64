// Model files written to a temporary folder, and the checks that a compile
// error sits at the expected file:line:col with its caret and hint and that
// nothing was written: shared by the tests of bad feedforward and sequence specs.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, expect } from 'vitest';
import { compileModelFile } from '../../src/driver/model-file.js';
import { formatCompileError } from '../../src/util/errors.js';
import { compileErrorOf } from './compile-error.js';

/** A fresh temporary folder for this test file's models, removed after its tests. */
export function modelFolder(prefix: string): (source: string) => { path: string; outDir: string } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let count = 0;
  /** Writes a model file to a fresh folder; the output folder inside it does not exist yet. */
  return (source) => {
    const dir = join(root, `case-${++count}`);
    const path = join(dir, 'model.ts');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, source);
    return { path, outDir: join(dir, 'out') };
  };
}

/** 1-based line and column of a character offset of a text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Where the caret must be: the first character of `at` (inside `within`, when `at` alone is ambiguous). */
export function expectedOffset(source: string, at: string, within?: string): number {
  const anchor = within ?? at;
  const start = source.indexOf(anchor);
  expect(start, `'${anchor}' is in the fixture`).toBeGreaterThanOrEqual(0);
  expect(source.lastIndexOf(anchor), `'${anchor}' is unique in the fixture`).toBe(start);
  const inner = anchor.indexOf(at);
  expect(inner, `'${at}' is inside '${anchor}'`).toBeGreaterThanOrEqual(0);
  return start + inner;
}

/** How the model files of one test file export their network: the DSL names imported, the export, its base spec. */
export interface SpecModelShape {
  /** What `import { … } from 'nncompile'` names. */
  readonly imports: string;
  /** The comment above the export: what the model is. */
  readonly what: string;
  readonly name: string;
  /** The spec's fields as source text, in order. */
  readonly base: Readonly<Record<string, string>>;
}

/**
 * A writer of model.ts sources exporting one network: the base spec with
 * some fields replaced, dropped (undefined) or added, after a `preamble`
 * (lines between the import and the export).
 */
export function specModel({ imports, what, name, base }: SpecModelShape) {
  return (fields: Readonly<Record<string, string | undefined>>, preamble = ''): string => {
    const lines = Object.entries({ ...base, ...fields })
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([key, value]) => `  ${key}: ${value},`);
    return `import { ${imports} } from 'nncompile';\n${preamble}\n// ${what}\nexport const ${name} = network({\n${lines.join('\n')}\n});\n`;
  };
}

export function expectNothingWritten(outDir: string): void {
  expect(existsSync(outDir) ? readdirSync(outDir) : []).toEqual([]);
}

/** A model with one mistake: where the caret must be, and what the message and hint say. */
export interface BadModel {
  readonly source: string;
  /** The text the caret must sit under (its first character). */
  readonly at: string;
  readonly within?: string;
  readonly message: RegExp;
  readonly hint: RegExp;
}

/** Compiling the model fails at `at`, formatted with the source line, a caret and the hint; nothing is written. */
export async function expectErrorAt(writeModel: (source: string) => { path: string; outDir: string }, bad: BadModel): Promise<void> {
  const { source, at, within, message, hint } = bad;
  const { path, outDir } = writeModel(source);
  const error = await compileErrorOf(() => compileModelFile(path, { outDir }));
  expect(error.message).toMatch(message);
  expect(error.hint).toMatch(hint);

  const expected = lineColumn(source, expectedOffset(source, at, within));
  const file = relative(process.cwd(), resolve(path)).split('\\').join('/');
  expect(error.location).toMatchObject({ file, ...expected, lineText: source.split('\n')[expected.line - 1] });

  const lines = formatCompileError(error).split('\n');
  expect(lines[0]).toBe(`${file}:${expected.line}:${expected.column}: error: ${error.message}`);
  expect(lines[2]).toBe(`  ${' '.repeat(expected.column - 1)}^`);
  expect(lines[3]).toBe(`hint: ${error.hint}`);
  expectNothingWritten(outDir);
}
