import type { CompiledExpression } from '../compile/expression.js';
import { CompileError } from '../util/errors.js';
import { templateDeclarationNames, topLevelNames } from '../backends/ts/template-names.js';
import { EMBED_NAMES } from '../backends/wasm/index.js';
import { expressionFunctionNames } from '../backends/ts/expression-functions.js';

/**
 * Names a user's variable or export must not take, because the generated
 * module already uses them: JavaScript's reserved words and globals the
 * generated code calls (Math), the `grad`/`hess`/`input` parameters of the
 * expression functions, and every top-level name of the templates a module
 * may include (NetworkTrainer, Dataset, sigmoid, …).
 */
const RESERVED = new Set([
  'grad', 'hess', 'input', 'Math', 'Float64Array', 'Number', 'JSON', 'Error', 'NaN', 'Infinity',
  'undefined', 'arguments', 'eval', 'console',
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else',
  'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof',
  'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void',
  'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package', 'private', 'protected',
  'public', 'await',
  ...templateDeclarationNames(),
  ...Object.values(EMBED_NAMES), // the embedded WebAssembly kernels' own (KERNELS_WASM, WasmKernels, loadWasmKernels, …)
  // JavaScript's and Node's globals (Array, String, Int32Array, …): the templates use some, and an
  // export that shadows one breaks them or confuses the module's importers
  ...Object.getOwnPropertyNames(globalThis).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name)),
]);

/** The generated functions' own parameters, renamed when a variable takes the name (backends/ts/expression-functions.ts). */
const ADAPTED = new Set(['grad', 'hess', 'input']);

/**
 * A variable must differ from the names the generated module cannot rename
 * (JavaScript's reserved words, Math, the templates' declarations; the
 * grad/hess/input parameters adapt) and from the expression's own name (∂x/∂x would
 * mean two things in the notes). Generated step, temporary and adjoint names
 * adapt to the variables instead (compile/naming.ts), so v1, w1 or dE_dx are
 * fine. The error carries the variable's column in the expression.
 */
export function checkVariableNames(e: CompiledExpression): void {
  if (e.origin) {
    checkParameterNames(e.name, e.origin.parameters.map((p) => p.name));
    return;
  }
  for (const v of e.variables) {
    const at = { line: 1, column: e.parsed.variableColumns.get(v) ?? 1, lineText: e.source };
    if (v === e.name) {
      throw new CompileError(`variable '${v}' has the name of its expression`, at,
        `rename the variable or the export (export const f = expr(…)): the function ${v}(…) and ∂${v}/∂${v} would be ambiguous`);
    }
    if (RESERVED.has(v) && !ADAPTED.has(v)) {
      throw new CompileError(`variable name '${v}' is used by the generated code`, at,
        `rename the variable: ${v} is a reserved word, a global the code calls or a helper's name`);
    }
  }
}

/** A parameter whose name the generated module cannot take; its index in the parameter list. */
export class ParameterNameError extends CompileError {
  constructor(message: string, hint: string, readonly index: number) {
    super(message, undefined, hint);
  }
}

/** The parameters of a differentiable function: the same rules as an expression's variables. */
function checkParameterNames(exportName: string, parameters: readonly string[]): void {
  parameters.forEach((p, index) => {
    if (p === exportName) {
      throw new ParameterNameError(`parameter '${p}' has the name of its export`,
        `rename the parameter or the export: the function ${p}(…) and ∂${p}/∂${p} would be ambiguous`, index);
    }
    if (RESERVED.has(p) && !ADAPTED.has(p)) {
      throw new ParameterNameError(`parameter name '${p}' is used by the generated code`,
        `rename the parameter: ${p} is a reserved word, a global the code calls or a helper's name`, index);
    }
  });
}

/** What one export defines at the top level of the generated module. */
export interface ExportNames {
  readonly name: string;
  /** Expressions: E, E_grad, E_hess and the _v forms; networks: the class. */
  readonly defines: readonly string[];
}

export function expressionExportNames(name: string): ExportNames {
  return { name, defines: expressionFunctionNames(name) };
}

export function networkExportNames(name: string): ExportNames {
  return { name, defines: [name] };
}

/**
 * Every top-level name of the generated module must be defined once: an
 * export may not take a template's name (NetworkTrainer, sigmoid, …) nor a
 * name another export defines (`f` makes `f_grad`, so `f_grad` cannot be an
 * export of its own). Gives the first export, in order, that clashes, and
 * the error to report at its declaration.
 */
export function findExportClash(exports: readonly ExportNames[]): { name: string; error: CompileError } | undefined {
  const owner = new Map<string, string>();
  for (const e of exports) {
    if (e.name === 'default') {
      return { name: e.name, error: new CompileError('a default export has no name for the generated code', undefined,
        'export it by name, e.g. export const Net = network({ … }) or export const J = expr(…)') };
    }
    for (const d of e.defines) {
      const other = owner.get(d);
      if (RESERVED.has(d) || other !== undefined) {
        const why = other === undefined ? `'${d}' is a name the generated module uses itself` : `'${d}' is already defined for export '${other}'`;
        return { name: e.name, error: new CompileError(`export '${e.name}' clashes with generated code: ${why}`, undefined, 'rename the export') };
      }
    }
    for (const d of e.defines) owner.set(d, e.name);
  }
  return undefined;
}

/**
 * The last check, on the generated module itself: every top-level name is
 * declared once. Catches what the names above cannot know in advance, such as
 * a network's kernels (`matmul_nt_nx2x1`) taken by another export. Gives the
 * export whose name is declared twice, and the error.
 */
export function findModuleClash(moduleText: string, exports: readonly ExportNames[]): { name: string; error: CompileError } | undefined {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const name of topLevelNames('module.ts', moduleText)) (seen.has(name) ? twice : seen).add(name);
  for (const e of exports) {
    const d = e.defines.find((name) => twice.has(name));
    if (d === undefined) continue;
    return { name: e.name, error: new CompileError(`export '${e.name}' clashes with generated code: '${d}' is a name the generated module uses itself (a kernel or helper)`,
      undefined, 'rename the export') };
  }
  return undefined;
}
