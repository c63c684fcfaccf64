import type { ConcreteNode, Graph, NodeId } from './graph.js';
import { OPS } from '../ops/registry.js';
import { type Tensor, scalar, tensor } from './tensor.js';
import { type ConcreteShape, type DimSizes, concreteShape, sizeOf } from './shape.js';
import { nodesNeeded } from './order.js';

export type Inputs = Readonly<Record<string, number | ArrayLike<number>>>;

/**
 * The IR interpreter: evaluates every node that `roots` need, in creation
 * order, with the ops' own `evaluate`. The reference the generated code is
 * tested against. `sizes` gives each symbolic dimension its size for this
 * evaluation (`{ n: 4 }`: four example rows); a shape using a symbol without
 * one is an error.
 */
export function evaluateGraph(g: Graph, roots: readonly NodeId[], inputs: Inputs, sizes: DimSizes = {}): Map<NodeId, Tensor> {
  const values = new Map<NodeId, Tensor>();
  for (const id of nodesNeeded(g, roots)) {
    const n = g.node(id);
    const concrete: ConcreteNode = { ...n, shape: concreteShape(n.shape, sizes) };
    if (n.op === 'const') values.set(id, scalar(n.attrs.value ?? NaN));
    else if (n.op === 'var') values.set(id, inputValue(n.attrs.name ?? '', concrete.shape, inputs));
    else values.set(id, OPS[n.op].evaluate(n.args.map((a) => values.get(a) as Tensor), concrete));
  }
  return values;
}

function inputValue(name: string, shape: ConcreteShape, inputs: Inputs): Tensor {
  const given = inputs[name];
  if (given === undefined) throw new Error(`no value given for variable '${name}'`);
  if (typeof given === 'number') return tensor(shape, new Float64Array(sizeOf(shape)).fill(given));
  if (given.length !== sizeOf(shape)) throw new Error(`variable '${name}' needs ${sizeOf(shape)} values, got ${given.length}`);
  return tensor(shape, given);
}

/** Evaluates scalar roots to plain numbers. */
export function evaluateScalars(g: Graph, roots: readonly NodeId[], inputs: Inputs, sizes: DimSizes = {}): number[] {
  const values = evaluateGraph(g, roots, inputs, sizes);
  return roots.map((r) => (values.get(r) as Tensor).data[0]);
}
