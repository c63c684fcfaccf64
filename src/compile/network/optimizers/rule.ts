/**
 * An optimizer's update (and a learning-rate schedule) as data: scalar expressions over one parameter entry,
 * written once in an optimizer module and read three ways — printed as the
 * generated `step()` (TypeScript backend), printed as the notes' update
 * formulas (LaTeX backend) and evaluated for the worked numbers (./evaluate.ts).
 * All three follow the same tree, so the worked numbers agree with the
 * generated code to the last bit (same operations, same order).
 */

/** A scalar expression of one entry's update. */
export type Scalar =
  /** A literal constant (the 1 of 1 − β). */
  | { readonly op: 'num'; readonly value: number }
  /** A hyper-parameter: its value (printed in code) and its TeX symbol (the notes print either). */
  | { readonly op: 'hyper'; readonly value: number; readonly tex: string }
  /** g, the entry's (clipped) gradient; θ, the entry; η, this step's learning rate; t, the step count (1 at the first step). */
  | { readonly op: 'g' | 'theta' | 'lr' | 't' }
  /** η₀ (the spec's lr) and e, the epoch counted from 0: what a learning-rate schedule is written in. */
  | { readonly op: 'lr0' | 'epoch' }
  /** The entry's value in state array k before the step. */
  | { readonly op: 'state'; readonly index: number }
  /** The new value of state array k (the value of StateUpdate k). */
  | { readonly op: 'updated'; readonly index: number }
  /** A per-step constant (StepConstant), computed once per step. */
  | { readonly op: 'constant'; readonly name: string }
  /** A named quantity of the notes (m̂): printed by name in TeX (defined on its own row), inline in code. */
  | { readonly op: 'named'; readonly tex: string; readonly value: Scalar }
  | { readonly op: 'add' | 'sub' | 'mul' | 'div' | 'pow'; readonly a: Scalar; readonly b: Scalar }
  | { readonly op: 'sqrt' | 'floor'; readonly a: Scalar };

/** A quantity computed once per step, before the per-entry loops (Adam's bias corrections). */
export interface StepConstant {
  /** Its name in the generated code. */
  readonly name: string;
  readonly value: Scalar;
}

/** A state array per parameter (momentum, squared-gradient averages). */
export interface StateArray {
  /** Field prefix in the generated class: `velocity` → `velocity_W1`. */
  readonly field: string;
  /** The local the update computes and stores, in code and (as the array's symbol) in the notes. */
  readonly symbol: string;
}

/** θ ← θ − amount, for every entry or for weights only (AdamW's decay). */
export interface ThetaUpdate {
  readonly amount: Scalar;
  readonly weightsOnly?: boolean;
}

/**
 * One optimizer with its hyper-parameters bound: per entry, first every state
 * array's new value (state[k] ← stateUpdates[k]), then the θ updates in order.
 */
export interface UpdateRule {
  /** One line for the generated code's comment: `v ← μv + g, w ← w − ηv`. */
  readonly summary: string;
  /** Prose name for the notes: 'stochastic gradient descent with momentum'. */
  readonly title: string;
  /** The hyper-parameters besides η, for the notes (`\mu = 0.9`). */
  readonly hyperParameters: readonly { readonly tex: string; readonly value: number }[];
  /** What the state means, for the notes: one sentence, its math through `math` (the backend's inline form). */
  readonly stateProse: (math: (tex: string) => string) => string;
  readonly constants: readonly StepConstant[];
  /** Comment above the step constants in code. */
  readonly constantsComment?: string;
  readonly state: readonly StateArray[];
  readonly stateUpdates: readonly Scalar[];
  readonly thetaUpdates: readonly ThetaUpdate[];
}

// Builders, so optimizer modules read like their formulas.
export const num = (value: number): Scalar => ({ op: 'num', value });
export const hyper = (value: number, tex: string): Scalar => ({ op: 'hyper', value, tex });
export const g: Scalar = { op: 'g' };
export const theta: Scalar = { op: 'theta' };
export const lr: Scalar = { op: 'lr' };
export const t: Scalar = { op: 't' };
export const lr0: Scalar = { op: 'lr0' };
export const epoch: Scalar = { op: 'epoch' };
export const state = (index: number): Scalar => ({ op: 'state', index });
export const updated = (index: number): Scalar => ({ op: 'updated', index });
export const constant = (name: string): Scalar => ({ op: 'constant', name });
export const named = (tex: string, value: Scalar): Scalar => ({ op: 'named', tex, value });
export const add = (a: Scalar, b: Scalar): Scalar => ({ op: 'add', a, b });
export const sub = (a: Scalar, b: Scalar): Scalar => ({ op: 'sub', a, b });
export const mul = (a: Scalar, b: Scalar): Scalar => ({ op: 'mul', a, b });
export const div = (a: Scalar, b: Scalar): Scalar => ({ op: 'div', a, b });
export const pow = (a: Scalar, b: Scalar): Scalar => ({ op: 'pow', a, b });
export const sqrt = (a: Scalar): Scalar => ({ op: 'sqrt', a });
export const floor = (a: Scalar): Scalar => ({ op: 'floor', a });

/** The named quantities (m̂, v̂) the θ updates read, once each, in the order they first appear. */
export function namedQuantities(rule: Pick<UpdateRule, 'thetaUpdates'>): readonly { readonly tex: string; readonly value: Scalar }[] {
  const named = new Map<string, Scalar>();
  const collect = (e: Scalar): void => {
    if (e.op === 'named' && !named.has(e.tex)) named.set(e.tex, e.value);
    if ('a' in e) collect(e.a);
    if ('b' in e) collect(e.b);
  };
  rule.thetaUpdates.forEach((u) => collect(u.amount));
  return [...named].map(([tex, value]) => ({ tex, value }));
}

/** β · old + (1 − β) · x₁ · x₂ …: an exponential moving average (of g, or of g · g = g²). */
export function movingAverage(beta: Scalar, old: Scalar, ...factors: readonly Scalar[]): Scalar {
  return add(mul(beta, old), factors.reduce(mul, sub(num(1), beta)));
}
