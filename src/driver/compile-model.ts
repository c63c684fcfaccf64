import { basename, resolve } from 'node:path';
import { lazy } from '../util/lazy.js';
import type { SourceFile, ts as TS } from 'ts-morph';
import { ts } from '../util/ts-morph.js';
import { ModelSource } from '../frontends/model-source.js';
import { loadModelExports } from '../frontends/load-model.js';
import { isExprSpec, type ExprSpec } from '../dsl/expr.js';
import { declaresSequences, isNetworkSpec, type NetworkSpec, type SequenceNetworkSpec } from '../dsl/network.js';
import { type DifferentiableSpec, isDifferentiableSpec } from '../dsl/differentiable.js';
import { compileFunction } from '../compile/function.js';
import { parseModelFile } from '../frontends/typescript/translate-function.js';
import { compileExpression, type CompiledExpression } from '../compile/expression.js';
import { compileNetwork, type CompiledNetwork } from '../compile/network/compile-network.js';
import { SpecKeyError, validateNetwork } from '../compile/network/validate.js';
import type { ResolvedNetwork } from '../compile/network/resolved.js';
import { validateSequenceNetwork } from '../compile/network/validate-sequence.js';
import type { ResolvedSequenceNetwork } from '../compile/network/resolved-sequence.js';
import { compileSequenceNetwork, type CompiledSequenceNetwork } from '../compile/network/compile-sequence.js';
import { emitModule, type GeneratedFrom } from '../backends/ts/module.js';
import { loadToolchain } from '../backends/wasm/index.js';
import { wasmMatmuls } from './wasm-kernels.js';
import { buildNotes } from '../backends/latex/notes.js';
import { renderCompanion } from '../backends/doc/companion.js';
import { renderHtml } from '../backends/html/render-html.js';
import { CompileError, type SourceLocation } from '../util/errors.js';
import { VERSION } from '../util/version.js';
import { type ResolvedNotesOptions, notesOptionsAt } from './notes-options.js';
import { ParameterNameError, checkVariableNames, expressionExportNames, findExportClash, findModuleClash, networkExportNames } from './name-clashes.js';

/** One model file's source, as the compiler reads it. */
export interface ModelInput {
  /** The model's text (TypeScript). */
  readonly text: string;
  /** The name errors show (e.g. `examples/xor/model.ts`), and what is generated unless `sourceName` is given. */
  readonly fileName: string;
  /**
   * The model's name in what is generated (headers, the notes, a function's source citation): the CLI gives it
   * relative to the package root, so that the output does not depend on the working directory (default: fileName).
   */
  readonly sourceName?: string;
  /** Path of the file, for resolving what the model imports (default: fileName, from the working directory). */
  readonly path?: string;
  /** The command line recorded in the generated header. */
  readonly command?: string;
  /** How long running the model may take (default 10 s): an endless loop is stopped with an error. */
  readonly timeLimitMs?: number;
}

/** A generated file, before it is written anywhere. */
export interface GeneratedFile {
  /** The file name: `<model>.ts`, `<model>.tex`, `<model>.notes.json` or `<model>.html`. */
  readonly name: string;
  readonly content: string;
}

/** What compiling a model gives: the generated module, the notes, and the compiled exports they print. */
export interface CompiledModel {
  readonly files: readonly GeneratedFile[];
  readonly expressions: readonly CompiledExpression[];
  readonly networks: readonly CompiledNetwork[];
  /** Networks over sequences (recurrent layers), trained by backpropagation through time. */
  readonly sequenceNetworks: readonly CompiledSequenceNetwork[];
  /** Absolute paths of the model file and the local files it imports (empty for the in-memory compilers). */
  readonly inputs: readonly string[];
  /** What compiled but deserves a look (a worked point outside the expression's domain), located like errors. */
  readonly warnings: readonly CompileError[];
}

/**
 * Compiles a model in memory: runs its text, compiles every exported spec
 * and prints `<model>.ts`, `<model>.tex` and the notes' companion
 * `<model>.notes.json`. Nothing is written; every error is a CompileError
 * located at file:line:col of the model.
 */
