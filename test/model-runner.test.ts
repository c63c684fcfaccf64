// model.ts runs as an ES module: local TypeScript imports, top-level await,
// import.meta; an endless loop is stopped; what it throws is located (issue 12, item 13).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../src/driver/compile-model.js';
import { compileModelFile } from '../src/driver/model-file.js';
import { compileErrorOf } from './helpers/compile-error.js';

/** Writes the files into a fresh folder; returns its path. */
function folder(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'nncompile-model-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const SHARED = 'export const hidden: number = 3;\nexport function fail(): never {\n  throw new Error(\'bad size\');\n}\n';
const NET = (units: string) =>
  `network({ inputs: 2, layers: [dense(${units}, 'tanh'), dense(1, 'sigmoid')], loss: 'bce', optimizer: { kind: 'sgd', lr: 0.1 } })`;

describe('running model.ts', () => {
  it.each(['./shared', './shared.ts', './shared.js'])('imports a local TypeScript file as %s', async (specifier) => {
    const dir = folder({
      'shared.ts': SHARED,
      'model.ts': `import { dense, network } from 'nncompile';\nimport { hidden } from '${specifier}';\nexport const Net = ${NET('hidden')};\n`,
    });
    const result = await compileModelFile(join(dir, 'model.ts'), { outDir: join(dir, 'out') });
    expect(result.networks[0].spec.layers[0].units).toBe(3);
    expect(result.inputs).toEqual([join(dir, 'model.ts'), join(dir, 'shared.ts')]);
  });

  it('runs an ES-module model (.mts) with top-level await and import.meta.url, and writes model.mts', async () => {
    const dir = folder({
      'model.mts': "import { expr } from 'nncompile';\n"
        + "const source = await Promise.resolve('x^2');\n"
        + "export const f = expr(source, { at: { x: new URL(import.meta.url).pathname.endsWith('model.mts') ? 2 : 0 } });\n",
    });
    const result = await compileModelFile(join(dir, 'model.mts'), { outDir: join(dir, 'out') });
    expect(result.expressions[0].point?.values).toEqual({ x: 2 });
    expect(result.paths.map((p) => p.slice(dir.length))).toEqual(['/out/model.mts', '/out/model.tex', '/out/model.notes.json', '/out/model.html']);
  });

  it('stops an endless loop at the time limit, with an error', async () => {
    const text = "import { expr } from 'nncompile';\nwhile (true) {}\nexport const f = expr('x');\n";
    const started = Date.now();
    const error = await compileErrorOf(() => compileModel({ text, fileName: 'loop.ts', timeLimitMs: 1000 }));
    expect(error.message).toBe('running loop.ts did not finish within 1 s');
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('reports an error thrown in an imported file at its file:line:col', async () => {
    const dir = folder({
      'shared.ts': SHARED,
      'model.ts': `import { dense, network } from 'nncompile';\nimport { fail } from './shared';\nconst units: number = fail();\nexport const Net = ${NET('units')};\n`,
    });
    const error = await compileErrorOf(() => compileModelFile(join(dir, 'model.ts'), { outDir: join(dir, 'out') }));
    expect(error.message).toMatch(/running .*model\.ts failed: bad size/);
    expect(error.location).toMatchObject({ line: 3, column: 9, lineText: "  throw new Error('bad size');" });
    expect(error.location?.file).toMatch(/shared\.ts$/);
  });

  it('reports an error thrown by model.ts itself at its line', async () => {
    const text = "import { expr } from 'nncompile';\nconst n: number = 1;\nif (n > 0) throw new RangeError('n must be negative');\nexport const f = expr('x');\n";
    const error = await compileErrorOf(() => compileModel({ text, fileName: 'model.ts' }));
    expect(error.message).toBe('running model.ts failed: RangeError: n must be negative');
    expect(error.location).toMatchObject({ file: 'model.ts', line: 3, column: 18 });
  });

  it('says what `throw null` threw, without a stack trace from nncompile', async () => {
    const error = await compileErrorOf(() => compileModel({ text: "import { expr } from 'nncompile';\nthrow null;\n", fileName: 'model.ts' }));
    expect(error.message).toBe('running model.ts failed: it threw null, not an Error');
  });

  it('locates an import that does not resolve', async () => {
    const dir = folder({ 'model.ts': "import { expr } from 'nncompile';\nimport { k } from './missing';\nexport const f = expr(k);\n" });
    const error = await compileErrorOf(() => compileModelFile(join(dir, 'model.ts'), { outDir: join(dir, 'out') }));
    expect(error.message).toMatch(/Could not resolve "\.\/missing"/);
    expect(error.location).toMatchObject({ line: 2, column: 19 });
    expect(error.hint).toMatch(/import its own \.ts files/);
  });

  // Found trying it as a developer: a model whose network lacked `export` said only that it exports nothing.
  describe('a spec declared but not exported', () => {
    it('is the error, at its name, when nothing else is exported', async () => {
      const text = `import { dense, network } from 'nncompile';\n\nconst Net = ${NET('3')};\nconsole.log(Net.kind);\n`;
      const error = await compileErrorOf(() => compileModel({ text, fileName: 'model.ts' }));
      expect(error.message).toBe("'Net' is a network(…) that model.ts does not export: it is not compiled");
      expect(error.location).toMatchObject({ file: 'model.ts', line: 3, column: 7 });
      expect(error.hint).toBe('only exported values are compiled: export const Net = …');
    });

    it('through a namespace import too', async () => {
      const text = "import * as nn from 'nncompile';\nconst f = nn.expr('x^2');\n";
      const error = await compileErrorOf(() => compileModel({ text, fileName: 'model.ts' }));
      expect(error.message).toBe("'f' is an expr(…) that model.ts does not export: it is not compiled");
      expect(error.location).toMatchObject({ line: 2, column: 7 });
    });

    it('is a warning beside specs that are exported; a spec an export reads is not one', async () => {
      const text = "import { expr as e, differentiable } from 'nncompile';\n"
        + "const base = e('x^2');\nexport const f = base;\nconst g = differentiable((x: number) => x * x);\n"
        + "const h = e('y');\nexport { h as k };\nconst notASpec = Math.max(1, 2);\n";
      const result = await compileModel({ text, fileName: 'model.ts' });
      expect(result.expressions.map((x) => x.name)).toEqual(['f', 'k']);
      expect(result.warnings.map((w) => [w.message, w.location?.line])).toEqual([
        ["'g' is a differentiable(…) that model.ts does not export: it is not compiled", 4],
      ]);
    });
  });

  it('never writes over a file the model imports', async () => {
    const dir = folder({
      'shared.ts': SHARED,
      'main.ts': `import { dense, network } from 'nncompile';\nimport { hidden } from './shared';\nexport const Net = ${NET('hidden')};\n`,
    });
    writeFileSync(join(dir, 'model.ts'), 'unused');
    const error = await compileErrorOf(() => compileModelFile(join(dir, 'main.ts'), { outDir: dir }));
    expect(error.message).toMatch(/refusing to write .*main\.ts: it is an input of the model/);
    expect(readFileSync(join(dir, 'main.ts'), 'utf8')).toContain('hidden');
  });
});
