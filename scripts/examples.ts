// The bundled examples: examples/<name>/model.ts → generated/<name>/.
import { existsSync, readdirSync } from 'node:fs';

export const EXAMPLES: readonly string[] = readdirSync(new URL('../examples/', import.meta.url))
  .filter((name) => existsSync(new URL(`../examples/${name}/model.ts`, import.meta.url)))
  .sort();

/** The command that regenerates an example, recorded in its generated headers. */
export function exampleCommand(name: string): string {
  return `npx nncompile examples/${name}/model.ts --out generated/${name}`;
}
