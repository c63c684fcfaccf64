import type { CompiledNetwork } from '../../../compile/network/compile-network.js';
import { buildNetworkGraph } from '../../../compile/network/build-graph.js';
import type { NodeId } from '../../../ir/graph.js';
import { evaluateGraph } from '../../../ir/evaluate.js';
import { differentiate } from '../../../passes/differentiate.js';

/** Every number of one training step on the worked example, from the IR interpreter. */
export interface WorkedValues {
  readonly x: readonly number[];
  readonly y: readonly number[];
  /** Per layer l = 1..L (index l−1): z^l, a^l, ∂ℓ/∂a^l (undefined when a^l is not on the loss path), δ^l. */
  readonly z: readonly (readonly number[])[];
  readonly a: readonly (readonly number[])[];
  readonly dA: readonly (readonly number[] | undefined)[];
  readonly delta: readonly (readonly number[])[];
  /** ℓ (the data loss of the one example) and L = ℓ + penalties. */
  readonly dataLoss: number;
  readonly loss: number;
  /** W1 (row-major), b1, W2, b2, …: the given values, ∂ℓ/∂θ and ∂L/∂θ. */
  readonly params: readonly (readonly number[])[];
  readonly dataGradient: readonly (readonly number[])[];
  readonly gradient: readonly (readonly number[])[];
}

/**
 * Runs the network's IR on its worked example: the training graph built for a
 * batch of one row (the same builder and the same reverse sweep as the
 * compiled network, which is built for the symbolic batch n), with X = x, Y = y,
 * 1/B = 1 and every dropout mask 1. The δ's are the adjoints of the z^l nodes.
 */
export function workedValues(c: CompiledNetwork): WorkedValues | undefined {
  const worked = c.spec.worked;
  if (!worked) return undefined;
  return evaluateAt(c, worked.weights.flatMap((w) => [w.W.flat(), [...w.b]]));
}

/** The worked example's numbers with the parameters W1 (row-major), b1, W2, … set to `params`. */
export function evaluateAt(c: CompiledNetwork, params: readonly (readonly number[])[]): WorkedValues {
  const worked = c.spec.worked;
  if (!worked) throw new Error(`network ${c.name} has no worked example`);
  const net = buildNetworkGraph(c.spec, 1);
  const full = differentiate(net.graph, net.loss, net.params);
  // Without penalties the data loss is the loss node itself.
  const data = net.dataLoss === net.loss ? full : differentiate(net.graph, net.dataLoss, net.params);
  const inputs: Record<string, number | ArrayLike<number>> = { X: worked.x, Y: worked.y, invN: 1 };
  net.paramNames.forEach((name, i) => (inputs[name] = params[i]));
  net.layers.forEach((l, i) => {
    if (l.mask !== undefined) inputs[`M${i + 1}`] = 1;
  });
  const adjointOf = (id: NodeId) => full.adjoints.get(id);
  const dAs = net.layers.map((l) => adjointOf(l.a));
  const roots = [
    net.loss,
    net.dataLoss,
    ...net.layers.flatMap((l) => [l.z, l.a]),
    ...net.layers.flatMap((l) => adjointOf(l.z) ?? []),
    ...dAs.filter((id): id is NodeId => id !== undefined),
    ...full.gradient,
  ];
  const values = evaluateGraph(full.graph, roots, inputs);
  // The data-loss gradient comes from its own sweep, in a second clone of the same graph.
  const dataValues = data === full ? values : evaluateGraph(data.graph, data.gradient, inputs);
  const read = (id: NodeId) => [...(values.get(id)?.data ?? [])];
  return {
    x: [...worked.x],
    y: [...worked.y],
    z: net.layers.map((l) => read(l.z)),
    a: net.layers.map((l) => read(l.a)),
    dA: dAs.map((id) => (id === undefined ? undefined : read(id))),
    delta: net.layers.map((l, i) => {
      const d = adjointOf(l.z);
      if (d === undefined) throw new Error(`z${i + 1} is not on the path to the loss`); // cannot happen: every z^l feeds it
      return read(d);
    }),
    dataLoss: read(net.dataLoss)[0],
    loss: read(net.loss)[0],
    params: params.map((p) => [...p]),
    dataGradient: data.gradient.map((id) => [...(dataValues.get(id)?.data ?? [])]),
    gradient: full.gradient.map(read),
  };
}
