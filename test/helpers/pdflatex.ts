import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';

/** pdflatex is installed (the tests that typeset skip without it). */
export const hasPdflatex = spawnSync('which', ['pdflatex']).status === 0;

/**
 * Typesets `tex` with pdflatex twice (longtable settles its column widths on
 * the second run) in a temporary folder, expects both runs to succeed, and
 * returns the log.
 */
export function typesetLog(tex: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'nncompile-notes-'));
  try {
    writeFileSync(join(dir, 'notes.tex'), tex);
    for (let run = 0; run < 2; run++) {
      const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'notes.tex'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
      expect(r.status, r.stdout.slice(-2000)).toBe(0);
    }
    return readFileSync(join(dir, 'notes.log'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The overfull boxes of a log wider than `points` (pt): each `Overfull \hbox (…pt too wide) … at line N`. */
export function overfullBoxes(log: string, points = 1): string[] {
  return [...log.matchAll(/Overfull \\hbox \(([\d.]+)pt too wide\)[^\n]*/g)].filter((m) => Number(m[1]) > points).map((m) => m[0]);
}
