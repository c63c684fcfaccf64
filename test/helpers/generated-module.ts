import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { compileExpression, type CompiledExpression } from '../../src/compile/expression.js';
import type { ExprOptions } from '../../src/dsl/expr.js';
import { emitExpressionModule, type GeneratedFrom } from '../../src/backends/ts/module.js';
import { evaluateScalars } from '../../src/ir/evaluate.js';

/** The header inputs of every module the tests generate (fixed, so output is comparable). */
export const TEST_FROM: GeneratedFrom = {
  source: 'test/model.ts',
  command: 'nncompile test/model.ts',
  notes: 'test/model.notes.tex',
  version: '0.0.0-test',
};

export interface ExpressionSpec {
  readonly name: string;
  readonly source: string;
  readonly options?: ExprOptions;
}

/** Compiles the expressions from scratch and prints their TypeScript module. */
export function generateModule(specs: readonly ExpressionSpec[]): Promise<string> {
  return emitExpressionModule(
    specs.map((s) => compileExpression(s.name, s.source, s.options)),
    TEST_FROM,
  );
}

/** A function of a generated module: numbers, then (for _grad/_hess) the output buffer. */
export type GeneratedFunction = (...args: (number | Float64Array)[]) => number;
export type GeneratedModule = Readonly<Record<string, GeneratedFunction>>;

/**
 * Runs generated TypeScript as the user would: transpiled to an ES module,
 * written to a file and imported (so nothing of nncompile is in scope).
 */
export async function loadModule(code: string): Promise<GeneratedModule> {
  const js = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
    reportDiagnostics: false,
  }).outputText;
  // Under a node_modules folder, vitest leaves the file to Node's own loader
  // (no transform): the module runs exactly as a user's would, and loads fast.
  const root = mkdtempSync(join(tmpdir(), 'nncompile-test-'));
  const file = join(root, 'node_modules', 'generated.mjs');
  try {
    mkdirSync(join(root, 'node_modules'));
    writeFileSync(file, js);
    return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as GeneratedModule;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * The diagnostics of `tsc --strict --noEmit` on the code as a standalone
 * file (ES2022 library only: the code must not need Node or DOM types).
 */
export function typeCheck(code: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'nncompile-tsc-'));
  try {
    const file = join(dir, 'generated.ts');
    writeFileSync(file, code);
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ES2022,
      lib: ['lib.es2022.d.ts'],
      types: [],
      skipLibCheck: true,
    });
    return ts.getPreEmitDiagnostics(program).map((d) => {
      const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      if (!d.file || d.start === undefined) return text;
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      return `${line + 1}:${character + 1}: ${text}`;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Derivatives {
  readonly value: number;
  readonly grad: number[];
  /** Row-major n×n; present when the expression was compiled with hessian: true. */
  readonly hess?: number[];
}

/** Value, gradient and Hessian of a compiled expression from the IR interpreter (the reference). */
export function interpret(c: CompiledExpression, point: readonly number[]): Derivatives {
  const inputs = Object.fromEntries(c.variables.map((v, i) => [v, point[i]]));
  const d = c.gradient;
  const [value, ...grad] = evaluateScalars(d.graph, [d.output, ...d.gradient], inputs);
  if (!c.hessian) return { value, grad };
  const hess = evaluateScalars(c.hessian.graph, c.hessian.rows.flat(), inputs);
  return { value, grad, hess };
}

/** Calls E, E_grad and (if generated) E_hess of a loaded module at a point. */
export function run(mod: GeneratedModule, name: string, point: readonly number[]): Derivatives {
  const n = point.length;
  const grad = new Float64Array(n);
  const value = mod[name](...point);
  const valueFromGrad = mod[`${name}_grad`](...point, grad);
  if (!Object.is(value, valueFromGrad)) throw new Error(`${name} and ${name}_grad return different values`);
  const hessFn = mod[`${name}_hess`];
  if (!hessFn) return { value, grad: [...grad] };
  const hess = new Float64Array(n * n);
  const valueFromHess = hessFn(...point, hess);
  if (!Object.is(value, valueFromHess)) throw new Error(`${name} and ${name}_hess return different values`);
  return { value, grad: [...grad], hess: [...hess] };
}
