import type { Recurrence } from '../../compile/recurrence.js';
import type { NodeId } from '../../ir/graph.js';
import { type ExpressionContext, shown, variablesTex } from './expression-context.js';
import { partial, subscripted, texFormula } from './tex-print.js';
import { texVariable } from './tex-names.js';

/**
 * A recurrence kept as a loop, in the Result: the recursion the generated
 * forward loop runs, c_k = f(c_{k−1}, q, x_k), with its first two and last
 * iterations in numbers and ⋮ between; the backward recursion of the
 * adjoints δ_k = ∂E/∂c_k the reverse loop runs,
 * δ_{k−1} = Σ_j δ^j_k ∂c^j_k/∂c_{k−1}, with the same iterations' numbers;
 * and what each iteration passes to the inputs it reads. The local
 * derivatives are the step's graph differentiated (compile/recurrence.ts).
 * The unrolled gradient, a nested product as long as the loop, is not printed.
 */
export function writeRecurrences(c: ExpressionContext, recurrences: readonly Recurrence[]): void {
  recurrences.forEach((r, index) => writeRecurrence(c, r, recurrences.length > 1 ? index + 1 : undefined));
}

function writeRecurrence(c: ExpressionContext, r: Recurrence, number: number | undefined): void {
  const { out } = c;
  const { step } = r;
  const m = step.length;
  const carries = r.names.map((name) => texVariable(name));
  // m_k, or θ^{(k)} when a variable prints as θ_… already (theta0 is θ_0: the value after iteration 0 would read the same)
  const variables = variablesTex(c);
  const at = (j: number, k: string) => (variables.some((v) => v.startsWith(`${carries[j]}_`)) ? `${carries[j]}^{(${k})}` : subscripted(carries[j], k));
  const delta = (j: number, k: string) => `\\delta^{${carries[j]}}_{${k}}`;
  // a loop that counts down runs k = m − 1, …, 0: its carry comes from iteration k + 1
  const down = step.reverse;
  const previous = down ? 'k+1' : 'k-1';
  const names = inputNames(c, r, (j) => at(j, previous));
  const formula = (graph: Recurrence['partialGraph'], id: NodeId) => texFormula(graph, id, (v) => names.get(v)) ?? '\\dots';
  const list = (items: readonly string[]) => items.map((t) => out.inline(t)).join(items.length === 2 ? ' and ' : ', ');
  const last = String(m - 1);
  const upwards = m > 3 ? [0, 1, undefined, m - 1] : Array.from({ length: m }, (_, k) => k);
  const shownIterations = down ? [...upwards].reverse() : upwards; // in the order the loop runs them
  const rows = (row: (k: number) => string[]) => shownIterations.flatMap((k) => (k === undefined ? ['&\\;\\;\\vdots'] : row(k)));

  out.paragraph(`The loop${number === undefined ? '' : ` ${number}`} carries ${list(carries)} from each iteration to the next: a recurrence, `
    + `which the generated code keeps as one loop and differentiates by a second loop from the last iteration back to the first `
    + `(backpropagation through time). Written as a recursion over the iterations `
    + `${down ? `${out.inline(`k = ${last}, \\dots, 0`)} (the loop counts down)` : out.inline(`k = 0, \\dots, ${last}`)}, `
    + `from ${list(carries.map((_, j) => `${at(j, down ? String(m) : '-1')} = ${texFormula(r.graph, r.args[j], (v) => argName(c, r, v)) ?? '\\dots'}`))}:`);
  out.align(step.outputs.slice(0, step.carries).map((o, j) => `${at(j, 'k')} &= ${formula(step.graph, o)}`));
  const v = r.values;
  if (v !== undefined) {
    out.paragraph('At the point:');
    out.align(rows((k) => carries.map((_, j) => `${at(j, String(k))} &= ${shown(c, v.after[j][k], at(j, String(k)))}`)));
  }

  // backwards: δ_{k−1} (δ_{k+1} in a loop that counts down) from δ_k through the local derivatives ∂c_k/∂c_{k−1}
  const local = (j: number, i: number) => r.partials[j][i];
  const isZero = (id: NodeId) => r.partialGraph.constantValue(id) === 0;
  out.paragraph(`The adjoint ${list(carries.map((_, j) => `${delta(j, 'k')} = ${partial(c.symbol, at(j, 'k'))}`))} of the value after iteration ${out.inline('k')} `
    + `starts at the last iteration from what the rest of the function makes of it, and goes back one iteration at a time by the chain rule, `
    + 'each local derivative from the loop body:');
  out.align(carries.flatMap((_, i) => {
    const terms = carries.map((_, j) => j).filter((j) => !isZero(local(j, i)));
    const symbolic = terms.map((j) => `${delta(j, 'k')} \\, ${partial(at(j, 'k'), at(i, previous))}`).join(' + ') || '0';
    const expanded = terms.map((j) => product(delta(j, 'k'), formula(r.partialGraph, local(j, i)))).join(' + ') || '0';
    // with several carried values, the derivatives written out on a row of their own (one row ran 17 pt into the margin)
    return terms.length > 1 ? [`${delta(i, previous)} &= ${symbolic}`, `&= ${expanded}`] : [`${delta(i, previous)} &= ${symbolic} = ${expanded}`];
  }));
  if (v !== undefined) {
    const backwards = [...shownIterations].reverse();
    out.align(backwards.flatMap((k) => (k === undefined ? ['&\\;\\;\\vdots']
      : carries.map((_, j) => `${delta(j, String(k))} &= ${shown(c, v.adjoints[j][k], delta(j, String(k)))}`))));
  }

  // each iteration's inputs: a vector element gets its iteration's term; a number from outside the sum over the iterations
  const inputRows: string[] = [];
  step.inputs.forEach((input, i) => {
    if (i < step.carries) return;
    const perIteration = i >= step.carries + step.invariants;
    if (perIteration && !r.activeXs[i - step.carries - step.invariants]) return;
    const terms = carries.map((_, j) => j).filter((j) => !isZero(local(j, i)));
    if (terms.length === 0) return;
    const term = terms.map((j) => product(delta(j, 'k'), formula(r.partialGraph, local(j, i)))).join(' + ');
    const name = names.get(input) ?? '';
    const sum = isSum(term) ? `\\left(${term}\\right)` : term;
    inputRows.push(`\\text{into } ${name}\\text{:} \\quad &${perIteration ? term : `\\textstyle\\sum_{k=0}^{${last}} ${sum}`}`);
  });
  if (inputRows.length > 0) {
    out.paragraph('What iteration k passes to the inputs it reads, the numbers from outside the loop summed over the iterations '
      + '(the gradient below adds what the rest of the function passes to them):');
    out.align(inputRows);
  }
}

