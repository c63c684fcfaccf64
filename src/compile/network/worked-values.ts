import type { NodeId } from '../../ir/graph.js';
import { type Inputs, evaluateGraph } from '../../ir/evaluate.js';
import { BATCH } from '../../ir/shape.js';
import { type Differentiated, differentiate } from '../../passes/differentiate.js';
import type { CompiledNetwork } from './compile-network.js';
import { type MaskSource, type StepMasks, workedMasks } from './dropout-masks.js';
import type { ActivationDerivative } from './local-derivatives.js';
import type { ResolvedWorked } from './resolved.js';
import { type TrainingStep, trainingStep } from './training-step.js';

/** Every number of one worked example's forward and backward pass, on its own (one row, n = 1). */
export interface WorkedExample {
  readonly x: readonly number[];
  readonly y: readonly number[];
  /**
   * Per layer l = 1..L (index l−1): z^l, a^l, the layer's dropout mask m^l
   * (scaled: 1/(1 − p) or 0; undefined without dropout), ∂ℓ/∂ of the
   * layer's output — ã^l = a^l ⊙ m^l with dropout, else a^l — (undefined
   * when it is not on the loss path), δ^l = ∂ℓ/∂z^l.
   */
  readonly z: readonly (readonly number[])[];
  readonly a: readonly (readonly number[])[];
  readonly mask: readonly (readonly number[] | undefined)[];
  readonly dA: readonly (readonly number[] | undefined)[];
  readonly delta: readonly (readonly number[])[];
  /** f′(z^l) per layer and unit, the derived derivative evaluated (undefined for a softmax layer: a Jacobian). */
  readonly derivative: readonly (readonly number[] | undefined)[];
  /** The example's loss terms (per output; one for cce) and their sum ℓ. */
  readonly lossTerms: readonly number[];
  readonly loss: number;
  /** ∂ℓ/∂θ of this example per parameter array (layout order; undefined for a frozen array). */
  readonly gradient: readonly (readonly number[] | undefined)[];
}

/** One training step of the worked batch: the loss and gradient at the parameters before it, and the optimizer step. */
export interface WorkedStep {
  /** The parameters before the step, per array (layout order). */
  readonly params: readonly (readonly number[])[];
  /** The step's dropout masks per layer (the batch's rows, row-major; undefined without dropout). */
  readonly masks: StepMasks;
  /** The batch's data loss ℓ (the examples' losses reduced) and L = ℓ + penalties. */
  readonly dataLoss: number;
  readonly loss: number;
  /** ∂ℓ/∂θ and ∂L/∂θ per array (undefined: frozen). */
  readonly dataGradient: readonly (readonly number[] | undefined)[];
  readonly gradient: readonly (readonly number[] | undefined)[];
  /** The optimizer step on ∂L/∂θ, as the generated step() takes it. */
  readonly update: TrainingStep;
  /** L with the parameters after the step (and the step's own dropout masks). */
  readonly lossAfter: number;
}

/** Every number of the worked example: its examples one by one (first step), then each training step on the batch. */
export interface WorkedValues {
  /** The parameter arrays' names in layout order (W1, b1, W2, b2, … for dense layers). */
  readonly paramNames: readonly string[];
  /** Where the dropout masks come from (undefined: no layer has dropout). */
  readonly maskSource?: MaskSource;
  readonly examples: readonly WorkedExample[];
  /** steps[0] is the first step (its loss and gradient are the examples' combined), then the spec's further steps. */
  readonly steps: readonly WorkedStep[];
}

/**
 * Runs the compiled network on its worked example with the IR interpreter:
 * the training graph and reverse sweep the generated trainer is printed from
 * (c.train, c.gradient), with the step's dropout masks (given, or drawn as
 * the trainer's fit draws them: dropout-masks.ts). Each example alone (n = 1,
 * 1/n = 1): its z, a, δ (the adjoints of the z^l nodes) and its gradient.
 * Then the batch (n = B rows, 1/n = 1/B): its loss and gradient, the
 * optimizer step, for each of the spec's steps (step s is t = s in epoch
 * s − 1: the worked examples are the whole training set, one full batch a
 * step). Undefined when the spec gives no worked example.
 */
export function workedValues(c: CompiledNetwork): WorkedValues | undefined {
  const worked = c.spec.worked;
  if (!worked) return undefined;
  const { train } = c;
  // ∂ℓ/∂θ without the penalties: its own sweep from the data loss (the loss itself when there is no penalty).
  const sweep = train.dataLoss === train.loss ? c.gradient : differentiate(train.graph, train.dataLoss, train.trained);
  // A frozen layer with nothing trained below it is where the sweep stops (the generated code computes no δ there);
  // the notes still show every layer's δ, so they come from a sweep that also reaches each z^l (after the trained
  // parameters: their gradients keep their places).
  const data = train.layers.every((l) => sweep.adjoints.has(l.z)) ? sweep
    : differentiate(train.graph, train.dataLoss, [...train.trained, ...train.layers.map((l) => l.z)]);
  const initial = train.paramNames.map((name) => worked.params[name]);
  const masks = workedMasks(c.spec, worked.x.length, worked.steps, worked.masks);
  // example r's rows of the first step's masks
  const rowOf = (r: number): StepMasks => masks[0].map((m, l) => m?.slice(r * c.spec.layers[l].units, (r + 1) * c.spec.layers[l].units));
  const examples = worked.x.map((x, r) => workedExample(c, data, initial, x, worked.y[r], rowOf(r)));
  const steps: WorkedStep[] = [];
  let params: readonly (readonly number[])[] = initial;
  let state: readonly (readonly (readonly number[])[])[] = [];
  for (let s = 1; s <= worked.steps; s++) {
    const step = batchStep(c, data, worked, params, state, s, masks[s - 1]);
    steps.push(step);
    params = step.update.updated;
    state = step.update.state;
  }
  const dropout = c.spec.layers.some((l) => l.options.dropout > 0);
  return { paramNames: [...train.paramNames], ...(dropout ? { maskSource: worked.masks === undefined ? 'trainer' : 'given' } : {}), examples, steps };
}

