import { resolve } from 'node:path';
import { compileModel, type CompiledModel } from '../../src/driver/compile-model.js';
import ts from 'typescript';
import * as dsl from '../../src/dsl/api.js';
import type { DifferentiableSpec } from '../../src/dsl/differentiable.js';
import { type GeneratedModule, loadModule } from './generated-module.js';

/** A model file made of a preamble (imports, top-level helpers) and exports. */
export function modelText(body: string): string {
  return `import { differentiable, expr } from 'nncompile';\n${body}\n`;
}

/** A compiled model file: the generated module loaded, and the original functions, run as the model file defines them. */
export interface CompiledFunctions {
  readonly compiled: CompiledModel;
  readonly module: GeneratedModule;
  /** The user's own functions (the tests may run them; the compiler never does). */
  readonly original: Readonly<Record<string, (...args: unknown[]) => number>>;
}

export async function compileFunctions(text: string, fileName = 'model.ts'): Promise<CompiledFunctions> {
  const compiled = await compileModel({ text, fileName, path: resolve(fileName), command: 'test' });
  const module = await loadModule(compiled.files[0].content);
  const exported = runInProcess(text);
  const original = Object.fromEntries(Object.entries(exported)
    .filter(([, v]) => (v as DifferentiableSpec).kind === 'function')
    .map(([k, v]) => [k, (v as DifferentiableSpec).fn as unknown as (...args: unknown[]) => number]));
  return { compiled, module, original };
}

/**
 * The model's exports with their functions callable: the compiler runs a model
 * in a worker, from which functions do not come back, so the tests run the
 * text here (transpiled to CommonJS, `nncompile` bound to the DSL).
 */
function runInProcess(text: string): Record<string, unknown> {
  const js = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const module = { exports: {} as Record<string, unknown> };
  const require = (id: string): unknown => {
    if (id === 'nncompile') return dsl;
    throw new Error(`the test model imports '${id}'`);
  };
  new Function('exports', 'require', 'module', js)(module.exports, require, module);
  return module.exports;
}

/** Arguments as the function takes them: numbers, and arrays for vector parameters. */
export type Argument = number | readonly number[];

/** The arguments flattened (the order of grad). */
export function flatten(args: readonly Argument[]): number[] {
  return args.flatMap((a) => (typeof a === 'number' ? [a] : [...a]));
}

/** Flat numbers back into arguments shaped like `like`. */
export function unflatten(flat: readonly number[], like: readonly Argument[]): Argument[] {
  let at = 0;
  return like.map((a) => {
    if (typeof a === 'number') return flat[at++];
    const part = flat.slice(at, at + a.length);
    at += a.length;
    return part;
  });
}

/** Calls a generated E, E_grad and E_hess (if any) with vector arguments as Float64Arrays. */
export function callGenerated(mod: GeneratedModule, name: string, args: readonly Argument[]) {
  const n = flatten(args).length;
  const call = args.map((a) => (typeof a === 'number' ? a : Float64Array.from(a)));
  const fn = mod[name] as unknown as (...xs: unknown[]) => number;
  const value = fn(...call);
  const grad = new Float64Array(n);
  const valueFromGrad = (mod[`${name}_grad`] as unknown as (...xs: unknown[]) => number)(...call, grad);
  const hessFn = mod[`${name}_hess`] as unknown as ((...xs: unknown[]) => number) | undefined;
  const hess = new Float64Array(n * n);
  const valueFromHess = hessFn ? hessFn(...call, hess) : value;
  return { value, valueFromGrad, valueFromHess, grad: [...grad], hess: hessFn ? [...hess] : undefined };
}
