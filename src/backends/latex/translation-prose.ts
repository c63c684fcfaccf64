import type { Loop, TranslationSummary } from '../../frontends/typescript/translation-record.js';
import { counted, listed } from '../../util/plural.js';
import { escapeText } from './tex-writer.js';

/** `line 5` / `lines 5 and 9`, each line with its own remark (`lines 4 (3 iterations) and 7 (10 iterations)`). */
function onLines(lines: readonly number[], remark: (k: number) => string = () => ''): string {
  return `${lines.length === 1 ? 'line' : 'lines'} ${listed(lines.map((line, k) => `${line}${remark(k)}`))}`;
}

/** The singular or plural phrase of a list of things (`the loop … was`, `the loops … were`). */
function phrase(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

/**
 * How a function was translated, from the translation's record — only what
 * happened: the variables reassigned (each assignment a new value), the
 * branches that became piecewise choices and those decided when compiling,
 * the loops unrolled (with their iterations) or kept as loops, the functions
 * inlined. One sentence, its parts separated by semicolons.
 */
export function translationProse(t: TranslationSummary): string {
  const parts: string[] = [];
  const code = (name: string) => `\\texttt{${escapeText(name)}}`;
  if (t.reassigned.length > 0) parts.push(`each assignment to ${listed(t.reassigned.map(code))} names a new value`);
  const n = t.branches.length;
  if (n > 0) parts.push(`the ${phrase(n, 'branch', 'branches')} on ${onLines(t.branches)} ${phrase(n, 'became a piecewise choice', 'became piecewise choices')}`);
  const d = t.decided.length;
  if (d > 0) {
    parts.push(`the ${phrase(d, 'branch', 'branches')} on ${onLines(t.decided)}, whose ${phrase(d, 'condition is', 'conditions are')} known when compiling, `
      + `${phrase(d, 'was', 'were')} decided then`);
  }
  const unrolled = t.loops.filter((l) => !l.kept);
  const u = unrolled.length;
  if (u > 0) {
    const iterations = ({ min, max }: Loop['iterations']) => (min === max ? counted(max, 'iteration') : `${min} to ${max} iterations`);
    parts.push(`the ${phrase(u, 'loop', 'loops')} on ${onLines(unrolled.map((l) => l.line), (k) => ` (${iterations(unrolled[k].iterations)})`)} `
      + `${phrase(u, 'was', 'were')} unrolled`);
  }
  const kept = t.loops.filter((l) => l.kept);
  if (kept.length > 0) {
    parts.push(`the ${phrase(kept.length, 'loop', 'loops')} on ${onLines(kept.map((l) => l.line))} ${phrase(kept.length, 'is a loop', 'are loops')} `
      + 'in the generated code (written out here iteration by iteration)');
  }
  const f = t.inlined.length;
  if (f > 0) {
    const functions = listed(t.inlined.map(({ name, line }) => `${name === undefined ? 'a function expression' : code(name)} (line ${line})`));
    parts.push(`each call of ${functions} was inlined`);
  }
  if (parts.length === 0) return 'translated it to one expression as written: it has no reassignment, branch, loop or call.';
  return `translated it to one expression: ${parts.join('; ')}.`;
}
