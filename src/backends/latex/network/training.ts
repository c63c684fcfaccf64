import { SCHEDULES } from '../../../compile/network/schedules/registry.js';
import type { ResolvedNetwork } from '../../../compile/network/resolved.js';
import type { Scalar, UpdateRule } from '../../../compile/network/optimizers/rule.js';
import type { ParameterSlot } from '../../../compile/network/parameter-layout.js';
import type { TexWriter } from '../tex-writer.js';
import { describeInitialization } from './initialization.js';
import { scalarTex } from './scalar-tex.js';

/**
 * What the training prose and the update read of a network: its training
 * options and its optimizer rule. A feedforward network's context is one; a
 * sequence network gives the same fields (its training options are a
 * feedforward network's).
 */
export interface TrainingContext {
  readonly out: TexWriter;
  readonly spec: Pick<ResolvedNetwork, 'optimizer' | 'schedule' | 'regularization' | 'clip' | 'init' | 'standardize' | 'lossConvention' | 'precision'>;
  /** `worked`: the model's worked example, when it gives one (its start is then not the trainer's initialization). */
  readonly net: { readonly update: UpdateRule; readonly learningRate: Scalar; readonly layout: readonly ParameterSlot[]; readonly worked?: unknown };
}

/** The optimizer's hyper-parameters as `symbol = value` (η first, then the optimizer module's, defaults resolved). */
export function hyperParameters(c: TrainingContext): string[] {
  const { out, net: { update: rule }, spec } = c;
  return [`\\eta = ${out.given(spec.optimizer.lr, '\\eta')}`, ...rule.hyperParameters.map((h) => `${h.tex} = ${out.given(h.value, h.tex)}`)];
}

/** The training set-up in prose: optimizer, batch, schedule, penalties, clipping, initialization, standardization. */
export function describeTraining(c: TrainingContext, example = 'example'): void {
  const { out, spec } = c;
  const batch = spec.optimizer.batchSize;
  const batchText = batch === 'full'
    ? 'every step uses the whole training set (full-batch gradient descent)'
    : batch === 1 ? `every step uses one ${example}` : `every step uses a batch of ${out.inline(`B = ${out.given(batch, 'B')}`)} ${example}s`;
  const parts = [`Training: ${c.net.update.title} (${hyperParameters(c).map((h) => out.inline(h)).join(', ')}); `
    + `${batchText}.`];
  if (spec.schedule.kind !== 'constant') {
    const rate = scalarTex(c.net.learningRate, { numbers: (value, label) => out.given(value, label), eta: '\\eta_{e}', eta0: '\\eta', times: 'cdot' });
    parts.push(`The learning rate ${SCHEDULES[spec.schedule.kind].description}: ${out.inline(`\\eta_{e} = ${rate}`)} `
      + `in epoch ${out.inline('e = 0, 1, \\dots')}.`);
  }
  const { l1, l2 } = spec.regularization;
  if (l1 > 0 || l2 > 0) {
    const terms = [
      ...(l2 > 0 ? [`\\lambda_{2} = ${out.given(l2, '\\lambda_{2}')}`] : []),
      ...(l1 > 0 ? [`\\lambda_{1} = ${out.given(l1, '\\lambda_{1}')}`] : []),
    ];
    parts.push(`The weights (not the biases) are penalized with ${terms.map((t) => out.inline(t)).join(' and ')}.`);
  }
  if (spec.clip.norm !== undefined || spec.clip.value !== undefined) {
    const clips = [
      ...(spec.clip.norm !== undefined ? [`to global norm ${out.inline(`c = ${out.given(spec.clip.norm, 'c')}`)}`] : []),
      ...(spec.clip.value !== undefined ? [`to values in ${out.inline(`[-${out.given(spec.clip.value, 'c_{\\text{value}}')}, ${out.given(spec.clip.value, 'c_{\\text{value}}')}]`)}`] : []),
    ];
    parts.push(`Gradients are clipped ${clips.join(', then ')} before the update.`);
  }
  if (spec.standardize.inputs) {
    parts.push('Inputs are standardized with the mean and standard deviation of the training set; '
      + `${out.inline('x')} below is the standardized input.`);
  }
  if (spec.standardize.targets) {
    parts.push('Targets are standardized the same way, with their own mean and standard deviation: '
      + `${out.inline('y')} below is the standardized target, and a prediction is mapped back to the targets' units by `
      + `${out.inline('\\mu_{y} + \\sigma_{y} a^{L}')}.`);
  }
  if (spec.precision === 'f32') {
    parts.push('The generated trainer keeps the parameters, their gradients and the optimizer state in single precision '
      + '(f32, about 7 significant digits); the numbers of these notes are computed in double precision.');
  }
  out.paragraph(parts.join(' '));
  describeInitialization(out, spec.init, c.net.layout, c.net.worked !== undefined);
}
