import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface OutputFile {
  readonly path: string;
  readonly content: string;
}

/**
 * Writes all files or none: each goes to a temporary file beside its target
 * first, and only when every one is written are they renamed into place
 * (rename is atomic), so a failure never leaves a half-written output.
 */
export function writeFilesAtomically(files: readonly OutputFile[]): void {
  const temps: string[] = [];
  try {
    for (const f of files) {
      mkdirSync(dirname(f.path), { recursive: true });
      const temp = `${f.path}.${process.pid}.tmp`;
      temps.push(temp);
      writeFileSync(temp, f.content);
    }
  } catch (e) {
    for (const t of temps) rmSync(t, { force: true });
    throw e;
  }
  files.forEach((f, i) => renameSync(temps[i], f.path));
}
