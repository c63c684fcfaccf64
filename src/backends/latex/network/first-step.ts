import type { NetworkSpec } from '../../../dsl/network.js';
import { learningRateAt, updateRule } from './optimizer-rule.js';

/** One parameter array before the step: its values and its gradient ∂L/∂θ. */
export interface StepInput {
  readonly values: readonly number[];
  readonly gradient: readonly number[];
  /** A weight matrix (AdamW's decay applies), not a bias. */
  readonly isWeight: boolean;
}

/** One optimizer step from zero state, per parameter array, entry by entry. */
export interface FirstStep {
  /** η at epoch 0. */
  readonly lr: number;
  /** The global gradient norm and the scale applied, with clipping by norm. */
  readonly norm?: number;
  readonly scale?: number;
  /** The gradient the update uses (after clipping). */
  readonly used: readonly (readonly number[])[];
  /** The optimizer state after the step (stateSymbols order), per array. */
  readonly state: readonly (readonly (readonly number[])[])[];
  readonly updated: readonly (readonly number[])[];
}

/**
 * The first call of the generated `step()` (stepCount t = 1, epoch 0, state 0),
 * with the same operations in the same order, so the numbers agree to the last
 * bit with what the trainer does after one `lossAndGradient` on this example.
 */
export function firstStep(spec: NetworkSpec, params: readonly StepInput[]): FirstStep {
  const lr = learningRateAt(spec, 0);
  const clipNorm = spec.clip?.norm;
  const clipValue = spec.clip?.value;
  let norm: number | undefined;
  let scale: number | undefined;
  if (clipNorm !== undefined) {
    let squares = 0;
    for (const p of params) for (const g of p.gradient) squares += g * g;
    norm = Math.sqrt(squares);
    scale = norm > clipNorm ? clipNorm / norm : 1;
  }
  const clip = (dw: number) => {
    const g = scale === undefined ? dw : dw * scale;
    return clipValue === undefined ? g : Math.max(-clipValue, Math.min(clipValue, g));
  };
  const used = params.map((p) => p.gradient.map(clip));
  const results = params.map((p, k) => p.values.map((w, i) => updateEntry(spec, w, used[k][i], p.isWeight, lr)));
  return {
    lr,
    norm,
    scale,
    used,
    state: results.map((entries) => {
      const count = entries[0]?.state.length ?? 0;
      return Array.from({ length: count }, (_v, s) => entries.map((e) => e.state[s]));
    }),
    updated: results.map((entries) => entries.map((e) => e.value)),
  };
}

/** One entry's update at t = 1 from zero state: the new value and the new state. */
function updateEntry(spec: NetworkSpec, w0: number, g: number, isWeight: boolean, lr: number) {
  const rule = updateRule(spec);
  let w = w0;
  switch (rule.kind) {
    case 'sgd':
      w -= lr * g;
      return { value: w, state: [] };
    case 'momentum': {
      const v = rule.mu * 0 + g;
      w -= lr * v;
      return { value: w, state: [v] };
    }
    case 'nesterov': {
      const v = rule.mu * 0 + g;
      w -= lr * (g + rule.mu * v);
      return { value: w, state: [v] };
    }
    case 'rmsprop': {
      const s = rule.rho * 0 + (1 - rule.rho) * g * g;
      w -= (lr * g) / (Math.sqrt(s) + rule.eps);
      return { value: w, state: [s] };
    }
    case 'adam':
    case 'adamw': {
      const c1 = 1 - Math.pow(rule.beta1, 1);
      const c2 = 1 - Math.pow(rule.beta2, 1);
      const m = rule.beta1 * 0 + (1 - rule.beta1) * g;
      const v = rule.beta2 * 0 + (1 - rule.beta2) * g * g;
      if (isWeight && rule.decay > 0) w -= lr * rule.decay * w;
      w -= (lr * (m / c1)) / (Math.sqrt(v / c2) + rule.eps);
      return { value: w, state: [m, v] };
    }
  }
}
