import type { WorkedValues } from '../../../compile/network/worked-values.js';
import { type NetworkContext, oneTo, shown, shownOperand, tidyParentheses, unitSym } from './context.js';

/** From this many layers on, the notes show how the error's size changes on its way back (vanishing or exploding gradients). */
export const MIN_LAYERS_FOR_NORMS = 4;

/**
 * A deep network's errors layer by layer, as one number each: the length
 * ‖δ^l‖₂ = √(Σ_k (δ^l_k)²) of every layer's δ, from the output back, with its
 * numbers, then how much the first layer's is of the output layer's — the
 * vanishing (or exploding) gradient of a deep network, in the worked example's
 * numbers. Only for one example (a batch has one δ per example).
 */
export function writeErrorNorms(c: NetworkContext, v: WorkedValues): void {
  if (c.depth < MIN_LAYERS_FOR_NORMS || v.examples.length !== 1) return;
  const { out } = c;
  const delta = v.examples[0].delta;
  const norm = (l: number) => Math.hypot(...delta[l - 1]);
  const layers = oneTo(c.depth).reverse();
  out.paragraph(`The size of each layer's error, from the output back (${out.inline('\\lVert \\delta^{l} \\rVert_{2} = \\sqrt{\\sum_{k} \\left(\\delta^{l}_{k}\\right)^{2}}')}):`);
  out.align(layers.map((l) => {
    const squares = delta[l - 1].map((d, k) => `${shownOperand(c, d, unitSym('\\delta', l, k + 1))}^{2}`).join(' + ');
    return tidyParentheses(`\\lVert \\delta^{${l}} \\rVert_{2} &= \\sqrt{${squares}} = ${shown(c, norm(l), `\\lVert \\delta^{${l}} \\rVert_{2}`)}`);
  }));
  const L = c.depth;
  const ratio = norm(1) / norm(L);
  const trend = ratio < 1 ? 'shrinks' : 'grows';
  out.paragraph(`On its way back through ${L - 1} layers the error ${trend}: `
    + `${out.inline(`\\lVert \\delta^{1} \\rVert_{2} / \\lVert \\delta^{${L}} \\rVert_{2} = ${shown(c, norm(1), '\\lVert \\delta^{1} \\rVert_{2}')} / ${shown(c, norm(L), `\\lVert \\delta^{${L}} \\rVert_{2}`)} = ${shown(c, ratio, 'ratio')}`)}. `
    + `Each layer multiplies it by ${out.inline('\\left(W^{l+1}\\right)^{\\top}')} and by ${out.inline("f'(z^{l})")}; `
    + `${ratio < 1 ? `with every ${out.inline("f'")} at most 1 (as ${out.inline("\\tanh' \\le 1")} and ${out.inline("\\sigma' \\le 1/4")}) and small weights it shrinks layer by layer: the first layers learn slowest (the vanishing gradient)` : 'large weights make it grow layer by layer (the exploding gradient)'}.`);
}
