import type { Figure } from './figure.js';

/**
 * The notes as a list of blocks, before any output format: the LaTeX backend
 * renders them to a .tex body (latex/render-tex.ts), the HTML backend to one
 * self-contained page (html/render-html.ts). Prose (paragraphs, titles, table
 * cells, captions) is a small LaTeX subset: text with `$math$`, the escapes
 * of `escapeText`, and the commands html/prose.ts maps (\texttt, \emph, …);
 * formulas are TeX for math mode.
 */
export type Block =
  | { readonly kind: 'section'; readonly title: string }
  | { readonly kind: 'subsection'; readonly title: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  /** Aligned display rows (`a &= b`). */
  | { readonly kind: 'align'; readonly rows: readonly string[] }
  | { readonly kind: 'equation'; readonly formula: string }
  /** `columns`: a LaTeX column spec (`llll`); cells are prose. `small`: set in smaller type. */
  | {
    readonly kind: 'table';
    readonly columns: string;
    readonly header: readonly string[];
    readonly rows: readonly (readonly string[])[];
    readonly small: boolean;
  }
  /** `number`: figures are numbered from 1 in document order; the caption is prose. */
  | { readonly kind: 'figure'; readonly figure: Figure; readonly caption: string; readonly number: number }
  /** Text shown as it is, in a monospaced font (a model's source). */
  | { readonly kind: 'verbatim'; readonly text: string };

/** What a notes document says, for its header: the source, the command, the version. */
export interface DocumentInfo {
  readonly title: string;
  readonly version: string;
  readonly source: string;
  readonly command: string;
}