/** The graph's inputs for `rows` examples, the given parameter values and the dropout masks of those rows. */
function inputsFor(
  c: CompiledNetwork, X: readonly (readonly number[])[], Y: readonly (readonly number[])[], params: readonly (readonly number[])[], masks: StepMasks,
): Inputs {
  const inputs: Record<string, number | ArrayLike<number>> = { X: X.flat(), Y: Y.flat(), invN: 1 / X.length };
  c.train.paramNames.forEach((name, i) => (inputs[name] = params[i]));
  c.train.layers.forEach((l, i) => {
    if (l.mask !== undefined) inputs[`M${i + 1}`] = masks[i] ?? [];
  });
  return inputs;
}

/** The gradient arrays of a sweep, in layout order: undefined for a parameter it does not differentiate (frozen). */
function byLayout(c: CompiledNetwork, sweep: Differentiated, read: (id: NodeId) => number[]): (number[] | undefined)[] {
  return c.train.params.map((p) => {
    const k = c.train.trained.indexOf(p);
    return k < 0 ? undefined : read(sweep.gradient[k]);
  });
}

function workedExample(
  c: CompiledNetwork, data: Differentiated, params: readonly (readonly number[])[], x: readonly number[], y: readonly number[], masks: StepMasks,
): WorkedExample {
  const { train } = c;
  const adjointOf = (id: NodeId) => data.adjoints.get(id);
  const dAs = train.layers.map((l) => adjointOf(l.out));
  const deltas = train.layers.map((l, i) => {
    const d = adjointOf(l.z);
    if (d === undefined) throw new Error(`z${i + 1} is not on the path to the loss`); // cannot happen: every z^l feeds it
    return d;
  });
  const roots = [
    train.dataLoss, train.lossTerms,
    ...train.layers.flatMap((l) => [l.z, l.a]),
    ...deltas,
    ...dAs.filter((id): id is NodeId => id !== undefined),
    ...data.gradient,
  ];
  const values = evaluateGraph(data.graph, roots, inputsFor(c, [x], [y], params, masks), { [BATCH]: 1 });
  const read = (id: NodeId) => [...(values.get(id)?.data ?? [])];
  const z = train.layers.map((l) => read(l.z));
  return {
    x: [...x],
    y: [...y],
    z,
    a: train.layers.map((l) => read(l.a)),
    mask: masks.map((m) => (m === undefined ? undefined : [...m])),
    dA: dAs.map((id) => (id === undefined ? undefined : read(id))),
    delta: deltas.map(read),
    derivative: c.derivatives.activations.map((d, l) => (d === undefined ? undefined : derivativeAt(d, z[l]))),
    lossTerms: read(train.lossTerms),
    loss: read(train.dataLoss)[0],
    gradient: byLayout(c, data, read),
  };
}

function batchStep(
  c: CompiledNetwork, data: Differentiated, worked: ResolvedWorked, params: readonly (readonly number[])[],
  state: readonly (readonly (readonly number[])[])[], s: number, masks: StepMasks,
): WorkedStep {
  const { train, gradient: full } = c;
  const sizes = { [BATCH]: worked.x.length };
  const inputs = inputsFor(c, worked.x, worked.y, params, masks);
  const values = evaluateGraph(full.graph, [train.loss, train.dataLoss, ...full.gradient], inputs, sizes);
  const read = (id: NodeId) => [...(values.get(id)?.data ?? [])];
  const dataValues = data === full ? values : evaluateGraph(data.graph, data.gradient, inputs, sizes);
  const gradient = byLayout(c, full, read);
  const update = trainingStep(c, params.map((p, k) => ({
    values: p, gradient: gradient[k], isWeight: c.layout[k].role === 'weight', ...(state[k] === undefined ? {} : { state: state[k] }),
  })), s, s - 1);
  const after = evaluateGraph(train.graph, [train.loss], inputsFor(c, worked.x, worked.y, update.updated, masks), sizes);
  return {
    params,
    masks,
    dataLoss: read(train.dataLoss)[0],
    loss: read(train.loss)[0],
    dataGradient: byLayout(c, data, (id) => [...(dataValues.get(id)?.data ?? [])]),
    gradient,
    update,
    lossAfter: after.get(train.loss)?.data[0] ?? NaN,
  };
}

/** f′ at each entry of z: the activation's derived derivative (local-derivatives.ts) evaluated by the interpreter. */
function derivativeAt(d: ActivationDerivative, z: readonly number[]): number[] {
  return z.map((t) => evaluateGraph(d.graph, [d.derivative], { [d.graph.node(d.z).attrs.name ?? 'z']: t }).get(d.derivative)?.data[0] ?? NaN);
}
