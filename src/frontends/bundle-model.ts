import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { CompileError, type SourceLocation } from '../util/errors.js';
import type { ModelSource } from './model-source.js';

/** model.ts and everything it imports, as one ES module. */
export interface ModelBundle {
  readonly code: string;
  /** The bundle's source map (JSON), to map a stack frame back to the file the user wrote. */
  readonly sourceMap: string;
  /** Absolute paths of the files the model read (itself and its local imports), never to be overwritten. */
  readonly inputs: readonly string[];
  /** The model file's absolute path: a place in it is reported under the model's own name, with its text. */
  readonly modelPath: string;
}

/** This compiler's DSL (what `import … from 'nncompile'` means in a model): built, or the source under the tests. */
const DSL_ENTRY = ['../dsl/api.js', '../dsl/api.ts'].map((p) => fileURLToPath(new URL(p, import.meta.url))).find((p) => existsSync(p));

/** `import … from 'nncompile'` → this compiler's DSL. */
const DSL_PLUGIN: esbuild.Plugin = {
  name: 'nncompile-dsl',
  setup(build) {
    build.onResolve({ filter: /^nncompile$/ }, () => ({ path: DSL_ENTRY as string }));
  },
};

/**
 * Bundles model.ts with esbuild into one ES module: TypeScript is stripped
 * (types are not checked: the editor and tsc do that), relative imports
 * (`./shared`, `./shared.ts`, `.mts`) and packages are resolved from the
 * model's folder, and `nncompile` is bound to this compiler's own DSL, so a
 * model needs no installed copy of the package. `import.meta.url` is the
 * model file's URL.
 */
export async function bundleModel(model: ModelSource, absolutePath: string): Promise<ModelBundle> {
  const modelUrl = pathToFileURL(absolutePath).href;
  let result: esbuild.BuildResult;
  try {
    result = await esbuild.build({
      // the model's absolute path names it in errors and in the source map: esbuild reads a relative
      // sourcefile from resolveDir, so `bad/model.ts` run from the package root would become bad/bad/model.ts
      stdin: { contents: model.text, sourcefile: absolutePath, resolveDir: dirname(absolutePath), loader: 'ts' },
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      write: false,
      outfile: resolve('model.bundle.mjs'), // a name for the source map only: nothing is written
      sourcemap: 'external',
      sourcesContent: false,
      metafile: true,
      logLevel: 'silent',
      define: {
        'import.meta.url': JSON.stringify(modelUrl),
        'import.meta.filename': JSON.stringify(absolutePath),
        'import.meta.dirname': JSON.stringify(dirname(absolutePath)),
      },
      // CommonJS packages call require: give them Node's, from the model's folder
      banner: { js: `import { createRequire as __nncompileRequire } from 'node:module'; const require = __nncompileRequire(${JSON.stringify(modelUrl)});` },
      plugins: [DSL_PLUGIN],
    });
  } catch (e) {
    throw bundleError(model, absolutePath, e);
  }
  const outputs = result.outputFiles ?? [];
  const js = outputs.find((f) => f.path.endsWith('.mjs'));
  const map = outputs.find((f) => f.path.endsWith('.map'));
  // The model itself is esbuild's stdin entry point; its metafile key is not model.fileName (esbuild prefixes
  // the stdin name with its own relative path), so it is recognised as the entry point, not by name.
  const entry = Object.values(result.metafile?.outputs ?? {}).find((o) => o.entryPoint !== undefined)?.entryPoint;
  const imported = Object.keys(result.metafile?.inputs ?? {})
    .filter((p) => p !== entry && !p.split(/[\\/]/).includes('node_modules'))
    .map((p) => resolve(p))
    .filter((p) => !isDsl(p));
  return { code: js?.text ?? '', sourceMap: map?.text ?? '{}', inputs: [absolutePath, ...imported], modelPath: absolutePath };
}

/** A file of this compiler's DSL, bundled in but not the user's. */
export function isDsl(path: string): boolean {
  return DSL_ENTRY !== undefined && dirname(resolve(path)) === dirname(DSL_ENTRY);
}

/** esbuild's first error (an import that does not resolve, …), at the place it names. */
function bundleError(model: ModelSource, absolutePath: string, e: unknown): CompileError {
  const first = (e as { errors?: esbuild.Message[] }).errors?.[0];
  if (!first) return new CompileError(`cannot bundle ${model.fileName}: ${(e as Error).message}`);
  const loc = first.location;
  const location: SourceLocation | undefined = loc
    ? { file: resolve(loc.file) === absolutePath ? model.fileName : displayPath(loc.file), line: loc.line, column: loc.column + 1, lineText: loc.lineText }
    : undefined;
  const hint = /Could not resolve/.test(first.text)
    ? 'check the path; a model may import its own .ts files (./shared or ./shared.ts) and installed packages'
    : /Cannot assign to .* constant/.test(first.text) ? 'declare it with let to assign to it again' : 'fix the model file';
  return new CompileError(first.text, location, hint);
}

/** A path as the user sees it: relative to the working directory. */
export function displayPath(path: string): string {
  return relative(process.cwd(), resolve(path)).split('\\').join('/');
}

/** The text of one line of a file the model imports (for a caret under an error), or ''. */
export function lineOfFile(path: string, line: number): string {
  try {
    return readFileSync(path, 'utf8').split(/\r?\n/)[line - 1] ?? '';
  } catch {
    return '';
  }
}
