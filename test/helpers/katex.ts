import katex from 'katex';

/** KaTeX's verdict on one formula: undefined when it renders, else the error. */
export function katexError(formula: string): string | undefined {
  try {
    katex.renderToString(formula, { throwOnError: true, displayMode: true });
    return undefined;
  } catch (e) {
    return `${(e as Error).message}\n  in: ${formula}`;
  }
}
