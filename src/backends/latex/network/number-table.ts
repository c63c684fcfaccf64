import type { TexWriter } from '../tex-writer.js';

/**
 * A table of full-precision numbers, set in \small so that three columns of
 * 17-digit numbers fit the text width (TexWriter.table inside a group).
 */
export function numberTable(out: TexWriter, columns: string, header: readonly string[], rows: readonly (readonly string[])[]): void {
  out.raw('\\begingroup\\small');
  out.table(columns, header, rows);
  out.raw('\\endgroup');
  out.raw('');
}
