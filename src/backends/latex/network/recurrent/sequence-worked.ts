import type { SequenceWorkedValues } from '../../../../compile/network/sequence-worked-values.js';
import { escapeText } from '../../tex-writer.js';
import type { SequenceContext } from './recurrence.js';

/** Parameter entries listed term by term at most (a larger network lists its totals only). */
const MAX_TERM_ROWS = 60;


/**
 * One BPTT training step on the worked sequence, in numbers, from the
 * interpreter on the compiled graphs: the states of every step, the
 * predictions and losses, the backward recursion with its two paths into
 * each state, and every recurrent parameter's gradient as its per-step terms
 * and their sum. Every number goes through the writer's `number`: rounded to
 * the model's digits and recorded, at full precision, in the companion.
 */
export function writeSequenceWorked(c: SequenceContext, v: SequenceWorkedValues): void {
  const { net, out } = c;
  out.subsection(`One training step in numbers (${out.inline(`T = ${v.steps}`)})`);
  out.paragraph(`The worked example is one sequence (${out.inline('n = 1')}) of ${out.inline(`T = ${v.steps}`)} steps with the model's given parameters. `
    + 'Forward, the states of every step (states before the first step are 0):');
  out.table('lll', [out.inline('t'), 'state entry', 'value'],
    v.states.slice(1).flatMap((states, k) => v.stateNames.flatMap((name, j) =>
      states[j].map((value, i) => [out.inline(String(k + 1)), out.inline(entryTex(name, String(k + 1), i)), out.numberCell(value, entryTex(name, String(k + 1), i))]))));
  const at = (t: number) => out.inline(String(t));
  out.paragraph('The head\'s prediction and each loss term (its share of ' + out.inline('L') + ', the loss scale '
    + out.numberCell(v.scale, '\\text{loss scale}') + ' included), and their sum, the loss:');
  out.table('lll', [out.inline('t'), out.inline('\\hat{y}_{t}'), out.inline('\\ell_{t} \\text{ share}')],
    v.lossSteps.map((t, k) => [at(t),
      v.predictions[k].map((p, i) => out.numberCell(p, `\\hat{y}_{${t}${v.predictions[k].length > 1 ? `,${i + 1}` : ''}}`)).join(', '),
      out.numberCell(v.stepLosses[k], `\\ell_{${t}} \\text{ share}`)]));
  out.equation(`L = ${v.lossSteps.length > 1 ? `${v.stepLosses.map((l, k) => out.number(l, `\\ell_{${v.lossSteps[k]}} \\text{ share}`)).join(' + ')} = ` : ''}${out.number(v.loss, 'L')}`);
  const top = v.stateNames.indexOf(`h${c.recurrentDepth}`);
  out.paragraph(`Backward, from ${out.inline(`t = ${v.steps}`)} down to 1: the adjoint of each state is the sum of its two paths, `
    + 'the loss at its step and the step after it (0 beyond the last step'
    + `${net.spec.bptt.truncate === undefined ? '' : ' and at the end of each truncation window'}):`);
  const rows: string[][] = [];
  for (let t = v.steps; t >= 1; t--) {
    v.stateNames.forEach((name, j) => v.adjoint[t - 1][j].forEach((total, i) => {
      const entry = entryTex(name, String(t), i);
      rows.push([
        at(t), out.inline(entry),
        out.numberCell(v.fromLoss[t - 1][j][i], `\\partial L / \\partial ${entry} \\text{ from the loss at } t`),
        out.numberCell(v.fromNext[t - 1][j][i], `\\partial L / \\partial ${entry} \\text{ from step } t+1`),
        out.numberCell(total, `\\partial L / \\partial ${entry}`),
      ]);
    }));
  }
  out.table('lllll', [out.inline('t'), 'state entry', `from the loss at ${out.inline('t')}`, `from step ${out.inline('t+1')}`,
    `sum: ${out.inline('\\partial L / \\partial (\\cdot)')}`], rows, { small: true });
  writeTerms(c, v);
  const gradients = net.layout.flatMap((p, k) => v.gradient[k].map((g, i) => [`\\texttt{${escapeText(p.name)}}[${i}]`,
    out.numberCell(g, `\\partial L / \\partial \\texttt{${escapeText(p.name)}}[${i}]`)]));
  out.paragraph('All the gradients of the step, row-major (the head\'s summed over its loss steps the same way):');
  out.table('ll', ['entry', out.inline('\\partial L / \\partial \\theta')], gradients);
  const norms = v.adjoint.map((a, k) => out.number(Math.hypot(...a[top]), `\\lVert \\partial L / \\partial h^{${c.recurrentDepth}}_{${k + 1}} \\rVert`)).reverse();
  out.paragraph(`The size of the adjoint of the top state, ${out.inline(`\\lVert \\partial L / \\partial h^{${c.recurrentDepth}}_{t} \\rVert`)} for `
    + `${out.inline(`t = ${v.steps}, \\dots, 1`)}: ${out.inline(norms.join(',\\; '))} (what the trainer's \\texttt{hiddenGradientNorms()} reports).`);
}

/** Each recurrent parameter entry: its term at every step and their sum (while the table stays short). */
function writeTerms(c: SequenceContext, v: SequenceWorkedValues): void {
  const { out } = c;
  const entries = v.recurrentNames.flatMap((name, p) => v.gradient[p].map((_g, i) => ({ name, p, i })));
  if (entries.length > MAX_TERM_ROWS) {
    out.paragraph(`(The ${entries.length} recurrent parameter entries are too many to list term by term; their sums are in the last table.)`);
    return;
  }
  out.paragraph(`Each recurrent parameter collects one term per step, ${out.inline('\\partial L / \\partial \\theta = \\sum_{t} (\\text{term at } t)')}:`);
  const steps = Array.from({ length: v.steps }, (_v, k) => k + 1);
  out.table(`l${'l'.repeat(v.steps)}l`, ['entry', ...steps.map((t) => out.inline(`t = ${t}`)), 'sum'],
    entries.map(({ name, p, i }) => {
      const entry = `\\texttt{${escapeText(name)}}[${i}]`;
      return [entry, ...steps.map((t) => out.numberCell(v.terms[t - 1][p][i], `\\partial L / \\partial ${entry} \\text{ term at } t = ${t}`)),
        out.numberCell(v.gradient[p][i], `\\partial L / \\partial ${entry}`)];
    }), { small: true });
}

/** h1 → h^{1}_{t}, c2 → c^{2}_{t}. */
function stateTex(name: string, t: string): string {
  const match = /^([a-z]+)(\d+)$/.exec(name);
  return match ? `${match[1]}^{${match[2]}}_{${t}}` : name;
}

/** Entry i (0-based) of state `name` at step t: h^{1}_{t,1}. */
function entryTex(name: string, t: string, i: number): string {
  return stateTex(name, `${t},${i + 1}`);
}
