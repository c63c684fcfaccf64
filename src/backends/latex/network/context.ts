import type { CompiledNetwork } from '../../../compile/network/compile-network.js';
import type { ResolvedNetwork } from '../../../compile/network/resolved.js';
import type { ResolvedLayer } from '../../../compile/network/layers/registry.js';
import type { TexWriter } from '../tex-writer.js';

/** What every section of one network's notes needs. */
export interface NetworkContext {
  readonly net: CompiledNetwork;
  readonly spec: ResolvedNetwork;
  readonly out: TexWriter;
  /** n_0 (inputs), n_1, …, n_L. */
  readonly sizes: readonly number[];
  /** L, the number of layers with weights (the output layer is layer L). */
  readonly depth: number;
  /** Entry subscripts need a comma (w^l_{10,2}) because some layer has 10 or more units. */
  readonly wide: boolean;
  /**
   * A worked number smaller than this is rounding noise of a sum that cancels
   * (0.5 × 1 + (−0.3) × 2 + 0.1 computes 2.8 × 10⁻¹⁷): shown as 0. A relative
   * 10⁻¹² of the largest given number (input, target or parameter; at least 1).
   */
  readonly noiseFloor: number;
}

export function networkContext(net: CompiledNetwork, out: TexWriter): NetworkContext {
  const sizes = [net.spec.inputs, ...net.spec.layers.map((l) => l.units)];
  const worked = net.spec.worked;
  const given = worked === undefined ? [] : [...worked.x.flat(), ...worked.y.flat(), ...Object.values(worked.params).flat()];
  const noiseFloor = NOISE * given.reduce((m, v) => Math.max(m, Math.abs(v)), 1);
  return { net, spec: net.spec, out, sizes, depth: net.spec.layers.length, wide: sizes.some((n) => n >= 10), noiseFloor };
}

/** Relative size of the rounding noise a worked number is taken for (about 4500 ulps of the given numbers' scale). */
const NOISE = 1e-12;

/** The transpose mark. */
export const T = '^{\\top}';

/** vᵀ: `x^{\\top}`, or `\\left(a^{1}\\right)^{\\top}` for a symbol with scripts. */
export function transposed(v: string): string {
  return /[\^_]/.test(v) ? `\\left(${v}\\right)${T}` : `${v}${T}`;
}

/** Layer l (1-based) of the spec. */
export function layerOf(c: NetworkContext, l: number): ResolvedLayer {
  return c.spec.layers[l - 1];
}

/** The dropout rate of layer l (0 without dropout). */
export function dropoutOf(c: NetworkContext, l: number): number {
  return l >= 1 && l <= c.depth ? layerOf(c, l).options.dropout : 0;
}

/** The loss has an L1 or L2 penalty on the weights. */
export function isPenalized(c: { readonly spec: Pick<ResolvedNetwork, 'regularization'> }): boolean {
  const { l1, l2 } = c.spec.regularization;
  return l1 > 0 || l2 > 0;
}

/** bce or cce: the loss is computed from the output layer's logits, fused with its sigmoid / softmax. */
export function isFusedLoss(c: NetworkContext): boolean {
  return c.spec.loss === 'bce' || c.spec.loss === 'cce';
}

/** Number of parameters (the entries of every array of the layout; frozen ones included). */
export function parameterCount(c: NetworkContext): number {
  return c.net.layout.reduce((n, p) => n + p.size, 0);
}

/** Number of trained parameters (frozen arrays left out). */
export function trainedCount(c: NetworkContext): number {
  return c.net.layout.reduce((n, p) => n + (p.frozen === true ? 0 : p.size), 0);
}

/** Parameter array `name` (W1, b2, …) is frozen: given and fixed, no gradient, no update. */
export function isFrozen(c: NetworkContext, name: string): boolean {
  return c.net.layout[parameterIndex(c, name)].frozen === true;
}

/** A layer quantity: `z^{2}`, with the layer as a superscript (an index, not a power). */
export function layerSym(base: string, l: number | string): string {
  return `${base}^{${l}}`;
}

/** One unit's entry: `z^{2}_{1}`. */
export function unitSym(base: string, l: number | string, k: number | string): string {
  return `${base}^{${l}}_{${k}}`;
}

/** Two subscripts, run together (w_{12}) or with a comma when some size has two digits (w_{10,2}). */
export function pairSub(c: NetworkContext, i: number | string, j: number | string): string {
  return c.wide ? `${i},${j}` : `${i}${j}`;
}

/** The weight from unit j of layer l−1 to unit i of layer l: `w^{l}_{ij}`. */
export function weightSym(c: NetworkContext, l: number, i: number, j: number): string {
  return `w^{${l}}_{${pairSub(c, i, j)}}`;
}

