import { readFileSync } from 'node:fs';

/** The repo's templates/ folder (same depth from src/ and dist/). */
const TEMPLATES = new URL('../../templates/', import.meta.url);

/** The text of templates/<path>, as it is. */
export function readTemplate(path: string): string {
  return readFileSync(new URL(path, TEMPLATES), 'utf8');
}

/** Reads templates/<path> and fills `{{key}}` placeholders. */
export function fillTemplate(path: string, values: Readonly<Record<string, string>> = {}): string {
  const text = readTemplate(path);
  return text.replace(/\{\{(\w+)\}\}/g, (_m, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`template ${path}: no value for {{${key}}}`);
    return value;
  });
}
