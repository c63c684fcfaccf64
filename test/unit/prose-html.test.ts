import { describe, expect, it } from 'vitest';
import { proseHtml } from '../../src/backends/html/prose.js';
import { escapeText } from '../../src/backends/latex/tex-writer.js';

// [prose (the LaTeX subset of the notes), HTML]
const CASES: readonly [string, string][] = [
  ['plain text', 'plain text'],
  ['\\texttt{v1}, \\texttt{v2}, \\dots).', '<code>v1</code>, <code>v2</code>, …).'],
  ['\\emph{not} \\textbf{this}', '<em>not</em> <strong>this</strong>'],
  ['lines 3--7 --- and~so', 'lines 3–7 — and\u00a0so'],
  ['a < b & c', 'a &lt; b &amp; c'],
  ['{\\small}'.replace('\\small', ''), ''],
  [escapeText('x_1 {a} $5 & #2 100% ^ ~ \\'), 'x_1 {a} $5 &amp; #2 100% ^ ~ \\'],
  ['\\texttt{examples/chain\\_rule/model.ts}', '<code>examples/chain_rule/model.ts</code>'],
];

describe('prose of the notes as HTML', () => {
  it.each(CASES)('%s', (prose, html) => {
    expect(proseHtml(prose)).toBe(html);
  });

  it('math becomes MathML', () => {
    const html = proseHtml('the adjoint $\\bar{u} = \\frac{\\partial E}{\\partial u}$ of $u$');
    expect(html).toMatch(/^the adjoint <span class="katex"><math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML">.*<\/math><\/span> of <span/);
    expect(html).toContain('<annotation encoding="application/x-tex">\\bar{u} = \\frac{\\partial E}{\\partial u}</annotation>');
  });

  it.each([
    ['\\section{x}', /\\section is not mapped to HTML/],
    ['\\small text', /\\small is not mapped to HTML/],
    ['\\texttt no brace', /\\texttt is not mapped to HTML/],
    ['a $x', /a \$ without its closing \$/],
    ['\\emph{open', /a \{ without its closing \}/],
    ['$\\frac{1}$', /KaTeX cannot render a formula/],
  ])('%s is an error, never dropped', (prose, message) => {
    expect(() => proseHtml(prose)).toThrow(message);
  });
});
