// What every benchmark needs from nncompile: the public API of the built package
// (dist/), with a clear message when it is not built, a scratch folder
// removed when the process exits, and a model compiled into an importable trainer.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

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

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * A network model file compiled in memory (compileModel) and its generated
 * TypeScript transpiled into `tmp` and imported: returns the exported class
 * `className`, the compile time and the generated module's line count.
 */
export async function compileTrainer(path, className, tmp, command) {
  const { compileModel } = await loadCompiler();
  const t0 = performance.now();
  const result = await compileModel({ text: readFileSync(path, 'utf8'), fileName: relative(root, path), path, command });
  const compileMs = performance.now() - t0;
  const source = result.files.find((f) => f.name.endsWith('.ts')).content;
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const mjs = join(tmp, `${basename(path, '.ts')}.mjs`);
  writeFileSync(mjs, outputText);
  const module = await import(pathToFileURL(mjs).href);
  const Trainer = module[className];
  if (typeof Trainer !== 'function') throw new Error(`${relative(root, path)}: no exported class ${className}`);
  return { Trainer, compileMs, lines: source.split('\n').length };
}
