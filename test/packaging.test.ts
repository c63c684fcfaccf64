// What a consumer installs (issue 12, item 16): built on prepack, no install
// scripts, dist/ shipped, and a `require` condition for the DSL.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { TRAINER_PARTS } from '../src/backends/ts/trainer-template.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  scripts: Record<string, string>;
  exports: Record<string, Record<string, { types: string; default: string }>>;
};

describe('the package', () => {
  it('builds on prepack and runs no install scripts in a consumer', () => {
    expect(Object.keys(pkg.scripts).filter((s) => ['prepare', 'preinstall', 'install', 'postinstall'].includes(s))).toEqual([]);
    expect(pkg.scripts.prepack).toBe('npm run build');
  });

  it('ships dist/ (ESM, the CommonJS DSL, the CLI) and the templates, and no tarballs or tests', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
    for (const f of ['dist/index.js', 'dist/index.d.ts', 'dist/cjs/dsl/api.js', 'dist/cjs/dsl/api.d.ts', 'dist/cjs/package.json',
      'dist/cli/main.js', 'dist/cli/nncompile.cjs', 'templates/header.ts', 'package.json', 'README.md',
      ...TRAINER_PARTS.map((part) => `templates/trainer/${part}`)]) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => f.endsWith('.tgz') || f.startsWith('test/') || f.startsWith('src/'))).toEqual([]);
    for (const condition of Object.values(pkg.exports['.'])) {
      expect(files).toContain(condition.types.replace('./', ''));
      expect(files).toContain(condition.default.replace('./', ''));
    }
  });

  it("require('nncompile') gives the DSL", () => {
    const r = spawnSync(process.execPath, ['-e', "const { dense, expr, network } = require('nncompile'); console.log(JSON.stringify(dense(3, 'tanh')), typeof expr, typeof network)"],
      { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('{"kind":"dense","units":3,"activation":"tanh","options":{}} function function');
  });

  it('a "module": "node16" CommonJS project type-checks a model importing the DSL (no TS1479)', () => {
    const app = mkdtempSync(join(tmpdir(), 'nncompile-cjs-'));
    writeFileSync(join(app, 'package.json'), '{ "name": "app", "type": "commonjs" }\n');
    mkdirSync(join(app, 'node_modules'));
    symlinkSync(process.cwd(), join(app, 'node_modules', 'nncompile'), 'dir');
    const model = join(app, 'model.ts');
    writeFileSync(model, "import { dense, network } from 'nncompile';\n"
      + "export const Net = network({ inputs: 2, layers: [dense(1, 'sigmoid')], loss: 'bce', optimizer: { kind: 'sgd', lr: 0.1 } });\n");
    const program = ts.createProgram([model], {
      strict: true, noEmit: true, module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16,
      target: ts.ScriptTarget.ES2022, types: [], skipLibCheck: true,
    });
    expect(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '))).toEqual([]);
  });
});
