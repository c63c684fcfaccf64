import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompileError } from '../util/errors.js';

/** pdflatex runs at most this often: longtable settles its column widths on the second run, a third confirms. */
const MAX_RUNS = 4;

/** What a LaTeX package writes to the log when the document needs another run (longtable, labels). */
const RERUN = /Rerun (LaTeX|to get)|Table widths have changed|Label\(s\) may have changed/;

/** The PDF's Creator entry: the output guard replaces a PDF only when it carries it. */
export const PDF_CREATOR = '/Creator (nncompile)';

/** The fix when pdflatex is missing, in the error itself (one line). */
const INSTALL = 'apt-get install texlive-latex-base texlive-pictures';

/**
 * `<model>.tex` as a PDF: pdflatex runs in a temporary folder as often as the
 * log asks for a rerun (longtable needs two runs), at most MAX_RUNS times;
 * the folder is removed. The PDF's Creator is set to nncompile (a wrapper
 * file sets it, the .tex stays as written). Errors: pdflatex missing (with
 * the apt-get line that installs it), a LaTeX error (its first `!` line), or
 * a document that still asks for a rerun.
 */
export function compilePdf(tex: string, name: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'nncompile-pdf-'));
  try {
    writeFileSync(join(dir, 'notes.tex'), tex);
    writeFileSync(join(dir, 'job.tex'), `\\pdfinfo{${PDF_CREATOR}}\\input{notes.tex}\n`);
    for (let run = 1; run <= MAX_RUNS; run++) {
      const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', '-no-shell-escape', 'job.tex'],
        { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new CompileError(`--pdf needs pdflatex, which is not installed: ${INSTALL}`);
      }
      const log = readLog(dir);
      if (r.status !== 0) {
        const first = /^! .*$/m.exec(log)?.[0] ?? `pdflatex exited with ${r.status ?? r.signal}`;
        throw new CompileError(`pdflatex could not typeset ${name}: ${first}; no file was written`);
      }
      if (!RERUN.test(log)) return readFileSync(join(dir, 'job.pdf'));
    }
    throw new CompileError(`pdflatex still asks for a rerun of ${name} after ${MAX_RUNS} runs; no file was written`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function readLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'job.log'), 'latin1');
  } catch {
    return '';
  }
}
