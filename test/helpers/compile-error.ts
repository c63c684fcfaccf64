import { expect } from 'vitest';
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
