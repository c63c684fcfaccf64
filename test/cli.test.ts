import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// Each case starts a Node process that loads TypeScript, mathjs and prettier.
vi.setConfig({ testTimeout: 60_000 });

// The CLI as users run it: the built dist/cli/main.js (npm test builds first).
const CLI = join(process.cwd(), 'dist', 'cli', 'main.js');

function nncompile(args: readonly string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A model file in a fresh folder; returns its path and an output folder beside it. */
function model(source: string) {
  const dir = mkdtempSync(join(tmpdir(), 'nncompile-cli-'));
  const file = join(dir, 'model.ts');
  writeFileSync(file, source);
  return { dir, file, out: join(dir, 'out') };
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function position(text: string, needle: string): string {
  const index = text.indexOf(needle);
  const before = text.slice(0, index).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

describe('nncompile model.ts', () => {
  it('writes the module and the notes for the chain-rule example', () => {
    const out = mkdtempSync(join(tmpdir(), 'nncompile-out-'));
    const r = nncompile(['examples/chain-rule/model.ts', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['model.html', 'model.notes.json', 'model.tex', 'model.ts']);
    expect(readFileSync(join(out, 'model.ts'), 'utf8')).toContain('export function J_grad(x: number, grad: Float64Array): number');
    expect(readFileSync(join(out, 'model.tex'), 'utf8')).toContain('\\begin{document}');
  });

  const BAD: { name: string; source: string; at: string; message: RegExp }[] = [
    {
      name: 'unknown function in an expression',
      source: "import { expr } from 'nncompile';\n\nexport const J = expr('cos(foo(x) + 1)');\n",
      at: 'foo(x)',
      message: /unknown function 'foo'/,
    },
    {
      name: 'syntax error in an expression',
      source: "import { expr } from 'nncompile';\nexport const f = expr('x * (y + 2', { wrt: ['x', 'y'] });\n",
      at: "', { wrt",
      message: /syntax error/,
    },
    {
      name: 'a variable missing from wrt',
      source: "import { expr } from 'nncompile';\nexport const f = expr('x * z', { wrt: ['x'] });\n",
      at: "z'",
      message: /'z' is not listed in wrt/,
    },
    {
      name: 'a point without every variable',
      source: "import { expr } from 'nncompile';\nexport const f = expr('x * y', { at: { x: 1 } });\n",
      at: 'at: {',
      message: /no finite value for variable 'y'/,
    },
    {
      name: 'a variable named like a global the generated code calls',
      source: "import { expr } from 'nncompile';\nexport const f = expr('x * Math');\n",
      at: "Math'",
      message: /variable name 'Math' is used by the generated code/,
    },
    {
      name: 'a variable named like its expression',
      source: "import { expr } from 'nncompile';\nexport const x = expr('y + x^2');\n",
      at: "x^2'",
      message: /variable 'x' has the name of its expression/,
    },
    {
      name: "an export named like another export's generated function",
      source: "import { expr } from 'nncompile';\nexport const f = expr('x^2');\nexport const f_grad = expr('2*x');\n",
      at: 'f_grad',
      message: /export 'f_grad' clashes with generated code: 'f_grad' is already defined for export 'f'/,
    },
    {
      name: 'an export named like a template declaration',
      source: "import { expr, network, dense } from 'nncompile';\nexport const NetworkTrainer = network({ inputs: 2, layers: [dense(1, 'sigmoid')], loss: 'bce', optimizer: { kind: 'sgd', lr: 0.1 } });\n",
      at: 'NetworkTrainer',
      message: /'NetworkTrainer' is a name the generated module uses itself/,
    },
    {
      name: 'TypeScript syntax error',
      source: "import { expr } from 'nncompile';\nexport const f = expr('x' ]);\n",
      at: ']',
      message: /expected/,
    },
  ];

  it.each(BAD)('$name: file:line:col, caret, hint, exit 1, nothing written', ({ source, at, message }) => {
    const m = model(source);
    const r = nncompile([m.file, '--out', m.out]);
    expect(r.code).toBe(1);
    const [first, line, caret] = r.stderr.split('\n');
    expect(first).toMatch(new RegExp(`model\\.ts:${position(source, at)}: error: `));
    expect(first).toMatch(message);
    expect(source).toContain(line.trim());
    expect(caret.indexOf('^') - 2).toBe(Number(position(source, at).split(':')[1]) - 1);
    expect(r.stderr).toMatch(/\nhint: /);
    expect(existsSync(m.out)).toBe(false);
  });

  // Found trying it as a developer: `nncompile src/model.ts` from the package root named src/src/model.ts
  // (esbuild read the display name relative to the model's folder) and showed no source line.
  it.each([
    { name: 'a throw', source: "import { expr } from 'nncompile';\nconst k: number = 1;\nif (k > 0) throw new Error('config missing');\nexport const f = expr('x');\n", at: "new Error('config" },
    { name: 'an import that does not resolve', source: "import { expr } from 'nncompile';\nimport k from 'not-installed-anywhere';\nexport const f = expr(k);\n", at: "'not-installed" },
  ])('$name in a model in a subfolder of the working directory: its path as given, with its line', ({ source, at }) => {
    const m = model(source);
    const r = nncompile([join(basename(m.dir), 'model.ts'), '--out', join(basename(m.dir), 'out')], dirname(m.dir));
    expect(r.code).toBe(1);
    const [first, line, caret] = r.stderr.split('\n');
    expect(first).toMatch(new RegExp(`^${basename(m.dir)}/model\\.ts:${position(source, at)}: error: `));
    expect(source.split('\n')).toContain(line.slice(2));
    expect(caret.indexOf('^') - 2).toBe(Number(position(source, at).split(':')[1]) - 1);
  });

  // Found trying it as a developer: the same model compiled from the package root and from src/ gave two different
  // outputs ("from src/model.ts" / "from model.ts" in every header, the notes' title and a function's citation):
  // what is generated names the model from the package root, as the recorded command does; errors keep the path as given.
  it('writes the same bytes from any working directory', () => {
    const m = model('');
    mkdirSync(join(m.dir, 'src'));
    writeFileSync(join(m.dir, 'package.json'), '{ "name": "app", "private": true }\n');
    writeFileSync(join(m.dir, 'src', 'model.ts'), "import { differentiable } from 'nncompile';\n"
      + 'export const g = differentiable((x: number) => x * Math.sin(x), { at: { x: 1 } });\n');
    expect(nncompile(['src/model.ts', '--out', 'src/generated'], m.dir).code).toBe(0);
    const fromRoot = readdirSync(join(m.dir, 'src', 'generated')).map((f) => readFileSync(join(m.dir, 'src', 'generated', f), 'utf8'));
    expect(fromRoot[3]).toContain('from src/model.ts');
    expect(nncompile(['model.ts', '--out', 'generated'], join(m.dir, 'src')).code).toBe(0);
    const fromSrc = readdirSync(join(m.dir, 'src', 'generated')).map((f) => readFileSync(join(m.dir, 'src', 'generated', f), 'utf8'));
    expect(fromSrc).toEqual(fromRoot);
  });

  it('leaves an existing output untouched when compilation fails', () => {
    const m = model("import { expr } from 'nncompile';\nexport const J = expr('x^2');\n");
    expect(nncompile([m.file, '--out', m.out]).code).toBe(0);
    const before = readFileSync(join(m.out, 'model.ts'), 'utf8');
    writeFileSync(m.file, "import { expr } from 'nncompile';\nexport const J = expr('x^2 +');\n");
    expect(nncompile([m.file, '--out', m.out]).code).toBe(1);
    expect(readFileSync(join(m.out, 'model.ts'), 'utf8')).toBe(before);
    expect(readdirSync(m.out).sort()).toEqual(['model.html', 'model.notes.json', 'model.tex', 'model.ts']); // no temporary files left
  });

  // Found trying it as a developer: Node's own words ("To specify a positional argument starting with a '-',
  // place it at the end of the command after '--', as in '-- \"--bogus\"") with an unbalanced quote.
  it.each([
    { args: ['model.ts', '--bogus'], says: "unknown option '--bogus'" },
    { args: ['model.ts', '--outdir', 'gen'], says: "unknown option '--outdir': did you mean --out?" },
    { args: ['model.ts', '--out'], says: '--out needs a value: --out DIR' },
    { args: ['model.ts', '--pdf=yes'], says: '--pdf takes no value' },
    { args: ['a.ts', 'b.ts'], says: 'one model file at a time, got a.ts b.ts' },
  ])('$args: one line saying what is wrong, the usage, exit 2, nothing written', ({ args, says }) => {
    const r = nncompile(args, mkdtempSync(join(tmpdir(), 'nncompile-cli-args-')));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const [first, blank, usage] = r.stderr.split('\n');
    expect([first, blank]).toEqual([`error: ${says}`, '']);
    expect(usage).toMatch(/^nncompile \d+\.\d+\.\d+: /);
  });

  it('says what to do with no arguments, and exits 2', () => {
    const r = nncompile([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/usage:/);
  });
});

describe('nncompile expr', () => {
  it('prints the derivatives and the values at a point', () => {
    const r = nncompile(['expr', 'x*y + exp(x)', '--at', 'x=1,y=2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('df/dx = exp(x) + y');
    expect(r.stdout).toContain('df/dy = x');
    expect(r.stdout).toContain(`f = ${1 * 2 + Math.E}`);
    expect(r.stdout).toContain(`df/dx = ${2 + Math.E}`);
  });

  it('names the function g when a variable is called f', () => {
    const r = nncompile(['expr', 'f*x']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual(['g(f, x) = f * x', 'dg/df = x', 'dg/dx = f']);
  });

  it('--json is machine-readable, in the --wrt order', () => {
    const r = nncompile(['expr', 'sin(a) * b', '--wrt', 'b,a', '--at', 'a=0.5,b=3', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { variables: string[]; value: number; gradient: number[] };
    expect(json.variables).toEqual(['b', 'a']);
    expect(json.value).toBe(Math.sin(0.5) * 3);
    expect(json.gradient).toEqual([Math.sin(0.5), 3 * Math.cos(0.5)]);
  });

  // Found trying it as a developer: the hints spoke model.ts (`at: { x: 1, y: 1 }`, `wrt: ['z', 'x']`) to a shell user
  it.each([
    { args: ['x*y', '--at', 'x=1'], error: "error: 'at' gives no finite value for variable 'y'", hint: 'hint: give every variable a number: --at x=1,y=1' },
    { args: ['x*y', '--wrt', 'y'], error: "column 1: error: variable 'x' is not listed in wrt", hint: 'hint: add it: --wrt y,x' },
  ])('its hints are written as options of the command: $hint', ({ args, error, hint }) => {
    const r = nncompile(['expr', ...args]);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(error);
    expect(r.stderr).toContain(`\n${hint}\n`);
  });

  it('points at the column of a bad construct', () => {
    const r = nncompile(['expr', 'x + y!']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^column 6: error: unsupported operator '!'/);
    expect(r.stderr.split('\n')[2]).toBe(`  ${' '.repeat(5)}^`);
  });
});
