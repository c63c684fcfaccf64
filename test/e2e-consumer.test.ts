// The "Done when" of issue 12: the packed package installed into fresh
// CommonJS and ESM apps with strict tsconfigs; each compiles a model with a
// local import, type-checks the generated module with its own code, trains,
// saves and loads. The apps compile with `declaration: true`, as a library would: every type a
// generated class's public signature names (KernelBackend, WasmKernels) must be exported. Slow (npm
// pack, two npm installs from the npm cache, tsc): it needs dist/ built first, as `npm test` does.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

let tarball = '';
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'nncompile-pack-'));
  // dist/ is built by `npm test` (prepack would build it again)
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { encoding: 'utf8', stdio: 'pipe' });
  tarball = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz')) as string);
}, 300_000);

const SHARED = 'export const HIDDEN: number = 4;\n';
const MODEL = (shared: string) => `import { dense, network } from 'nncompile';
import { HIDDEN } from '${shared}';

export const Xor = network({
  inputs: 2,
  layers: [dense(HIDDEN, 'tanh'), dense(1, 'sigmoid')],
  loss: 'bce',
  optimizer: { kind: 'sgd', lr: 0.5, momentum: 0.9, batchSize: 'full' },
  init: { kind: 'xavier', seed: 1 },
});

// large enough for the WebAssembly kernels: its constructor's public signature names KernelBackend and WasmKernels
export const Wide = network({
  inputs: 32,
  layers: [dense(16, 'tanh'), dense(4, 'softmax')],
  loss: 'cce',
  optimizer: { kind: 'sgd', lr: 0.1, batchSize: 8 },
});
`;
const TRAIN = `import { Wide, Xor, type KernelBackend, type WasmKernels } from './generated/model.js';

const X = new Float64Array([0, 0, 0, 1, 1, 0, 1, 1]);
const Y = new Float64Array([0, 1, 1, 0]);
const net = new Xor();
net.fit({ X, Y, n: 4 }, { epochs: 2000 });
const { accuracy } = net.evaluate({ X, Y, n: 4 });
const saved = JSON.stringify(net.toJSON());
const copy = new Xor(7);
copy.loadJSON(saved);
const a = new Float64Array(4);
const b = new Float64Array(4);
net.predictBatch(X, 4, a);
copy.predictBatch(X, 4, b);
const backend: KernelBackend = 'auto';
const wide = new Wide(1, backend);
const kernels: WasmKernels | undefined = undefined;
const wideTs = new Wide(1, 'ts', kernels);
console.log(JSON.stringify({ accuracy, predictions: Array.from(a), loaded: Array.from(b), wasm: [wide.usesWasm, wideTs.usesWasm] }));
`;

// A CommonJS app under verbatimModuleSyntax writes require() for its imports, and a `.ts` file of a CommonJS package
// may not declare `export class`: its model is model.mts, so the generated module is model.mts, an ES module that
// Node 20.19+ and TypeScript 5.8+ (module NodeNext) let CommonJS require.
const TRAIN_REQUIRE = TRAIN.replace(
  "import { Wide, Xor, type KernelBackend, type WasmKernels } from './generated/model.js';",
  "import generated = require('./generated/model.mjs');\nconst { Wide, Xor } = generated;\ntype KernelBackend = generated.KernelBackend;\ntype WasmKernels = generated.WasmKernels;");

function tsconfig(module: 'Node16' | 'NodeNext', verbatimModuleSyntax = false): string {
  return JSON.stringify({
    compilerOptions: {
      verbatimModuleSyntax, noImplicitOverride: true,
      target: 'ES2022', module, moduleResolution: module, strict: true, noUnusedLocals: true, noUnusedParameters: true,
      exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: true, outDir: 'build', rootDir: 'src', types: [],
      // a library's settings: the generated module's exported classes must name only exported types
      declaration: true,
    },
    include: ['src'],
  }, null, 2);
}

const APPS = [
  { kind: 'CommonJS', type: 'commonjs', module: 'Node16' as const, shared: './shared', sharedFile: 'shared.ts', model: 'model.ts', train: TRAIN, verbatim: false },
  // under NodeNext an ES module names the .js the import becomes; esbuild finds shared.ts for it
  { kind: 'ESM', type: 'module', module: 'NodeNext' as const, shared: './shared.js', sharedFile: 'shared.ts', model: 'model.ts', train: TRAIN, verbatim: true },
  { kind: 'CommonJS, verbatimModuleSyntax', type: 'commonjs', module: 'NodeNext' as const, shared: './shared.mjs', sharedFile: 'shared.mts', model: 'model.mts', train: TRAIN_REQUIRE, verbatim: true },
];

describe('a consumer project', () => {
  it.each(APPS)('$kind app: install the tarball, compile $model with a local import, type-check, train, save, load', ({ type, module, shared, sharedFile, model, train, verbatim }) => {
    const app = mkdtempSync(join(tmpdir(), `nncompile-app-${type}-`));
    const generated = model.replace('model', 'generated/model'); // generated/model.ts, or generated/model.mts
    mkdirSync(join(app, 'src'));
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: `app-${type}`, version: '1.0.0', private: true, type }, null, 2));
    writeFileSync(join(app, 'tsconfig.json'), tsconfig(module, verbatim));
    writeFileSync(join(app, 'src', sharedFile), SHARED);
    writeFileSync(join(app, 'src', model), MODEL(shared));
    writeFileSync(join(app, 'src', 'train.ts'), train);
    const run = (command: string, args: readonly string[]) =>
      execFileSync(command, args, { cwd: app, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' } });

    run('npm', ['install', '--prefer-offline', '--save-dev', tarball]);
    const compiled = run('npx', ['nncompile', `src/${model}`, '--out', 'src/generated']);
    expect(compiled).toContain(`wrote src/${generated}`);
    expect(readFileSync(join(app, 'src', generated), 'utf8').split('\n')[1]).toBe(`//   npx nncompile src/${model} --out src/generated`);
    run(process.execPath, [join(app, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.']); // throws on any diagnostic
    const result = JSON.parse(run(process.execPath, [join('build', 'train.js')])) as {
      accuracy: number; predictions: number[]; loaded: number[]; wasm: boolean[];
    };
    expect(readFileSync(join(app, 'build', generated.replace(/\.(m?)ts$/, '.d.$1ts')), 'utf8')).toContain('export type KernelBackend');
    expect(result.wasm).toEqual([true, false]);
    expect(result.accuracy).toBe(1);
    expect(result.loaded).toEqual(result.predictions);
    result.predictions.forEach((p, i) => expect(Math.round(p)).toBe([0, 1, 1, 0][i]));
  }, 600_000);
});
