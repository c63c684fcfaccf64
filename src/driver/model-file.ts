import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { compileModel, type CompiledModel } from './compile-model.js';
import { CompileError } from '../util/errors.js';
import { type OutputFile, writeFilesAtomically } from '../util/atomic-write.js';
import { compilePdf } from './pdf.js';
import { checkOutputTargets } from './output-guard.js';

export interface CompileOptions {
  /** Output folder (default `generated`). */
  readonly outDir?: string;
  /** The command line recorded in the generated headers. */
  readonly command?: string;
  /** Also typeset the notes: `<out>/<model>.pdf` (pdflatex, run as often as needed). */
  readonly pdf?: boolean;
}

export interface CompileResult extends CompiledModel {
  /** The paths written: `<out>/<model>.ts`, `<out>/<model>.tex` and `<out>/<model>.notes.json`. */
  readonly paths: readonly string[];
}

/**
 * `nncompile model.ts`: compiles the model file (compileModel) and writes
 * `<out>/<model>.ts`, the notes `<out>/<model>.tex` and `<out>/<model>.html`,
 * their companion `<out>/<model>.notes.json`, and with `pdf` the typeset
 * notes `<out>/<model>.pdf` — all or none. An output
 * that is an input of the model, a folder, or a file nncompile did not write
 * is refused before anything is written.
 */
export async function compileModelFile(path: string, options: CompileOptions = {}): Promise<CompileResult> {
  const outDir = options.outDir ?? 'generated';
  const fileName = displayPath(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new CompileError(`cannot read model file '${path}'`, undefined, 'check the path; nncompile model.ts [--out DIR]');
  }
  const command = options.command ?? regenerateCommand(path, outDir);
  const sourceName = fromPackageRoot(path)(path);
  const compiled = await compileModel({ text, fileName, sourceName, path: resolve(path), command });
  const outputs: OutputFile[] = compiled.files.map((f) => ({ path: join(outDir, f.name), content: f.content }));
  if (options.pdf) {
    const notes = compiled.files.find((f) => f.name.endsWith('.tex'));
    if (notes) outputs.push({ path: join(outDir, notes.name.replace(/\.tex$/, '.pdf')), content: compilePdf(notes.content, notes.name) });
  }
  checkOutputTargets(outputs.map((f) => f.path), [path, ...compiled.inputs]);
  writeFilesAtomically(outputs);
  return { ...compiled, paths: outputs.map((f) => f.path) };
}

/** A path as the user sees it: relative to the working directory, with forward slashes. */
function displayPath(path: string): string {
  return relative(process.cwd(), resolve(path)).split('\\').join('/');
}

/**
 * The command the generated header records: paths relative to the package
 * root (the nearest folder with a package.json above the model, where
 * `npx` runs), quoted for the shell when they need it.
 */
function regenerateCommand(modelPath: string, outDir: string): string {
  const fromRoot = fromPackageRoot(modelPath);
  return `npx nncompile ${shellQuote(fromRoot(modelPath))} --out ${shellQuote(fromRoot(outDir))}`;
}

/** A path relative to the model's package root, with forward slashes: the same from any working directory. */
function fromPackageRoot(modelPath: string): (path: string) => string {
  const root = packageRoot(dirname(resolve(modelPath))) ?? process.cwd();
  return (p) => relative(root, resolve(p)).split('\\').join('/') || '.';
}

function packageRoot(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'package.json'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

/** A word as a POSIX shell reads it: as is when it is safe, else in single quotes. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}
