import type { NodeId } from '../../ir/graph.js';
import { type Inputs, evaluateGraph } from '../../ir/evaluate.js';
import { BATCH, type DimSizes } from '../../ir/shape.js';
import { differentiate } from '../../passes/differentiate.js';
import type { CompiledNetwork } from './compile-network.js';
import { type FirstStep, firstStep } from './first-step.js';

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
  /** The parameter arrays' names in layout order (W1, b1, W2, b2, … for dense layers). */
  readonly paramNames: readonly string[];
  /** Per parameter array (layout order, W row-major): the given values, ∂ℓ/∂θ and ∂L/∂θ. */
  readonly params: readonly (readonly number[])[];
  readonly dataGradient: readonly (readonly number[])[];
  readonly gradient: readonly (readonly number[])[];
  /** The first optimizer step from zero state on ∂L/∂θ, as the generated step() takes it. */
  readonly step: FirstStep;
  /** L again, with the parameters after that step. */
  readonly lossAfter: number;
}

/** One example: the symbolic batch n is 1. */
const ONE_ROW: DimSizes = { [BATCH]: 1 };

/**
 * Runs the compiled network on its worked example with the IR interpreter:
 * the training graph and reverse sweep the generated trainer is printed from
 * (c.train, c.gradient), for n = 1 row, with X = x, Y = y, 1/B = 1 and every
 * dropout mask 1. The δ's are the adjoints of the z^l nodes. Then the first
 * optimizer step (the optimizer module's rule) and the loss after it.
 * Undefined when the spec gives no worked example.
 */
export function workedValues(c: CompiledNetwork): WorkedValues | undefined {
  const worked = c.spec.worked;
  if (!worked) return undefined;
  const { train, gradient: full } = c;
  const params = worked.weights.flatMap((w) => [w.W.flat(), [...w.b]]);
  const inputsAt = (values: readonly (readonly number[])[]): Inputs => {
    const inputs: Record<string, number | ArrayLike<number>> = { X: worked.x, Y: worked.y, invN: 1 };
    train.paramNames.forEach((name, i) => (inputs[name] = values[i]));
    train.layers.forEach((l, i) => {
      if (l.mask !== undefined) inputs[`M${i + 1}`] = 1;
    });
    return inputs;
  };
  const adjointOf = (id: NodeId) => full.adjoints.get(id);
  const dAs = train.layers.map((l) => adjointOf(l.a));
  const roots = [
    train.loss,
    train.dataLoss,
    ...train.layers.flatMap((l) => [l.z, l.a]),
    ...train.layers.flatMap((l) => adjointOf(l.z) ?? []),
    ...dAs.filter((id): id is NodeId => id !== undefined),
    ...full.gradient,
  ];
  const values = evaluateGraph(full.graph, roots, inputsAt(params), ONE_ROW);
  const read = (id: NodeId) => [...(values.get(id)?.data ?? [])];
  // ∂ℓ/∂θ without the penalties: its own sweep from the data loss (the loss itself when there is no penalty).
  const data = train.dataLoss === train.loss ? full : differentiate(train.graph, train.dataLoss, train.params);
  const dataValues = data === full ? values : evaluateGraph(data.graph, data.gradient, inputsAt(params), ONE_ROW);
  const gradient = full.gradient.map(read);
  const step = firstStep(c, params.map((p, k) => ({ values: p, gradient: gradient[k], isWeight: c.layout[k].role === 'weight' })));
  const after = evaluateGraph(train.graph, [train.loss], inputsAt(step.updated), ONE_ROW);
  return {
    x: [...worked.x],
    y: [...worked.y],
    z: train.layers.map((l) => read(l.z)),
    a: train.layers.map((l) => read(l.a)),
    dA: dAs.map((id) => (id === undefined ? undefined : read(id))),
    delta: train.layers.map((l, i) => {
      const d = adjointOf(l.z);
      if (d === undefined) throw new Error(`z${i + 1} is not on the path to the loss`); // cannot happen: every z^l feeds it
      return read(d);
    }),
    dataLoss: read(train.dataLoss)[0],
    loss: read(train.loss)[0],
    paramNames: [...train.paramNames],
    params,
    dataGradient: data.gradient.map((id) => [...(dataValues.get(id)?.data ?? [])]),
    gradient,
    step,
    lossAfter: after.get(train.loss)?.data[0] ?? NaN,
  };
}
