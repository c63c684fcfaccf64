import type { AdjointLine, AdjointTerm } from '../../compile/expression-derivation.js';
import { type ExpressionContext, adjointOf, localOperand, nameOf, shown, shownOperand } from './expression-context.js';
import { ruleName } from './sections-local.js';
import { MAX_ROW_EM, partial } from './tex-print.js';
import { type SignedTerm, signedTerm, sumRows } from './tex-sum.js';
import { elideIterations, elideRuns } from './elided-iterations.js';
import { texWidth } from '../doc/figure-geometry.js';

/**
 * The backward pass: one adjoint per node, seed first, each written as
 * upstream × local (the chain rule), then with its numbers, then its value;
 * a node used by several steps gets each contribution on its own row, then their sum.
 */
export function writeBackwardPass(c: ExpressionContext): void {
  const { out } = c;
  out.subsection('Backward pass');
  out.paragraph(`From the output back to the variables, each adjoint is upstream adjoint ${out.inline('\\times')} local derivative `
    + '(the chain rule)' + (c.worked ? ', written out, then with the numbers of the point' : '')
    + '; a node used by several steps (fan-out) collects one contribution per use, added up.');
  const budget = rowBudget(c);
  out.align(elideIterations(c, c.derivation.backward, (line) => line.node, (line) => adjointRows(c, line, budget)));
}

/** Rows of TeX per backward-pass line before a sum is continued on the next row. */
const ROW_BUDGET = 110;

const note = (text: string) => ` \\qquad \\text{(${text})}`;

/**
 * The widest row of this backward pass (em): MAX_ROW_EM less what its widest
 * adjoint name (the align's left column, μ̄ or \overline{logSigma}) takes beyond v̄₁₀.
 */
function rowBudget(c: ExpressionContext): number {
  const widest = Math.max(...c.derivation.backward.map((line) => texWidth(adjointOf(c, line.node))));
  return MAX_ROW_EM - Math.max(0, widest - texWidth('\\bar{v}_{10}'));
}

/** A row and its note, the note on a row of its own when the two would not fit on the line (`budget`: rowBudget). */
function withNote(row: string, text: string, budget: number): string[] {
  return texWidth(row + note(text)) > budget ? [row, `&\\qquad\\qquad${note(text)}`] : [row + note(text)];
}

/**
 * The rows of one adjoint: the seed, ū = 0, or the sum ū = Σ c̄ ∂c/∂u with
 * its local derivatives substituted, then (at a point) the numbers.
 */
function adjointRows(c: ExpressionContext, line: AdjointLine, budget: number): string[] {
  const u = line.node;
  const bar = adjointOf(c, u);
  if (line.kind === 'seed') return [`${bar} &= ${partial(c.symbol, nameOf(c, u))} = 1${note('seed')}`];
  if (line.kind === 'zero') {
    return [`${bar} &= 0 \\qquad \\text{(}${c.symbol}\\text{ does not depend on }${nameOf(c, u)}\\text{)}`];
  }
  const d = c.derivation;
  const visible = shownTerms(c, line);
  const general = terms(visible, (t) => ({
    negative: false,
    tex: `${adjointOf(c, t.step)}\\,${partial(nameOf(c, t.step), nameOf(c, u))}`,
  }), DOTS);
  const concrete = terms(visible, (t) => signedTerm(d.graph, t.product, c.derivationNames), DOTS);
  const rows = (terms: readonly SignedTerm[]) =>
    sumRows(terms, ROW_BUDGET).map((row, i) => (i === 0 ? `&= ${row}` : `&\\quad {}${row}`));
  const [first, ...rest] = rows(general);
  const head = line.terms.length > 1
    ? withNote(`${bar} ${first}`, `chain rule; fan-out: }${nameOf(c, u)}\\text{ is used by }${terms(visible, (t) => nameOf(c, t.step), '\\dots').join(', ')}\\text{`, budget)
    : [`${bar} ${first}${note(`chain rule, ${ruleName(c, line.terms[0].step, u)}`)}`];
  return [...head, ...rest, ...rows(concrete), ...numberRows(c, line, visible, budget)];
}

/**
 * At a point: one term alone is c̄ × ∂c/∂u = value; several are each shown
 * with their numbers (naming the step they come through and its rule), then summed.
 */
