import { Graph, IrError, type NodeId, dumpGraph } from './graph.js';
import { nodesNeeded } from './order.js';
import type { OpName } from '../ops/registry.js';

/**
 * The step of a loop kept as a loop whose iterations depend on each other (a
 * recurrence, m_k = a·m_{k−1} + (1−a)·x_k): one iteration as a graph of
 * scalars, held by a `scan` node of the graph around it (ops/tensor/scan.ts).
 *
 * The step's inputs, variables of `graph` in this order:
 * - `carries` carried values: c_j before the iteration (after the previous one);
 * - `invariants` numbers the same in every iteration (a parameter, 1 − a);
 * - the rest, one entry per iteration: x_k, the iteration's element of a vector.
 * Its outputs: the carries after the iteration (as many as `carries`), then
 * `ys`: values of each iteration kept (a reverse step's adjoint of x_k).
 *
 * A scan runs the step for k = 0 … length−1 (from length−1 down when
 * `reverse`). Its value is one vector (`scanLayout`): the final carries, each
 * carry before each iteration (what a reverse sweep reads back: a tape), and
 * each y of each iteration.
 */
export interface ScanStep {
  readonly graph: Graph;
  readonly inputs: readonly NodeId[];
  readonly carries: number;
  readonly invariants: number;
  readonly outputs: readonly NodeId[];
  readonly length: number;
  readonly reverse: boolean;
  /** The step is another scan's derivative (its reverse sweep: adjoints carried), not a loop of the source — which may itself count down (reverse). */
  readonly adjoint?: boolean;
  /** A step node → the node of the enclosing graph it was made from (its source line and name), when there is one. */
  readonly origins: ReadonlyMap<NodeId, NodeId>;
  /** The step's identity for hash-consing: two scans with equal keys compute the same. */
  readonly key: string;
}

/** Makes a step, its key from its graph's text. */
export function scanStep(step: Omit<ScanStep, 'key'>): ScanStep {
  const needed = nodesNeeded(step.graph, [...step.outputs, ...step.inputs]);
  const lines = dumpGraph(step.graph).split('\n');
  const text = needed.map((id) => lines[id]).join(';');
  const key = `{${text}|in ${step.inputs.join(',')}|c ${step.carries}|q ${step.invariants}|out ${step.outputs.join(',')}|${step.length}${step.reverse ? 'r' : ''}}`;
  return { ...step, key };
}

/** Where each part of a scan's value lies: offsets into the one vector. */
export interface ScanLayout {
  /** final carry j at `final + j` */
  readonly final: number;
  /** carry j before iteration k at `before + j·length + k` */
  readonly before: number;
  /** y j of iteration k at `ys + j·length + k` */
  readonly ys: number;
  readonly size: number;
  readonly xs: number;
  readonly yCount: number;
}

export function scanLayout(step: ScanStep): ScanLayout {
  const c = step.carries;
  const m = step.length;
  const yCount = step.outputs.length - c;
  return { final: 0, before: c, ys: c + c * m, size: c + (c + yCount) * m, xs: step.inputs.length - c - step.invariants, yCount };
}

/**
 * The step applied once in graph `g` (by its ops, so `g`'s identities and
 * hash-consing apply): its inputs bound to `inputs` (nodes of g), its outputs
 * returned. `made(stepNode, node)` is told each step node's copy.
 */
export function applyStep(
  step: ScanStep,
  g: Graph,
  inputs: readonly NodeId[],
  made: (stepNode: NodeId, node: NodeId) => void = () => {},
): NodeId[] {
  const copy = new Map<NodeId, NodeId>();
  step.inputs.forEach((v, i) => copy.set(v, inputs[i]));
  for (const id of nodesNeeded(step.graph, step.outputs)) {
    if (copy.has(id)) continue;
    const n = step.graph.node(id);
    if (n.op === 'var') throw new IrError(`scan step: variable '${n.attrs.name}' is not one of its inputs`);
    const node = n.op === 'const' ? g.constant(n.attrs.value as number) : g.apply(n.op as OpName, n.args.map((a) => copy.get(a) as NodeId), n.attrs);
    copy.set(id, node);
    made(id, node);
  }
  return step.outputs.map((o) => copy.get(o) as NodeId);
}

/** The order a scan visits its iterations. */
export function iterations(step: ScanStep): number[] {
  const ks = Array.from({ length: step.length }, (_, k) => k);
  return step.reverse ? ks.reverse() : ks;
}

/** A new empty step graph with its inputs named `c0…`, `q0…`, `x0…`. */
export function stepInputs(carries: number, invariants: number, xs: number): { graph: Graph; inputs: NodeId[] } {
  const graph = new Graph();
  const inputs = [
    ...Array.from({ length: carries }, (_, j) => graph.variable(`c${j}`)),
    ...Array.from({ length: invariants }, (_, j) => graph.variable(`q${j}`)),
    ...Array.from({ length: xs }, (_, j) => graph.variable(`x${j}`)),
  ];
  return { graph, inputs };
}
