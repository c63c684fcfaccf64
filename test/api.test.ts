import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CompileError, compileExpression, compileModel, compileModelFile, compileNetwork, dense, network } from '../src/index.js';
import { loadModule } from './helpers/generated-module.js';

// The public in-memory API: what the CLI, the benchmarks and the tests build on.
describe('compileModel (in memory)', () => {
  it('gives exactly the files compileModelFile writes', async () => {
    const path = 'examples/xor/model.ts';
    const command = 'npx nncompile examples/xor/model.ts --out generated/xor';
    const inMemory = await compileModel({ text: readFileSync(path, 'utf8'), fileName: path, path: resolve(path), command });
    const out = mkdtempSync(join(tmpdir(), 'api-'));
    const written = await compileModelFile(path, { outDir: out, command });
    expect(inMemory.files.map((f) => f.name)).toEqual(['model.ts', 'model.tex', 'model.notes.json', 'model.html']);
    for (const f of inMemory.files) expect(readFileSync(join(out, f.name), 'utf8')).toBe(f.content);
    expect(written.paths).toEqual([join(out, 'model.ts'), join(out, 'model.tex'), join(out, 'model.notes.json'), join(out, 'model.html')]);
  });

  it('names the module of a model.mts model.mts (an ES module in any package), of a model.ts or model.cts model.ts', async () => {
    const text = "import { expr } from 'nncompile';\nexport const J = expr('x^2');\n";
    const names = async (fileName: string) => (await compileModel({ text, fileName })).files.map((f) => f.name);
    expect(await names('src/model.mts')).toEqual(['model.mts', 'model.tex', 'model.notes.json', 'model.html']);
    expect((await names('model.cts'))[0]).toBe('model.ts');
  });

  it('locates errors in the model text it was given', async () => {
    const text = "import { expr } from 'nncompile';\nexport const J = expr('sin(x) +');\n";
    const error = await compileModel({ text, fileName: 'inline.ts' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CompileError);
    expect((error as CompileError).location).toMatchObject({ file: 'inline.ts', line: 2 });
  });
});

describe('compileExpression and compileNetwork', () => {
  it('compile an expression to a module whose gradient is right', async () => {
    const { files, expressions } = await compileExpression('x*y + exp(x)', { name: 'f', at: { x: 1, y: 2 } });
    expect(expressions[0].point?.value).toBeCloseTo(2 + Math.E, 12);
    expect(files[1].content).toContain('\\begin{document}');
    const module = await loadModule(files[0].content);
    const grad = new Float64Array(2);
    const f_grad = module.f_grad;
    expect(f_grad(1, 2, grad)).toBeCloseTo(2 + Math.E, 12);
    expect([...grad]).toEqual([2 + Math.E, 1].map((v) => expect.closeTo(v, 12)));
  });

  it('report an expression error at its column', async () => {
    const error = await compileExpression('sin(x) + @').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CompileError);
    expect((error as CompileError).location?.column).toBe(10);
  });

  it('compile a network spec to a trainer class, and name the bad value of a spec', async () => {
    const spec = network({ inputs: 2, layers: [dense(3, 'tanh'), dense(1, 'sigmoid')], loss: 'bce', optimizer: { kind: 'sgd', lr: 0.1 } });
    const { files } = await compileNetwork(spec, { name: 'Tiny' });
    expect(files[0].content).toMatch(/export class Tiny extends NetworkTrainer/);
    const bad = network({ ...spec, layers: [dense(0, 'tanh'), dense(1, 'sigmoid')] });
    const error = await compileNetwork(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CompileError);
    expect((error as CompileError).path).toEqual(['layers', 0, 'units']);
  });
});
