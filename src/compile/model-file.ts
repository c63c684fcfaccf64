import { readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { ModelSource } from '../frontends/model-source.js';
import { loadModelExports } from '../frontends/load-model.js';
import { isExprSpec, type ExprSpec } from '../dsl/expr.js';
import { compileExpression, type CompiledExpression } from './expression.js';
import { emitModule, type GeneratedFrom } from '../backends/ts/module.js';
import { isNetworkSpec, type NetworkSpec } from '../dsl/network.js';
import { compileNetwork, type CompiledNetwork } from './network/compile-network.js';
import { SpecKeyError, validateNetwork } from './network/validate.js';
import type { ResolvedNetwork } from './network/resolved.js';
import { renderNotes } from '../backends/latex/notes.js';
import { CompileError } from '../util/errors.js';
import { checkVariableNames, expressionExportNames, findExportClash, networkExportNames } from './name-clashes.js';
import { writeFilesAtomically } from '../util/atomic-write.js';
import { VERSION } from '../util/version.js';

export interface CompileOptions {
  /** Output folder (default `generated`). */
  readonly outDir?: string;
  /** The command line recorded in the generated headers. */
  readonly command?: string;
}

export interface CompileResult {
  readonly files: readonly string[];
  readonly expressions: readonly CompiledExpression[];
  readonly networks: readonly CompiledNetwork[];
}

/**
 * `nncompile model.ts`: runs the model file, compiles every exported spec and
 * writes `<out>/<model>.ts` and `<out>/<model>.tex` — both or neither.
 */
export async function compileModelFile(path: string, options: CompileOptions = {}): Promise<CompileResult> {
  const outDir = options.outDir ?? 'generated';
  const displayPath = relative(process.cwd(), resolve(path)).split('\\').join('/');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new CompileError(`cannot read model file '${path}'`, undefined, 'check the path; nncompile model.ts [--out DIR]');
  }
  const model = new ModelSource(displayPath, text);
  const exported = loadModelExports(model, resolve(path));
  const entries = Object.entries(exported);
  checkExportNamesAt(model, entries);
  const expressions = entries
    .filter((entry): entry is [string, ExprSpec] => isExprSpec(entry[1]))
    .map(([name, spec]) => compileAt(model, name, spec));
  const networks = entries
    .filter((entry): entry is [string, NetworkSpec] => isNetworkSpec(entry[1]))
    .map(([name, spec]): [string, ResolvedNetwork] => [name, validateAt(model, name, spec)]) // all checked before any is compiled
    .map(([name, spec]) => compileNetwork(name, spec));
  if (expressions.length === 0 && networks.length === 0) {
    throw new CompileError(`${displayPath} exports no expressions or networks`, model.locationAt(0),
      "export one: export const J = expr('cos(sin(x^2) + 3*x^2)');");
  }
  const base = basename(path).replace(/\.[cm]?tsx?$/, '');
  const outDisplay = relative(process.cwd(), resolve(outDir)).split('\\').join('/') || '.';
  const from: GeneratedFrom = {
    source: displayPath,
    command: options.command ?? `npx nncompile ${displayPath} --out ${outDisplay}`,
    notes: `${base}.tex`,
    version: VERSION,
  };
  const files = [
    { path: join(outDir, `${base}.ts`), content: await emitModule({ expressions, networks }, from) },
    { path: join(outDir, `${base}.tex`), content: renderNotes(expressions, from, networks) },
  ];
  writeFilesAtomically(files);
  return { files: files.map((f) => f.path), expressions, networks };
}

/** Generated top-level names are unique; a clash is reported at the export's declaration. */
function checkExportNamesAt(model: ModelSource, entries: readonly [string, unknown][]): void {
  const names = entries.flatMap(([name, spec]) =>
    isExprSpec(spec) ? [expressionExportNames(name)] : isNetworkSpec(spec) ? [networkExportNames(name)] : []);
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
    const target = (e.option && model.propertyOf(optionsArg, e.option)) || optionsArg || site.declaration;
    throw e.at(model.locationOf(target));
  }
}

/** Validates one exported network; errors point at the value in model.ts that is wrong. */
function validateAt(model: ModelSource, name: string, spec: NetworkSpec): ResolvedNetwork {
  try {
    return validateNetwork(spec);
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
