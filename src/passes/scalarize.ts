import { Graph, IrError, type NodeId } from '../ir/graph.js';
import { nodesNeeded } from '../ir/order.js';
import { OPS, type OpName } from '../ops/registry.js';
import { applyStep, iterations, scanLayout } from '../ir/scan.js';

/** A graph of scalars made from one with vectors, and where each old node's elements went. */
export interface Scalarized {
  readonly graph: Graph;
  /** The scalar variables in the order of the old graph's variables: `x`, or `x[0]`, `x[1]`, … for a vector x. */
  readonly variables: readonly string[];
  readonly variableNodes: readonly NodeId[];
  /** old node → its elements in the new graph (one for a scalar), for every node `roots` need. */
  readonly elements: ReadonlyMap<NodeId, readonly NodeId[]>;
}

/** Which element of a vector of `length` a scalar node computes (or, for a sum, after which element its running sum stops). */
export interface Element {
  readonly index: number;
  readonly length: number;
}

/**
 * The same function with every vector written out element by element (a
 * loop kept as a loop, unrolled): a vector variable x of shape [n] becomes
 * the variables x[0] … x[n−1], slice, range and table their elements, an
 * element-wise op one node per element, and sum the adds
 * ((e₀ + e₁) + e₂) + … in order. Each new node records the old node it
 * comes from (`origin`), so the source lines carry over, and the element of
 * the vector it computes (for a sum: the element its running sum adds). Vectors only
 * (rank ≤ 1), and the ops a function's translation makes.
 */
export function scalarize(
  input: Graph,
  roots: readonly NodeId[],
  origin: (made: NodeId, from: NodeId, element?: Element) => void = () => {},
  /** The graph's variables, in order (by default every variable node; a loop's carried placeholders are not variables). */
  variables: readonly NodeId[] = input.nodes.filter((n) => n.op === 'var').map((n) => n.id),
): Scalarized {
  const g = new Graph();
  const elements = new Map<NodeId, NodeId[]>();
  const variableNames: string[] = [];
  const variableNodes: NodeId[] = [];
  const of = (id: NodeId) => elements.get(id) as NodeId[];
  const runningSums = new Map<NodeId, Element>();
  /** a node made by a scan's step: the node of the input graph its step node came from, and its iteration */
  const stepOrigins = new Map<NodeId, { from: NodeId; element: Element }>();
  for (const n of variables.map((v) => input.node(v))) {
    const name = n.attrs.name ?? '';
    const names = n.shape.length === 0 ? [name] : Array.from({ length: n.shape[0] as number }, (_, i) => `${name}[${i}]`);
    const ids = names.map((v) => g.variable(v));
    variableNames.push(...names);
    variableNodes.push(...ids);
    elements.set(n.id, ids);
  }
  for (const id of nodesNeeded(input, roots)) {
    const n = input.node(id);
    if (n.op === 'var') continue;
    const before = g.nodes.length;
    const start = n.attrs.value as number;
    const length = n.shape.length === 0 ? 1 : n.shape[0];
    const stride = n.attrs.stride ?? 1;
    if (n.shape.length > 1 || typeof length !== 'number') throw new IrError(`scalarize: %${id} has shape [${n.shape.join(', ')}]`);
    let made: NodeId[];
    switch (n.op) {
      case 'const':
        made = [g.constant(n.attrs.value ?? NaN)];
        break;
      case 'range':
        made = Array.from({ length }, (_, i) => g.constant(start + i * stride));
        break;
      case 'table':
        made = Array.from({ length }, (_, i) => g.constant((n.attrs.values as readonly number[])[start + i * stride]));
        break;
      case 'slice':
        made = Array.from({ length }, (_, i) => of(n.args[0])[start + i * stride]);
        break;
      case 'broadcast_to':
        made = Array.from({ length }, () => of(n.args[0])[0]);
        break;
      case 'pad': {
        made = Array.from({ length }, () => g.constant(0));
        of(n.args[0]).forEach((e, i) => { made[start + i * stride] = e; });
        break;
      }
      case 'sum':
      case 'sum_to':
      case 'mean': {
        const xs = of(n.args[0]);
        let total = xs[0];
        xs.slice(1).forEach((e, i) => { // the running sum after element i + 1
          const k = g.nodes.length;
          total = g.add(total, e);
          if (total === k) runningSums.set(k, { index: i + 1, length: xs.length });
        });
        made = [n.op === 'mean' ? g.div(total, g.constant(xs.length)) : total];
        break;
      }
      case 'scan': {
        // the recurrence written out: the step applied once per iteration, each node of iteration k its element k
        const step = n.attrs.scan;
        if (step === undefined) throw new IrError(`scalarize: %${id} has no step`);
        const layout = scanLayout(step);
        const c = step.carries;
        const args = n.args.map(of);
        made = Array.from({ length: layout.size }, () => g.constant(0));
        const carries = args.slice(0, c).map((a) => a[0]);
        const invariants = args.slice(c, c + step.invariants).map((a) => a[0]);
        for (const k of iterations(step)) {
          carries.forEach((v, j) => { made[layout.before + j * step.length + k] = v; });
          const xs = args.slice(c + step.invariants).map((a) => a[k]);
          const outs = applyStep(step, g, [...carries, ...invariants, ...xs], (stepNode, node) => {
            if (node >= before && !stepOrigins.has(node)) stepOrigins.set(node, { from: step.origins.get(stepNode) ?? id, element: { index: k, length: step.length } });
          });
          outs.forEach((o, j) => {
            if (j < c) carries[j] = o;
            else made[layout.ys + (j - c) * step.length + k] = o;
          });
        }
        carries.forEach((v, j) => { made[layout.final + j] = v; });
        break;
      }
      default: {
        if (!OPS[n.op].traits.elementwise) throw new IrError(`scalarize: ${n.op} is not element-wise`);
        const args = n.args.map(of);
        made = Array.from({ length }, (_, i) => g.apply(n.op as OpName, args.map((a) => a[a.length === 1 ? 0 : i]), n.attrs));
      }
    }
    // a new node of element i (an element's own nodes are made after the previous element's)
    const elementOf = new Map<NodeId, Element>(made.length > 1 && n.op !== 'scan' ? made.map((m, i) => [m, { index: i, length: made.length }]) : []);
    for (let k = before; k < g.nodes.length; k++) {
      const fromStep = stepOrigins.get(k);
      if (fromStep !== undefined) origin(k, fromStep.from, fromStep.element);
      else origin(k, id, elementOf.get(k) ?? runningSums.get(k));
    }
    elements.set(id, made);
  }
  return { graph: g, variables: variableNames, variableNodes, elements };
}
