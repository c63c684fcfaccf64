import { evaluateGraph, type Inputs } from '../../ir/evaluate.js';
import type { NodeId } from '../../ir/graph.js';
import { BATCH, type DimSizes } from '../../ir/shape.js';
import type { CompiledSequenceNetwork } from './compile-sequence.js';

/** One sequence with its target and every parameter's values: a worked example of BPTT. */
export interface SequenceExample {
  /** T rows of F features: x_1 … x_T. */
  readonly x: readonly (readonly number[])[];
  /** The target: one row (many-to-one) or one row per step (many-to-many). */
  readonly y: readonly (readonly number[])[];
  /** Every parameter array of the layout by name, row-major. */
  readonly params: Readonly<Record<string, readonly number[]>>;
}

/** Numbers per state of one step, in the order of the network's states (h1, c1, h2, …). */
export type StateValues = readonly (readonly number[])[];

/**
 * Every number of one BPTT training step on one sequence (n = 1), from the
 * IR interpreter on the graphs the generated trainer is printed from: the
 * step graph run forward over t = 1 … T, the head on the steps with a loss,
 * the head's reverse sweep giving ∂L/∂h_t through the loss at t, and the
 * reverse step run backward, window by window, giving the adjoint handed to
 * step t − 1 and the step's term of every recurrent parameter's gradient.
 */
export interface SequenceWorkedValues {
  /** The sequence, its target and the parameters the step starts from (the example as given). */
  readonly x: SequenceExample['x'];
  readonly y: SequenceExample['y'];
  readonly params: SequenceExample['params'];
  readonly steps: number;
  /** The states' names (h1, c1, …) and the recurrent parameters' names (layout order). */
  readonly stateNames: readonly string[];
  readonly recurrentNames: readonly string[];
  /** states[t] for t = 0 … T (states[0] = 0, the state before the first step). */
  readonly states: readonly StateValues[];
  /** saved[t − 1]: the kinds' kept values of step t (an LSTM's gates i, f, c̃, o), in the step's `saved` order. */
  readonly saved: readonly StateValues[];
  /** The steps with a loss term (1-based): T alone (many-to-one) or every step. */
  readonly lossSteps: readonly number[];
  /** Per loss step: the head's output ŷ_t and its share of L (ℓ_t times the loss scale). */
  readonly predictions: readonly (readonly number[])[];
  readonly stepLosses: readonly number[];
  /** The loss scale (`lossScale`): 1/n for the mean over the batch, times 1/T for the mean over steps. */
  readonly scale: number;
  readonly loss: number;
  /** The backward windows, 1-based and inclusive: one [1, T] for full BPTT. */
  readonly windows: readonly { readonly first: number; readonly last: number }[];
  /** Per step t (index t − 1) and state: ∂L/∂s_t through the loss at step t (zero where there is none, and for c). */
  readonly fromLoss: readonly StateValues[];
  /** Per step t and state: ∂L/∂s_t through step t + 1 (zero at the end of a window). */
  readonly fromNext: readonly StateValues[];
  /** Per step t and state: their sum, the adjoint ∂L/∂s_t the reverse step starts from. */
  readonly adjoint: readonly StateValues[];
  /**
   * Per step t and state: ∂L/∂h^l_t through layer l + 1 at the same step (a lower layer's h feeds the layer above;
   * zero for the top layer and for c), which the reverse step computes inside the step.
   */
  readonly fromAbove: readonly StateValues[];
  /** Per step t and state: the whole ∂L/∂s_t, fromLoss + fromAbove + fromNext (the notes' g^l_t). */
  readonly total: readonly StateValues[];
  /** Per step t: that step's term of each recurrent parameter's gradient (layout order). */
  readonly terms: readonly StateValues[];
  /** ∂L/∂θ for every parameter array, in layout order (recurrent arrays: the sum of the terms). */
  readonly gradient: readonly (readonly number[])[];
}

const ONE: DimSizes = { [BATCH]: 1 };

/**
 * `invN`: the head's loss scale for this sequence (default: one sequence
 * alone, n = 1: 1/T for the mean over steps, else 1); a mini-batch passes
 * the batch's (`lossScale`: ÷ n only for the mean over the batch).
 */
