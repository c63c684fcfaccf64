import type { CompiledExpression } from '../compile/expression.js';
import { lazy } from '../util/lazy.js';
import { CompileError } from '../util/errors.js';
import { templateDeclarationNames, topLevelNames } from '../backends/ts/template-names.js';
import { EMBED_NAMES } from '../backends/wasm/index.js';
import { expressionFunctionNames } from '../backends/ts/expression-functions.js';

/** JavaScript's reserved words, and arguments and eval, which strict code binds to nothing else. */
const RESERVED_WORDS = [
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else',
  'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof',
  'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void',
  'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package', 'private', 'protected',
  'public', 'await', 'arguments', 'eval',
];

/**
 * The globals an expression's generated functions call or read (Math.exp, new
 * Float64Array, the size checks' RangeError, NaN): a variable of that name
 * would hide them inside the function. Nothing else is refused: the step,
 * temporary and adjoint names (compile/naming.ts), the grad/hess/input
 * parameters (backends/ts/expression-functions.ts), a loop's locals and the
 * helpers (softplus, backends/ts/helper-names.ts) take other names instead.
 */
const CALLED_GLOBALS = ['Math', 'Float64Array', 'RangeError', 'NaN', 'Infinity', 'undefined'];

const VARIABLE_RESERVED = new Set([...RESERVED_WORDS, ...CALLED_GLOBALS]);

/**
 * Top-level names an export must not take in every module: the reserved
 * words, and JavaScript's and Node's globals (Array, String, Int32Array, …):
 * the generated code and the templates use some, and an export that shadows
 * one breaks them or confuses the module's importers.
 */
const EXPORT_RESERVED = new Set([
  ...VARIABLE_RESERVED,
  ...Object.getOwnPropertyNames(globalThis).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name)),
]);

/**
 * The top-level names of the templates a module with networks includes
 * (NetworkTrainer, Dataset, …; with a sequence network, SequenceTrainer) and
 * of its embedded WebAssembly kernels (KERNELS_WASM, WasmKernels,
 * loadWasmKernels, …): taken only in a module that has them.
 */
const NETWORK_RESERVED = lazy(() => new Set([...templateDeclarationNames(['trainer/', 'wasm/loader.ts']), ...Object.values(EMBED_NAMES)]));
const SEQUENCE_RESERVED = lazy(() => new Set(templateDeclarationNames(['sequence-trainer.ts'])));

/**
 * A variable must differ from the names the generated module cannot rename
 * (JavaScript's reserved words, the globals the code calls) and from the
 * expression's own name (∂x/∂x would mean two things in the notes). Every
 * other name the generated code uses adapts to the variables instead, so v1,
 * w1, dE_dx, grad, softplus or NetworkTrainer are fine. The error carries the
 * variable's column in the expression.
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
    if (VARIABLE_RESERVED.has(v)) {
      throw new CompileError(`variable name '${v}' is used by the generated code`, at,
        `rename the variable: ${v} is ${whatReserved(v)}`);
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
    if (VARIABLE_RESERVED.has(p)) {
      throw new ParameterNameError(`parameter name '${p}' is used by the generated code`,
        `rename the parameter: ${p} is ${whatReserved(p)}`, index);
    }
  });
}

/** Why a variable's name is refused. */
function whatReserved(name: string): string {
  return CALLED_GLOBALS.includes(name) ? `a global the generated code uses${name === 'Math' ? ' (Math.exp, Math.log, …)' : ''}` : 'a reserved word of JavaScript';
}

/** What one export defines at the top level of the generated module. */
export interface ExportNames {
  readonly name: string;
  /** Expressions: E, E_grad, E_hess and the _v forms; networks: the class. */
  readonly defines: readonly string[];
  /** What the export brings into the module: a network the trainer template, a sequence network the sequence trainer's too. */
  readonly kind: 'expression' | 'network' | 'sequence network';
}

export function expressionExportNames(name: string): ExportNames {
  return { name, defines: expressionFunctionNames(name), kind: 'expression' };
}

export function networkExportNames(name: string, sequences = false): ExportNames {
  return { name, defines: [name], kind: sequences ? 'sequence network' : 'network' };
}

/**
 * Every top-level name of the generated module must be defined once: an
 * export may not take a global's name, nor the name of a template the module
 * includes (NetworkTrainer in a module with a network), nor a name another
 * export defines (`f` makes `f_grad`, so `f_grad` cannot be an export of its
 * own). A helper's name is free: the helper takes another. Gives the first
 * export, in order, that clashes, and the error to report at its declaration.
 */
export function findExportClash(exports: readonly ExportNames[]): { name: string; error: CompileError } | undefined {
  const networks = exports.some((e) => e.kind !== 'expression');
  const sequences = exports.some((e) => e.kind === 'sequence network');
  const reserved = (d: string) => EXPORT_RESERVED.has(d) || (networks && NETWORK_RESERVED().has(d)) || (sequences && SEQUENCE_RESERVED().has(d));
  const owner = new Map<string, string>();
  for (const e of exports) {
    if (e.name === 'default') {
      return { name: e.name, error: new CompileError('a default export has no name for the generated code', undefined,
        'export it by name, e.g. export const Net = network({ … }) or export const J = expr(…)') };
    }
    for (const d of e.defines) {
      const other = owner.get(d);
      if (reserved(d) || other !== undefined) {
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

