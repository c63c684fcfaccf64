import { expect } from 'vitest';
import { compileModel } from '../../src/driver/compile-model.js';
import { CompileError, formatCompileError } from '../../src/util/errors.js';

/** The CompileError `run` throws (fails the test if it throws anything else or nothing). */
export async function compileErrorOf(run: () => unknown): Promise<CompileError> {
  try {
    await run();
  } catch (e) {
    expect(e).toBeInstanceOf(CompileError);
    return e as CompileError;
  }
  return expect.fail('expected a CompileError, but nothing was thrown');
}

/** A model.ts in memory: the DSL import on line 1, then `declarations` from line 2 on. */
export function modelOf(declarations: string): { text: string; fileName: string } {
  return { text: `import { expr, dense, network } from 'nncompile';\n${declarations}\n`, fileName: 'model.ts' };
}

/** 1-based column of `needle` on the first line of `declarations`. */
export function columnOf(declarations: string, needle: string): number {
  return declarations.split('\n')[0].indexOf(needle) + 1;
}

/** What a located error must say and where: the caret under the first character of `at` on the model's line 2. */
export interface LineError {
  readonly at: string;
  readonly message: RegExp;
  readonly hint?: RegExp;
}

/** Compiling `line` as line 2 of a model (`after` on the lines below it) fails with the message and hint at `at`. */
export async function expectErrorOnLine2(line: string, { at, message, hint }: LineError, after = ''): Promise<CompileError> {
  const error = await compileErrorOf(() => compileModel(modelOf(after === '' ? line : `${line}\n${after}`)));
  expect(error.message).toMatch(message);
  if (hint !== undefined) expect(error.hint).toMatch(hint);
  expect(error.location).toMatchObject({ line: 2, column: columnOf(line, at) });
  return error;
}

/** A function model that must not compile: `@` in `model` marks where the error must point (removed before compiling). */
export interface MarkedError {
  readonly what: string;
  /** The model after the import line of `differentiable`. */
  readonly model: string;
  readonly message: RegExp;
  readonly hint: RegExp;
}

const DIFFERENTIABLE_IMPORT = "import { differentiable } from 'nncompile';\n";

/** Compiling the model fails with the message and hint at the `@`, shown with its line and a caret under that column. */
export async function expectMarkedError({ model, message, hint }: MarkedError): Promise<CompileError> {
  const text = DIFFERENTIABLE_IMPORT + model.replace('@', '');
  const marked = DIFFERENTIABLE_IMPORT + model;
  const before = marked.slice(0, marked.indexOf('@')).split('\n');
  const line = before.length;
  const column = before[before.length - 1].length + 1;
  const error = await compileErrorOf(() => compileModel({ text, fileName: 'model.ts' }));
  expect(error.message).toMatch(message);
  expect(error.hint).toMatch(hint);
  expect(error.location).toMatchObject({ file: 'model.ts', line, column });
  const shown = formatCompileError(error).split('\n');
  expect(shown[0]).toBe(`model.ts:${line}:${column}: error: ${error.message}`);
  expect(shown[1]).toBe(`  ${text.split('\n')[line - 1]}`);
  expect(shown[2]).toBe(`${' '.repeat(2 + column - 1)}^`);
  return error;
}
