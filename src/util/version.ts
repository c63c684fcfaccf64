import { readFileSync } from 'node:fs';

/** nncompile's version, from package.json (written into generated headers). */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
