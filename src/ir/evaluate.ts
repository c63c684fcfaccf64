import type { Graph, NodeId } from './graph.js';
import { OPS } from '../ops/registry.js';
import { type Tensor, scalar, tensor } from './tensor.js';
import { sizeOf } from './shape.js';
import { schedule } from '../passes/schedule.js';

export type Inputs = Readonly<Record<string, number | ArrayLike<number>>>;

/**
 * The IR interpreter: evaluates every node that `roots` need, in creation
 * order, with the ops' own `evaluate`. The reference the generated code is
 * tested against.
 */
export function evaluateGraph(g: Graph, roots: readonly NodeId[], inputs: Inputs): Map<NodeId, Tensor> {
  const values = new Map<NodeId, Tensor>();
  for (const id of schedule(g, roots)) {
    const n = g.node(id);
    if (n.op === 'const') values.set(id, scalar(n.attrs.value ?? NaN));
    else if (n.op === 'var') values.set(id, inputValue(n.attrs.name ?? '', n.shape, inputs));
    else values.set(id, OPS[n.op].evaluate(n.args.map((a) => values.get(a) as Tensor), n));
  }
  return values;
}

function inputValue(name: string, shape: readonly number[], inputs: Inputs): Tensor {
  const given = inputs[name];
  if (given === undefined) throw new Error(`no value given for variable '${name}'`);
  if (typeof given === 'number') return tensor(shape, new Float64Array(sizeOf(shape)).fill(given));
  if (given.length !== sizeOf(shape)) throw new Error(`variable '${name}' needs ${sizeOf(shape)} values, got ${given.length}`);
  return tensor(shape, given);
}

/** Evaluates scalar roots to plain numbers. */
export function evaluateScalars(g: Graph, roots: readonly NodeId[], inputs: Inputs): number[] {
  const values = evaluateGraph(g, roots, inputs);
  return roots.map((r) => (values.get(r) as Tensor).data[0]);
}
