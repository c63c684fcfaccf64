import type { Graph, NodeId } from '../../../ir/graph.js';
import type { RecurrentKindName } from '../../../dsl/network.js';
import { checkBoolean, checkKeys, checkNumber, fail, isPresent, type Obj, positiveInteger, record } from '../spec-checks.js';
import type { BuildSite, LayerDescription, LayerSite, ParameterDeclaration } from './layer-kind.js';

/**
 * One kind of recurrent layer (rnn, lstm, gru): everything about it in one
 * module, like a LayerKind — its options check, its parameters, one time
 * step of its recurrence as a graph, and what the notes show. The sequence
 * network around it unrolls that step over time: the generated code runs
 * the step (and its reverse sweep, from `differentiate`) in a loop over t.
 */
export interface RecurrentKind<Resolved extends ResolvedRecurrentBase> {
  /** Checks a layer of this kind as model.ts produced it, and fills in its defaults. */
  resolve(layer: Obj, site: RecurrentSite): Resolved;
  /** The parameter arrays of layer l (1-based) that reads `fanIn` features per step. */
  parameters(layer: Resolved, l: number, fanIn: number): readonly ParameterDeclaration[];
  /**
   * One time step: from x_t (`site.input`, batch × fanIn), the previous
   * states (variables the kind declares, e.g. h1_prev) and the parameters
   * (declaration order), the new states.
   */
  step(g: Graph, layer: Resolved, site: BuildSite): RecurrentStep;
  /** The recurrence in the notes' symbols (`input` is x_t or the layer below's h_t). */
  describe(layer: Resolved, l: number, fanIn: number, input: string): LayerDescription;
}

/** What every resolved recurrent layer has. */
export interface ResolvedRecurrentBase {
  readonly kind: RecurrentKindName;
  /** State size (features of h_t). */
  readonly units: number;
  readonly options: { readonly returnSequences: boolean };
}

/** Where a recurrent layer is in the spec: the last recurrent layer may return sequences. */
export interface RecurrentSite extends LayerSite {
  readonly lastRecurrent: boolean;
}

/** One state the recurrence carries from step to step (h_t; c_t of an LSTM). */
export interface RecurrentState {
  /** Its name in code and notes: h1, c1. */
  readonly name: string;
  /** The variable holding the previous step's value (zero before the first step). */
  readonly prev: NodeId;
  /** This step's value. */
  readonly next: NodeId;
  readonly units: number;
}

/** The nodes of one time step of a recurrent layer. */
export interface RecurrentStep {
  readonly params: readonly NodeId[];
  /** The states, h first: h_t is what the next layer reads. */
  readonly states: readonly RecurrentState[];
  /**
   * Nodes kept per time step for the backward sweep besides the states (the
   * gates of an LSTM): with them the reverse step reads stored values instead
   * of recomputing matrix products.
   */
  readonly saved: readonly NodeId[];
  /** h_t: what the layer above (or the dense head) reads. */
  readonly out: NodeId;
}

const RETURN_SEQUENCES_ALIASES: Readonly<Record<string, string>> = {
  returnsequence: 'returnSequences', sequences: 'returnSequences', manytomany: 'returnSequences', returnall: 'returnSequences',
};
const MISPLACED_OPTIONS: Readonly<Record<string, string>> = {
  dropout: 'dropout is not available on recurrent layers; put it on a dense layer after them',
  recurrentdropout: 'recurrent dropout is not available; put dropout on a dense layer after the recurrent layers',
  activation: "only rnn takes an activation, as its second argument: rnn(16, 'relu')",
  truncate: 'truncation is set for the whole network: bptt: { truncate: 20 }',
};

/**
 * The fields every recurrent kind checks alike: the layer's keys, units, and
 * the options object (returnSequences only on the last recurrent layer).
 * `call` is how users write the layer, for hints: `lstm(16)`.
 */
export function resolveRecurrentFields(layer: Obj, site: RecurrentSite, keys: readonly string[], call: string): { units: number; options: ResolvedRecurrentBase['options'] } {
  const { path, name } = site;
  checkKeys(layer, path, keys, `${String(layer.kind)} layer field`);
  checkNumber(layer.units, [...path, 'units'], `units of ${name}`, positiveInteger, 'a positive integer',
    `units is the size of the layer's state h_t, e.g. ${call}`);
  const optionsPath = [...path, 'options'];
  const options = layer.options === undefined ? {} : record(layer.options, optionsPath, `the options of ${name}`,
    `pass options as an object, e.g. ${call.replace(/\)$/, ', { returnSequences: true })')}`);
  checkKeys(options, optionsPath, ['returnSequences'], 'recurrent layer option', RETURN_SEQUENCES_ALIASES,
    (key) => MISPLACED_OPTIONS[key.toLowerCase().replace(/[^a-z]/g, '')]);
  if (isPresent(options, 'returnSequences')) {
    checkBoolean(options.returnSequences, [...optionsPath, 'returnSequences'], 'returnSequences',
      'returnSequences: true applies the dense layers after it at every time step (many-to-many); false (the default) to the last step only');
    if (options.returnSequences === true && !site.lastRecurrent) {
      fail([...optionsPath, 'returnSequences'], `returnSequences on ${name}, which is not the last recurrent layer`,
        'a recurrent layer stacked on another already reads every step; put returnSequences: true on the last recurrent layer');
    }
  }
  return { units: layer.units as number, options: { returnSequences: options.returnSequences === true } };
}

/** A gated layer (lstm, gru) with its options resolved: units and returnSequences, nothing else. */
export interface ResolvedGated<Kind extends 'lstm' | 'gru'> extends ResolvedRecurrentBase {
  readonly kind: Kind;
}

/**
 * What the gated kinds do alike: `resolve` checks units and returnSequences
 * only (`${kind}(16)` in hints), and `parameters` are W, U and b of each gate
 * in `gates` order.
 */
export function gatedKindFields<Kind extends 'lstm' | 'gru'>(kind: Kind, gates: readonly string[]): Pick<RecurrentKind<ResolvedGated<Kind>>, 'resolve' | 'parameters'> {
  return {
    resolve(layer, site) {
      const { units, options } = resolveRecurrentFields(layer, site, ['kind', 'units', 'options'], `${kind}(16)`);
      return { kind, units, options };
    },
    parameters(layer, l, fanIn) {
      return gates.flatMap((gate) => gateParameters(l, gate, layer.units, fanIn));
    },
  };
}

/** The input-to-state weights W (units × fanIn), state-to-state U (units × units) and bias b of one gate (suffix '' for rnn). */
export function gateParameters(l: number, gate: string, units: number, fanIn: number): ParameterDeclaration[] {
  return [
    { name: `W${gate}${l}`, shape: [units, fanIn], role: 'weight', fanIn, fanOut: units },
    { name: `U${gate}${l}`, shape: [units, units], role: 'weight', fanIn: units, fanOut: units },
    { name: `b${gate}${l}`, shape: [units], role: 'bias', fanIn, fanOut: units },
  ];
}

/** x_t Wᵀ + h_{t−1} Uᵀ + b: a gate's pre-activation, rows are examples. */
export function gateInput(g: Graph, x: NodeId, hPrev: NodeId, [W, U, b]: readonly NodeId[]): NodeId {
  return g.add(g.add(g.apply('matmul_nt', [x, W]), g.apply('matmul_nt', [hPrev, U])), b);
}

/** The previous value of state `name` of layer l: a variable, batch × units. */
export function previousState(g: Graph, name: string, l: number, site: BuildSite, units: number): NodeId {
  return g.variable(`${name}${l}_prev`, [site.batch, units]);
}
