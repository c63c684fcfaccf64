// The stages of the compiler import one way. Reads every relative import in
// src/ and fails when a file imports a later stage, or when one backend
// imports another (shared printing lives in backends/print/ and in files
// directly under backends/).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../src');

/**
 * Stages in import order: a file may import its own stage and those before
 * it. (Processing order is dsl/frontends → ir/ops → passes → lower → backends
 * → driver → cli; frontends build IR, so they import ir/ops and sit after it here.)
 * util/ is for everyone.
 */
const STAGES: readonly (readonly string[])[] = [
  ['util'],
  ['dsl'],
  ['ir', 'ops'],
  ['frontends'],
  ['passes'],
  ['compile'], // the middle end: expressions, network models
  ['lower'],
  ['backends'],
  ['driver'],
  ['cli', 'index.ts'],
];

function rankOf(path: string): number {
  const top = path.split('/')[0];
  const rank = STAGES.findIndex((s) => s.includes(top));
  if (rank < 0) throw new Error(`src/${path}: folder '${top}' has no stage; add it to STAGES in test/layering.test.ts`);
  return rank;
}

/** The backend a file belongs to (ts, latex), or undefined for shared backend code and other stages. */
function backendOf(path: string): string | undefined {
  const [top, sub, ...rest] = path.split('/');
  return top === 'backends' && rest.length > 0 && sub !== 'print' ? sub : undefined;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

/** Every relative import and re-export of a file, as paths under src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'(\.[^']+)'/gm)].map((m) => m[1]);
  return found.map((spec) => relative(SRC, resolve(dirname(file), spec)).replace(/\.js$/, '.ts'));
}

function violations(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = relative(SRC, file);
    for (const to of importsOf(file)) {
      if (to.startsWith('..')) continue; // templates/ and the like are read, not layered
      if (rankOf(to) > rankOf(from)) found.push(`${from} imports ${to}, a later stage`);
      const [a, b] = [backendOf(from), backendOf(to)];
      if (a !== undefined && b !== undefined && a !== b) found.push(`${from} (backend ${a}) imports ${to} (backend ${b})`);
    }
  }
  return found;
}

describe('layering', () => {
  it('no file imports a later stage, and no backend imports another', () => {
    expect(violations()).toEqual([]);
  });

  it('sees the imports it checks (the check can fail)', () => {
    const imports = importsOf(join(SRC, 'backends/ts/tensor/program.ts'));
    expect(imports).toContain('lower/plan.ts');
    expect(imports).toContain('ir/graph.ts');
    expect(rankOf('lower/plan.ts')).toBeGreaterThan(rankOf('ir/graph.ts'));
    expect(rankOf('backends/ts/module.ts')).toBeGreaterThan(rankOf('lower/plan.ts'));
    expect(rankOf('driver/compile-model.ts')).toBeGreaterThan(rankOf('backends/latex/notes.ts'));
    expect(backendOf('backends/latex/notes.ts')).toBe('latex');
    expect(backendOf('backends/print/op-forms.ts')).toBeUndefined();
    expect(backendOf('backends/generated-from.ts')).toBeUndefined();
  });
});
