// The notes of every bundled example compile with pdflatex (when it is
// installed): no LaTeX error, nothing sticking out of the page by more than 1pt.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../scripts/examples.js';

const hasPdflatex = spawnSync('which', ['pdflatex']).status === 0;

describe.skipIf(!hasPdflatex)('pdflatex compiles the notes of every example', () => {
  it.each(EXAMPLES)('%s', (name) => {
    const dir = mkdtempSync(join(tmpdir(), `nncompile-${name}-`));
    try {
      copyFileSync(`generated/${name}/model.tex`, join(dir, 'model.tex'));
      // Twice: longtable settles its column widths on the second run.
      for (let run = 0; run < 2; run++) {
        const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'model.tex'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
        expect(r.status, r.stdout.slice(-3000)).toBe(0);
      }
      const log = readFileSync(join(dir, 'model.log'), 'utf8');
      expect(log).not.toMatch(/^! /m);
      // every overfull line, by how far it sticks out (pt): none by more than 1pt
      const overfull = [...log.matchAll(/Overfull \\hbox \((\d+(?:\.\d+)?)pt too wide\)[^\n]*/g)].filter((m) => Number(m[1]) > 1).map((m) => m[0]);
      expect(overfull).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
