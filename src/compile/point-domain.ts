import type { Graph, NodeId } from '../ir/graph.js';
import { evaluateGraph } from '../ir/evaluate.js';
import { evaluateTaken } from '../ir/evaluate-taken.js';
import { evaluateGenerated, generatedForm } from './as-generated.js';
import type { StepSpan } from '../frontends/expression.js';
import { CompileError } from '../util/errors.js';
import { type NonFiniteStep, firstNonFiniteStep, formatValue, stepCall } from './non-finite.js';
import { deriveNotes } from './expression-derivation.js';
import type { CompiledExpression } from './expression.js';

/** What a number that is not finite reads as in a message. */
const shown = (v: number) => (Number.isNaN(v) ? 'not a real number' : v > 0 ? '∞' : '−∞');

const OVERFLOW = 'larger than the largest double (about 1.8e308)';

/** The logarithms at 0 and artanh at ±1: their value there is ±∞ (undefined), not an overflow. */
const POLES: ReadonlySet<string> = new Set(['log', 'log2', 'log10', 'log1p', 'atanh']);

/** Why a step with finite arguments is not finite: `log(0)`, `1 / 0`, `sqrt(-1)`, or an overflow. */
function whyUndefined(graph: Graph, step: NonFiniteStep): string {
  const { op } = graph.node(step.node);
  const call = stepCall(graph, step);
  if (Number.isNaN(step.value)) return `${call}, which is not a real number`;
  if (op === 'div' && step.args[1] === 0) return `${call}, a division by zero`;
  if (POLES.has(op) || op === 'pow') return `${call} = ${shown(step.value)}`;
  return `${call}, ${OVERFLOW}`;
}

/**
 * A worked point outside the expression's domain (x·ln x at 0, √x at −1, 1/x
 * at 0), as an error located at the step of the expression that is
 * undefined there, or undefined when the value, the gradient (and the
 * Hessian, when asked for) are finite there. The notes would otherwise print
 * ∞ or NaN through every table: a teacher picks another point (the hint
 * offers one nearby where everything is defined).
 *
 * The step is the first one, in the order computed, that is not finite while
 * its arguments are; when every step is finite but a derivative is not (√x
 * at 0, where the tangent is vertical), the first step whose local derivative
 * is not finite there.
 */
export function domainError(e: CompiledExpression): CompileError | undefined {
  const point = e.point;
  if (!point) return undefined;
  const results = resultsOf(e);
  const check = (values: Readonly<Record<string, number>>) => allFinite(results(values));
  if (check(point.values)) return undefined;
  const where = e.variables.map((v) => `${v} = ${point.values[v]}`).join(', ');
  const hint = suggestion(e, check);
  const spans = e.parsed.stepSpans ?? new Map<NodeId, StepSpan>();
  const located = (message: string, step: NodeId | undefined) => {
    const span = step === undefined ? undefined : spans.get(step);
    return span
      ? new CompileError(message, { line: 1, column: span.column, lineText: e.source }, hint)
      : new CompileError(message, undefined, hint, 'at');
  };
  const d = e.gradient;
  const undefinedStep = firstNonFiniteStep(d.graph, evaluateTaken(d.graph, [d.output], point.values));
  if (undefinedStep) {
    const text = spans.get(undefinedStep.node)?.text ?? 'a step';
    const why = whyUndefined(d.graph, undefinedStep);
    const what = why.endsWith(OVERFLOW) ? 'the numbers overflow' : 'the expression is not defined';
    // log(-1) written with numbers already: "log(-1) is not a real number", not "log(-1) is log(-1), which …"
    const said = why.startsWith(`${text}, which is `) ? why.replace(`${text}, which `, `${text} `) : `${text} is ${why}`;
    return located(`at ${where} ${what}: ${said}`, undefinedStep.node);
  }
  const local = firstInfiniteLocal(e);
  if (local) {
    const text = spans.get(local.step)?.text;
    return located(`at ${where} the gradient is not defined: the derivative of ${text ?? 'a step'} there is ${shown(local.value)}`
      + ` (the value, ${formatValue(point.value)}, is defined)`, local.step);
  }
  return located(`at ${where} ${nonFiniteResult(e, results(point.values))}`, undefined);
}

