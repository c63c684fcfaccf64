import type { Block } from '../doc/document.js';
import { figureTikz } from './figure-tikz.js';

/** The blocks as the body of a LaTeX document (between \begin{document} and \end{document}). */
export function renderTexBody(blocks: readonly Block[]): string {
  return blocks.flatMap(blockTex).join('\n');
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
      const table = [`\\begin{longtable}{${block.columns}}`, '\\hline', line(block.header), '\\hline', '\\endhead',
        ...block.rows.map(line), '\\hline', '\\end{longtable}', ''];
      // \small in a group, so that several columns of numbers fit the text width
      return block.small ? ['\\begingroup\\small', ...table, '\\endgroup', ''] : table;
    }
    case 'figure':
      return ['\\begin{center}', figureTikz(block.figure), '', `{\\small Figure ${block.number}. ${block.caption}}`, '\\end{center}', ''];
    case 'verbatim':
      return [`\\begin{verbatim}\n${block.text}\n\\end{verbatim}\n`];
  }
}
