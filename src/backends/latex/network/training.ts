import { texNumber } from '../tex-print.js';
import type { NetworkContext } from './context.js';
import { type UpdateRule, updateRule } from './optimizer-rule.js';

const OPTIMIZER_NAMES: Readonly<Record<UpdateRule['kind'], string>> = {
  sgd: 'stochastic gradient descent',
  momentum: 'stochastic gradient descent with momentum',
  nesterov: 'stochastic gradient descent with Nesterov momentum',
  rmsprop: 'RMSprop',
  adam: 'Adam',
  adamw: 'AdamW (Adam with decoupled weight decay)',
};

/** The optimizer's hyper-parameters as `symbol = value` (defaults filled in as the code does). */
export function hyperParameters(rule: UpdateRule): string[] {
  const eta = `\\eta = ${texNumber(rule.lr)}`;
  switch (rule.kind) {
    case 'sgd':
      return [eta];
    case 'momentum':
    case 'nesterov':
      return [eta, `\\mu = ${texNumber(rule.mu)}`];
    case 'rmsprop':
      return [eta, `\\rho = ${texNumber(rule.rho)}`, `\\varepsilon = ${texNumber(rule.eps)}`];
    case 'adam':
    case 'adamw': {
      const common = [eta, `\\beta_{1} = ${texNumber(rule.beta1)}`, `\\beta_{2} = ${texNumber(rule.beta2)}`,
        `\\varepsilon = ${texNumber(rule.eps)}`];
      return rule.kind === 'adamw' ? [...common, `\\lambda = ${texNumber(rule.decay)}`] : common;
    }
  }
}

/** The training set-up in prose: optimizer, batch, schedule, penalties, clipping, initialization, standardization. */
export function describeTraining(c: NetworkContext): void {
  const { out, spec } = c;
  const rule = updateRule(spec);
  const batch = spec.optimizer.batchSize ?? 32;
  const batchText = batch === 'full'
    ? 'every step uses the whole training set (full-batch gradient descent)'
    : batch === 1 ? 'every step uses one example' : `every step uses a batch of ${out.inline(`B = ${batch}`)} examples`;
  const parts = [`Training: ${OPTIMIZER_NAMES[rule.kind]} (${hyperParameters(rule).map((h) => out.inline(h)).join(', ')}); `
    + `${batchText}.`];
  const s = spec.schedule;
  if (s?.kind === 'step') {
    parts.push(`The learning rate decays in steps: ${out.inline(`\\eta_{e} = \\eta \\cdot ${texNumber(s.factor)}^{\\lfloor e / ${texNumber(s.every)} \\rfloor}`)} in epoch ${out.inline('e = 0, 1, \\dots')}`
      + '.');
  } else if (s?.kind === 'exponential') {
    parts.push(`The learning rate decays exponentially: ${out.inline(`\\eta_{e} = \\eta \\cdot ${texNumber(s.rate)}^{e}`)} in epoch ${out.inline('e = 0, 1, \\dots')}.`);
  }
  const { l1 = 0, l2 = 0 } = spec.regularization ?? {};
  if (l1 > 0 || l2 > 0) {
    const terms = [
      ...(l2 > 0 ? [`\\lambda_{2} = ${texNumber(l2)}`] : []),
      ...(l1 > 0 ? [`\\lambda_{1} = ${texNumber(l1)}`] : []),
    ];
    parts.push(`The weights (not the biases) are penalized with ${terms.map((t) => out.inline(t)).join(' and ')}.`);
  }
  if (spec.clip?.norm !== undefined || spec.clip?.value !== undefined) {
    const clips = [
      ...(spec.clip.norm !== undefined ? [`to global norm ${out.inline(`c = ${texNumber(spec.clip.norm)}`)}`] : []),
      ...(spec.clip.value !== undefined ? [`to values in ${out.inline(`[-${texNumber(spec.clip.value)}, ${texNumber(spec.clip.value)}]`)}`] : []),
    ];
    parts.push(`Gradients are clipped ${clips.join(', then ')} before the update.`);
  }
  if (spec.init) {
    const distribution = spec.init.distribution ?? 'uniform';
    parts.push(`The weights start from ${spec.init.kind === 'he' ? 'He' : 'Xavier/Glorot'} ${distribution} initialization `
      + `(seed ${spec.init.seed}), the biases from 0.`);
  }
  if (spec.standardize) {
    parts.push('Inputs are standardized with the mean and standard deviation of the training set; '
      + `${out.inline('x')} below is the standardized input.`);
  }
  out.paragraph(parts.join(' '));
}
