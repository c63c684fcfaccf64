import type { TexWriter } from '../tex-writer.js';

/**
 * A table of numbers, set in \small so that several columns of numbers and
 * their symbols fit the text width (TexWriter.table inside a group).
 */
export function numberTable(out: TexWriter, columns: string, header: readonly string[], rows: readonly (readonly string[])[]): void {
  out.table(columns, header, rows, { small: true });
}
