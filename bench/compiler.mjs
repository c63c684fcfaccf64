// What every benchmark needs from nncompile: the public API of the built package
// (dist/), with a clear message when it is not built, and a scratch folder
// removed when the process exits.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

/** The package's public API (`compileModel`, `compileExpression`, …) from dist/; exits with a message when missing. */
export async function loadCompiler() {
  try {
    return await import('../dist/index.js');
  } catch (error) {
    console.error(`cannot load nncompile from dist/ (run \`npm run build\` first): ${error.message}`);
    process.exit(1);
  }
}

/** A fresh temporary folder for generated files, deleted at exit. */
export function scratchFolder(prefix) {
  const dir = mkdtempSync(join(os.tmpdir(), prefix));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
