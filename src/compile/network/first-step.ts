import type { CompiledNetwork } from './compile-network.js';
import { evaluateScalar, stepConstants, updateEntry } from './optimizers/evaluate.js';

/** One parameter array before the step: its values and its gradient ∂L/∂θ. */
export interface StepInput {
  readonly values: readonly number[];
  readonly gradient: readonly number[];
  /** A weight array (AdamW's decay applies), not a bias. */
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
  /** The optimizer state after the step (the rule's state order), per array. */
  readonly state: readonly (readonly (readonly number[])[])[];
  readonly updated: readonly (readonly number[])[];
}

/** η_e, the learning rate of epoch e (0-based), as the generated baseLearningRate computes it. */
export function learningRateAt(c: CompiledNetwork, epoch: number): number {
  return evaluateScalar(c.learningRate, { lr0: c.spec.optimizer.lr, epoch });
}

/**
 * The first call of the generated `step()` (stepCount t = 1, epoch 0, state 0):
 * the clipping and the optimizer module's rule, evaluated with the operations
 * the generated code performs in the same order, so the numbers agree to the
 * last bit with what the trainer does after one `lossAndGradient` on this example.
 */
export function firstStep(c: CompiledNetwork, params: readonly StepInput[]): FirstStep {
  const { spec, update: rule } = c;
  const lr = learningRateAt(c, 0);
  const { norm: clipNorm, value: clipValue } = spec.clip;
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
  const step = { lr, constants: stepConstants(rule, 1) };
  const zero = rule.state.map(() => 0);
  const results = params.map((p, k) => p.values.map((theta, i) =>
    updateEntry(rule, { theta, g: used[k][i], state: zero, isWeight: p.isWeight }, step)));
  return {
    lr,
    norm,
    scale,
    used,
    state: results.map((entries) => rule.state.map((_s, s) => entries.map((e) => e.state[s]))),
    updated: results.map((entries) => entries.map((e) => e.value)),
  };
}
