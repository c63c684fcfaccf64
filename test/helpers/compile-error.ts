import { expect } from 'vitest';
import { compileModel } from '../../src/driver/compile-model.js';
import { CompileError } from '../../src/util/errors.js';

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