export async function compileModel(input: ModelInput): Promise<CompiledModel> {
  const model = new ModelSource(input.fileName, input.text);
  const sourceName = input.sourceName ?? input.fileName;
  const { exports: exported, inputs } = await loadModelExports(model, input.path ?? resolve(input.fileName), input.timeLimitMs);
  // in the order the file declares them (a module namespace lists its exports alphabetically): the notes
  // follow the model as written; an export without a declaration of its own (export { h as k }) comes last
  const declaredAt = (name: string) => model.exportSite(name)?.declaration.getStart(model.sourceFile) ?? Number.MAX_SAFE_INTEGER;
  const entries = Object.entries(exported).sort(([a], [b]) => declaredAt(a) - declaredAt(b));
  checkExportNamesAt(model, entries);
  const notes = notesOptionsAt(model, entries);
  const parsedFile = lazy(() => parseModelFile(input.fileName, input.text));
  const expressions = entries.flatMap(([name, spec]) =>
    isExprSpec(spec) ? [compileAt(model, name, spec)]
      : isDifferentiableSpec(spec) ? [compileFunctionAt(model, parsedFile(), name, spec, sourceName)] : []);
  // every network checked before any is compiled
  const resolved = entries
    .filter((entry): entry is [string, NetworkSpec | SequenceNetworkSpec] => isNetworkSpec(entry[1]))
    .map(([name, spec]): [string, ResolvedNetwork | ResolvedSequenceNetwork] => [name, validateAt(model, name, spec)]);
  const networks = resolved.flatMap(([name, spec]) => (spec.kind === 'network' ? [compileNetwork(name, spec)] : []));
  const sequenceNetworks = resolved.flatMap(([name, spec]) => (spec.kind === 'sequence-network' ? [compileSequenceNetwork(name, spec)] : []));
  const unexported = model.unexportedSpecs().map((spec) => new CompileError(
    `'${spec.name}' is ${spec.kind === 'expr' ? 'an' : 'a'} ${spec.kind}(…) that ${input.fileName} does not export: it is not compiled`,
    model.locationOf(spec.node), `only exported values are compiled: export const ${spec.name} = …`));
  if (expressions.length === 0 && networks.length === 0 && sequenceNetworks.length === 0) {
    if (unexported[0]) throw unexported[0];
    throw new CompileError(`${input.fileName} exports no expressions, functions or networks`, model.locationAt(0),
      "export one: export const J = expr('cos(sin(x^2) + 3*x^2)'); or export const f = differentiable((x: number) => x * x);");
  }
  const exportSite = (name: string) => {
    const site = model.exportSite(name);
    return site && model.locationOf(site.declaration);
  };
  const printed = await printModel({ expressions, networks, sequenceNetworks, notes }, sourceName, input.command ?? `npx nncompile ${sourceName}`, exportSite);
  const warnings = [...unexported, ...expressions.flatMap((e) => {
    const warning = e.point?.warning;
    const at = model.propertyOf(model.exportSite(e.name)?.args[1], 'at');
    return warning ? [at ? warning.at(model.locationOf(at)) : warning] : [];
  })];
  return { ...printed, inputs, warnings };
}

/**
 * The middle end's results printed by the backends: `<model>.ts`, and the
 * notes as `<model>.tex` and `<model>.html` (the same blocks), with their
 * companion `<model>.notes.json` (every number the notes show, at full
 * precision). Sequence networks' notes derive backpropagation through time
 * for that network (and work one step in numbers when the model gives one).
 */
export async function printModel(
  compiled: {
    readonly expressions: readonly CompiledExpression[];
    readonly networks: readonly CompiledNetwork[];
    readonly sequenceNetworks?: readonly CompiledSequenceNetwork[];
    /** The model's notes(...) options (default: 6 significant digits). */
    readonly notes?: ResolvedNotesOptions;
  },
  fileName: string,
  command: string,
  exportSite: (name: string) => SourceLocation | undefined = () => undefined,
): Promise<CompiledModel> {
  const { expressions, networks } = compiled;
  const sequenceNetworks = compiled.sequenceNetworks ?? [];
  const base = modelBaseName(fileName);
  const from: GeneratedFrom = { source: fileName, command, notes: `${base}.tex`, version: VERSION };
  // larger networks' matrix products as WebAssembly kernels (assembled by the wabt toolchain, embedded)
  const wasm = networks.length + sequenceNetworks.length > 0 ? { wasm: wasmMatmuls(await loadToolchain()) } : {};
  const module = await emitModule({ expressions, networks, sequenceNetworks }, from, wasm);
  const clash = findModuleClash(module, [...expressions.map((e) => expressionExportNames(e.name)),
    ...networks.map((n) => networkExportNames(n.name)), ...sequenceNetworks.map((n) => networkExportNames(n.name, true))]);
  if (clash) {
    const site = exportSite(clash.name);
    throw site ? clash.error.at(site) : clash.error;
  }
  const notes = buildNotes(expressions, from, [...networks, ...sequenceNetworks], compiled.notes);
  const files = [
    { name: `${base}${moduleExtension(fileName)}`, content: module },
    { name: `${base}.tex`, content: notes.document },
    { name: `${base}.notes.json`, content: renderCompanion(notes.values, from) },
    { name: `${base}.html`, content: renderHtml(notes.blocks, from) },
  ];
  return { files, expressions, networks, sequenceNetworks, inputs: [], warnings: expressions.flatMap((e) => (e.point?.warning ? [e.point.warning] : [])) };
}

