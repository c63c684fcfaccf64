import type { TexWriter } from '../tex-writer.js';

/**
 * A table of numbers, set in \small so that several columns of numbers and
 * their symbols fit the text width (TexWriter.table inside a group).
 */
export function numberTable(out: TexWriter, columns: string, header: readonly string[], rows: readonly (readonly string[])[]): void {
  out.table(columns, header, rows, { small: true });
}

/** A computed number as an operand: parenthesized when negative or written with ×10ᵏ. */
export function operand(out: TexWriter, value: number, label: string): string {
  const s = out.number(value, label);
  return /^-|\\times/.test(s) ? `\\left(${s}\\right)` : s;
}
