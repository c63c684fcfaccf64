// The README's "Use it in your project" section is true of the generated code
// (issue 12, item 17): its example type-checks against a generated module.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { compileModelFile } from '../src/driver/model-file.js';

const README = readFileSync('README.md', 'utf8');

function section(title: string): string {
  const start = README.indexOf(`## ${title}\n`);
  expect(start).toBeGreaterThan(-1);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

describe('README: Use it in your project', () => {
  const text = section('Use it in your project');

  it('covers install, the generated module, the data format, reseed, model imports, a build script and tsconfig', () => {
    for (const topic of ['npm install', 'npm pack', "from './generated/model.js'", 'Float64Array', 'one-hot', 'reseed(',
      'import its own TypeScript files', '"prebuild"', 'noUnusedLocals', 'noUncheckedIndexedAccess']) {
      expect(text).toContain(topic);
    }
    const scripts = /```json\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
    expect(Object.keys((JSON.parse(`{${scripts}}`) as { scripts: object }).scripts)).toEqual(['generate', 'prebuild']);
  });

  it('names every file the build step writes (found trying it as a new user: it named only the .ts and the .tex)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nncompile-readme-files-'));
    writeFileSync(join(dir, 'model.ts'), "import { expr } from 'nncompile';\nexport const f = expr('x^2');\n");
    const { paths } = await compileModelFile(join(dir, 'model.ts'), { outDir: join(dir, 'generated') });
    const written = paths.map((p) => basename(p)).sort();
    expect(written.length).toBeGreaterThan(1);
    for (const file of written) expect(text).toContain(`src/generated/${file}`);
  });

  it('its example type-checks under --strict against a generated trainer', () => {
    const example = /```ts\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
    const dir = mkdtempSync(join(tmpdir(), 'nncompile-readme-'));
    mkdirSync(join(dir, 'generated'));
    writeFileSync(join(dir, 'generated', 'model.ts'), readFileSync('generated/xor/model.ts', 'utf8'));
    const data = 'const X = new Float64Array([0, 0, 0, 1, 1, 0, 1, 1]);\nconst Y = new Float64Array([0, 1, 1, 0]);\n';
    const [imports, ...rest] = example.split('\n\n');
    writeFileSync(join(dir, 'app.ts'), `${imports}\n\n${data}${rest.join('\n\n')}\nexport { loss, accuracy };\n`);
    const program = ts.createProgram([join(dir, 'app.ts')], {
      strict: true, noEmit: true, noUnusedLocals: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler, lib: ['lib.es2022.d.ts'], types: [], skipLibCheck: true,
    });
    expect(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '))).toEqual([]);
  });
});

// Found trying it as a developer: the README's rosenbrock did not type-check in a project with
// noUncheckedIndexedAccess (x[i] is number | undefined there), although the model file is part of the project.
describe("README: every model.ts snippet type-checks in a strict project", () => {
  const DSL_NAMES = ['dense', 'differentiable', 'expr', 'gru', 'lstm', 'network', 'notes', 'rnn'];
  const snippets = [...README.matchAll(/```ts\n([\s\S]*?)```/g)]
    .map((m) => m[1])
    .filter((code) => /\b(expr|network|differentiable)\(/.test(code) && !code.includes("from './generated/"));

  it('finds the snippets (expressions, notes, functions, networks, the worked example, recurrent)', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(6);
  });

  it.each(snippets.map((code, i) => [i + 1, code]))('snippet %i', (_, code) => {
    const dir = mkdtempSync(join(tmpdir(), 'nncompile-readme-model-'));
    // a snippet shown without its import line (the published-example one) gets the DSL's
    const text = /^import /m.test(code) ? code : `import { ${DSL_NAMES.join(', ')} } from 'nncompile';\n${code}`;
    writeFileSync(join(dir, 'model.ts'), text);
    const program = ts.createProgram([join(dir, 'model.ts')], {
      strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, noEmit: true,
      target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts'], types: [], skipLibCheck: true,
      paths: { nncompile: [join(process.cwd(), 'src/dsl/api.ts')] },
    });
    // the snippet's own diagnostics (the DSL's sources are checked under the project's settings elsewhere)
    const own = ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName.endsWith('/model.ts'));
    expect(own.map((d) => `${d.file?.getLineAndCharacterOfPosition(d.start ?? 0).line}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`)).toEqual([]);
  });
});