/** `dir/model.ts` → `model`: the generated files' base name. */
export function modelBaseName(fileName: string): string {
  return basename(fileName).replace(/\.[cm]?tsx?$/, '');
}

/**
 * The generated module's extension: `.mts` for a `model.mts` (an ES module
 * whatever the package's type: a CommonJS package under verbatimModuleSyntax
 * cannot have a `.ts` file with `export class`, and requires the `.mts`
 * instead), `.ts` otherwise.
 */
export function moduleExtension(fileName: string): '.ts' | '.mts' {
  return fileName.endsWith('.mts') ? '.mts' : '.ts';
}

/** Generated top-level names are unique; a clash is reported at the export's declaration. */
function checkExportNamesAt(model: ModelSource, entries: readonly [string, unknown][]): void {
  const names = entries.flatMap(([name, spec]) =>
    isExprSpec(spec) || isDifferentiableSpec(spec) ? [expressionExportNames(name)] : isNetworkSpec(spec) ? [networkExportNames(name, declaresSequences(spec))] : []);
  const clash = findExportClash(names);
  if (!clash) return;
  const site = model.exportSite(clash.name);
  throw site ? clash.error.at(model.locationOf(site.declaration)) : clash.error;
}

/** Compiles one exported expression; errors point into model.ts. */
function compileAt(model: ModelSource, name: string, spec: ExprSpec): CompiledExpression {
  try {
    const compiled = compileExpression(name, spec.source, spec.options);
    checkVariableNames(compiled); // the generated module's names
    return compiled;
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    const site = model.exportSite(name);
    if (!site) throw e;
    const [sourceArg, optionsArg] = site.args;
    if (e.location && !e.location.file && sourceArg) {
      throw e.at(model.locationInString(sourceArg, e.location.column));
    }
    throw atOption(model, name, e, optionsArg, site.declaration);
  }
}

/**
 * Translates and compiles one exported differentiable function. Errors in
 * the function carry their file:line:col already; an option's error points
 * at the option, a parameter's name at the parameter.
 */
function compileFunctionAt(model: ModelSource, file: SourceFile, name: string, spec: DifferentiableSpec, sourceName: string): CompiledExpression {
  try {
    const compiled = compileFunction(file, model.fileName, name, spec.options, sourceName);
    checkVariableNames(compiled);
    return compiled;
  } catch (e) {
    if (!(e instanceof CompileError) || e.location?.file) throw e;
    const site = model.exportSite(name);
    if (!site) throw e;
    const [fnArg, optionsArg] = site.args;
    if (e instanceof ParameterNameError && fnArg && (ts.isArrowFunction(fnArg) || ts.isFunctionExpression(fnArg))) {
      throw e.at(model.locationOf(fnArg.parameters[e.index] ?? fnArg));
    }
    throw atOption(model, name, e, optionsArg, site.declaration);
  }
}

/**
 * An error about an export's options, located at the key or value its path
 * leads to, else the option it names, else the options object, else the export.
 */
function atOption(model: ModelSource, name: string, e: CompileError, optionsArg: TS.Expression | undefined, declaration: TS.Node): CompileError {
  const atPath = e.path && model.locatePath(name, e.path, e instanceof SpecKeyError ? 'key' : 'value', 1);
  if (atPath) return e.at(model.locationOf(atPath));
  const target = (e.option && model.propertyOf(optionsArg, e.option)) || optionsArg || declaration;
  return e.at(model.locationOf(target));
}


/** Validates one exported network (feedforward, or over sequences); errors point at the value in model.ts that is wrong. */
function validateAt(model: ModelSource, name: string, spec: NetworkSpec | SequenceNetworkSpec): ResolvedNetwork | ResolvedSequenceNetwork {
  try {
    return declaresSequences(spec) ? validateSequenceNetwork(spec) : validateNetwork(spec);
  } catch (e) {
    if (!(e instanceof CompileError) || !e.path) throw e;
    const node = model.locatePath(name, e.path, e instanceof SpecKeyError ? 'key' : 'value');
    if (!node) {
      // exported in a form exportSite does not read (e.g. `export { Net }`): name the export instead
      throw new CompileError(`network '${name}': ${e.message}`, undefined, e.hint, e.option, e.path);
    }
    throw e.at(model.locationOf(node));
  }
}
