import type { CompiledSequenceNetwork } from './compile-sequence.js';
import type { ResolvedSequenceWorked } from './sequence-worked-spec.js';
import { lossScale, sequenceWorkedValues, type SequenceWorkedValues } from './sequence-worked-values.js';
import { trainingStep, type TrainingStep } from './training-step.js';

/**
 * One BPTT training step on the model's worked mini-batch (one sequence or
 * several of the same length), as the generated trainer takes it: each
 * sequence's forward and backward pass with the batch's loss scale, the
 * gradient summed over the sequences, one call of step() (t = 1, epoch 0,
 * clipping included), and the loss again with the updated parameters.
 */
export interface SequenceWorkedStep {
  /** Each sequence's numbers (its loss shares and gradient terms already carry the batch's scale). */
  readonly sequences: readonly SequenceWorkedValues[];
  /** L: the sum of the sequences' shares. */
  readonly loss: number;
  /** ∂L/∂θ per parameter array (layout order): the sum over the sequences. */
  readonly gradient: readonly (readonly number[])[];
  readonly update: TrainingStep;
  /** L with the updated parameters, on the same sequences. */
  readonly lossAfter: number;
  /** L before and after each training step (worked.steps of them; the first is this one), the optimizer's state and t carried on. */
  readonly losses: readonly { readonly before: number; readonly after: number }[];
}

export function sequenceWorkedStep(net: CompiledSequenceNetwork, worked: ResolvedSequenceWorked): SequenceWorkedStep {
  const n = worked.x.length;
  const T = worked.x[0].length;
  const invN = lossScale(net, T, n);
  const run = (params: Readonly<Record<string, readonly number[]>>) =>
    worked.x.map((x, k) => sequenceWorkedValues(net, { x, y: worked.y[k], params }, invN));
  const sequences = run(worked.params);
  const total = (values: readonly SequenceWorkedValues[]) => values.reduce((s, v) => s + v.loss, 0);
  const batchGradient = (values: readonly SequenceWorkedValues[]) => net.layout.map((p, a) => {
    const sum = new Array<number>(p.size).fill(0);
    for (const s of values) s.gradient[a].forEach((g, i) => (sum[i] += g));
    return sum;
  });
  // step s (1-based) from the parameters and optimizer state the previous one left: trainingStep(t = s, epoch s − 1), as the trainer counts them
  const takeStep = (params: Readonly<Record<string, readonly number[]>>, grad: readonly (readonly number[])[], s: number, state?: TrainingStep['state']) =>
    trainingStep(net, net.layout.map((p, a) => ({
      values: params[p.name], gradient: p.frozen === true ? undefined : grad[a], isWeight: p.role === 'weight',
      ...(state === undefined || state[a].length === 0 ? {} : { state: state[a] }),
    })), s, s - 1);
  const gradient = batchGradient(sequences);
  const byName = (values: readonly (readonly number[])[]) => Object.fromEntries(net.layout.map((p, a) => [p.name, values[a]]));
  const update = takeStep(worked.params, gradient, 1);
  let params = byName(update.updated);
  let state = update.state;
  const losses = [{ before: total(sequences), after: total(run(params)) }];
  for (let s = 2; s <= (worked.steps ?? 1); s++) {
    const values = run(params);
    const next = takeStep(params, batchGradient(values), s, state);
    params = byName(next.updated);
    state = next.state;
    losses.push({ before: total(values), after: total(run(params)) });
  }
  return { sequences, loss: losses[0].before, gradient, update, lossAfter: losses[0].after, losses };
}
