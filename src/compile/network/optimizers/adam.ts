import type { OptimizerModule } from './optimizer.js';
import {
  add, constant, div, g, hyper, lr, movingAverage, mul, named, num, pow, sqrt, state, sub, t, theta, type UpdateRule, updated,
} from './rule.js';

type AdamOptions = {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
};

const ADAM_OPTIONS = {
  beta1: { type: 'number', default: 0.9, range: 'unit', hint: 'beta1 is the decay of the gradient average, typically 0.9' },
  beta2: { type: 'number', default: 0.999, range: 'unit', hint: 'beta2 is the decay of the squared-gradient average, typically 0.999' },
  epsilon: { type: 'number', default: 1e-8, range: 'positive', hint: 'epsilon guards the division, typically 1e-8' },
} as const;

/**
 * Adam, and AdamW's decoupled weight decay λ (weights only, 0 for Adam):
 *   m ← β₁ m + (1 − β₁) g,  v ← β₂ v + (1 − β₂) g²,  m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ),
 *   θ ← θ − η λ θ,  θ ← θ − η m̂ / (√v̂ + ε).
 */
function adamRule({ beta1, beta2, epsilon }: AdamOptions, decay: number | undefined): UpdateRule {
  const b1 = hyper(beta1, '\\beta_{1}');
  const b2 = hyper(beta2, '\\beta_{2}');
  const decays = decay !== undefined && decay > 0;
  const mHat = named('\\hat{m}', div(updated(0), constant('c1')));
  const vHat = named('\\hat{v}', div(updated(1), constant('c2')));
  return {
    summary: decay === undefined
      ? 'Adam: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², w ← w − η m̂ / (√v̂ + ε)'
      : 'AdamW: Adam with decoupled weight decay w ← w − ηλw',
    title: decay === undefined ? 'Adam' : 'AdamW (Adam with decoupled weight decay)',
    hyperParameters: [
      { tex: '\\beta_{1}', value: beta1 }, { tex: '\\beta_{2}', value: beta2 }, { tex: '\\varepsilon', value: epsilon },
      ...(decay === undefined ? [] : [{ tex: '\\lambda', value: decay }]),
    ],
    stateProse: (m) => `The first and second moment estimates ${m('m')} and ${m('v')} (one each per entry) start at 0; `
      + `${m('t = 1, 2, \\dots')} counts the steps, and ${m('\\hat{m}')}, ${m('\\hat{v}')} undo their bias toward 0`
      + `${decays ? '; the decay shrinks the weights (not the biases) directly, apart from the gradient' : ''}.`,
    constantsComment: 'bias corrections 1 − β₁ᵗ and 1 − β₂ᵗ',
    constants: [{ name: 'c1', value: sub(num(1), pow(b1, t)) }, { name: 'c2', value: sub(num(1), pow(b2, t)) }],
    state: [{ field: 'm', symbol: 'm' }, { field: 'v', symbol: 'v' }],
    stateUpdates: [movingAverage(b1, state(0), g), movingAverage(b2, state(1), g, g)],
    thetaUpdates: [
      ...(decays ? [{ amount: mul(mul(lr, hyper(decay, '\\lambda')), theta), weightsOnly: true }] : []),
      { amount: div(mul(lr, mHat), add(sqrt(vHat), hyper(epsilon, '\\varepsilon'))) },
    ],
  };
}

export const adam: OptimizerModule<AdamOptions> = {
  options: ADAM_OPTIONS,
  rule: (o) => adamRule(o, undefined),
};

export const adamw: OptimizerModule<AdamOptions & { readonly weightDecay: number }> = {
  options: {
    ...ADAM_OPTIONS,
    weightDecay: { type: 'number', default: 0.01, range: 'nonNegative', hint: 'weightDecay is typically 0.01; 0 turns it off' },
  },
  rule: (o) => adamRule(o, o.weightDecay),
};
