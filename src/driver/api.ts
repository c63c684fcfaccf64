import type { ExprOptions } from '../dsl/expr.js';
import { declaresSequences, type NetworkSpec, type SequenceNetworkSpec } from '../dsl/network.js';
import { compileExpression as compileExpressionIr } from '../compile/expression.js';
import { compileNetwork as compileNetworkIr } from '../compile/network/compile-network.js';
import { validateNetwork } from '../compile/network/validate.js';
import { validateSequenceNetwork } from '../compile/network/validate-sequence.js';
import { compileSequenceNetwork } from '../compile/network/compile-sequence.js';
import { CompileError } from '../util/errors.js';
import { type CompiledModel, printModel } from './compile-model.js';
import { resolveNotesOptions } from './notes-options.js';
import { checkVariableNames, expressionExportNames, findExportClash, networkExportNames } from './name-clashes.js';

/** Options of the in-memory compilers: the export's name and the header of the generated files. */
export interface InMemoryOptions {
  /** The generated function's or class's name (default `E` for an expression, `Network` for a network). */
  readonly name?: string;
  /** The file name the generated files are named after and cite (default `model.ts`). */
  readonly fileName?: string;
  /** The command recorded in the generated header. */
  readonly command?: string;
  /** Significant digits of the numbers in the notes (1–17, default 6), as `notes({ digits })` in a model file. */
  readonly digits?: number;
}

/**
 * Compiles one expression in memory, as `export const E = expr(source, options)`
 * in a model file would: the generated module and notes, and the compiled
 * expression. Errors are CompileErrors with the column in `source`.
 */
export async function compileExpression(
  source: string,
  options: ExprOptions & InMemoryOptions = {},
): Promise<CompiledModel> {
  const { name = 'E', fileName = 'model.ts', command, digits, ...exprOptions } = options;
  throwClash(findExportClash([expressionExportNames(name)]));
  const compiled = compileExpressionIr(name, source, exprOptions);
  checkVariableNames(compiled);
  const notes = resolveNotesOptions({ digits });
  return printModel({ expressions: [compiled], networks: [], notes }, fileName, command ?? 'compileExpression()');
}

/**
 * Compiles one network spec in memory, as `export const Network = network(spec)`
 * in a model file would. Errors are CompileErrors whose `path` names the
 * offending value of the spec.
 */
export async function compileNetwork(spec: NetworkSpec | SequenceNetworkSpec, options: InMemoryOptions = {}): Promise<CompiledModel> {
  const { name = 'Network', fileName = 'model.ts', command, digits } = options;
  throwClash(findExportClash([networkExportNames(name, declaresSequences(spec))]));
  const at = command ?? 'compileNetwork()';
  if (declaresSequences(spec)) {
    const sequenceNetworks = [compileSequenceNetwork(name, validateSequenceNetwork(spec))];
    return printModel({ expressions: [], networks: [], sequenceNetworks, notes: resolveNotesOptions({ digits }) }, fileName, at);
  }
  const compiled = compileNetworkIr(name, validateNetwork(spec));
  return printModel({ expressions: [], networks: [compiled], notes: resolveNotesOptions({ digits }) }, fileName, at);
}

function throwClash(clash: { error: CompileError } | undefined): void {
  if (clash) throw clash.error;
}
