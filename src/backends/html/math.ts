import katex from 'katex';

/**
 * TeX math as MathML, by KaTeX's renderer (output: 'mathml'): the browser
 * typesets it with its own fonts, so the page needs no style sheet, font or
 * script from anywhere (Chromium, Firefox and Safari render MathML Core). A
 * formula KaTeX cannot parse is a bug of the notes writer: it throws, and
 * nothing is written. The notes write no macros of their own, so KaTeX's guard
 * against runaway macro expansion (1000 by default) is lifted: a long
 * derivation (a 100-long loop unrolled) expands `\\` and `&` that often.
 */
export function mathMl(tex: string, display: boolean): string {
  try {
    const html = katex.renderToString(tex, { output: 'mathml', displayMode: display, throwOnError: true, strict: 'ignore', maxExpand: Infinity });
    // A function name and its argument (sin x): TeX puts a thin space between them; MathML Core
    // gives the invisible function-application operator none unless asked.
    return html.split('<mo>\u2061</mo>').join('<mo rspace="0.1667em">\u2061</mo>');
  } catch (e) {
    throw new Error(`KaTeX cannot render a formula of the notes: ${(e as Error).message}\n  in: ${tex}`);
  }
}
