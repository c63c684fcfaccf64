// Generated modules compile under the stricter settings projects use, not only
// --strict (issue 12, item 15). noUncheckedIndexedAccess is not supported yet
// (every typed-array read would need a `!`): the README says so.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { compileModel } from '../src/driver/compile-model.js';

/** Diagnostics of tsc --strict plus `setting` on the files, given as name → text (ES2022 library only). */
function diagnostics(files: Readonly<Record<string, string>>, setting: ts.CompilerOptions): string[] {
  const options: ts.CompilerOptions = {
    strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022,
    lib: ['lib.es2022.d.ts'], types: [], skipLibCheck: true, ...setting,
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (name) => files[name] ?? read(name);
  host.fileExists = ((exists) => (name: string) => name in files || exists(name))(host.fileExists.bind(host));
  const getSource = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) =>
    name in files ? ts.createSourceFile(name, files[name], version) : getSource(name, version);
  const program = ts.createProgram(Object.keys(files), options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

const SETTINGS = ['noUnusedLocals', 'noUnusedParameters', 'exactOptionalPropertyTypes'] as const;

describe('generated modules under common tsconfig settings', () => {
  const goldens = Object.fromEntries(readdirSync('generated').map((name) => [`${name}.ts`, readFileSync(`generated/${name}/model.ts`, 'utf8')]));

  it.each(SETTINGS)("every golden's module passes --strict --%s", (setting) => {
    expect(diagnostics(goldens, { [setting]: true })).toEqual([]);
  });

  it.each(SETTINGS)('a constant expression, an expression with a Hessian, a function with a kept loop, a scheduled Adam network and a straight-line one pass --%s', async (setting) => {
    const text = "import { differentiable, expr, dense, network } from 'nncompile';\n"
      + "export const C = expr('pi^2 + e', { hessian: true });\n"
      + "export const f = expr('x*y + exp(x)', { hessian: true });\n"
      + "export const Net = network({ inputs: 3, layers: [dense(4, 'relu', { dropout: 0.1 }), dense(2, 'softmax')], loss: 'cce',"
      + " optimizer: { kind: 'adam', lr: 0.01 }, schedule: { kind: 'step', every: 2, factor: 0.5 }, standardize: true });\n"
      // a differentiable function whose loop is kept as a loop (the lane code), and a small straight-line trainer
      + 'export const R = differentiable((x: Float64Array) => { let f = 0;'
      + ' for (let i = 0; i < x.length - 1; i++) { const a = x[i + 1] - x[i] * x[i]; f += 100 * a * a + (1 - x[i]) ** 2; }'
      + ' return f; }, { lengths: { x: 20 } });\n'
      + "export const Tiny = network({ inputs: 2, layers: [dense(3, 'tanh'), dense(1, 'sigmoid')], loss: 'bce', optimizer: { kind: 'sgd', lr: 0.5, batchSize: 'full' } });\n";
    const { files } = await compileModel({ text, fileName: 'model.ts' });
    expect(diagnostics({ 'model.ts': files[0].content }, { [setting]: true })).toEqual([]);
  });
});
