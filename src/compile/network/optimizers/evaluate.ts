import { type Scalar, type UpdateRule, namedQuantities } from './rule.js';

/** The values a rule's expressions read: for one entry, or (lr0, epoch) for a schedule. */
export interface ScalarEnvironment {
  readonly g?: number;
  readonly theta?: number;
  readonly lr?: number;
  readonly t?: number;
  readonly lr0?: number;
  readonly epoch?: number;
  readonly state?: readonly number[];
  readonly updated?: readonly number[];
  readonly constants?: ReadonlyMap<string, number>;
}

function need(value: number | undefined, what: string): number {
  if (value === undefined) throw new Error(`evaluateScalar: the expression reads ${what}, which was not given`);
  return value;
}

/**
 * The value of an expression, with the operations JavaScript performs for the
 * generated code (the same tree: a − b, a · b, a / b, Math.pow, Math.sqrt,
 * Math.floor), so the result is bit-identical.
 */
export function evaluateScalar(e: Scalar, env: ScalarEnvironment): number {
  const at = (x: Scalar) => evaluateScalar(x, env);
  switch (e.op) {
    case 'num':
    case 'hyper':
      return e.value;
    case 'g':
    case 'theta':
    case 'lr':
    case 't':
    case 'lr0':
    case 'epoch':
      return need(env[e.op], e.op);
    case 'state':
      return need(env.state?.[e.index], `state ${e.index}`);
    case 'updated':
      return need(env.updated?.[e.index], `updated state ${e.index}`);
    case 'constant':
      return need(env.constants?.get(e.name), e.name);
    case 'named':
      return at(e.value);
    case 'add':
      return at(e.a) + at(e.b);
    case 'sub':
      return at(e.a) - at(e.b);
    case 'mul':
      return at(e.a) * at(e.b);
    case 'div':
      return at(e.a) / at(e.b);
    case 'pow':
      return Math.pow(at(e.a), at(e.b));
    case 'sqrt':
      return Math.sqrt(at(e.a));
    case 'floor':
      return Math.floor(at(e.a));
  }
}

/**
 * One entry's update: its new value and new state, from its value, gradient
 * and old state; and, for the notes, the values of the rule's named
 * quantities (m̂, v̂) and θ after each of its θ updates (a weights-only update
 * of a bias leaves it as it was).
 */
export function updateEntry(
  rule: UpdateRule,
  entry: { readonly theta: number; readonly g: number; readonly state: readonly number[]; readonly isWeight: boolean },
  step: { readonly lr: number; readonly constants: ReadonlyMap<string, number> },
): { readonly value: number; readonly state: readonly number[]; readonly named: readonly number[]; readonly thetas: readonly number[] } {
  const env = { g: entry.g, lr: step.lr, state: entry.state, constants: step.constants };
  const updated = rule.stateUpdates.map((u) => evaluateScalar(u, env));
  const named = namedQuantities(rule).map((q) => evaluateScalar(q.value, { ...env, theta: entry.theta, updated }));
  let theta = entry.theta;
  const thetas: number[] = [];
  for (const u of rule.thetaUpdates) {
    if (!u.weightsOnly || entry.isWeight) theta -= evaluateScalar(u.amount, { ...env, theta, updated });
    thetas.push(theta);
  }
  return { value: theta, state: updated, named, thetas };
}

/** The step constants at step count t (1 at the first step). */
export function stepConstants(rule: UpdateRule, t: number): ReadonlyMap<string, number> {
  return new Map(rule.constants.map((c) => [c.name, evaluateScalar(c.value, { t })]));
}
