import type { Graph, NodeId } from '../ir/graph.js';
import { type ScanStep, scanLayout } from '../ir/scan.js';
import { evaluateGraph } from '../ir/evaluate.js';
import { dependsOnVariable } from '../ir/order.js';
import type { Tensor } from '../ir/tensor.js';
import { type Differentiated, differentiate } from '../passes/differentiate.js';

/**
 * A recurrence kept as a loop (a scan of the looped gradient), as its notes
 * state it: the step c_k = f(c_{k−1}, q, x_k), each local derivative
 * ∂c_k/∂(input) derived from the step's graph by `differentiate`, and at the
 * point the carried values and their adjoints δ_k = ∂E/∂c_k after each
 * iteration — the numbers the generated forward and reverse loops compute.
 */
export interface Recurrence {
  /** The looped gradient's graph, where `scan`, `args` and `reverse` live. */
  readonly graph: Graph;
  readonly scan: NodeId;
  readonly step: ScanStep;
  /** The scan's arguments: the carries' initial values, the invariants, the vectors read per iteration (graph nodes). */
  readonly args: readonly NodeId[];
  /** Local derivatives: partials[j][i] = ∂(new carry j)/∂(step input i), nodes of `partialGraph` (whose inputs are the step's). */
  readonly partialGraph: Graph;
  readonly partials: readonly (readonly NodeId[])[];
  /** Whether each per-iteration vector depends on a parameter (its adjoint is a gradient entry). */
  readonly activeXs: readonly boolean[];
  /** The user's name of each carried variable. */
  readonly names: readonly string[];
  /** At the point: carried value j after iteration k, its adjoint, and each step input's value in iteration k. */
  readonly values?: {
    readonly after: readonly (readonly number[])[];
    readonly adjoints: readonly (readonly number[])[];
    readonly inputs: (k: number) => number[];
  };
}

/** The forward recurrences of a looped gradient, in order, with their numbers at `point` (flat values by scalar variable name). */
export function recurrences(
  d: Differentiated,
  nameOf: (origin: NodeId) => string | undefined,
  point?: { readonly parameters: readonly { readonly name: string; readonly length?: number }[]; readonly values: Readonly<Record<string, number>> },
): Recurrence[] {
  const g = d.graph;
  const scans = g.nodes.filter((n) => n.op === 'scan' && n.attrs.scan !== undefined && n.attrs.scan.adjoint !== true);
  if (scans.length === 0) return [];
  const reverseOf = new Map<NodeId, NodeId>();
  for (const n of g.nodes) {
    const step = n.attrs.scan;
    if (n.op !== 'scan' || step === undefined || step.adjoint !== true) continue;
    const tape = g.node(n.args[step.carries + step.invariants]);
    reverseOf.set(tape.args[0], n.id);
  }
  const inputs = point === undefined ? undefined : Object.fromEntries(point.parameters.map((p) => [p.name,
    p.length === undefined ? point.values[p.name] : Array.from({ length: p.length }, (_, i) => point.values[`${p.name}[${i}]`])]));
  const values = inputs === undefined ? undefined
    : evaluateGraph(g, scans.flatMap((s) => [s.id, ...s.args, ...(reverseOf.has(s.id) ? [reverseOf.get(s.id) as NodeId] : [])]), inputs);
  return scans.map((n) => {
    const step = n.attrs.scan as ScanStep;
    let partialGraph = step.graph;
    const partials = step.outputs.slice(0, step.carries).map((out) => {
      const p = differentiate(partialGraph, out, step.inputs);
      partialGraph = p.graph;
      return p.gradient;
    });
    const names = step.outputs.slice(0, step.carries).map((out, j) => nameOf(step.origins.get(out) ?? -1) ?? `c${j + 1}`);
    const xs = n.args.slice(step.carries + step.invariants);
    const activeXs = xs.map((x) => dependsOnVariable(g, x));
    const recurrence = { graph: g, scan: n.id, step, args: n.args, partialGraph, partials, activeXs, names };
    if (values === undefined) return recurrence;
    return { ...recurrence, values: numbersOf(n.id, step, n.args, values, reverseOf.get(n.id)) };
  });
}

function numbersOf(scan: NodeId, step: ScanStep, args: readonly NodeId[], values: ReadonlyMap<NodeId, Tensor>, reverse: NodeId | undefined) {
  const m = step.length;
  const c = step.carries;
  const layout = scanLayout(step);
  const value = (id: NodeId) => (values.get(id) as Tensor).data;
  const own = value(scan);
  const before = (j: number, k: number) => own[layout.before + j * m + k];
  // after iteration k is before the next one: k + 1, or k − 1 in a loop that counts down; the last one's is the final carry
  const next = (k: number) => (step.reverse ? k - 1 : k + 1);
  const after = Array.from({ length: c }, (_, j) => Array.from({ length: m }, (_, k) => (next(k) >= 0 && next(k) < m ? before(j, next(k)) : own[layout.final + j])));
  const r = reverse === undefined ? undefined : value(reverse);
  // the reverse sweep's carry before its iteration k is the adjoint of the forward carry after iteration k
  const adjoints = Array.from({ length: c }, (_, j) => Array.from({ length: m }, (_, k) => (r === undefined ? 0 : r[c + step.invariants + j * m + k])));
  const inputs = (k: number) => [
    ...Array.from({ length: c }, (_, j) => before(j, k)),
    ...args.slice(c, c + step.invariants).map((a) => value(a)[0]),
    ...args.slice(c + step.invariants).map((a) => value(a)[k]),
  ];
  return { after, adjoints, inputs };
}
