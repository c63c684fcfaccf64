import type { CompiledNetwork } from './compile-network.js';
import type { ResolvedNetwork } from './resolved.js';
import { evaluateScalar, stepConstants, updateEntry } from './optimizers/evaluate.js';
import { namedQuantities } from './optimizers/rule.js';

/** One parameter array before a step: its values, its gradient ∂L/∂θ (undefined: frozen) and its optimizer state. */
export interface StepInput {
  readonly values: readonly number[];
  readonly gradient: readonly number[] | undefined;
  /** A weight array (AdamW's decay applies), not a bias. */
  readonly isWeight: boolean;
  /** The optimizer state before the step (the rule's state order, each an array like values); absent: zero. */
  readonly state?: readonly (readonly number[])[];
}

/** One optimizer step, per parameter array, entry by entry. */
export interface TrainingStep {
  /** The step count t (1 for the first step) and the epoch (0-based) of its learning rate. */
  readonly t: number;
  readonly epoch: number;
  /** η_epoch. */
  readonly lr: number;
  /** The global gradient norm and the scale applied, with clipping by norm. */
  readonly norm?: number;
  readonly scale?: number;
  /** The gradient ∂L/∂θ before clipping, and the gradient the update uses (after clipping); undefined for a frozen array. */
  readonly gradient: readonly (readonly number[] | undefined)[];
  readonly used: readonly (readonly number[] | undefined)[];
  /** The optimizer state before the step (0 at the first), and after it (the rule's state order), per array (empty for a frozen one). */
  readonly stateBefore: readonly (readonly (readonly number[])[])[];
  readonly state: readonly (readonly (readonly number[])[])[];
  /** The rule's named quantities (m̂, v̂; `namedQuantities` order) of every entry, per array (empty for a frozen one). */
  readonly named: readonly (readonly (readonly number[])[])[];
  /** θ after each of the rule's θ updates (AdamW: after the decay, then after the Adam step), per array (empty for a frozen one). */
  readonly thetas: readonly (readonly (readonly number[])[])[];
  /** The parameters after the step (a frozen array as it was). */
  readonly updated: readonly (readonly number[])[];
}

/** What a step reads of a compiled network (feedforward or sequence): its optimizer rule, schedule and clipping. */
export type SteppedNetwork = Pick<CompiledNetwork, 'update' | 'learningRate'> & { readonly spec: Pick<ResolvedNetwork, 'optimizer' | 'clip'> };

/** η_e, the learning rate of epoch e (0-based), as the generated baseLearningRate computes it. */
export function learningRateAt(c: SteppedNetwork, epoch: number): number {
  return evaluateScalar(c.learningRate, { lr0: c.spec.optimizer.lr, epoch });
}

/**
 * A call of the generated `step()` (its stepCount after the increment is t,
 * in epoch `epoch`): the clipping and the optimizer module's rule, evaluated
 * with the operations the generated code performs in the same order, so the
 * numbers agree to the last bit with what the trainer does after a
 * `lossAndGradient` on the same rows. Frozen arrays (no gradient) are left alone.
 */
export function trainingStep(c: SteppedNetwork, params: readonly StepInput[], t = 1, epoch = 0): TrainingStep {
  const { spec, update: rule } = c;
  const lr = learningRateAt(c, epoch);
  const { norm: clipNorm, value: clipValue } = spec.clip;
  let norm: number | undefined;
  let scale: number | undefined;
  if (clipNorm !== undefined) {
    let squares = 0;
    for (const p of params) for (const g of p.gradient ?? []) squares += g * g;
    norm = Math.sqrt(squares);
    scale = norm > clipNorm ? clipNorm / norm : 1;
  }
  const clip = (dw: number) => {
    const g = scale === undefined ? dw : dw * scale;
    return clipValue === undefined ? g : Math.max(-clipValue, Math.min(clipValue, g));
  };
  const used = params.map((p) => p.gradient?.map(clip));
  const step = { lr, constants: stepConstants(rule, t) };
  const results = params.map((p, k) => {
    const g = used[k];
    if (g === undefined) return undefined;
    return p.values.map((theta, i) => updateEntry(rule, {
      theta, g: g[i], state: rule.state.map((_s, s) => p.state?.[s][i] ?? 0), isWeight: p.isWeight,
    }, step));
  });
  return {
    t,
    epoch,
    lr,
    ...(norm === undefined ? {} : { norm, scale }),
    gradient: params.map((p) => p.gradient),
    used,
    stateBefore: params.map((p, k) => (used[k] === undefined ? [] : rule.state.map((_s, s) => p.values.map((_v, i) => p.state?.[s][i] ?? 0)))),
    state: results.map((entries) => (entries === undefined ? [] : rule.state.map((_s, s) => entries.map((e) => e.state[s])))),
    named: results.map((entries) => (entries === undefined ? [] : namedQuantities(rule).map((_q, n) => entries.map((e) => e.named[n])))),
    thetas: results.map((entries) => (entries === undefined ? [] : rule.thetaUpdates.map((_u, n) => entries.map((e) => e.thetas[n])))),
    updated: results.map((entries, k) => (entries === undefined ? params[k].values : entries.map((e) => e.value))),
  };
}
