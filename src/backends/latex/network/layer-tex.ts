import type { NodeId } from '../../../ir/graph.js';
import { PREC, printed } from '../../print/notation.js';
import { printExpression, type PrintForms } from '../../print/print-expression.js';
import type { LayerDescription } from '../../../compile/network/layers/layer-kind.js';
import type { LocalBackward } from '../../../compile/network/layers/local-backward.js';
import { layerKindOf } from '../../../compile/network/layers/registry.js';
import { entryTerms } from '../../../compile/network/entry-terms.js';
import { activationTex } from './activations.js';
import { type NetworkContext, T, inputEntry, inputVector, layerOf, layerSym, pairSub, transposed } from './context.js';

/** A description with its derived backward pass (every feedforward kind's). */
export type DescribedLayer = LayerDescription & { readonly backward: LocalBackward };

function withBackward(d: LayerDescription, l: number | string): DescribedLayer {
  if (d.backward === undefined) throw new Error(`layer ${l}'s kind describes no backward pass for the network notes`);
  return d as DescribedLayer;
}

/** Layer l's own description (its kind's describe()), in the notes' symbols. */
export function describeLayer(c: NetworkContext, l: number): DescribedLayer {
  const layer = layerOf(c, l);
  const symbols = { input: inputVector(c, l), activation: activationTex(c, l).apply };
  return withBackward(layerKindOf(layer).describe(layer, l, c.sizes[l - 1], symbols), l);
}

/**
 * Layer l described for a symbolic layer index `at` (e.g. 'l+1', reading
 * `input`, e.g. a^{l}): the general form of the recursion, from the same kind.
 */
export function describeLayerAs(c: NetworkContext, l: number, at: string, input: string): DescribedLayer {
  const layer = layerOf(c, l);
  return withBackward(layerKindOf(layer).describe(layer, at, c.sizes[l - 1], { input, activation: (arg) => `f^{${at}}\\left(${arg}\\right)` }), at);
}

/** A forward row of a description as an inline equation: its alignment mark and third column dropped. */
export function inlineRow(row: string): string {
  return row.replace(/ & &.*$/, '').replace(' &= ', ' = ');
}

/**
 * Matrix products of one example's rows read in the textbook's column form:
 * the input row A = (a^{l-1})ᵀ and the error row D = (δ^l)ᵀ print as their
 * columns, so D W (what the layer passes back) reads Wᵀ δ, Dᵀ A (a weight
 * gradient) δ aᵀ, A Wᵀ reads W a, and the sum of D's one row is δ itself.
 */
const COLUMN_FORMS: PrintForms = {
  matmul: ([d, w]) => printed(`\\left(${w.text}\\right)${T} ${d.text}`, PREC.MUL),
  matmul_tn: ([d, a]) => printed(`${d.text} ${transposed(a.text)}`, PREC.MUL),
  matmul_nt: ([a, w]) => printed(`${w.text} ${a.text}`, PREC.MUL),
  sum_to: ([d], _n, attrs) => (attrs.shape?.length === 0 ? printed(`\\sum_{i} ${d.text}_{i}`, PREC.ADD) : d),
};

/** A node of layer l's derived backward pass in vector form (δ^l, a^{l-1} and the parameters by name). */
export function backwardVectorTex(c: NetworkContext, l: number, node: NodeId): string {
  return describedVectorTex(describeLayer(c, l), node, layerSym('\\delta', l), inputVector(c, l));
}

/** A node of a description's backward pass in vector form, its error and input named as given. */
export function describedVectorTex(d: DescribedLayer, node: NodeId, error: string, input: string): string {
  const b = d.backward;
  const names = new Map<NodeId, string>([[b.error, error], [b.input, input]]);
  b.params.forEach((p, k) => names.set(p.node, d.parameters[k].tex));
  return printExpression(b.graph, node, 'tex', (id) => names.get(id), Infinity, COLUMN_FORMS) ?? '?';
}

/** What one factor of an entry's product is: its symbol and where its number comes from. */
export type FactorSource =
  | { readonly kind: 'error'; readonly unit: number }
  | { readonly kind: 'input'; readonly unit: number }
  | { readonly kind: 'parameter'; readonly name: string; readonly offset: number };

export interface EntryFactor {
  readonly tex: string;
  readonly source: FactorSource;
}

/** One term c · f₁ · f₂ ⋯ of an entry of a layer's backward pass. */
export interface EntryProduct {
  readonly coefficient: number;
  readonly factors: readonly EntryFactor[];
}