export function sequenceWorkedValues(net: CompiledSequenceNetwork, example: SequenceExample, invN = lossScale(net, example.x.length, 1)): SequenceWorkedValues {
  const { step, stepGradient, head, headGradient, spec } = net;
  const T = example.x.length;
  const manyToMany = spec.returnSequences;
  if (T < 1 || example.y.length !== (manyToMany ? T : 1)) {
    throw new Error(`a worked sequence needs T ≥ 1 steps and ${manyToMany ? 'one target row per step' : 'one target row'}`);
  }
  const paramValues = (names: readonly string[]) => Object.fromEntries(names.map((name) => {
    const v = example.params[name];
    if (v === undefined) throw new Error(`the worked example gives no values for ${name}`);
    return [name, v];
  }));
  const recurrentParams = paramValues(step.paramNames);
  const headParams = paramValues(head.paramNames);
  const stateNames = step.states.map((s) => s.name);
  const zeros = (s: (typeof step.states)[number]) => new Array<number>(s.units).fill(0);
  const read = (values: Map<NodeId, { data: ArrayLike<number> }>, id: NodeId) => Array.from(values.get(id)?.data ?? []);
  const prevInputs = (states: StateValues): Record<string, readonly number[]> =>
    Object.fromEntries(step.states.map((s, k) => [graphName(step.graph, s.prev), states[k]]));

  // ---- forward: s_t = step(x_t, s_{t−1}) for t = 1 … T ----
  const states: StateValues[] = [step.states.map(zeros)];
  const saved: StateValues[] = [];
  for (let t = 1; t <= T; t++) {
    const inputs: Inputs = { x_t: example.x[t - 1], ...recurrentParams, ...prevInputs(states[t - 1]) };
    const values = evaluateGraph(step.graph, [...step.states.map((s) => s.next), ...step.saved], inputs, ONE);
    states.push(step.states.map((s) => read(values, s.next)));
    saved.push(step.saved.map((id) => read(values, id)));
  }

  // ---- the head on every step with a loss: ŷ_t, its share of L, ∂L/∂h_t through it, ∂L/∂θ_head ----
  const scale = invN;
  const lossSteps = manyToMany ? Array.from({ length: T }, (_, k) => k + 1) : [T];
  const top = step.states.findIndex((s) => s.next === step.top);
  const output = head.layers[head.layers.length - 1].a;
  const headGradients = headGradient.gradient.slice(0, head.params.length);
  const towardTop = headGradient.gradient[head.params.length];
  const headSums = head.paramNames.map((name) => new Array<number>(headParams[name].length).fill(0));
  const fromLoss: StateValues[] = Array.from({ length: T }, () => step.states.map(zeros));
  const predictions: number[][] = [];
  const stepLosses: number[] = [];
  for (const t of lossSteps) {
    const inputs: Inputs = { X: states[t][top], Y: example.y[manyToMany ? t - 1 : 0], invN: scale, ...headParams };
    const values = evaluateGraph(headGradient.graph, [head.loss, output, towardTop, ...headGradients], inputs, ONE);
    predictions.push(read(values, output));
    stepLosses.push(read(values, head.loss)[0]);
    (fromLoss[t - 1] as number[][])[top] = read(values, towardTop);
    headGradients.forEach((id, k) => read(values, id).forEach((v, i) => (headSums[k][i] += v)));
  }

  // ---- backward through time, window by window (each from a zero adjoint beyond its last step) ----
  const k = spec.bptt.truncate ?? T;
  const windows: { first: number; last: number }[] = [];
  for (let last = T; last >= 1; last -= Math.min(k, T)) windows.unshift({ first: Math.max(1, last - Math.min(k, T) + 1), last });
  const fromNext: StateValues[] = Array.from({ length: T }, () => step.states.map(zeros));
  const adjoint: StateValues[] = Array.from({ length: T }, () => step.states.map(zeros));
  const terms: StateValues[] = Array.from({ length: T }, () => step.paramNames.map((name) => new Array<number>(recurrentParams[name].length).fill(0)));
  for (const { first, last } of windows) {
    if (!lossSteps.some((t) => t >= first && t <= last)) continue; // no loss in this window: nothing flows back
    for (let t = last; t >= first; t--) {
      const G = step.states.map((_s, j) => fromLoss[t - 1][j].map((v, i) => v + fromNext[t - 1][j][i]));
      adjoint[t - 1] = G;
      const seeds = Object.fromEntries(stepGradient.seeds.map((id, j) => [graphName(stepGradient.gradient.graph, id), G[j]]));
      const inputs: Inputs = { x_t: example.x[t - 1], ...recurrentParams, ...prevInputs(states[t - 1]), ...seeds };
      const values = evaluateGraph(stepGradient.gradient.graph, [...stepGradient.params, ...stepGradient.previous], inputs, ONE);
      terms[t - 1] = stepGradient.params.map((id) => read(values, id));
      if (t > first) fromNext[t - 2] = stepGradient.previous.map((id) => read(values, id));
    }
  }
  const fromAbove = terms.map((term) => step.states.map((s) => layerAbovePath(net, recurrentParams, s.name, term)));
  const total = adjoint.map((G, t) => G.map((g, j) => g.map((v, i) => v + fromAbove[t][j][i])));
  const recurrentGradient = step.paramNames.map((_name, p) => {
    const sum = new Array<number>(terms[0][p].length).fill(0);
    for (const term of terms) term[p].forEach((v, i) => (sum[i] += v));
    return sum;
  });
  return {
    x: example.x,
    y: example.y,
    params: example.params,
    steps: T,
    stateNames,
    recurrentNames: step.paramNames,
    states,
    saved,
    lossSteps,
    predictions,
    stepLosses,
    scale,
    loss: stepLosses.reduce((a, b) => a + b, 0),
    windows,
    fromLoss,
    fromNext,
    adjoint,
    fromAbove,
    total,
    terms,
    gradient: [...recurrentGradient, ...headSums],
  };
}

