import { type Graph, IrError, type IrNode, type NodeId } from '../ir/graph.js';
import { applyStep, scanLayout, scanStep, stepInputs } from '../ir/scan.js';
import { differentiate } from './differentiate.js';
import { dependsOnVariable } from '../ir/order.js';

/**
 * The vjp of a scan (a recurrence, ir/scan.ts): backpropagation through time
 * as one reverse scan. Its step is the forward step's graph differentiated
 * once by `differentiate`, with the carries' adjoints δc as its seed:
 *
 *   δc_{k−1} = ∂⟨c_k, δc_k⟩/∂c_{k−1},  δq += ∂⟨c_k, δc_k⟩/∂q,  δx_k = ∂⟨c_k, δc_k⟩/∂x_k
 *
 * for k from the last iteration down, δc starting at the final carries'
 * adjoints. It reads the carries before each iteration from the forward
 * scan's value (its tape) and recomputes the rest of the step. Its carries
 * are δc and δq (each invariant's adjoint summed over the iterations); its
 * ys δx_k, the adjoint of each per-iteration input. Only the final carries
 * may be read outside a scan (as the translation builds them): the adjoint
 * of its other entries must be 0.
 */
export function scanVjp(g: Graph, node: IrNode, adjoint: NodeId): (NodeId | null)[] {
  const step = node.attrs.scan;
  if (step === undefined) throw new IrError('scan without its step');
  const layout = scanLayout(step);
  const c = step.carries;
  const q = step.invariants;
  const m = step.length;
  const seeds = finalSeeds(g, adjoint, c);
  const args = node.args;
  const xs = args.slice(c + q);
  const active = xs.map((x) => dependsOnVariable(g, x));

  // the reverse step: δc (c) and δq (q) carried; the q invariants; per iteration the carries before it, then every x (an index or a table too: the step is recomputed)
  const { graph: stepGraph, inputs } = stepInputs(c + q, q, c + xs.length);
  const dC = inputs.slice(0, c);
  const dQ = inputs.slice(c, c + q);
  const qs = inputs.slice(c + q, c + 2 * q);
  const cs = inputs.slice(c + 2 * q, 2 * c + 2 * q);
  const xsIn = inputs.slice(2 * c + 2 * q);

  const origins = new Map<NodeId, NodeId>();
  const outputs = applyStep(step, stepGraph, [...cs, ...qs, ...xsIn], (stepNode, made) => {
    const origin = step.origins.get(stepNode);
    if (origin !== undefined && !origins.has(made)) origins.set(made, origin);
  });
  const objective = outputs.slice(0, c).map((out, j) => stepGraph.mul(out, dC[j])).reduce((a, b) => stepGraph.add(a, b));
  const wrt = [...cs, ...qs, ...xsIn.filter((_, i) => active[i])];
  const d = differentiate(stepGraph, objective, wrt);
  const dg = d.graph;
  const dBefore = d.gradient.slice(0, c);
  const dInvariants = d.gradient.slice(c, c + q).map((t, i) => dg.add(dQ[i], t));
  const dXs = d.gradient.slice(c + q);
  const reverse = scanStep({
    graph: dg,
    inputs,
    carries: c + q,
    invariants: q,
    outputs: [...dBefore, ...dInvariants, ...dXs],
    length: m,
    reverse: !step.reverse,
    adjoint: true,
    origins,
  });
  const zero = g.constant(0);
  const tape = (j: number) => g.apply('slice', [node.id], { value: layout.before + j * m, shape: [m] });
  const r = g.apply('scan', [
    ...seeds.map((s) => s ?? zero),
    ...Array.from({ length: q }, () => zero),
    ...args.slice(c, c + q),
    ...Array.from({ length: c }, (_, j) => tape(j)),
    ...xs,
  ], { scan: reverse });
  const rLayout = scanLayout(reverse);
  const final = (j: number) => g.apply('slice', [r], { value: rLayout.final + j, shape: [] });
  let y = 0;
  return [
    ...Array.from({ length: c }, (_, j) => final(j)),
    ...Array.from({ length: q }, (_, i) => final(c + i)),
    ...xs.map((_, i) => (active[i] ? g.apply('slice', [r], { value: rLayout.ys + (y++) * m, shape: [m] }) : null)),
  ];
}

/** The adjoint of each final carry, from a scan's adjoint Σ pad(δ_j, j); undefined where none flows. */
function finalSeeds(g: Graph, adjoint: NodeId, carries: number): (NodeId | undefined)[] {
  const seeds: (NodeId | undefined)[] = Array.from({ length: carries }, () => undefined);
  const visit = (id: NodeId): void => {
    const n = g.node(id);
    if (g.constantValue(id) === 0) return;
    if (n.op === 'add' && n.shape.length === 1) {
      n.args.forEach(visit);
      return;
    }
    const start = n.attrs.value as number;
    if (n.op === 'pad' && g.shapeOf(n.args[0]).length === 0 && start < carries) {
      const seed = seeds[start];
      seeds[start] = seed === undefined ? n.args[0] : g.add(seed, n.args[0]);
      return;
    }
    throw new IrError('a scan is differentiated through its final carries only (its other entries are read by its own reverse sweep)');
  };
  visit(adjoint);
  return seeds;
}