/** Parameters first, then the error, then the input: w δ and δ a, as textbooks write them. */
const FACTOR_ORDER: Readonly<Record<FactorSource['kind'], number>> = { parameter: 0, error: 1, input: 2 };

/**
 * Entry `index` (0-based) of a node of layer l's derived backward pass as a
 * sum of products, each factor named (δ^l_i, a^{l-1}_j, w^{l}_{ij}) and
 * located in the worked values: the chain-rule product of a gradient entry,
 * or the fan-out terms of what a unit passes back.
 */
export function backwardEntry(c: NetworkContext, l: number, node: NodeId, index: readonly number[]): EntryProduct[] {
  const d = describeLayer(c, l);
  const b = d.backward;
  return entryTerms(b.graph, node, index).map((term) => ({
    coefficient: term.coefficient,
    factors: term.factors.map(({ leaf, index: at }): EntryFactor => {
      if (leaf === b.error) return { tex: `\\delta^{${l}}_{${at[1] + 1}}`, source: { kind: 'error', unit: at[1] } };
      if (leaf === b.input) return { tex: inputEntry(c, l, at[1] + 1), source: { kind: 'input', unit: at[1] } };
      const k = b.params.findIndex((p) => p.node === leaf);
      if (k < 0) throw new Error(`layer ${l}: a leaf of its backward pass is neither its error, its input nor a parameter`);
      const p = d.parameters[k];
      return { tex: parameterEntryTex(c, l, p.entrySymbol ?? p.name[0].toLowerCase(), at), source: { kind: 'parameter', name: p.name, offset: rowMajor(p.shape, at) } };
    }).sort((x, y) => FACTOR_ORDER[x.source.kind] - FACTOR_ORDER[y.source.kind]),
  }));
}

/** A parameter entry's symbol: w^{l}_{ij}, b^{l}_{i}, or b^{l} for a scalar (a bias shared by the layer). */
export function parameterEntryTex(c: NetworkContext, l: number, letter: string, index: readonly number[]): string {
  const base = `${letter}^{${l}}`;
  if (index.length === 0) return base;
  const subscript = index.length === 2 ? pairSub(c, index[0] + 1, index[1] + 1) : index.map((i) => i + 1).join(',');
  return `${base}_{${subscript}}`;
}

/** Row-major offset of a multi-index. */
export function rowMajor(shape: readonly number[], index: readonly number[]): number {
  return index.reduce((offset, i, k) => offset * shape[k] + i, 0);
}

/** Every multi-index of a shape, row-major (one empty index for a scalar). */
export function indicesOf(shape: readonly number[]): number[][] {
  return shape.reduce<number[][]>((acc, n) => acc.flatMap((prefix) => Array.from({ length: n }, (_v, k) => [...prefix, k])), [[]]);
}

/** A product's factors juxtaposed (its coefficient in front unless 1): `\delta^{1}_{1}\, x_{2}`, `w^{2}_{11} \delta^{2}_{1}`. */
export function productTex(p: EntryProduct, separator: string): string {
  const factors = p.factors.map((f) => f.tex).join(separator);
  if (p.coefficient === 1) return factors === '' ? '1' : factors;
  return factors === '' ? String(p.coefficient) : `${p.coefficient}${separator}${factors}`;
}

/** One entry of a parameter array of layer l and its gradient as products of named factors. */
export interface ParameterEntry {
  /** The array's name (W2) and the entry's row-major offset in it. */
  readonly name: string;
  readonly offset: number;
  readonly symbol: string;
  /** The unit the entry belongs to (0-based; the first index of an array with one row per unit), or undefined (a shared bias). */
  readonly unit: number | undefined;
  /** ∂ℓ/∂θ: δ^{l}_{i} a^{l-1}_{j} for a weight, δ^{l}_{i} for a bias, Σ_i δ^{l}_{i} for a shared one. */
  readonly products: readonly EntryProduct[];
}

/** Every entry of layer l's parameter arrays (declaration order, each row-major) with its derived gradient product. */
export function parameterEntries(c: NetworkContext, l: number): ParameterEntry[] {
  const d = describeLayer(c, l);
  const units = c.sizes[l];
  return d.parameters.flatMap((p, k) => {
    const gradient = d.backward.gradients[k];
    return indicesOf(p.shape).map((index) => ({
      name: p.name,
      offset: rowMajor(p.shape, index),
      symbol: parameterEntryTex(c, l, p.entrySymbol ?? p.name[0].toLowerCase(), index),
      unit: p.shape.length > 0 && p.shape[0] === units ? index[0] : undefined,
      products: gradient === undefined ? [] : backwardEntry(c, l, gradient, index),
    }));
  });
}
