import { mathMl } from './math.js';

/** Prose commands with one argument and the HTML element they become. */
const WRAPPERS: Readonly<Record<string, string>> = { texttt: 'code', emph: 'em', textit: 'em', textbf: 'strong' };

/** Prose commands without an argument and their text. */
const SYMBOLS: Readonly<Record<string, string>> = { dots: '…', ldots: '…', textbackslash: '\\', LaTeX: 'LaTeX', TeX: 'TeX' };

/** `\x` escapes of escapeText (latex/tex-writer.ts) and the text they stand for. */
const ESCAPED = new Set(['_', '{', '}', '$', '&', '#', '%', ' ']);

/** Ligatures and quotes of LaTeX prose. */
const TEXT_FORMS: readonly [string, string][] = [['---', '—'], ['--', '–'], ['``', '“'], ["''", '”'], ['~', '\u00a0']];

/**
 * Prose of the notes (the LaTeX subset the notes writers use: text, `$math$`,
 * the escapes of escapeText, \texttt{…}, \emph{…}, \textbf{…}, \dots, `--`,
 * `---`, `~`, groups in braces) as HTML, with math as MathML. Any other
 * command is an error: the HTML would otherwise drop or garble it silently.
 */
export function proseHtml(prose: string): string {
  let html = '';
  let i = 0;
  while (i < prose.length) {
    const ch = prose[i];
    if (ch === '$') {
      const end = prose.indexOf('$', i + 1);
      if (end < 0) throw new Error(`prose: a $ without its closing $ in: ${prose}`);
      html += mathMl(prose.slice(i + 1, end), false);
      i = end + 1;
    } else if (ch === '\\') {
      const [text, next] = command(prose, i);
      html += text;
      i = next;
    } else if (ch === '{' || ch === '}') {
      i++; // a group: no output of its own
    } else {
      const form = TEXT_FORMS.find(([tex]) => prose.startsWith(tex, i));
      html += form ? form[1] : escapeHtml(ch);
      i += form ? form[0].length : 1;
    }
  }
  return html;
}

/** The command at `start` (a backslash) as HTML, and the index after it. */
function command(prose: string, start: number): [string, number] {
  const next = prose[start + 1] ?? '';
  if (ESCAPED.has(next)) return [escapeHtml(next), start + 2];
  if (next === ',') return ['\u2009', start + 2];
  if (next === '^' || next === '~') return [next, prose.startsWith('{}', start + 2) ? start + 4 : start + 2];
  const name = /^[A-Za-z]+/.exec(prose.slice(start + 1))?.[0];
  if (name === undefined) throw new Error(`prose: \\${next} is not mapped to HTML, in: ${prose}`);
  let i = start + 1 + name.length;
  if (SYMBOLS[name] !== undefined) {
    if (prose.startsWith('{}', i)) i += 2;
    else while (prose[i] === ' ') i++; // TeX drops the spaces after a command word
    return [SYMBOLS[name], i];
  }
  const element = WRAPPERS[name];
  if (element === undefined || prose[i] !== '{') throw new Error(`prose: \\${name} is not mapped to HTML, in: ${prose}`);
  const close = matchingBrace(prose, i);
  return [`<${element}>${proseHtml(prose.slice(i + 1, close))}</${element}>`, close + 1];
}

/** The index of the `}` that closes the `{` at `open` (escaped braces skipped). */
function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  throw new Error(`prose: a { without its closing } in: ${text}`);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}
