// The code under test: compile an expression with nncompile (dist/), emit
// the TypeScript module, transpile it with `typescript` and import it.
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

let compiler;
/** The public in-memory API of dist/, loaded lazily so a missing build gives a clear message. */
async function nncompile() {
  if (!compiler) {
    try {
      compiler = await import('../dist/index.js');
    } catch (error) {
      throw new Error(`cannot load nncompile from dist/ (run \`npm run build\` first): ${error.message}`);
    }
  }
  return compiler;
}

/** compileExpression (the public API): the generated TypeScript source. */
export async function generateTypeScript(item) {
  const { compileExpression } = await nncompile();
  const { files } = await compileExpression(item.source, {
    name: item.name,
    wrt: item.variables,
    fileName: 'bench/suite.mjs',
    command: 'npm run bench',
  });
  return files[0].content;
}

const dir = mkdtempSync(join(tmpdir(), 'nncompile-bench-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/**
 * The generated module, imported: { value: E, grad: E_grad, typescript, vector }.
 * With many variables the module also has E_v / E_grad_v taking the point as
 * one Float64Array (the same interface as the hand-written code); then those
 * are returned and `vector` is true.
 */
export async function loadGenerated(item) {
  const typescript = await generateTypeScript(item);
  const { outputText } = ts.transpileModule(typescript, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const file = join(dir, `${item.id}.mjs`);
  writeFileSync(file, outputText);
  const module = await import(pathToFileURL(file).href);
  const vector = typeof module[`${item.name}_grad_v`] === 'function';
  const value = module[vector ? `${item.name}_v` : item.name];
  const grad = module[vector ? `${item.name}_grad_v` : `${item.name}_grad`];
  if (typeof value !== 'function' || typeof grad !== 'function') {
    throw new Error(`generated module for ${item.id} lacks ${item.name} or ${item.name}_grad`);
  }
  return { value, grad, typescript, vector };
}
