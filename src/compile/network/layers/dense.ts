import type { Graph, NodeId } from '../../../ir/graph.js';
import type { OpName } from '../../../ops/registry.js';
import { ACTIVATIONS, type Activation, type BiasKind, type DenseLayer, FREEZABLE, type Freezable } from '../../../dsl/network.js';
import {
  checkChoice, checkKeys, checkNumber, fail, failKey, inUnitInterval, isPresent, normalize, type Obj, positiveInteger,
  quoteList, record, show, type SpecPath,
} from '../spec-checks.js';
import type { LayerKind, LayerNodesBase } from './layer-kind.js';
import { localBackward } from './local-backward.js';

/** A dense layer with its options resolved (leaky-ReLU α 0.01, dropout 0, a bias per unit, nothing frozen unless given). */
export interface ResolvedDense extends DenseLayer {
  readonly options: {
    readonly alpha: number;
    readonly dropout: number;
    readonly bias: BiasKind;
    readonly frozen: readonly Freezable[];
  };
}

/** The nodes of one dense layer: z = a_prev Wᵀ + b, a = f(z) (then dropout). */
export interface DenseNodes extends LayerNodesBase {
  readonly W: NodeId;
  /** Absent with bias: false. */
  readonly b?: NodeId;
}

const DEFAULT_ALPHA = 0.01;
const LAYER_KEYS = ['kind', 'units', 'activation', 'options'];
const OPTION_KEYS = ['alpha', 'dropout', 'bias', 'frozen'];
const OPTION_ALIASES: Readonly<Record<string, string>> = {
  rate: 'dropout', dropoutrate: 'dropout', p: 'dropout', keepprob: 'dropout', slope: 'alpha', negativeslope: 'alpha',
  leak: 'alpha', usebias: 'bias', biases: 'bias', freeze: 'frozen', fixed: 'frozen', untrained: 'frozen',
  nottrainable: 'frozen',
};
const BIAS_HINT = "bias is true (one per unit, the default), false (no bias) or 'shared' (one bias for every unit of the layer)";
const FROZEN_HINT = "frozen lists the parameters training leaves alone, e.g. { frozen: ['bias'] }; they are 'weights' and 'bias'";
const ACTIVATION_ALIASES: Readonly<Record<string, Activation>> = {
  identity: 'linear', none: 'linear', logistic: 'sigmoid', leaky: 'leaky_relu', lrelu: 'leaky_relu',
  leakyrelu: 'leaky_relu', hyperbolictangent: 'tanh',
};
/** Activations nncompile does not have: no did-you-mean (relu is not what 'elu' means). */
const UNSUPPORTED_ACTIVATIONS = new Set(['elu', 'selu', 'gelu', 'silu', 'swish', 'mish', 'hardtanh', 'hardsigmoid',
  'softsign', 'exp', 'exponential', 'prelu']);

/** The op of each activation (linear: none). */
const ACTIVATION_OP: Readonly<Record<Activation, OpName | undefined>> = {
  sigmoid: 'sigmoid', tanh: 'tanh', relu: 'relu', leaky_relu: 'leaky_relu', softplus: 'softplus', softmax: 'softmax', linear: undefined,
};

/** a = f(z) for the layer's activation (z itself for a linear layer). */
export function activate(g: Graph, layer: ResolvedDense, z: NodeId): NodeId {
  const op = ACTIVATION_OP[layer.activation];
  if (op === 'leaky_relu') return g.apply(op, [z], { value: layer.options.alpha });
  return op === undefined ? z : g.call(op, z);
}

