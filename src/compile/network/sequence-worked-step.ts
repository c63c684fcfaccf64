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
}

export function sequenceWorkedStep(net: CompiledSequenceNetwork, worked: ResolvedSequenceWorked): SequenceWorkedStep {
  const n = worked.x.length;
  const T = worked.x[0].length;
  const invN = lossScale(net, T, n);
  const run = (params: Readonly<Record<string, readonly number[]>>) =>
    worked.x.map((x, k) => sequenceWorkedValues(net, { x, y: worked.y[k], params }, invN));
  const sequences = run(worked.params);
  const gradient = net.layout.map((p, a) => {
    const sum = new Array<number>(p.size).fill(0);
    for (const s of sequences) s.gradient[a].forEach((g, i) => (sum[i] += g));
    return sum;
  });
  const update = trainingStep(net, net.layout.map((p, a) => ({
    values: worked.params[p.name], gradient: p.frozen === true ? undefined : gradient[a], isWeight: p.role === 'weight',
  })));
  const updated = Object.fromEntries(net.layout.map((p, a) => [p.name, update.updated[a]]));
  const total = (values: readonly SequenceWorkedValues[]) => values.reduce((s, v) => s + v.loss, 0);
  return { sequences, loss: total(sequences), gradient, update, lossAfter: total(run(updated)) };
}
