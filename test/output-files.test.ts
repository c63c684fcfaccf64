import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModelFile } from '../src/driver/model-file.js';
import { writeFilesAtomically } from '../src/util/atomic-write.js';
import { compileErrorOf } from './helpers/compile-error.js';

// What nncompile may write: never an input, never a file it did not write, all outputs or none.
const MODEL = "import { expr } from 'nncompile';\nexport const J = expr('x^2');\n";

function folderWithModel(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'nncompile-outputs-'));
  const file = join(dir, 'model.ts');
  writeFileSync(file, MODEL);
  return { dir, file };
}

describe('output files', () => {
  it('refuses to overwrite the model file itself (--out .)', async () => {
    const { dir, file } = folderWithModel();
    const error = await compileErrorOf(() => compileModelFile(file, { outDir: dir }));
    expect(error.message).toMatch(/refusing to write .*model\.ts: it is an input of the model/);
    expect(readFileSync(file, 'utf8')).toBe(MODEL);
    expect(readdirSync(dir)).toEqual(['model.ts']); // the notes not written either
  });

  it('refuses to overwrite a file nncompile did not write, and writes neither output', async () => {
    const { dir, file } = folderWithModel();
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'model.ts'), 'export const mine = 1;\n');
    const error = await compileErrorOf(() => compileModelFile(file, { outDir: out }));
    expect(error.message).toMatch(/refusing to overwrite .*model\.ts: nncompile did not write it/);
    expect(readFileSync(join(out, 'model.ts'), 'utf8')).toBe('export const mine = 1;\n');
    expect(readdirSync(out)).toEqual(['model.ts']);
  });

  it('replaces the files it wrote before', async () => {
    const { dir, file } = folderWithModel();
    const out = join(dir, 'out');
    await compileModelFile(file, { outDir: out });
    writeFileSync(file, MODEL.replace('x^2', 'x^3'));
    await compileModelFile(file, { outDir: out });
    expect(readFileSync(join(out, 'model.ts'), 'utf8')).toContain('x ** 3');
    expect(readdirSync(out).sort()).toEqual(['model.html', 'model.notes.json', 'model.tex', 'model.ts']);
  });

  // Found trying it as a developer: a generated file made read-only (to keep it, or by a version-control
  // checkout) was replaced anyway, by rename, and came back writable.
  it('refuses to replace a read-only output, and writes none', async () => {
    const { dir, file } = folderWithModel();
    const out = join(dir, 'out');
    await compileModelFile(file, { outDir: out });
    const notes = join(out, 'model.tex');
    const before = readFileSync(notes, 'utf8');
    chmodSync(notes, 0o444);
    writeFileSync(file, MODEL.replace('x^2', 'x^3'));
    const error = await compileErrorOf(() => compileModelFile(file, { outDir: out }));
    expect(error.message).toMatch(/^refusing to overwrite .*model\.tex: it is read-only; nothing was written$/);
    expect(error.hint).toMatch(/chmod u\+w .*model\.tex/);
    expect(readFileSync(notes, 'utf8')).toBe(before);
    expect(statSync(notes).mode & 0o777).toBe(0o444);
    expect(readFileSync(join(out, 'model.ts'), 'utf8')).not.toContain('x ** 3');
    expect(readdirSync(out).sort()).toEqual(['model.html', 'model.notes.json', 'model.tex', 'model.ts']);
  });

  it('refuses to overwrite a model.html it did not write', async () => {
    const { dir, file } = folderWithModel();
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'model.html'), '<!DOCTYPE html><p>mine</p>\n');
    const error = await compileErrorOf(() => compileModelFile(file, { outDir: out }));
    expect(error.message).toMatch(/refusing to overwrite .*model\.html: nncompile did not write it/);
    expect(readdirSync(out)).toEqual(['model.html']);
  });

  it('refuses to overwrite a model.notes.json it did not write', async () => {
    const { dir, file } = folderWithModel();
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'model.notes.json'), '{ "mine": true }\n');
    const error = await compileErrorOf(() => compileModelFile(file, { outDir: out }));
    expect(error.message).toMatch(/refusing to overwrite .*model\.notes\.json: nncompile did not write it/);
    expect(readdirSync(out)).toEqual(['model.notes.json']);
  });

  it('writes neither file when the notes path is a folder, and leaves no temporary file', async () => {
    const { dir, file } = folderWithModel();
    const out = join(dir, 'out');
    await compileModelFile(file, { outDir: out });
    const before = readFileSync(join(out, 'model.ts'), 'utf8');
    rmSync(join(out, 'model.tex'));
    mkdirSync(join(out, 'model.tex', 'inner'), { recursive: true });
    writeFileSync(file, MODEL.replace('x^2', 'x^3'));
    const error = await compileErrorOf(() => compileModelFile(file, { outDir: out }));
    expect(error.message).toMatch(/cannot write .*model\.tex: it is a folder/);
    expect(readFileSync(join(out, 'model.ts'), 'utf8')).toBe(before);
    expect(readdirSync(out).sort()).toEqual(['model.html', 'model.notes.json', 'model.tex', 'model.ts']);
  });

  it('rolls back a file already renamed when a later rename fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nncompile-atomic-'));
    writeFileSync(join(dir, 'a.ts'), 'old');
    mkdirSync(join(dir, 'b.tex', 'inner'), { recursive: true }); // renaming a file onto it fails
    expect(() => writeFilesAtomically([
      { path: join(dir, 'a.ts'), content: 'new' },
      { path: join(dir, 'b.tex'), content: 'new' },
    ])).toThrow(/cannot write .*b\.tex: .*nothing was written/);
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['a.ts', 'b.tex']);
  });

  it('--out under a file (/dev/null/x) is a one-line error from the CLI, exit 1', () => {
    const { file } = folderWithModel();
    const r = spawnSync(process.execPath, [join(process.cwd(), 'dist', 'cli', 'main.js'), file, '--out', '/dev/null/x'],
      { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      'error: cannot write /dev/null/x/model.ts: a part of the path is a file, not a folder; nothing was written',
    ]);
  });
});

describe('the regeneration command in the header', () => {
  it('names paths from the package root, quoted when they have spaces, wherever nncompile ran', () => {
    const project = mkdtempSync(join(tmpdir(), 'nncompile-project-'));
    writeFileSync(join(project, 'package.json'), '{ "name": "app" }\n');
    mkdirSync(join(project, "my models"));
    writeFileSync(join(project, 'my models', 'model.ts'), MODEL);
    const r = spawnSync(process.execPath, [join(process.cwd(), 'dist', 'cli', 'main.js'), 'model.ts', '--out', "../gen out/it's"],
      { cwd: join(project, 'my models'), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const header = readFileSync(join(project, "gen out/it's", 'model.ts'), 'utf8').split('\n')[1];
    expect(header).toBe("//   npx nncompile 'my models/model.ts' --out 'gen out/it'\\''s'");
    // the recorded command works from the package root
    const again = spawnSync('sh', ['-c', header.replace('//   npx nncompile', `${process.execPath} ${join(process.cwd(), 'dist', 'cli', 'main.js')}`)],
      { cwd: project, encoding: 'utf8' });
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
  });
});
