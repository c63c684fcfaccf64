import type { Block } from '../doc/document.js';
import type { GeneratedFrom } from '../generated-from.js';
import { fillTemplate } from '../../util/templates.js';
import { figureSvg } from './figure-svg.js';
import { mathMl } from './math.js';
import { escapeHtml, proseHtml } from './prose.js';

/**
 * `<model>.html`: the notes' blocks as one self-contained page (the same
 * content as `<model>.tex`): math as MathML (html/math.ts), figures as
 * inline SVG, the style sheet inline (templates/notes.html); nothing is
 * loaded from anywhere. The first line says it is generated (the output
 * guard recognises it). Deterministic.
 */
export function renderHtml(blocks: readonly Block[], from: GeneratedFrom): string {
  let section = 0;
  const body = blocks.map((block) => {
    if (block.kind === 'section') section++;
    return blockHtml(block, section);
  }).join('\n');
  const comment = (text: string) => text.replace(/[\r\n]+/g, ' ').replace(/--(!?)>/g, '-\u2010$1>');
  return fillTemplate('notes.html', {
    version: comment(from.version),
    source: comment(from.source),
    command: comment(from.command),
    versionHtml: escapeHtml(from.version),
    sourceHtml: escapeHtml(from.source),
    body,
  });
}

function blockHtml(block: Block, section: number): string {
  switch (block.kind) {
    case 'section':
      return `<h2>${section}&ensp;${proseHtml(block.title)}</h2>`;
    case 'subsection':
      return `<h3>${proseHtml(block.title)}</h3>`;
    case 'paragraph':
      return `<p>${proseHtml(block.text)}</p>`;
    case 'align': {
      // rows tagged at the margin (\tag{BP4}) need the align* environment: aligned takes no tags
      const environment = block.rows.some((row) => row.includes('\\tag{')) ? 'align*' : 'aligned';
      return `<div class="display">${mathMl(`\\begin{${environment}}${block.rows.join(' \\\\ ')}\\end{${environment}}`, true)}</div>`;
    }
    case 'equation':
      return `<div class="display">${mathMl(block.formula, true)}</div>`;
    case 'table':
      return tableHtml(block);
    case 'figure':
      return `<figure>\n${figureSvg(block.figure, `figure-${block.number}`, (tex) => mathMl(tex, false))}\n`
        + `<figcaption>Figure ${block.number}. ${proseHtml(block.caption)}</figcaption>\n</figure>`;
    case 'verbatim':
      return `<pre>${escapeHtml(block.text)}</pre>`;
  }
}

const ALIGN: Readonly<Record<string, string>> = { l: 'left', r: 'right', c: 'center' };

function tableHtml(block: Extract<Block, { kind: 'table' }>): string {
  const align = [...block.columns].filter((c) => ALIGN[c] !== undefined).map((c) => ALIGN[c]);
  const row = (cells: readonly string[], tag: 'th' | 'td') =>
    `<tr>${cells.map((cell, i) => `<${tag} style="text-align:${align[i] ?? 'left'}">${proseHtml(cell)}</${tag}>`).join('')}</tr>`;
  return [`<table${block.small ? ' class="small"' : ''}>`, `<thead>${row(block.header, 'th')}</thead>`, '<tbody>',
    ...block.rows.map((r) => row(r, 'td')), '</tbody>', '</table>'].join('\n');
}
