import { expect } from 'vitest';
import type { NotesValues } from '../../src/backends/doc/companion.js';
import { formatNumber } from '../../src/backends/doc/number-format.js';

/** The full-precision values the notes show under `label` (TeX), in document order. */
export function valuesLabelled(notes: NotesValues, label: string, where?: RegExp): number[] {
  return notes.values.filter((v) => v.label === label && (where === undefined || where.test(v.where))).map((v) => v.value);
}

/** The first value the notes show under `label`; fails the test when there is none. */
export function valueLabelled(notes: NotesValues, label: string, where?: RegExp): number {
  const found = valuesLabelled(notes, label, where);
  expect(found.length, `a value labelled ${label}`).toBeGreaterThan(0);
  return found[0];
}

/**
 * Every recorded value is printed as formatNumber prints it at the notes'
 * digits (or exactly, when marked so), and that text is in the document (the
 * companion and the notes agree).
 */
export function expectValuesShown(document: string, notes: NotesValues): void {
  expect(notes.values.length).toBeGreaterThan(0);
  for (const v of notes.values) {
    expect(v.shown, v.label).toBe(formatNumber(v.value, { digits: v.exact ? undefined : notes.digits }));
    expect(document, `${v.label} = ${v.shown} in the document`).toContain(v.shown);
  }
}
