import { PREC, printed } from '../print/notation.js';
import type { PrintForms } from '../print/print-expression.js';

/** Letters for a loop's iteration index, the first one no variable and no name of the notes takes. */
const INDEX_LETTERS = ['k', 'j', 'm', 'l', 'q'];

/** The iteration index's letter: `k`, unless a variable or the shared names' prefix is written so. */
export function iterationIndex(taken: readonly string[]): string {
  return INDEX_LETTERS.find((letter) => !taken.includes(letter)) ?? 'k';
}

/**
 * Print forms of a loop's graph written over its iterations (compile/loop-sums.ts): a lane is
 * its value in iteration `k` — the index vector (range) is k itself, an array's element (table) T_k, a number copied to
 * every iteration (broadcast_to) is that number — and a sum over the lanes is
 * Σ_{k=0}^{n−1} of the term (parenthesized when the term is a sum: Σ (a + b)),
 * itself parenthesized as any operand, c · (Σ a_k), so that nothing after it reads as inside it.
 */
export function loopSumForms(k: string): PrintForms {
  return {
    range: (_args, _n, attrs) => {
      const start = attrs.value ?? 0;
      return start === 0 ? printed(k, PREC.ATOM) : printed(`${k} + ${start}`, PREC.ADD);
    },
    table: (_args, _n, attrs) => {
      const start = attrs.value ?? 0;
      return printed(`\\mathrm{${attrs.name ?? 'T'}}_{${start === 0 ? k : `${k} + ${start}`}}`, PREC.ATOM);
    },
    broadcast_to: ([x]) => x,
    sum_to: ([x], _n, _attrs, shapes) => sigma(k, x, shapes[0]?.[0]),
    sum: ([x], _n, _attrs, shapes) => sigma(k, x, shapes[0]?.[0]),
  };
}

function sigma(k: string, term: { readonly text: string; readonly prec: number }, length: number | string | undefined): { text: string; prec: number } {
  if (length === undefined) return term; // a number summed alone is itself
  const last = typeof length === 'number' ? `${length - 1}` : `${length} - 1`;
  const body = term.prec <= PREC.ADD ? `\\left(${term.text}\\right)` : term.text;
  return printed(`\\sum_{${k}=0}^{${last}} ${body}`, PREC.COMPARE);
}
