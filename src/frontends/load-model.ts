import { createRequire } from 'node:module';
import ts from 'typescript';
import * as api from '../dsl/api.js';
import { CompileError } from '../util/errors.js';
import type { ModelSource } from './model-source.js';

/**
 * Runs model.ts to get its exported values. TypeScript transpiles it to
 * CommonJS (types are erased, not checked: the editor and tsc do that), and
 * `import ... from 'nncompile'` is bound to the DSL functions of this very
 * compiler, so a model needs no installed copy of the package to compile.
 */
export function loadModelExports(model: ModelSource, absolutePath: string): Record<string, unknown> {
  const syntax = model.syntaxErrors();
  if (syntax.length > 0) throw syntax[0];
  const js = ts.transpileModule(model.text, {
    fileName: model.fileName,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const nodeRequire = createRequire(absolutePath);
  const requireForModel = (id: string): unknown => (id === 'nncompile' ? api : nodeRequire(id));
  const module = { exports: {} as Record<string, unknown> };
  try {
    new Function('exports', 'require', 'module', js)(module.exports, requireForModel, module);
  } catch (e) {
    throw e instanceof CompileError
      ? e
      : new CompileError(`running ${model.fileName} failed: ${(e as Error).message}`, undefined,
          'a model file may only compute and export specs; fix the error above');
  }
  return module.exports;
}