/** The value, the gradient and (when asked for) the Hessian's entries, row by row. */
interface Results {
  readonly value: number;
  readonly gradient: readonly number[];
  readonly hessian: readonly number[];
}

const allFinite = (r: Results) => Number.isFinite(r.value) && r.gradient.every(Number.isFinite) && r.hessian.every(Number.isFinite);

/**
 * The results of `e` at a point as the generated E, E_grad and E_hess compute
 * them (compile/as-generated.ts: only the side taken of a branch), as the
 * point's own numbers are: so a point is refused only where the code and the
 * notes would give ∞ or NaN.
 */
function resultsOf(e: CompiledExpression): (values: Readonly<Record<string, number>>) => Results {
  const d = e.gradient;
  const hessianEntries = e.hessian ? e.hessian.rows.flat() : [];
  // the Hessian's graph extends the gradient's: one form computes all three
  const form = generatedForm(e.hessian?.graph ?? d.graph, d.output, [d.output, ...d.gradient, ...hessianEntries]);
  const n = d.gradient.length;
  return (values) => {
    const [value, ...rest] = evaluateGenerated(form, values).numbers;
    return { value, gradient: rest.slice(0, n), hessian: rest.slice(n) };
  };
}

/** Which result is not finite, in words: `∂f/∂x is ∞`, `the Hessian entry ∂²f/∂x∂y is not a real number`. */
function nonFiniteResult(e: CompiledExpression, { value, gradient, hessian: entries }: Results): string {
  if (!Number.isFinite(value)) return `${e.name} is ${shown(value)}`;
  const i = gradient.findIndex((g) => !Number.isFinite(g));
  if (i >= 0) return `∂${e.name}/∂${e.variables[i]} is ${shown(gradient[i])}`;
  const n = e.variables.length;
  const k = entries.findIndex((h) => !Number.isFinite(h));
  const [r, c] = [e.variables[Math.floor(k / n)], e.variables[k % n]];
  return `the second derivative ∂²${e.name}/${r === c ? `∂${r}²` : `∂${r}∂${c}`} (in the Hessian) is ${shown(entries[k])}`;
}

/** The first local derivative ∂step/∂arg (steps in forward order) that is not finite where its step and arguments are. */
function firstInfiniteLocal(e: CompiledExpression): { readonly step: NodeId; readonly value: number } | undefined {
  const point = e.point;
  if (!point) return undefined;
  const derivation = deriveNotes(e);
  const roots = derivation.locals.map((l) => l.node);
  const g: Graph = derivation.graph;
  const values = evaluateGraph(g, [...roots, ...derivation.locals.map((l) => l.step)], point.values);
  const number = (id: NodeId) => values.get(id)?.data[0] ?? NaN;
  const found = derivation.locals.find((l) => !Number.isFinite(number(l.node))
    && [l.step, ...g.node(l.step).args].every((a) => Number.isFinite(number(a))));
  return found && { step: found.step, value: number(found.node) };
}

/** Nearby values tried for one variable at a time when suggesting another point. */
const NUDGES = [0.5, -0.5, 1, -1, 2, -2];

/** "choose another point, e.g. at: { x: 0.5 }": the first point found by changing one variable a little, where everything is defined. */
function suggestion(e: CompiledExpression, check: (values: Readonly<Record<string, number>>) => boolean): string {
  const base = 'the notes work every number at the point';
  const values = e.point?.values ?? {};
  for (const nudge of NUDGES) {
    for (const v of e.variables) {
      const tried = { ...values, [v]: values[v] + nudge };
      if (check(tried)) return `${base}: choose a point where they are all defined, e.g. at: { ${e.variables.map((u) => `${u}: ${tried[u]}`).join(', ')} }`;
    }
  }
  return `${base}: choose a point where they are all defined`;
}