/** The vector layer l consumes: x for the first layer, a^{l-1}, or ã^{l-1} after dropout. */
export function inputVector(c: NetworkContext, l: number): string {
  if (l === 1) return 'x';
  return dropoutOf(c, l - 1) > 0 ? layerSym('\\tilde{a}', l - 1) : layerSym('a', l - 1);
}

/** Entry j of the vector layer l consumes. */
export function inputEntry(c: NetworkContext, l: number, j: number): string {
  if (l === 1) return `x_{${j}}`;
  return dropoutOf(c, l - 1) > 0 ? unitSym('\\tilde{a}', l - 1, j) : unitSym('a', l - 1, j);
}

/** Entry k of layer l's output, what the next layer reads: ã^l_k after dropout, else a^l_k. */
export function outputEntry(c: NetworkContext, l: number, k: number): string {
  return dropoutOf(c, l) > 0 ? unitSym('\\tilde{a}', l, k) : unitSym('a', l, k);
}

/** 1, 2, …, n */
export function oneTo(n: number): number[] {
  return Array.from({ length: n }, (_v, i) => i + 1);
}

/** The layers L−1, …, 1 (hidden layers, output side first). */
export function hiddenLayersBackward(c: NetworkContext): number[] {
  return oneTo(c.depth - 1).reverse();
}

/**
 * The position of parameter array `name` (W2, b2, …) in the network's
 * parameter layout, which orders the worked values' parameter and gradient
 * arrays: the notes look arrays up by name, never by a W/b pair position.
 */
export function parameterIndex(c: NetworkContext, name: string): number {
  const index = c.net.layout.findIndex((p) => p.name === name);
  if (index < 0) throw new Error(`the parameter layout of ${c.net.name} has no array ${name}`);
  return index;
}

/**
 * A computed number as the worked solution shows it (rounded to the model's
 * digits for reading; the generated code and the JSON companion keep full precision). `label` names it (w^{2}_{11}, δ^{2}_{1}).
 */
export function shown(c: NetworkContext, value: number, label: string): string {
  return c.out.number(Math.abs(value) < c.noiseFloor ? 0 : value, label);
}

/** A shown number as an operand of a product or after a minus: parenthesized when negative or written with ×10ᵏ. */
export function shownOperand(c: NetworkContext, value: number, label: string): string {
  const s = shown(c, value, label);
  return /^-|\\times/.test(s) ? `\\left(${s}\\right)` : s;
}

/** A number as the notes print it: `-0.5`, `1.5 \times 10^{-7}`. */
const NUMBER = String.raw`-?[0-9.]+(?: \\times 10\^\{-?\d+\})?`;
const DOUBLED = new RegExp(String.raw`\\left\(\\left\((${NUMBER})\\right\)\\right\)`, 'g');
const GROUPED = new RegExp(String.raw`(\\frac\{|\\sqrt\{|\}\{)\\left\((${NUMBER})\\right\)(?=\})`, 'g');
const LONE = new RegExp(String.raw`(^|&= |= |&\\leftarrow |\\leftarrow )\\left\((${NUMBER})\\right\)(?=$| = | - | \+ |\s*\\\\)`, 'g');
/** A negative number first in a group, before a − or +: `((-0.07) - 0.5)^{2}` → `(-0.07 - 0.5)^{2}`. */
const LEADING = new RegExp(String.raw`\\left\(\\left\((${NUMBER})\\right\)(?= - | \+ )`, 'g');

/**
 * A working row (or cell) without parentheses that hold nothing up: a
 * number alone where no product or power follows (`= (-0.64)` → `= -0.64`,
 * `θ ← (-0.5) - 0.5 × g` → `θ ← -0.5 - 0.5 × g`) and a number parenthesized
 * twice (`H((-0.4))` → `H(-0.4)`) or alone in a fraction's part or a root
 * (`\frac{(-0.5)}{2}`, `\sqrt{(1.5 \times 10^{-7})}`), or first in a group before a + or −
 * (`((-0.07) - 0.5)^{2}` → `(-0.07 - 0.5)^{2}`). Parentheses after a + or − or around a
 * factor stay: `0.3 + (-0.2)`, `(-0.4) \times 0.5`, `(-0.4)^{2}`.
 */
export function tidyParentheses(tex: string): string {
  return tex.replace(DOUBLED, '\\left($1\\right)').replace(GROUPED, '$1$2').replace(LONE, '$1$2').replace(LEADING, '\\left($1');
}

/** `1 parameter`, `9 parameters`: a count and its noun in agreement (one helper for the compiler, util/plural.ts). */
export { counted } from '../../../util/plural.js';
