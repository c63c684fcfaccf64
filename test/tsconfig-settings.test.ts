// Generated modules compile under the stricter settings projects use, not only
// --strict (issue 12, item 15): noUnusedLocals, noUnusedParameters (on in
// Vite's template), noUncheckedIndexedAccess, exactOptionalPropertyTypes and
// erasableSyntaxOnly (Node's type stripping), each alone and all together
// (with isolatedModules, verbatimModuleSyntax and the other no* checks), on every golden and on a module with every kind
// of generated code: expression functions (constant, with a Hessian), a
// TypeScript function's gradient (a loop kept as a loop, an unrolled loop, a
// branch), a straight-line trainer, a trainer of tensor programs, one with
// WebAssembly kernels, and a sequence (LSTM) trainer.
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
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
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    return `${d.file?.fileName ?? ''}:${line}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

// erasableSyntaxOnly: what Node's type stripping runs (node model.ts on Node 22.6+): no parameter properties, enums or namespaces
const SETTINGS = ['noUnusedLocals', 'noUnusedParameters', 'noUncheckedIndexedAccess', 'exactOptionalPropertyTypes', 'erasableSyntaxOnly'] as const;
/** The rest of a demanding project's settings, checked together with the above. */
const ALSO: ts.CompilerOptions = {
  isolatedModules: true, verbatimModuleSyntax: true, noImplicitReturns: true, noImplicitOverride: true,
  noPropertyAccessFromIndexSignature: true, noFallthroughCasesInSwitch: true, allowUnreachableCode: false,
};
const CASES: readonly (readonly [string, ts.CompilerOptions])[] = [
  ...SETTINGS.map((s) => [s, { [s]: true }] as const),
  ['all of them together, with isolatedModules, verbatimModuleSyntax, noImplicitReturns, noImplicitOverride, …',
    { ...Object.fromEntries(SETTINGS.map((s) => [s, true])), ...ALSO }],
];

const EVERY_KIND = "import { differentiable, expr, dense, lstm, network } from 'nncompile';\n"
  + "export const C = expr('pi^2 + e', { hessian: true });\n"
  + "export const f = expr('x*y + exp(x)', { hessian: true });\n"
  // a function whose loop is kept as a loop (the lane code), one unrolled, one with a branch
  + 'export const R = differentiable((x: Float64Array) => { let f = 0;'
  + ' for (let i = 0; i < x.length - 1; i++) { const a = x[i + 1] - x[i] * x[i]; f += 100 * a * a + (1 - x[i]) ** 2; }'
  + ' return f; }, { lengths: { x: 20 } });\n'
  + 'export const S = differentiable((x: Float64Array) => { let s = 0; for (let i = 0; i < 3; i++) s = 0.9 * s + x[i] * x[i]; return s; }, { lengths: { x: 3 } });\n'
  + 'export const H = differentiable((r: number) => { if (Math.abs(r) <= 1) return 0.5 * r * r; return Math.abs(r) - 0.5; });\n'
  // a straight-line trainer, a tensor-program trainer with dropout, a schedule and standardization, a WebAssembly one, an LSTM
  + "export const Tiny = network({ inputs: 2, layers: [dense(3, 'tanh'), dense(1, 'sigmoid')], loss: 'bce', optimizer: { kind: 'sgd', lr: 0.5, batchSize: 'full' } });\n"
  + "export const Net = network({ inputs: 3, layers: [dense(4, 'relu', { dropout: 0.1 }), dense(2, 'softmax')], loss: 'cce',"
  + " optimizer: { kind: 'adam', lr: 0.01 }, schedule: { kind: 'step', every: 2, factor: 0.5 }, standardize: true });\n"
  + "export const Price = network({ inputs: 4, layers: [dense(8, 'relu'), dense(1, 'linear')], loss: 'mse', optimizer: { kind: 'adam', lr: 0.01 }, standardize: { inputs: true, targets: true } });\n"
  + "export const Big = network({ inputs: 64, layers: [dense(64, 'relu'), dense(10, 'softmax')], loss: 'cce', optimizer: { kind: 'adam', lr: 0.01 } });\n"
  // precision 'f32': a WebAssembly trainer and a straight-line one with Float32Array parameters
  + "export const Big32 = network({ inputs: 64, layers: [dense(64, 'relu', { dropout: 0.1 }), dense(10, 'softmax')], loss: 'cce', optimizer: { kind: 'adam', lr: 0.01 }, precision: 'f32' });\n"
  + "export const Tiny32 = network({ inputs: 2, layers: [dense(3, 'tanh'), dense(1, 'sigmoid')], loss: 'bce', optimizer: { kind: 'sgd', lr: 0.5, momentum: 0.9 }, precision: 'f32' });\n"
  + "export const Seq = network({ inputs: { sequence: 2 }, layers: [lstm(4, { returnSequences: true }), dense(1, 'linear')], loss: 'mse', optimizer: { kind: 'adam', lr: 0.01 }, bptt: { truncate: 3 } });\n";

describe('generated modules under common tsconfig settings', () => {
  const goldens = Object.fromEntries(readdirSync('generated').map((name) => [`${name}.ts`, readFileSync(`generated/${name}/model.ts`, 'utf8')]));
  let module = '';
  beforeAll(async () => {
    module = (await compileModel({ text: EVERY_KIND, fileName: 'model.ts' })).files[0].content;
  });

  it('the module of every kind has every kind', () => {
    for (const part of ['export function C(', 'export function R_grad(', 'export function S_grad(', 'export function H_grad(',
      'export class Tiny extends NetworkTrainer', 'export class Net extends', 'export class Price extends', 'export class Big extends',
      'function loadWasmKernels(', 'export class Seq extends SequenceTrainer', 'protected computeTrainStep(',
      'export class Big32 extends', 'params: Float32Array[] = [];', 'matmul_nt_nx64x64_f32(', 'readonly params: readonly Float32Array[] = [']) {
      expect(module).toContain(part);
    }
  });

  it.each(CASES)("every golden's module passes --strict with %s", (_name, setting) => {
    expect(diagnostics(goldens, setting)).toEqual([]);
  });

  it.each(CASES)('the module of every kind passes --strict with %s', (_name, setting) => {
    expect(diagnostics({ 'model.ts': module }, setting)).toEqual([]);
  });
});