/** `δ · f`, with f parenthesized when it is a sum. */
function product(delta: string, factor: string): string {
  if (factor === '1') return delta;
  return isSum(factor) || factor.startsWith('-') ? `${delta} \\left(${factor}\\right)` : `${delta} \\cdot ${factor}`;
}

/** Whether a formula has a + or − outside braces and parentheses (after a leading sign). */
function isSum(tex: string): boolean {
  let flat = tex.replace(/^-/, '');
  for (let before = ''; before !== flat;) {
    before = flat;
    flat = flat.replace(/\{[^{}]*\}/g, '').replace(/\\left\([^()]*\\right\)/g, '');
  }
  return /[+-]/.test(flat);
}

/** The TeX of each step input: c_{k−1}, an invariant's formula, x_{k+s} or the per-iteration value's formula. */
function inputNames(c: ExpressionContext, r: Recurrence, carryBefore: (j: number) => string): Map<NodeId, string> {
  const names = new Map<NodeId, string>();
  r.step.inputs.forEach((input, i) => {
    if (i < r.step.carries) names.set(input, carryBefore(i));
    else {
      const tex = texFormula(r.graph, r.args[i], (v) => argName(c, r, v)) ?? '\\dots';
      names.set(input, isSum(tex) ? `\\left(${tex}\\right)` : tex); // a name stands for a whole formula: 1 − a read as a factor
    }
  });
  return names;
}

/** Names in the looped graph: a parameter's TeX, x_{k+s} for a slice of a vector parameter, k + s for the index, T_{k+s} for a constant array's element. */
function argName(c: ExpressionContext, r: Recurrence, id: NodeId): string | undefined {
  const n = r.graph.node(id);
  const stride = n.attrs.stride === undefined ? '' : String(n.attrs.stride);
  const index = (start: number) => (start === 0 ? `${stride}k` : `${stride}k+${start}`);
  if (n.op === 'var') return n.shape.length === 1 ? subscripted(parameterTex(c, n.attrs.name ?? ''), 'k') : parameterTex(c, n.attrs.name ?? '');
  if (n.op === 'range') return (n.attrs.value as number) === 0 && stride === '' ? 'k' : `\\left(${stride}k + ${n.attrs.value}\\right)`;
  if (n.op === 'table') return subscripted(`\\mathrm{${n.attrs.name ?? 'T'}}`, index(n.attrs.value as number));
  if (n.op === 'slice' && r.graph.node(n.args[0]).op === 'var') {
    // x_{k+s} for the slice read per iteration, x_{s} for one element
    const start = n.attrs.value as number;
    return subscripted(parameterTex(c, r.graph.node(n.args[0]).attrs.name ?? ''), n.shape.length === 1 ? index(start) : String(start));
  }
  return undefined;
}

/** A parameter's TeX as the notes print its variables (a vector's: its element's without the index). */
function parameterTex(c: ExpressionContext, name: string): string {
  const i = c.e.variables.findIndex((v) => v === name || v === `${name}[0]`);
  const tex = i < 0 ? texVariable(name) : variablesTex(c)[i];
  return c.e.variables[i] === name ? tex : tex.replace(/_\{0\}$/, '');
}
