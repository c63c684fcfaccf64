// --pdf: every example's notes typeset with one call (pdflatex as often as the log asks for a
// rerun: longtable needs two runs), and a one-line error with the fix when pdflatex is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModelFile } from '../src/driver/model-file.js';
import { compileErrorOf } from './helpers/compile-error.js';
import { EXAMPLES } from '../scripts/examples.js';

const CLI = join(process.cwd(), 'dist', 'cli', 'main.js');
const hasPdflatex = spawnSync('pdflatex', ['--version']).status === 0;
if (!hasPdflatex) console.warn('test/pdf-notes.test.ts: typesetting skipped, no pdflatex (apt-get install texlive-latex-base texlive-pictures)');

describe('nncompile model.ts --pdf', () => {
  it.skipIf(!hasPdflatex).each(EXAMPLES)('%s: one call writes the PDF beside the notes', async (name) => {
    const out = mkdtempSync(join(tmpdir(), `nncompile-pdf-${name}-`));
    const { paths } = await compileModelFile(`examples/${name}/model.ts`, { outDir: out, pdf: true });
    expect(paths).toContain(join(out, 'model.pdf'));
    const pdf = readFileSync(join(out, 'model.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
  });

  it.skipIf(!hasPdflatex)('replaces a PDF it wrote, never one it did not', async () => {
    const out = mkdtempSync(join(tmpdir(), 'nncompile-pdf-again-'));
    await compileModelFile('examples/chain-rule/model.ts', { outDir: out, pdf: true });
    await compileModelFile('examples/chain-rule/model.ts', { outDir: out, pdf: true });
    const mine = mkdtempSync(join(tmpdir(), 'nncompile-pdf-mine-'));
    writeFileSync(join(mine, 'model.pdf'), '%PDF-1.5 someone else\'s\n');
    const error = await compileErrorOf(() => compileModelFile('examples/chain-rule/model.ts', { outDir: mine, pdf: true }));
    expect(error.message).toMatch(/refusing to overwrite .*model\.pdf: nncompile did not write it/);
  });

  it('without pdflatex: a one-line error naming the packages to install, exit 1, nothing written', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'nncompile-nopdflatex-')), 'out');
    const r = spawnSync(process.execPath, [CLI, 'examples/chain-rule/model.ts', '--out', out, '--pdf'],
      { encoding: 'utf8', env: { ...process.env, PATH: mkdtempSync(join(tmpdir(), 'nncompile-empty-path-')) } });
    expect(r.status).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      'error: --pdf needs pdflatex, which is not installed: apt-get install texlive-latex-base texlive-pictures',
    ]);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});
