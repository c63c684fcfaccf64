import { readFileSync } from 'node:fs';

/** The repo's templates/ folder (same depth from src/ and dist/). */
const TEMPLATES = new URL('../../templates/', import.meta.url);

/** Reads templates/<path> and fills `{{key}}` placeholders. */
export function fillTemplate(path: string, values: Readonly<Record<string, string>> = {}): string {
  const text = readFileSync(new URL(path, TEMPLATES), 'utf8');
  return text.replace(/\{\{(\w+)\}\}/g, (_m, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`template ${path}: no value for {{${key}}}`);
    return value;
  });
}
