import type { CompiledExpression } from '../compile/expression.js';
import { ExpressionNames } from '../compile/naming.js';
import { CompileError } from '../util/errors.js';
import { templateDeclarationNames } from '../backends/ts/template-names.js';

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
]);

/**
 * A variable must differ from the generated names around it (v3 forward
 * steps, w1 temporaries, dJ_dx adjoints, grad, Math, …) and from the
 * expression's own name (∂x/∂x would mean two things in the notes). The
 * error carries the variable's column in the expression.
 */
export function checkVariableNames(e: CompiledExpression): void {
  const generated = new Set(new ExpressionNames(e).generatedCodeNames());
  for (const v of e.variables) {
    const at = { line: 1, column: e.parsed.variableColumns.get(v) ?? 1, lineText: e.source };
    if (v === e.name) {
      throw new CompileError(`variable '${v}' has the name of its expression`, at,
        `rename the variable or the export (export const f = expr(…)): the function ${v}(…) and ∂${v}/∂${v} would be ambiguous`);
    }
    if (RESERVED.has(v) || generated.has(v) || /^[vw]\d+$/.test(v)) {
      throw new CompileError(`variable name '${v}' is used by the generated code`, at,
        'rename the variable (v1, v2, … name forward steps and w1, w2, … temporaries)');
    }
  }
}

/** What one export defines at the top level of the generated module. */
export interface ExportNames {
  readonly name: string;
  /** Expressions: E, E_grad, E_hess and the _v forms; networks: the class. */
  readonly defines: readonly string[];
}

export function expressionExportNames(name: string): ExportNames {
  const functions = ['', '_grad', '_hess'].map((suffix) => `${name}${suffix}`);
  return { name, defines: [...functions, ...functions.map((f) => `${f}_v`)] };
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
