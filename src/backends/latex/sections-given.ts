import type { NodeId } from '../../ir/graph.js';
import { type ExpressionContext, signature, variablesTex } from './expression-context.js';
import { texFormula } from './tex-print.js';
import { formulaRows } from './tex-sum.js';
import { shownVariables } from './elided-iterations.js';
import { escapeText } from './tex-writer.js';
import { translationProse } from './translation-prose.js';
import type { FunctionOrigin } from '../../compile/expression.js';

/** `The expression $J$`, or for a TypeScript function `The function $f$` (what the appendix's subsection says). */
export function expressionKind(c: ExpressionContext): string {
  return `${c.e.origin ? 'The function' : 'The expression'} ${c.out.inline(c.symbol)}`;
}

/**
 * The section's title: a function's names its source file, `The function $f$ (\texttt{model.ts}, lines 3--9)`
 * — the file's own name only: a path does not break in a title line (the givens name the whole path).
 */
export function expressionTitle(c: ExpressionContext): string {
  const origin = c.e.origin;
  if (!origin) return expressionKind(c);
  const fileName = origin.file.split(/[\\/]/).pop() ?? origin.file;
  return `${expressionKind(c)} (\\texttt{${escapeText(fileName)}}, ${sourceLines(origin)})`;
}

/** `line 7` or `lines 3--9`. */
function sourceLines(origin: FunctionOrigin): string {
  const { first, last } = origin.lines;
  return first === last ? `line ${first}` : `lines ${first}--${last}`;
}

/** The givens: the source as written, the expression printed from the IR, the variables and the point. */
export function writeGivens(c: ExpressionContext): void {
  const { e, out } = c;
  const g = e.gradient.graph;
  const variablesOnly = (id: NodeId) => (g.node(id).op === 'var' ? c.names.forwardName(id)?.tex : undefined);
  out.subsection('Given');
  if (e.origin) writeFunctionSource(c, e.origin);
  else out.paragraph(`In the model: \\texttt{${escapeText(e.name)} = ${escapeText(e.source)}}. As parsed:`);
  const formula = texFormula(g, e.gradient.output, variablesOnly, MAX_GIVEN);
  // a long sum continues on rows, as a result does (a sum of two 150-character terms ran 300 pt off the page)
  const rows = formula === undefined || glyphs(`${signature(c)} = ${formula}`) <= LINE_GLYPHS ? undefined
    : formulaRows(g, (id) => (id === e.gradient.output ? undefined : variablesOnly(id)), signature(c), e.gradient.output, ROW_BUDGET - signature(c).length / 2);
  // every row sits beside the signature (the align's left column); a formula that is no sum
  // (½(t − σ(…))², a quotient of a long sum) has no place to break: the forward pass gives it
  if (formula === undefined || rows?.some((row, i) => glyphs(row) + (i === 0 ? 0 : glyphs(signature(c))) > LINE_GLYPHS)) {
    out.paragraph('Written out in the variables it is too long for a line; the forward pass below gives it step by step.');
  } else if (rows !== undefined) {
    out.align(rows);
  } else {
    out.equation(`${signature(c)} = ${formula}`);
  }
  // a long vector's middle entries left out, as in the passes (elided-iterations.ts)
  const shown = shownVariables(c);
  const elided = (item: (i: number) => string, gap: string) =>
    shown.flatMap((i, k) => [...(k > 0 && i > shown[k - 1] + 1 ? [gap] : []), item(i)]);
  const xs = variablesTex(c);
  out.paragraph(`The gradient is taken with respect to ${elided((i) => out.inline(xs[i]), out.inline('\\dots')).join(', ')}, in this order.`);
  const p = e.point;
  if (p !== undefined) out.paragraph(`The point: ${out.inline(elided((i) => `${xs[i]} = ${out.given(p.values[e.variables[i]], xs[i])}`, '\\dots').join(',\\; '))}.`);
}

/** The longest formula (characters of TeX) the givens write out in the variables. */
const MAX_GIVEN = 400;
/** Characters of TeX on a row of the givens' formula before a long sum continues on the next (as the result's). */
const ROW_BUDGET = 120;
/** About the symbols a displayed line holds, as glyphs counts them (an 82-symbol formula ran 48 pt over; the pendulum energy, 55, fits). */
const LINE_GLYPHS = 70;

/** About how many symbols TeX shows for `tex`: each command one (\\cdot, \\theta), sizing and font commands, braces, scripts' marks and spaces none. */
function glyphs(tex: string): number {
  return tex.replace(/\\(left|right|mathit|mathrm|operatorname|frac|sqrt|quad|qquad|,|;)(?![a-zA-Z])/g, '')
    .replace(/\\[a-zA-Z]+/g, 'x').replace(/[{}_^\s]/g, '').length;
}

/** The characters of typewriter text a line of the page holds (the text width over cmtt's 5.75 pt at 11 pt). */
const SOURCE_WIDTH = 80;

/**
 * Lines longer than `width` broken at the last space that fits (or at
 * `width` when there is none), each continuation indented four spaces more
 * than its line: verbatim text does not break, and ran off the page.
 */
function wrapped(text: string, width: number): string {
  return text.split('\n').flatMap((line) => {
    const rows: string[] = [];
    // (at most half the width: every row then takes at least half a line of the rest)
    const indent = ' '.repeat(Math.min((/^ */.exec(line)?.[0].length ?? 0) + 4, width / 2));
    let rest = line;
    while (rest.length > width) {
      const space = rest.lastIndexOf(' ', width);
      const at = space > indent.length ? space : width;
      rows.push(rest.slice(0, at).trimEnd());
      rest = indent + rest.slice(at).trimStart();
    }
    return [...rows, rest];
  }).join('\n');
}

/**
 * A function of model.ts: its source as written (verbatim, long lines
 * broken to the page; characters outside ASCII, which pdflatex's verbatim
 * cannot print, as ?), and how it was translated.
 */
function writeFunctionSource(c: ExpressionContext, origin: FunctionOrigin): void {
  const { e, out } = c;
  out.paragraph(`In the model, \\texttt{${escapeText(origin.file)}}, ${sourceLines(origin)}, `
    + `\\texttt{${escapeText(e.name)}} is this function:`);
  const text = e.source.replace(/\t/g, '    ').replace(/[^\x0a\x20-\x7e]/g, '?').replace(/\\end\{verbatim\}/g, '\\end {verbatim}');
  out.verbatim(wrapped(text, SOURCE_WIDTH));
  out.paragraph(`nncompile read its syntax (it did not run it) and ${translationProse(origin.translation)} As translated:`);
}