/** A fully connected layer: z^l = a^{l-1} (W^l)ᵀ + b^l, a^l = f(z^l), rows are examples. */
export const dense: LayerKind<ResolvedDense, DenseNodes> = {
  resolve(layer, { path, index, count, name }) {
    const isLast = index === count - 1;
    checkKeys(layer, path, LAYER_KEYS, 'dense layer field');
    checkNumber(layer.units, [...path, 'units'], `units of ${name}`, positiveInteger, 'a positive integer',
      "units is the number of neurons of the layer, e.g. dense(4, 'relu')");

    const activation = layer.activation;
    const activations = `activations are ${quoteList(ACTIVATIONS)}`;
    if (typeof activation === 'string' && UNSUPPORTED_ACTIVATIONS.has(normalize(activation))) {
      fail([...path, 'activation'], `activation '${activation}' is not supported`,
        `${activations} (for a smooth relu use 'softplus', for negative slopes 'leaky_relu')`);
    }
    checkChoice(activation, [...path, 'activation'], 'activation', ACTIVATIONS, ACTIVATION_ALIASES, activations);
    if (activation === 'softmax' && !isLast) {
      fail([...path, 'activation'], `softmax is only allowed on the output layer, but ${name} of ${count} has it`,
        "use an elementwise activation such as 'relu' or 'tanh' for hidden layers; softmax belongs to the output layer with loss 'cce'");
    }
    if (activation === 'softmax' && (layer.units as number) < 2) {
      fail([...path, 'activation'], `softmax over ${String(layer.units)} unit is always 1`,
        "for one output use 'sigmoid' (with loss 'bce'); for k classes use dense(k, 'softmax') with k ≥ 2");
    }

    const options: Obj = layer.options === undefined ? {} : record(layer.options, [...path, 'options'], `the options of ${name}`,
      "pass options as an object, e.g. dense(8, 'relu', { dropout: 0.2 })");
    const optionsPath = [...path, 'options'];
    checkKeys(options, optionsPath, OPTION_KEYS, 'dense layer option', OPTION_ALIASES);
    if (isPresent(options, 'alpha')) {
      if (activation !== 'leaky_relu') {
        failKey([...optionsPath, 'alpha'], `alpha only applies to 'leaky_relu', but ${name} is '${String(activation)}'`,
          "use dense(units, 'leaky_relu', { alpha: 0.01 }), or remove alpha");
      }
      checkNumber(options.alpha, [...optionsPath, 'alpha'], `alpha of ${name}`, inUnitInterval, 'a number in [0, 1)',
        'alpha is the slope of leaky_relu for negative inputs, e.g. { alpha: 0.01 }');
    }
    if (isPresent(options, 'dropout')) {
      checkNumber(options.dropout, [...optionsPath, 'dropout'], `dropout of ${name}`, inUnitInterval, 'a number in [0, 1)',
        'dropout is the fraction of units dropped while training, e.g. { dropout: 0.2 }; 0 turns it off');
      if (isLast && (options.dropout as number) > 0) {
        fail([...optionsPath, 'dropout'], `dropout on the output layer (${name}) is not allowed`,
          'put dropout on hidden layers; the output layer feeds the loss directly');
      }
    }
    const bias = resolveBias(options, optionsPath);
    const frozen = resolveFrozen(options, optionsPath, bias, name);
    return {
      kind: 'dense',
      units: layer.units as number,
      activation: activation as Activation,
      options: { alpha: (options.alpha as number | undefined) ?? DEFAULT_ALPHA, dropout: (options.dropout as number | undefined) ?? 0, bias, frozen },
    };
  },

  parameters(layer, l, fanIn) {
    const frozen = (what: Freezable) => (layer.options.frozen.includes(what) ? { frozen: true as const } : {});
    const W = { name: `W${l}`, shape: [layer.units, fanIn], role: 'weight', fanIn, fanOut: layer.units, ...frozen('weights') } as const;
    const bias = layer.options.bias;
    if (bias === false) return [W];
    // a shared bias is one number (shape []), broadcast to every unit
    return [W, { name: `b${l}`, shape: bias === 'shared' ? [] : [layer.units], role: 'bias', fanIn, fanOut: layer.units, ...frozen('bias') }];
  },

  build(g, layer, { l, input, params: [W, b], batch }) {
    const product = g.apply('matmul_nt', [input, W]);
    const z = b === undefined ? product : g.add(product, b);
    const a = activate(g, layer, z);
    const mask = layer.options.dropout > 0 ? g.variable(`M${l}`, [batch, layer.units]) : undefined;
    const out = mask === undefined ? a : g.mul(a, mask);
    return { params: b === undefined ? [W] : [W, b], W, ...(b === undefined ? {} : { b }), z, a, mask, out };
  },

  describe(layer, l, fanIn, { input, activation }) {
    const bias = layer.options.bias;
    return {
      title: `dense, ${layer.units} unit${layer.units === 1 ? '' : 's'}, ${layer.activation}`,
      // z = W a + b, a = f(z): the notes' column-vector form of the graph's rows Z = A Wᵀ + b
      forward: [
        `z^{${l}} &= W^{${l}} ${input}${bias === false ? '' : ` + b^{${l}}${bias === 'shared' ? ' \\mathbf{1}' : ''}`} & &\\in \\mathbb{R}^{${layer.units}}`,
        `a^{${l}} &= ${activation(`z^{${l}}`)}`,
      ],
      parameters: [
        { name: `W${l}`, tex: `W^{${l}}`, entrySymbol: 'w', shape: [layer.units, fanIn] },
        ...(bias === false ? [] : [{ name: `b${l}`, tex: `b^{${l}}`, entrySymbol: 'b', shape: bias === 'shared' ? [] : [layer.units] }]),
      ],
      backward: localBackward(dense, layer, typeof l === 'number' ? l : 0, fanIn),
    };
  },
};

/** bias: true (default), false or 'shared'. */
function resolveBias(options: Obj, path: SpecPath): BiasKind {
  if (!isPresent(options, 'bias')) return true;
  const bias = options.bias;
  if (bias === true || bias === false || bias === 'shared') return bias;
  if (typeof bias === 'string' && ['share', 'shared', 'single', 'one', 'scalar'].includes(normalize(bias))) {
    fail([...path, 'bias'], `unknown bias '${bias}'`, `did you mean 'shared'? ${BIAS_HINT}`);
  }
  return fail([...path, 'bias'], `bias must be true, false or 'shared', got ${show(bias)}`, BIAS_HINT);
}

/** frozen: a list of 'weights' / 'bias', each at most once; no frozen bias without a bias. */
function resolveFrozen(options: Obj, path: SpecPath, bias: BiasKind, name: string): readonly Freezable[] {
  if (!isPresent(options, 'frozen')) return [];
  const at = [...path, 'frozen'];
  const frozen = options.frozen;
  if (!Array.isArray(frozen)) fail(at, `frozen must be a list, got ${show(frozen)}`, FROZEN_HINT);
  frozen.forEach((item: unknown, i: number) => {
    checkChoice(item, [...at, i], 'frozen parameter', FREEZABLE, { weight: 'weights', w: 'weights', biases: 'bias', b: 'bias' }, FROZEN_HINT);
    if (frozen.indexOf(item) !== i) fail([...at, i], `'${String(item)}' is listed twice in frozen`, 'list each parameter once');
    if (item === 'bias' && bias === false) {
      fail([...at, i], `${name} has no bias to freeze (bias: false)`, "remove 'bias' from frozen, or give the layer a bias");
    }
  });
  return frozen as Freezable[];
}
