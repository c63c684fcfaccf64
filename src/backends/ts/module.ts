import { HelperNames } from './helper-names.js';
import type { CompiledExpression } from '../../compile/expression.js';
import type { CompiledNetwork } from '../../compile/network/compile-network.js';
import type { CompiledSequenceNetwork } from '../../compile/network/compile-sequence.js';
import { fillTemplate } from '../../util/templates.js';
import { trainerTemplate } from './trainer-template.js';
import { emitExpressionFunctions, expressionFunctionNames } from './expression-functions.js';
import { emitNetworkClass, type TrainerOptions } from './network/trainer-class.js';
import { emitSequenceClass } from './network/sequence-class.js';
import { formatTypeScript } from './format.js';
import type { GeneratedFrom } from '../generated-from.js';
import { PreformattedLines } from './preformatted.js';
import { assertElementReads } from './element-reads.js';

export type { GeneratedFrom };

/**
 * The generated TypeScript module of a model file: header, the helper
 * functions and kernels it uses (each once, a helper under a name no user
 * name of the module takes), the expressions' functions and
 * the networks' trainer classes (with the trainer template once, and the
 * sequence trainer template when there are sequence networks), formatted by
 * the pinned prettier.
 */
export async function emitModule(
  model: {
    readonly expressions: readonly CompiledExpression[];
    readonly networks: readonly CompiledNetwork[];
    readonly sequenceNetworks?: readonly CompiledSequenceNetwork[];
  },
  from: GeneratedFrom,
  options: TrainerOptions = {},
): Promise<string> {
  const held = new PreformattedLines(); // straight-line statements skip prettier (they print as they are)
  // the names the exports define, which generated module-level arrays (a loop's tables, tapes) must leave to them
  const exported = new Set([...model.expressions.flatMap((e) => expressionFunctionNames(e.name)),
    ...model.networks.map((n) => n.name), ...(model.sequenceNetworks ?? []).map((n) => n.name)]);
  // the helpers take names no export, variable or parameter takes (softplus, or softplus_ where a user's name is softplus)
  const helpers = new HelperNames(new Set([...exported, ...model.expressions.flatMap(userNames)]));
  const arrays = new Map<string, string>(); // the source's constant arrays the loops read, one module array each, shared by the exports
  const functions = model.expressions.map((e) => emitExpressionFunctions(e, helpers, held, exported, arrays));
  const trainer = { ...options, helpers };
  const sequences = (model.sequenceNetworks ?? []).map((c) => emitSequenceClass(c, trainer));
  const networks = [...model.networks.map((c) => emitNetworkClass(c, trainer)), ...sequences];
  const kernels = new Map<string, string>();
  for (const n of networks) n.kernels.forEach((code, name) => kernels.set(name, code));
  const wasm = options.wasm?.embed(); // the WebAssembly kernels the trainers call, if any
  // Generated code marks its element reads in bounds (noUncheckedIndexedAccess); the templates are written for it.
  const generated = (code: string) => assertElementReads(code);
  const parts = [
    fillTemplate('header.ts', { ...from }),
    ...helpers.declarations(),
    ...functions.map(generated),
    ...(networks.length > 0 ? [trainerTemplate(), ...[...kernels.keys()].sort().map((k) => generated(kernels.get(k) as string))] : []),
    ...(wasm === undefined ? [] : [wasm]),
    ...(sequences.length > 0 ? [fillTemplate('sequence-trainer.ts')] : []),
    ...networks.map((n) => generated(n.classSource)),
  ];
  held.mapRuns(generated);
  return held.restore(await formatTypeScript(parts.join('\n')));
}

/** The names an expression's functions take from the user: its variables, or its function's parameters (a vector's name, not x[3]). */
function userNames(e: CompiledExpression): string[] {
  return [...e.variables, ...(e.origin?.parameters.map((p) => p.name) ?? [])];
}

/** A model with expressions only (kept for callers that have no networks). */
export function emitExpressionModule(expressions: readonly CompiledExpression[], from: GeneratedFrom): Promise<string> {
  return emitModule({ expressions, networks: [] }, from);
}
