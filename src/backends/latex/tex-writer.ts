import type { NotesValues, ShownValue } from '../doc/companion.js';
import type { Block } from '../doc/document.js';
import type { Figure } from '../doc/figure.js';
import { DEFAULT_DIGITS, formatNumber, simpleFraction } from '../doc/number-format.js';
import { alignTex, equationTex, renderTexBody } from './render-tex.js';

/**
 * Writes the notes as a list of blocks (doc/document.ts: sections,
 * paragraphs with inline math, align and equation displays, tables, figures),
 * which the LaTeX and HTML backends render, and records every formula it
 * emits, so a test can check each one with a math parser (KaTeX) without
 * parsing the document back. All math goes through `inline`, `align`,
 * `equation` or `table` cells; prose goes through `paragraph` and is escaped
 * by the caller with `escapeText` where it contains user text. Every computed
 * number goes through `number` (or `numberCell`): printed as a textbook prints
 * it, rounded to the model's digits, and recorded at full precision for the
 * JSON companion.
 */
export class TexWriter {
  private readonly blockList: Block[] = [];
  private readonly math: string[] = [];
  private readonly shown: ShownValue[] = [];
  private place: { section: string; subsection?: string } = { section: '' };
  private figureCount = 0;

  /** `digits`: significant digits of the numbers shown (the model's `digits` option). */
  constructor(readonly digits: number = DEFAULT_DIGITS) {}

  /**
   * A computed number for a formula (math mode): rounded to the writer's
   * digits (formatNumber), and recorded with `label` (what it is, in TeX) and
   * the current section, at full precision, for the companion file.
   * `exact`: not rounded (the shortest decimal that reads back as the same
   * double, in textbook form), for a table that shows full precision.
   */
  number(value: number, label: string, precision: 'rounded' | 'exact' = 'rounded'): string {
    const exact = precision === 'exact';
    const shown = formatNumber(value, { digits: exact ? undefined : this.digits });
    this.shown.push({ label, where: this.where(), value, shown, ...(exact ? { exact } : {}) });
    return shown;
  }

  /** The current section / subsection, where a number shown is recorded. */
  private where(): string {
    return this.place.subsection === undefined ? this.place.section : `${this.place.section} / ${this.place.subsection}`;
  }

  /**
   * A constant of the formulas at work (a local derivative that is a number, the 1/3 of u/3): a
   * simple fraction as one, `\\tfrac{1}{3}` rather than 0.333333 (simpleFraction), else as `number`;
   * recorded like every number shown.
   */
  constant(value: number, label: string): string {
    const fraction = simpleFraction(value, { digits: this.digits });
    if (fraction === undefined) return this.number(value, label);
    this.shown.push({ label, where: this.where(), value, shown: fraction });
    return fraction;
  }

  /**
   * A given number — a hyper-parameter (η, μ, λ₂), a point's coordinate, a
   * worked input or starting weight — exactly as the model states it (not
   * rounded: the shortest decimal that reads back as the same double), and
   * recorded for the companion like every computed number.
   */
  given(value: number, label: string): string {
    return this.number(value, label, 'exact');
  }

  /** `number` as a table cell or in prose: `$0.741365$`. */
  numberCell(value: number, label: string, precision: 'rounded' | 'exact' = 'rounded'): string {
    return this.inline(this.number(value, label, precision));
  }

  /** Every number shown so far, in order, with the digits they are rounded to (the companion's content). */
  values(): NotesValues {
    return { digits: this.digits, values: [...this.shown] };
  }

  /** `$formula$` for use inside prose; the formula is recorded. */
  inline(formula: string): string {
    this.math.push(formula);
    return `$${formula}$`;
  }

  /** A paragraph of prose (already escaped; may contain `inline` math). */
  paragraph(text: string): void {
    this.blockList.push({ kind: 'paragraph', text });
  }

  section(title: string): void {
    this.place = { section: title };
    this.blockList.push({ kind: 'section', title });
  }

  subsection(title: string): void {
    this.place = { section: this.place.section, subsection: title };
    this.blockList.push({ kind: 'subsection', title });
  }

  /** Aligned display rows (`a &= b`), one per row, in an align* environment. */
  align(rows: readonly string[]): void {
    if (rows.length === 0) return;
    this.math.push(alignTex(rows));
    this.blockList.push({ kind: 'align', rows: [...rows] });
  }

  /** One displayed formula in an equation* environment. */
  equation(formula: string): void {
    this.math.push(equationTex(formula));
    this.blockList.push({ kind: 'equation', formula });
  }

  /**
   * A table (a longtable in LaTeX: it breaks across pages): `columns` is the
   * column spec, `header` and `rows` are prose cells (use `inline` for math).
   * `small`: in smaller type, so that several columns of numbers fit.
   */
  table(columns: string, header: readonly string[], rows: readonly (readonly string[])[], options: { small?: boolean } = {}): void {
    this.blockList.push({ kind: 'table', columns, header: [...header], rows: rows.map((r) => [...r]), small: options.small ?? false });
  }

  /**
   * A figure (backends/doc/figure.ts), centred, with a numbered caption under
   * it (prose, escaped by the caller, may contain `inline` math). Its labels
   * are recorded as formulas.
   */
  figure(figure: Figure, caption: string): void {
    this.figureCount++;
    for (const label of figureLabels(figure)) this.math.push(label);
    this.blockList.push({ kind: 'figure', figure, caption, number: this.figureCount });
  }

  /** Text shown as it is, in a monospaced font (a model's source). */
  verbatim(text: string): void {
    this.blockList.push({ kind: 'verbatim', text });
  }

  /** Every formula emitted so far, in order, each a string KaTeX can render in display mode. */
  formulas(): readonly string[] {
    return [...this.math];
  }

  /** The document so far, as blocks (for the HTML backend). */
  blocks(): readonly Block[] {
    return [...this.blockList];
  }

  /** The document so far as the body of a LaTeX document. */
  body(): string {
    return renderTexBody(this.blockList);
  }
}

/** Every TeX label of a figure (nodes, values, edges, points, axes). */
function figureLabels(figure: Figure): string[] {
  return [
    ...(figure.nodes ?? []).flatMap((n) => [n.label, ...(n.value === undefined ? [] : [n.value])]),
    ...(figure.edges ?? []).flatMap((e) => (e.label === undefined ? [] : [e.label])),
    ...(figure.points ?? []).flatMap((p) => (p.label === undefined ? [] : [p.label])),
    ...(figure.axes ? [figure.axes.x.label, figure.axes.y.label] : []),
  ];
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
