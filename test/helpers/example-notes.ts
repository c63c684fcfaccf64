import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compileModel } from '../../src/driver/compile-model.js';

const texCache = new Map<string, Promise<string>>();

/** The notes (.tex) of examples/<name>/model.ts, compiled now (once per test file). */
export function exampleNotes(name: string): Promise<string> {
  const cached = texCache.get(name);
  if (cached !== undefined) return cached;
  const path = `examples/${name}/model.ts`;
  const tex = compileModel({ text: readFileSync(path, 'utf8'), fileName: path, path: resolve(path) })
    .then(({ files }) => files.find((f) => f.name.endsWith('.tex'))?.content ?? '');
  texCache.set(name, tex);
  return tex;
}
