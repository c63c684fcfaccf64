import type { Block } from '../doc/document.js';
import { figureTikz } from './figure-tikz.js';

/** The blocks as the body of a LaTeX document (between \begin{document} and \end{document}). */
export function renderTexBody(blocks: readonly Block[]): string {
  return blocks.flatMap((block, i) => [...withItsTable(block, blocks[i + 1]), ...blockTex(block)]).join('\n');
}

/**
 * Before a paragraph that leads into a table, \keeptogether (the preamble's):
 * a new page unless the paragraph fits with the whole table (one that is never
 * broken) or with the first rows a long one keeps together. \nopagebreak
 * alone does not hold them: longtable's own start is a place to break, and
 * the lead-in was left at the foot of the page before its table.
 */
function withItsTable(block: Block, next: Block | undefined): string[] {
  if (block.kind !== 'paragraph' || next?.kind !== 'table') return [];
  const rows = next.rows.length <= UNBROKEN_ROWS ? next.rows.length : ROWS_KEPT_TOGETHER;
  return [`\\keeptogether{${rows + 6}\\baselineskip}`]; // the paragraph (about 3 lines), the header and its rules
}

/** Aligned rows as an align* environment (KaTeX renders it in display mode, too). */
export function alignTex(rows: readonly string[]): string {
  return `\\begin{align*}\n${rows.join(' \\\\\n')}\n\\end{align*}`;
}

/** One formula as an equation* environment. */
export function equationTex(formula: string): string {
  return `\\begin{equation*}\n${formula}\n\\end{equation*}`;
}

/** The lines of one block, each block followed by an empty line. */
function blockTex(block: Block): string[] {
  switch (block.kind) {
    case 'section':
      return [`\\section{${block.title}}`, ''];
    case 'subsection':
      return [`\\subsection*{${block.title}}`, ''];
    case 'paragraph':
      return [block.text, ''];
    case 'align':
      return [alignTex(block.rows), ''];
    case 'equation':
      return [equationTex(block.formula), ''];
    case 'table': {
      const line = (cells: readonly string[]) => `${cells.join(' & ')} \\\\`;
      const rows = block.rows.map((cells, i) => `${line(cells)}${breakableAfter(i, block.rows.length) ? '' : '*'}`);
      const table = [`\\begin{longtable}{${block.columns}}`, '\\hline', line(block.header), '\\hline', '\\endhead',
        ...rows, '\\hline', '\\end{longtable}', ''];
      // \small in a group, so that several columns of numbers fit the text width
      return block.small ? ['\\begingroup\\small', ...table, '\\endgroup', ''] : table;
    }
    case 'figure':
      return ['\\begin{center}', figureTikz(block.figure), '', `{\\small Figure ${block.number}. ${block.caption}}`, '\\end{center}', ''];
    case 'verbatim':
      return [`\\begin{verbatim}\n${block.text}\n\\end{verbatim}\n`];
  }
}

/** A table of at most this many rows is never broken across pages (it fits on one). */
const UNBROKEN_ROWS = 25;
/** A longer table breaks only where it leaves at least this many rows on each side: no orphan row under its header, none alone at the top of a page. */
const ROWS_KEPT_TOGETHER = 3;

/**
 * May the page break after row `i` (0-based) of `count` rows? Not in a short
 * table, nor within the first or last rows of a long one (a row ending `\\*`
 * keeps the next with it).
 */
function breakableAfter(i: number, count: number): boolean {
  if (count <= UNBROKEN_ROWS) return false;
  return i + 1 >= ROWS_KEPT_TOGETHER && count - (i + 1) >= ROWS_KEPT_TOGETHER;
}
