import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CompileError } from './errors.js';

export interface OutputFile {
  readonly path: string;
  readonly content: string | Uint8Array;
}

/**
 * Writes all files or none: each goes to a temporary file beside its target
 * first, and only when every one is written are they renamed into place
 * (rename is atomic). If a rename fails, the files already renamed get their
 * previous content back (or are removed), the temporary files and any folder
 * made for the outputs are removed, and the error is a one-line CompileError.
 */
export function writeFilesAtomically(files: readonly OutputFile[]): void {
  const temps = files.map((f) => `${f.path}.${process.pid}.tmp`);
  const previous = files.map((f) => readIfExists(f.path));
  const createdDirs: string[] = [];
  const renamed: number[] = [];
  let current = '';
  try {
    for (let i = 0; i < files.length; i++) {
      current = files[i].path;
      const created = mkdirSync(dirname(current), { recursive: true });
      if (created) createdDirs.push(created);
      writeFileSync(temps[i], files[i].content);
    }
    for (let i = 0; i < files.length; i++) {
      current = files[i].path;
      renameSync(temps[i], current);
      renamed.push(i);
    }
  } catch (e) {
    for (const t of temps) rmSync(t, { force: true });
    for (const i of renamed) {
      const old = previous[i];
      if (old === undefined) rmSync(files[i].path, { force: true });
      else writeFileSync(files[i].path, old);
    }
    for (const d of createdDirs.reverse()) rmSync(d, { recursive: true, force: true });
    throw new CompileError(`cannot write ${current}: ${describeFsError(e)}; nothing was written`);
  }
}

function readIfExists(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

const FS_ERRORS: Readonly<Record<string, string>> = {
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EEXIST: 'a part of the path exists and is not a folder',
};

/** A file-system error as a short phrase (Node's own message when it is not one of the usual). */
export function describeFsError(e: unknown): string {
  const code = (e as { code?: string }).code;
  return (code && FS_ERRORS[code]) ?? (e instanceof Error ? e.message : String(e));
}
