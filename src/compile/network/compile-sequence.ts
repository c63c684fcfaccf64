import { differentiate, type Differentiated } from '../../passes/differentiate.js';
import { formatSize, STEPS, BATCH } from '../../ir/shape.js';
import { buildNetworkGraph, type NetworkGraph } from './build-graph.js';
import { parameterLayout, type ParameterSlot } from './parameter-layout.js';
import type { ResolvedNetwork } from './resolved.js';
import type { ResolvedSequenceNetwork } from './resolved-sequence.js';
import { updateRuleOf } from './optimizers/registry.js';
import type { Scalar, UpdateRule } from './optimizers/rule.js';
import { learningRateExpression } from './schedules/registry.js';
import { buildSequenceStep, differentiateStep, recurrentLayout, type SequenceStep, type SequenceStepGradient } from './sequence-graph.js';
import { sequenceWorkedStep, type SequenceWorkedStep } from './sequence-worked-step.js';

/** What one BPTT pass keeps per time step and example: the numbers, and the formula of the whole. */
export interface BpttMemory {
  /** Numbers stored per time step per example: every state, the kinds' saved gate values, the head's ∂ℓ_t/∂h_t (many-to-many). */
  readonly perStep: number;
  /** Steps stored: T + 1 for full BPTT (the state before the first step too), min(k, T) + 1 truncated. */
  readonly steps: string;
  /** The bytes as a formula in n and T (8-byte numbers). */
  readonly formula: string;
}

/** A sequence network after the middle end: what the TS backend prints. */
export interface CompiledSequenceNetwork {
  readonly kind: 'sequence-network';
  readonly name: string;
  readonly spec: ResolvedSequenceNetwork;
  /** The parameter arrays: the recurrent layers' (1…R), then the head's (R+1…L). */
  readonly layout: readonly ParameterSlot[];
  readonly update: UpdateRule;
  readonly learningRate: Scalar;
  /** One time step of the recurrent layers, and its reverse step. */
  readonly step: SequenceStep;
  readonly stepGradient: SequenceStepGradient;
  /** The dense head on one step's top state X (batch × units of the last recurrent layer), its loss ℓ_t summed over the batch × invN. */
  readonly head: NetworkGraph;
  /** ∂ℓ_t/∂θ_head and ∂ℓ_t/∂X (what the reverse sweep seeds h_t with), in that order. */
  readonly headGradient: Differentiated;
  readonly memory: BpttMemory;
  /** Every number of one BPTT training step on the spec's worked sequences (when it gives them). */
  readonly worked?: SequenceWorkedStep;
}

export function compileSequenceNetwork(name: string, spec: ResolvedSequenceNetwork): CompiledSequenceNetwork {
  const step = buildSequenceStep(spec);
  const top = spec.recurrent[spec.recurrent.length - 1].units;
  const head = buildNetworkGraph(headSpec(spec), BATCH, spec.recurrent.length + 1);
  const compiled: CompiledSequenceNetwork = {
    kind: 'sequence-network',
    name,
    spec,
    layout: [...recurrentLayout(spec), ...head.layout],
    update: updateRuleOf(spec.optimizer),
    learningRate: learningRateExpression(spec.schedule),
    step,
    stepGradient: differentiateStep(step),
    head,
    headGradient: differentiate(head.graph, head.loss, [...head.params, head.X]),
    memory: bpttMemory(spec, step, top),
  };
  // the worked numbers come from these very graphs (and the optimizer rule above)
  return spec.worked === undefined ? compiled : { ...compiled, worked: sequenceWorkedStep(compiled, spec.worked) };
}

/**
 * The dense layers as a feedforward network on one step's top state. The
 * training options are the sequence network's, without penalties (a sequence
 * network has none yet; the head runs once per step, a penalty must not).
 */
export function headSpec(spec: ResolvedSequenceNetwork): ResolvedNetwork {
  const { loss, lossConvention, optimizer, init, schedule, clip, precision } = spec;
  return {
    kind: 'network',
    inputs: spec.recurrent[spec.recurrent.length - 1].units,
    layers: spec.head,
    loss, optimizer, init, schedule, clip, precision,
    // ℓ_t always × invN: the trainer sets invN to the whole loss scale (lossScale: 1/n for the mean over the batch,
    // 1 for its sum, times 1/T for the mean over steps), so the reduction is not applied twice
    lossConvention: { ...lossConvention, reduction: 'mean' },
    regularization: { l1: 0, l2: 0 },
    standardize: { inputs: false, targets: false },
  };
}

/** The head's parameter layout alone (layers R+1…L). */
export function headLayout(spec: ResolvedSequenceNetwork): readonly ParameterSlot[] {
  return parameterLayout(headSpec(spec), spec.recurrent.length + 1);
}

function bpttMemory(spec: ResolvedSequenceNetwork, step: SequenceStep, top: number): BpttMemory {
  const rowLength = (id: number) => step.graph.shapeOf(id).slice(1).reduce<number>((p, d) => p * (d as number), 1);
  const perStep = step.states.reduce((s, x) => s + x.units, 0) + step.saved.reduce((s, id) => s + rowLength(id), 0)
    + (spec.returnSequences ? top : 0);
  const k = spec.bptt.truncate;
  const steps = k === undefined ? `${STEPS} + 1` : `min(${k}, ${STEPS}) + 1`;
  return { perStep, steps, formula: `8 × ${formatSize([perStep, BATCH])} × (${steps}) bytes` };
}
