import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';

export interface ChildGcResult {
  readonly name: string;
  readonly events: number;
  readonly youngBytes: number;
  /** Whether the trainer ran its WebAssembly kernels (false for trainers without any). */
  readonly usesWasm: boolean;
}

/**
 * Runs the hot entry points of the named trainer classes of a generated
 * module in a child process (test/helpers/gc-child.mjs: a loop V8 never
 * optimizes, inlining off) and returns each class's GC events and
 * young-generation growth over `calls` iterations.
 */
export function childGcResults(code: string, names: readonly string[], calls: number, env: Readonly<Record<string, string>> = {}): ChildGcResult[] {
  const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } }).outputText;
  const dir = mkdtempSync(join(tmpdir(), 'nncompile-gc-'));
  try {
    const file = join(dir, 'trainers.mjs');
    writeFileSync(file, js);
    const child = new URL('./gc-child.mjs', import.meta.url).pathname;
    const output = execFileSync(process.execPath, ['--allow-natives-syntax', '--no-turbo-inlining', child, file, String(calls), ...names],
      { encoding: 'utf8', env: { ...process.env, ...env } });
    return output.trim().split('\n').map((line) => JSON.parse(line) as ChildGcResult);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
