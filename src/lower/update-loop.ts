import type { Scalar, ThetaUpdate, UpdateRule } from '../compile/network/optimizers/rule.js';

/**
 * One optimizer update as a loop over the entries of one parameter array, as
 * every loop backend sees it: per entry i, g = the gradient (scaled by the
 * global-norm factor, then clipped to [−c, c], when the spec clips), every
 * state array's new value from its old one, then θ ← θ − amount for each θ
 * update in order (the weight-only ones on weights only). The arrays are θ,
 * ∂L/∂θ and the rule's state arrays; the per-step scalars (η, the step
 * constants, t, the norm's scale) are the loop's arguments.
 */
export interface UpdateLoop {
  readonly rule: UpdateRule;
  /** The array is a weight: the weight-only θ updates (AdamW's decay) apply. */
  readonly weights: boolean;
  /** Clip each gradient entry to [−clipValue, clipValue]. */
  readonly clipValue?: number;
  /** The gradient is multiplied by the step scalar `scale` first (clipping by global norm). */
  readonly scaled: boolean;
}

/** A per-step scalar an update loop reads: an atom of the rule, or the global-norm clipping factor. */
export type StepScalar =
  | { readonly op: 'lr' | 't' | 'epoch' | 'scale' }
  | { readonly op: 'constant'; readonly name: string };

/** The identity of a per-step scalar: its op, or the constant's name. */
export const stepScalarKey = (s: StepScalar): string => (s.op === 'constant' ? `constant:${s.name}` : s.op);

/** The θ updates the loop applies, in order. */
export function thetaUpdatesOf(loop: UpdateLoop): ThetaUpdate[] {
  return loop.rule.thetaUpdates.filter((u) => loop.weights || u.weightsOnly !== true);
}

/**
 * The per-step scalars the loop's expressions read, each once, in first-read
 * order (state updates, then θ updates), then `scale` when scaled: the loop's
 * scalar arguments, in the order a kernel takes them.
 */
export function updateScalars(loop: UpdateLoop): StepScalar[] {
  const found: StepScalar[] = [];
  const add = (s: StepScalar) => {
    if (!found.some((f) => stepScalarKey(f) === stepScalarKey(s))) found.push(s);
  };
  const visit = (e: Scalar): void => {
    switch (e.op) {
      case 'lr': case 't': case 'epoch': add({ op: e.op }); return;
      case 'constant': add({ op: 'constant', name: e.name }); return;
      case 'named': visit(e.value); return;
      case 'add': case 'sub': case 'mul': case 'div': case 'pow': visit(e.a); visit(e.b); return;
      case 'sqrt': case 'floor': visit(e.a); return;
      default: return;
    }
  };
  loop.rule.stateUpdates.forEach(visit);
  thetaUpdatesOf(loop).forEach((u) => visit(u.amount));
  return loop.scaled ? [...found, { op: 'scale' }] : found;
}
