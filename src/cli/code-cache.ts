import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** CommonJS files at least this large get a code cache (TypeScript's 9 MB compiler, ts-morph, the CLI's own bundle, KaTeX, prettier). */
const MIN_CACHED_LENGTH = 64_000;

/** The part of Node's CommonJS loader this hooks (not in @types/node). */
interface Loader {
  prototype: { _compile(this: CommonJsModule, content: string, filename: string): unknown };
  wrap(content: string): string;
}
interface CommonJsModule {
  exports: unknown;
}

/**
 * For the CLI's cold start: V8's compiled code of the larger CommonJS files
 * it loads (the TypeScript compiler ts-morph bundles, ts-morph, the CLI's own
 * bundle dist/cli/nncompile.cjs, KaTeX, prettier) kept in the OS temporary
 * folder and reused by the next run, as Node 22's
 * `module.enableCompileCache()` does (Node 20 has none): compiling 9 MB of
 * TypeScript alone is a third of a cold `nncompile model.ts`. The cache holds
 * every function the run compiled, not only the top level, so the next run
 * also skips compiling the parts of the compiler it calls. One cache file per
 * source file (named by its path, Node's version and the architecture), so
 * the folder does not grow with every rebuild or upgrade: the file opens with
 * a digest of the source's size and modification time, and a cache whose
 * digest does not fit is replaced. V8 checks it too and compiles afresh when
 * it does not fit. Written once, at exit (with the
 * functions the run compiled), atomically; any failure only means no cache.
 * `NNCOMPILE_NO_CODE_CACHE=1` turns it off. Generated files do not depend on it.
 */
export function enableCodeCache(): void {
  if (process.env.NNCOMPILE_NO_CODE_CACHE) return;
  const folder = join(tmpdir(), `nncompile-code-cache-${process.version}`);
  const loader = Module as unknown as Loader;
  const original = loader.prototype._compile;
  const toWrite: { path: string; version: Buffer; script: Script }[] = [];
  loader.prototype._compile = function compile(content, filename) {
    if (content.length < MIN_CACHED_LENGTH) return original.call(this, content, filename);
    let path: string;
    let version: Buffer;
    try {
      path = join(folder, `${digest(`${filename}\0${process.version}\0${process.arch}`).toString('hex').slice(0, 24)}.bin`);
      version = digest(`${content.length}\0${statSync(filename).mtimeMs}`);
    } catch {
      return original.call(this, content, filename);
    }
    const cachedData = cacheOf(path, version); // undefined on the first run or after a change: written at exit
    const script = new Script(loader.wrap(content), { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) toWrite.push({ path, version, script });
    const run = script.runInThisContext() as (...args: unknown[]) => unknown;
    return run.call(this.exports, this.exports, createRequire(filename), this, filename, dirname(filename));
  };
  process.once('exit', () => {
    for (const { path, version, script } of toWrite) {
      try {
        mkdirSync(folder, { recursive: true });
        const temporary = `${path}.${process.pid}.tmp`;
        writeFileSync(temporary, Buffer.concat([version, script.createCachedData()]));
        renameSync(temporary, path);
      } catch {
        // no cache this time
      }
    }
  });
}

/** SHA-256 of a text: 32 bytes. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** The V8 code in the cache file at `path` when it opens with `version` (the source's size and time), else undefined. */
function cacheOf(path: string, version: Buffer): Buffer | undefined {
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch {
    return undefined;
  }
  return file.subarray(0, version.length).equals(version) ? file.subarray(version.length) : undefined;
}