/**
 * ∂L/∂h^l_t through layer l + 1 at step t, from that step's parameter terms:
 * Σ_q (W^{l+1}_q)ᵀ δ^{l+1}_{q,t}, where W_q (W, or a gate's Wi, Wz, …)
 * multiplies the layer's input inside the pre-activation its bias b_q joins,
 * so b_q's term at t is δ_q itself. Zeros for the top layer's h and for
 * every other state (an LSTM's c feeds no layer above).
 */
function layerAbovePath(net: CompiledSequenceNetwork, params: Readonly<Record<string, readonly number[]>>, state: string, term: StateValues): number[] {
  const units = net.step.states.find((s) => s.name === state)?.units ?? 0;
  const path = new Array<number>(units).fill(0);
  const match = /^h(\d+)$/.exec(state);
  if (match === null || Number(match[1]) >= net.spec.recurrent.length) return path;
  const above = Number(match[1]) + 1;
  const names = net.step.paramNames;
  names.forEach((name) => {
    const w = /^W([a-z]?)(\d+)$/.exec(name);
    if (w === null || Number(w[2]) !== above) return;
    const delta = term[names.indexOf(`b${w[1]}${above}`)];
    const W = params[name];
    delta.forEach((d, k) => {
      for (let i = 0; i < units; i++) path[i] += W[k * units + i] * d;
    });
  });
  return path;
}

/**
 * The head's invN as the generated trainer sets it (`lossScaleCode` prints the same):
 * 1/n for the mean over the batch (1 for its sum), times 1/T for the mean over the steps of a many-to-many network.
 */
export function lossScale(net: CompiledSequenceNetwork, T: number, n: number): number {
  const { batch, steps } = lossScaleParts(net.spec);
  return (batch ? 1 / n : 1) * (steps ? 1 / T : 1);
}

/** Which means the loss takes: over the batch (reduction 'mean'), over the steps (a many-to-many network's lossOverSteps 'mean'). */
export function lossScaleParts(spec: CompiledSequenceNetwork['spec']): { batch: boolean; steps: boolean } {
  return { batch: spec.lossConvention.reduction === 'mean', steps: spec.returnSequences && spec.lossOverSteps === 'mean' };
}

/** The name of a variable node (the interpreter binds inputs by name). */
function graphName(g: CompiledSequenceNetwork['step']['graph'], id: NodeId): string {
  const name = g.node(id).attrs.name;
  if (name === undefined) throw new Error(`node %${id} is not a variable`);
  return name;
}
