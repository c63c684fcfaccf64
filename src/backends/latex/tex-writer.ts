/**
 * Writes the body of a LaTeX document and records every formula it emits, so
 * a test can check each one with a math parser (KaTeX) without parsing the
 * document back. All math goes through `inline`, `align`, `equation` or
 * `table` cells; prose goes through `paragraph` and is escaped by the caller
 * with `escapeText` where it contains user text.
 */
export class TexWriter {
  private readonly lines: string[] = [];
  private readonly math: string[] = [];

  /** `$formula$` for use inside prose; the formula is recorded. */
  inline(formula: string): string {
    this.math.push(formula);
    return `$${formula}$`;
  }

  /** A paragraph of prose (already escaped; may contain `inline` math). */
  paragraph(text: string): void {
    this.lines.push(text, '');
  }

  section(title: string): void {
    this.lines.push(`\\section{${title}}`, '');
  }

  subsection(title: string): void {
    this.lines.push(`\\subsection*{${title}}`, '');
  }

  /** Aligned display rows (`a &= b`), one per row, in an align* environment. */
  align(rows: readonly string[]): void {
    if (rows.length === 0) return;
    const body = rows.join(' \\\\\n');
    this.display(`\\begin{align*}\n${body}\n\\end{align*}`);
  }

  /** One displayed formula in an equation* environment. */
  equation(formula: string): void {
    this.display(`\\begin{equation*}\n${formula}\n\\end{equation*}`);
  }

  /**
   * A longtable (it breaks across pages): `columns` is the column spec,
   * `header` and `rows` are cells that are already LaTeX (use `inline` for math).
   */
  table(columns: string, header: readonly string[], rows: readonly (readonly string[])[]): void {
    const line = (cells: readonly string[]) => `${cells.join(' & ')} \\\\`;
    this.lines.push(
      `\\begin{longtable}{${columns}}`,
      '\\hline',
      line(header),
      '\\hline',
      '\\endhead',
      ...rows.map(line),
      '\\hline',
      '\\end{longtable}',
      '',
    );
  }

  /** A line of LaTeX that is neither prose nor math (e.g. `\maketitle`). */
  raw(text: string): void {
    this.lines.push(text);
  }

  /** Every formula emitted so far, in order, each a string KaTeX can render in display mode. */
  formulas(): readonly string[] {
    return [...this.math];
  }

  body(): string {
    return this.lines.join('\n');
  }

  private display(block: string): void {
    this.math.push(block);
    this.lines.push(block, '');
  }
}

const TEXT_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '#': '\\#',
  '%': '\\%',
  _: '\\_',
  '^': '\\^{}',
  '~': '\\~{}',
};

/** User text (an expression's source, a file name) made safe for LaTeX prose and \texttt. */
export function escapeText(text: string): string {
  return text.replace(/[\\{}$&#%_^~]/g, (c) => TEXT_ESCAPES[c]).replace(/[\r\n]+/g, ' ');
}
