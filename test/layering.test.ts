// The stages of the compiler import one way. Reads every relative import in
// src/ and fails when a file imports a later stage, or when one backend
// imports another (shared printing lives in backends/print/ and in files
// directly under backends/; the notes' document model in backends/doc/).
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

/** Folders of backends/ shared by every backend: printed op forms, the notes' document model and number format. */
const SHARED_BACKEND_FOLDERS = ['print', 'doc'];

/** The backend a file belongs to (ts, latex), or undefined for shared backend code and other stages. */
function backendOf(path: string): string | undefined {
  const [top, sub, ...rest] = path.split('/');
  return top === 'backends' && rest.length > 0 && !SHARED_BACKEND_FOLDERS.includes(sub) ? sub : undefined;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

/**
 * Type-only imports of a later stage that are allowed, each with its reason.
 * They are erased at run time; a value import on the same edge is still a
 * violation, and an exception nothing uses any more fails the test.
 */
const TYPE_ONLY_EXCEPTIONS: Readonly<Record<string, string>> = {
  'dsl/network.ts -> compile/network/optimizers/registry.ts':
    'the spec type of an optimizer is derived from the optimizer registry (one list of optimizers)',
  'dsl/network.ts -> compile/network/schedules/registry.ts':
    'the spec type of a schedule is derived from the schedule registry (one list of schedules)',
};

interface Import {
  /** The imported file, as a path under src/. */
  readonly to: string;
  /** `import type … from` / `export type … from`: erased at run time. */
  readonly typeOnly: boolean;
}

/** Every relative import and re-export of a file. */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b(\s+type\b)?[^;]*?\bfrom\s+'(\.[^']+)'/gm)].map((m) => ({
    to: relative(SRC, resolve(dirname(file), m[2])).replace(/\.js$/, '.ts'),
    typeOnly: m[1] !== undefined,
  }));
}

function violations(): string[] {
  const found: string[] = [];
  const excepted = new Set<string>();
  for (const file of sourceFiles(SRC)) {
    const from = relative(SRC, file);
    for (const { to, typeOnly } of importsOf(file)) {
      if (to.startsWith('..')) continue; // templates/ and the like are read, not layered
      const edge = `${from} -> ${to}`;
      if (typeOnly && TYPE_ONLY_EXCEPTIONS[edge] !== undefined) excepted.add(edge);
      else if (rankOf(to) > rankOf(from)) found.push(`${from} imports ${to}, a later stage`);
      const [a, b] = [backendOf(from), backendOf(to)];
      if (a !== undefined && b !== undefined && a !== b) found.push(`${from} (backend ${a}) imports ${to} (backend ${b})`);
    }
  }
  for (const edge of Object.keys(TYPE_ONLY_EXCEPTIONS)) {
    if (!excepted.has(edge)) found.push(`exception '${edge}' is not used by a type-only import any more: remove it`);
  }
  return found;
}

describe('layering', () => {
  it('no file imports a later stage, and no backend imports another', () => {
    expect(violations()).toEqual([]);
  });

  it('sees the imports it checks (the check can fail)', () => {
    const imports = importsOf(join(SRC, 'backends/ts/tensor/program.ts'));
    expect(imports).toContainEqual({ to: 'lower/plan.ts', typeOnly: false });
    expect(imports).toContainEqual({ to: 'ir/graph.ts', typeOnly: true });
    expect(rankOf('lower/plan.ts')).toBeGreaterThan(rankOf('ir/graph.ts'));
    expect(rankOf('backends/ts/module.ts')).toBeGreaterThan(rankOf('lower/plan.ts'));
    expect(rankOf('driver/compile-model.ts')).toBeGreaterThan(rankOf('backends/latex/notes.ts'));
    expect(backendOf('backends/latex/notes.ts')).toBe('latex');
    expect(backendOf('backends/print/op-forms.ts')).toBeUndefined();
    expect(backendOf('backends/doc/number-format.ts')).toBeUndefined();
    expect(backendOf('backends/generated-from.ts')).toBeUndefined();
  });
});
