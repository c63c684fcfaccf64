// Tables at a page break (render-tex.ts): a table that fits a page is not split (rows ending \\*), and the
// paragraph leading into it stays with it (the preamble's \keeptogether before that paragraph). Typeset with
// pdflatex at every height of the page a table can start at, read back page by page with pdftotext.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildNotes } from '../src/backends/latex/notes.js';
import { TexWriter } from '../src/backends/latex/tex-writer.js';
import type { GeneratedFrom } from '../src/backends/ts/module.js';
import { hasPdflatex } from './helpers/pdflatex.js';

const FROM: GeneratedFrom = { source: 'examples/t/model.ts', command: 'nncompile examples/t/model.ts', notes: 'model.tex', version: '0.1.0' };
const hasPdftotext = spawnSync('which', ['pdftotext']).status === 0;
const ROWS = 11; // as many as the Elman example's parameters table

/** The text of each page of the typeset document. */
function pages(tex: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'nncompile-breaks-'));
  try {
    writeFileSync(join(dir, 'notes.tex'), tex);
    for (let run = 0; run < 2; run++) spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'notes.tex'], { cwd: dir, timeout: 120_000 });
    const text = spawnSync('pdftotext', ['-layout', 'notes.pdf', '-'], { cwd: dir, encoding: 'utf8' }).stdout;
    return text.split('\f');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('tables at a page break', () => {
  it.skipIf(!hasPdflatex || !hasPdftotext)('a table of 11 rows starting anywhere on a page stays on one page with its lead-in', () => {
    const out = new TexWriter();
    // one page per trial: the table's lead-in pushed down by 0, 0.5, 1, … cm of space
    const trials = Array.from({ length: 44 }, (_v, k) => k);
    for (const k of trials) {
      out.paragraph(`\\newpage\\vspace*{${k / 2}cm}`);
      out.paragraph(`Lead-in ${k}:`);
      out.table('ll', ['row', 'value'], Array.from({ length: ROWS }, (_r, i) => [`row${k}x${i + 1}`, String(i)]), { small: true });
    }
    const document = buildNotes([], FROM, []).document.replace('\\end{document}', `${out.body()}\n\\end{document}`);
    const text = pages(document);
    const split: string[] = [];
    for (const k of trials) {
      const where = (pattern: RegExp) => text.findIndex((page) => pattern.test(page));
      const on = [where(new RegExp(`Lead-in ${k}:`)), ...Array.from({ length: ROWS }, (_r, i) => where(new RegExp(`row${k}x${i + 1}\\b`)))];
      if (on.some((page) => page !== on[0]) || on[0] < 0) split.push(`table ${k}: pages ${on.join(', ')}`);
    }
    expect(split).toEqual([]);
  }, 240_000);
});
