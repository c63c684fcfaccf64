// The code under test: compile an expression with nncompile (dist/), emit
// the TypeScript module, transpile it with `typescript` and import it.
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

let compiler;
/** dist/ entry points, loaded lazily so a missing build gives a clear message. */
async function nncompile() {
  if (!compiler) {
    try {
      const { compileExpression } = await import('../dist/compile/expression.js');
      compiler = { compileExpression, emitExpressionModule: await loadEmitter() };
    } catch (error) {
      throw new Error(`cannot load nncompile from dist/ (run \`npm run build\` first): ${error.message}`);
    }
  }
  return compiler;
}

/** emitExpressionModule lives in backends/ts/module.js (earlier: expression-module.js). */
async function loadEmitter() {
  const failures = [];
  for (const path of ['../dist/backends/ts/module.js', '../dist/backends/ts/expression-module.js']) {
    try {
      const { emitExpressionModule } = await import(path);
      if (typeof emitExpressionModule === 'function') return emitExpressionModule;
      failures.push(`${path}: no emitExpressionModule export`);
    } catch (error) {
      failures.push(`${path}: ${error.message}`);
    }
  }
  throw new Error(failures.join('; '));
}

const FROM = { source: 'bench/suite.mjs', command: 'npm run bench', notes: '(no notes)', version: 'bench' };

/** compileExpression + emitExpressionModule: the generated TypeScript source. */
export async function generateTypeScript(item) {
  const { compileExpression, emitExpressionModule } = await nncompile();
  const compiled = compileExpression(item.name, item.source, { wrt: item.variables });
  return emitExpressionModule([compiled], FROM);
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
