import { Graph, type NodeId } from '../../ir/graph.js';
import { BATCH, type Dim } from '../../ir/shape.js';
import { differentiate, type Differentiated } from '../../passes/differentiate.js';
import type { RecurrentState, RecurrentStep } from './layers/recurrent-kind.js';
import { recurrentKindOf } from './layers/registry.js';
import { slotsOf, type ParameterSlot } from './parameter-layout.js';
import type { ResolvedSequenceNetwork } from './resolved-sequence.js';

/**
 * One time step of the recurrent layers as IR: x_t (batch × F) and every
 * layer's previous states in, every layer's new states out, layer r reading
 * layer r−1's h_t. The generated code runs it in a loop over t; the graph
 * itself never grows with the sequence length.
 */
export interface SequenceStep {
  readonly graph: Graph;
  readonly batch: Dim;
  /** x_t, batch × F. */
  readonly x: NodeId;
  readonly layers: readonly RecurrentStep[];
  /** The recurrent layers' parameters, in layout order. */
  readonly params: readonly NodeId[];
  readonly paramNames: readonly string[];
  /** Every layer's states (h1, c1, h2, …). */
  readonly states: readonly RecurrentState[];
  /** Nodes kept per step for the reverse step besides the states (the kinds' `saved`). */
  readonly saved: readonly NodeId[];
  /** h_t of the last recurrent layer: what the dense head reads. */
  readonly top: NodeId;
}

/**
 * The reverse step: the vector-Jacobian product of one time step, from
 * `differentiate` on the scalar Σ_s ⟨s_t, G_s⟩ over the states s, where G_s
 * (a variable per state) is ∂L/∂s_t — the adjoint arriving from step t+1 plus,
 * for the top layer's h_t, the head's ∂ℓ_t/∂h_t. Its gradient wrt a parameter
 * is that step's term of the BPTT sum ∂L/∂θ = Σ_t (∂s_t/∂θ)ᵀ G_s; wrt a
 * previous state, the adjoint handed to step t−1.
 */
export interface SequenceStepGradient {
  readonly gradient: Differentiated;
  /** G_s, per state (batch × units), in `states` order. */
  readonly seeds: readonly NodeId[];
  /** The step's term of ∂L/∂θ, per recurrent parameter. */
  readonly params: readonly NodeId[];
  /** ∂L/∂s_{t−1} through this step, per state. */
  readonly previous: readonly NodeId[];
}

/** The recurrent layers' parameter arrays, layers 1…R, each reading the one below (x_t for layer 1). */
export function recurrentLayout(spec: ResolvedSequenceNetwork): readonly ParameterSlot[] {
  let fanIn = spec.inputs;
  return spec.recurrent.flatMap((layer, i) => {
    const slots = slotsOf(recurrentKindOf(layer).parameters(layer, i + 1, fanIn), i + 1);
    fanIn = layer.units;
    return slots;
  });
}

export function buildSequenceStep(spec: ResolvedSequenceNetwork, batch: Dim = BATCH): SequenceStep {
  const g = new Graph();
  const layout = recurrentLayout(spec);
  const x = g.variable('x_t', [batch, spec.inputs]);
  const params: NodeId[] = [];
  const layers: RecurrentStep[] = [];
  let input = x;
  spec.recurrent.forEach((layer, i) => {
    const l = i + 1;
    const own = layout.filter((p) => p.layer === l).map((p) => g.variable(p.name, p.shape));
    params.push(...own);
    const step = recurrentKindOf(layer).step(g, layer, { l, input, params: own, batch });
    layers.push(step);
    input = step.out;
  });
  return {
    graph: g,
    batch,
    x,
    layers,
    params,
    paramNames: layout.map((p) => p.name),
    states: layers.flatMap((s) => s.states),
    saved: layers.flatMap((s) => s.saved),
    top: input,
  };
}

export function differentiateStep(step: SequenceStep): SequenceStepGradient {
  const g = step.graph.clone();
  const seeds = step.states.map((s) => g.variable(`G_${s.name}`, g.shapeOf(s.next)));
  // Σ_s ⟨s_t, G_s⟩: its gradient is the vector-Jacobian product of the step applied to the G_s
  const inner = step.states.map((s, k) => g.apply('sum', [g.mul(s.next, seeds[k])]));
  const output = inner.reduce((a, b) => g.add(a, b));
  const previous = step.states.map((s) => s.prev);
  const gradient = differentiate(g, output, [...step.params, ...previous]);
  return {
    gradient,
    seeds,
    params: gradient.gradient.slice(0, step.params.length),
    previous: gradient.gradient.slice(step.params.length),
  };
}
