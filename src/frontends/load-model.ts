import type { ModelSource } from './model-source.js';
import { bundleModel } from './bundle-model.js';
import { runModel } from './run-model.js';

/** A model's exported values, and the files it read. */
export interface LoadedModel {
  readonly exports: Record<string, unknown>;
  /** Absolute paths of model.ts and the local files it imports. */
  readonly inputs: readonly string[];
}

/**
 * Runs model.ts to get its exported values: bundled by esbuild as an ES module
 * (relative TypeScript imports resolved, `nncompile` bound to this compiler's
 * DSL), then run in a worker thread with a time limit; an error it throws is
 * reported at its file:line:col.
 */
export async function loadModelExports(model: ModelSource, absolutePath: string, timeLimitMs?: number): Promise<LoadedModel> {
  const syntax = model.syntaxErrors();
  if (syntax.length > 0) throw syntax[0];
  const bundle = await bundleModel(model, absolutePath);
  return { exports: await runModel(model, bundle, timeLimitMs), inputs: bundle.inputs };
}
