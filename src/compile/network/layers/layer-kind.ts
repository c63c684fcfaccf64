import type { Dim } from '../../../ir/shape.js';
import type { Graph, NodeId } from '../../../ir/graph.js';
import type { Activation } from '../../../dsl/network.js';
import type { Obj, SpecPath } from '../spec-checks.js';
import type { LocalBackward } from './local-backward.js';

/**
 * One kind of layer (dense; recurrent kinds next): everything about it in one
 * module — its options check, its parameters, its piece of the graph and what
 * its section of the notes shows. The network around it (losses, penalties,
 * the trainer) only sees this interface.
 */
export interface LayerKind<Resolved extends ResolvedLayerBase, Nodes extends LayerNodesBase> {
  /** Checks a layer of this kind as model.ts produced it, and fills in its defaults. */
  resolve(layer: Obj, site: LayerSite): Resolved;
  /** The parameter arrays of layer l (1-based) that reads `fanIn` features per example. */
  parameters(layer: Resolved, l: number, fanIn: number): readonly ParameterDeclaration[];
  /** The layer's piece of the graph, from its input (rows are examples) and its parameters (declaration order). */
  build(g: Graph, layer: Resolved, site: BuildSite): Nodes;
  /**
   * What the layer's part of the notes shows, in the notes' symbols: the LaTeX
   * backend renders it (its forward rows are the forward-pass section's; its
   * backward pass, derived by `localBackward`, the backward section's and the
   * worked gradient tables'; a recurrent kind has none yet: its notes are its
   * own). `l` may be symbolic ('l+1') for the general form.
   */
  describe(layer: Resolved, l: number | string, fanIn: number, symbols: DescriptionSymbols): LayerDescription;
}

/** What every resolved layer has: the network checks its output against the loss. */
export interface ResolvedLayerBase {
  readonly kind: string;
  /** Features per example the layer outputs. */
  readonly units: number;
  /** The output activation (the loss check and the fused bce / cce losses read it). */
  readonly activation: Activation;
  readonly options: { readonly dropout: number };
}

/** Where a layer is in the spec, for its error messages. */
export interface LayerSite {
  readonly path: SpecPath;
  /** 0-based position and the number of layers. */
  readonly index: number;
  readonly count: number;
  /** 'layer 2', as messages say it. */
  readonly name: string;
}

export interface BuildSite {
  /** 1-based layer number (names: W2, M2). */
  readonly l: number;
  /** The layer's input, batch × fanIn. */
  readonly input: NodeId;
  readonly params: readonly NodeId[];
  /** The number of rows: the symbolic batch n (or a fixed count for a worked example). */
  readonly batch: Dim;
}

/** The nodes every layer kind provides. */
export interface LayerNodesBase {
  readonly params: readonly NodeId[];
  /** The pre-activation (the fused bce / cce losses read the output layer's). */
  readonly z: NodeId;
  /** The activation (for a fused bce/cce output layer: σ(z) / softmax(z), for predictions). */
  readonly a: NodeId;
  /** The dropout mask input M (values 0 or 1/(1-p)), when the layer has dropout. */
  readonly mask?: NodeId;
  /** What the next layer consumes: a, or a ⊙ M with dropout. */
  readonly out: NodeId;
}

/** One parameter array: the compiler's parameter layout is the list of these over all layers. */
export interface ParameterDeclaration {
  /** Its name in code, JSON and notes: W1, b1. */
  readonly name: string;
  readonly shape: readonly number[];
  /** Weights are initialized randomly, penalized and decayed; biases start at 0 and are not. */
  readonly role: 'weight' | 'bias';
  /** For Xavier/He initialization: inputs and outputs of a unit. */
  readonly fanIn: number;
  readonly fanOut: number;
  /** Not trained (present only when true): no gradient is computed for it and the update leaves it alone. */
  readonly frozen?: true;
}

/** How the notes write what a layer reads and applies (the backend's conventions, e.g. ã¹ after dropout). */
export interface DescriptionSymbols {
  /** The vector the layer reads: `x`, `a^{1}`, or `\\tilde{a}^{1}` after dropout. */
  readonly input: string;
  /** The layer's activation applied to an argument: `\\sigma\\left(z^{2}\\right)`. */
  readonly activation: (argument: string) => string;
}

/** A layer's notes: its equations in the notes' symbols, its parameters and its derived backward pass. */
export interface LayerDescription {
  readonly title: string;
  /** TeX rows `lhs &= rhs` of the forward pass (an optional third column `& &…` says the space it lives in). */
  readonly forward: readonly string[];
  /** In declaration order (the order of `backward.params`). */
  readonly parameters: readonly ParameterDescription[];
  /**
   * The backward pass of one example, derived from the layer's graph (the
   * error δ at its pre-activation, what it passes back, each parameter's
   * gradient): the notes print these nodes, never a restated formula.
   */
  readonly backward?: LocalBackward;
}

/** How the notes name a parameter array and its entries. */
export interface ParameterDescription {
  readonly name: string;
  /** The array: `W^{2}`. */
  readonly tex: string;
  /** The letter of its entries, with the layer as superscript and the indices as subscript: w (w^{2}_{11}), b. */
  readonly entrySymbol?: string;
  readonly shape: readonly number[];
}