function numberRows(c: ExpressionContext, line: AdjointLine, visible: readonly (AdjointTerm | undefined)[], budget: number): string[] {
  const w = c.worked;
  if (!w) return [];
  const total = shown(c, w.adjoint(line.node), adjointOf(c, line.node));
  const notTaken = (t: AdjointTerm) => (w.computed(t.step) ? '' : '; not computed: a side not taken');
  if (line.terms.length === 1) {
    const t = line.terms[0];
    return [`&= ${product(c, t)}${w.computed(t.step) ? '' : ` \\qquad \\text{(}${nameOf(c, t.step)}\\text{ not computed: a side not taken)}`}`];
  }
  const d = c.derivation;
  const each = terms(visible, (t) => {
    const symbolic = signedTerm(d.graph, t.product, c.derivationNames);
    return withNote(`&\\qquad \\text{through } ${nameOf(c, t.step)}\\text{:}\\; ${symbolic.negative ? '-' : ''}${symbolic.tex} = ${product(c, t)}`,
      `${ruleName(c, t.step, line.node)}${notTaken(t)}`, budget);
  }, ['&\\qquad \\vdots']).flat();
  const numbers = terms(visible, (t) => (t === line.terms[0] ? shown : shownOperand)(c, w.term(t), termLabel(c, t)), '\\dots');
  return [...each, ...contributionsSum(numbers, total, budget)];
}

/**
 * The contributions' numbers added up, = their sum, on rows no wider than the
 * page (texWidth): a long sum continues on rows that start with +, and the
 * sum goes on a row of its own when the last row has no room for it.
 */
function contributionsSum(numbers: readonly string[], total: string, budget: number): string[] {
  const rows = sumRows(numbers.map((tex) => ({ negative: false, tex })), budget, (row) => texWidth(`&= ${row}`))
    .map((row, i) => (i === 0 ? `&= ${row}` : `&\\quad {}${row}`));
  const last = rows.length - 1;
  const closed = `${rows[last]} = ${total}`;
  const ending = texWidth(closed) <= budget ? [closed] : [rows[last], `&= ${total}`];
  return [...rows.slice(0, last), ...ending.slice(0, -1), ...withNote(ending[ending.length - 1], 'sum of the contributions', budget)];
}

/** A sum's ⋯ for the left-out terms. */
const DOTS: SignedTerm = { negative: false, tex: '\\dots' };

/** A fan-out of more terms than this (an unrolled loop's, not kept as a loop) is shown by its first two and last terms. */
const MAX_TERMS_SHOWN = 8;

/**
 * The terms of a fan-out sum to show, in order, undefined for a gap; the terms through a long loop's
 * middle iterations (left out of the passes, elided-iterations.ts) are one `gap`
 * per run, as the passes leave their rows out: ū = c̄₁ ∂c₁/∂u + c̄₂ ∂c₂/∂u + ⋯ + c̄ₙ ∂cₙ/∂u.
 * A fan-out of more than MAX_TERMS_SHOWN terms through steps written out (an
 * unrolled loop's) is elided the same way, so no row grows with the loop.
 */
function shownTerms(c: ExpressionContext, line: AdjointLine): readonly (AdjointTerm | undefined)[] {
  if (line.terms.length < 2) return line.terms; // one term is the line itself: shown as it is
  const kept = elideRuns(c, line.terms, (t) => t.step, (t) => [t], () => undefined);
  if (kept.every((t) => t === undefined)) return line.terms;
  if (kept.some((t) => t === undefined)) return kept;
  const n = line.terms.length;
  return n > MAX_TERMS_SHOWN ? [line.terms[0], line.terms[1], undefined, line.terms[n - 1]] : line.terms;
}

/** One item per shown term (shownTerms, computed once per line), `gap` where terms are left out. */
function terms<R>(visible: readonly (AdjointTerm | undefined)[], item: (t: AdjointTerm) => R, gap: R): R[] {
  return visible.map((t) => (t === undefined ? gap : item(t)));
}

/** c̄ × ∂c/∂u = value with the numbers of the point (just c̄'s value when the local derivative is 1). */
function product(c: ExpressionContext, t: AdjointTerm): string {
  const w = c.worked;
  if (!w) return '';
  const value = shown(c, w.term(t), termLabel(c, t));
  // through a step on a side not taken: nothing (the generated code does not compute it)
  if (!w.computed(t.step)) return value;
  if (c.derivation.graph.isConstant(t.node, 1)) return value;
  const upstream = shownOperand(c, w.adjoint(t.step), adjointOf(c, t.step));
  return `${upstream} \\times ${localOperand(c, t.node, w.local(t), partial(nameOf(c, t.step), nameOf(c, t.arg)))} = ${value}`;
}

/** What a term is: c̄ ∂c/∂u. */
function termLabel(c: ExpressionContext, t: AdjointTerm): string {
  return `${adjointOf(c, t.step)}\\,${partial(nameOf(c, t.step), nameOf(c, t.arg))}`;
}
