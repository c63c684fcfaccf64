import { partial } from '../tex-print.js';
import { activationTex } from './activations.js';
import { derivedTex } from './derived-tex.js';
import { type NetworkContext, T, dropoutOf, hiddenLayersBackward, isFrozen, layerSym, oneTo, parameterIndex } from './context.js';
import { frozenSentence } from './frozen.js';
import { backwardVectorTex, describeLayer, describeLayerAs, describedVectorTex, inlineRow } from './layer-tex.js';
import { type NielsenEquation, nielsenSentence, tagged } from './nielsen.js';

/** What layer l passes back to its input (derived from its kind's graph): (W^{l})ᵀ δ^{l} for a dense layer. */
export function passedBackTex(c: NetworkContext, l: number): string {
  const back = describeLayer(c, l).backward.inputError;
  if (back === undefined) throw new Error(`layer ${l} passes no error back to its input`);
  return backwardVectorTex(c, l, back);
}

/** The error of hidden layer l in vector form: ((W^{l+1})ᵀ δ^{l+1}) ⊙ [m^l ⊙] f′(z^l) with f′ written out. */
export function hiddenDeltaTex(c: NetworkContext, l: number): string {
  const back = `\\left(${passedBackTex(c, l + 1)}\\right)`;
  const mask = dropoutOf(c, l) > 0 ? ` \\odot ${layerSym('m', l)}` : '';
  const local = activationTex(c, l).derivativeFactor(layerSym('z', l), layerSym('a', l), 'vector');
  return `${back}${mask}${local === undefined ? '' : ` \\odot ${local}`}`;
}

/** The backward pass: the δ recursion with each layer's f′, then the gradients and the penalty terms. */
export function writeBackward(c: NetworkContext): void {
  const { out, depth } = c;
  out.subsection('Backward pass');
  if (depth > 1) {
    writeGeneralRecursion(c);
    out.paragraph('For this network, with each hidden layer\'s derivative written out:');
    out.align(hiddenLayersBackward(c).map((l) => `\\delta^{${l}} &= ${hiddenDeltaTex(c, l)}`));
  } else {
    out.paragraph('There is no hidden layer: the output error is the only error.');
  }
  out.paragraph(`Each layer's gradients follow from its own graph by the same chain rule (the reverse sweep of the layer `
    + `for an error ${out.inline('\\delta^{l}')} arriving at its pre-activation), in the same shapes as the parameters:`);
  out.align(oneTo(depth).flatMap((l) => gradientRow(c, l)));
  const frozen = frozenSentence(c);
  if (frozen !== undefined) out.paragraph(frozen);
  out.paragraph(nielsenSentence(depth > 1));
  writePenaltyGradients(c);
}

/**
 * δ^l from δ^{l+1} for a general l: the next layer's forward row and what it
 * passes back, from its kind's description with the layer index symbolic.
 * Printed when the layers that pass errors back (2 … L) are all of one kind.
 */
function writeGeneralRecursion(c: NetworkContext): void {
  const { out, depth } = c;
  const kinds = new Set(c.spec.layers.slice(1).map((layer) => layer.kind));
  if (kinds.size !== 1) return;
  const d = describeLayerAs(c, 2, 'l+1', 'a^{l}');
  const back = d.backward.inputError;
  if (back === undefined) return;
  const passed = describedVectorTex(d, back, '\\delta^{l+1}', 'a^{l}');
  out.paragraph(`The error moves back one layer at a time by the chain rule: ${out.inline(inlineRow(d.forward[0]))} `
    + `gives ${out.inline(`${partial('\\ell', 'a^{l}')} = ${passed}`)}, and `
    + `${out.inline('a^{l} = f^{l}(z^{l})')} acts entry by entry, so`);
  out.equation(tagged(`\\delta^{l} = \\left(${passed}\\right) \\odot f^{l\\prime}\\left(z^{l}\\right), `
    + `\\qquad ${depth === 2 ? 'l = 1' : `l = ${depth - 1}, \\dots, 1`}`, 'BP2'));
  if (c.spec.layers.some((_l, i) => dropoutOf(c, i + 1) > 0)) {
    out.paragraph(`With dropout the next layer sees ${out.inline('\\tilde{a}^{l} = a^{l} \\odot m^{l}')}, so the error also `
      + `passes through the mask: ${out.inline(`\\delta^{l} = \\left(${passed}\\right) \\odot m^{l} \\odot f^{l\\prime}\\left(z^{l}\\right)`)} `
      + '(a dropped unit gets no error).');
  }
}

/**
 * ∂ℓ/∂θ of every trained parameter array of layer l, derived (δ^{l} aᵀ and δ^{l} for a dense layer), side by side;
 * none for a frozen array (given and fixed), no row for a layer with nothing trained.
 */
function gradientRow(c: NetworkContext, l: number): string[] {
  const d = describeLayer(c, l);
  const shown = d.parameters.flatMap((p, k) => {
    const g = isFrozen(c, p.name) ? undefined : d.backward.gradients[k];
    const role = c.net.layout[parameterIndex(c, p.name)].role;
    const equation: NielsenEquation[] = role === 'weight' ? ['BP4'] : role === 'bias' ? ['BP3'] : [];
    return g === undefined ? [] : [{ tex: `${partial('\\ell', p.tex)} &= ${backwardVectorTex(c, l, g)}`, equation }];
  });
  return shown.length === 0 ? [] : [tagged(shown.map((s) => s.tex).join(', & '), ...shown.flatMap((s) => s.equation))];
}

/** The penalty's gradient: λ₂ W and λ₁ sgn W, on weights only. */
function writePenaltyGradients(c: NetworkContext): void {
  const { out } = c;
  const p = c.net.derivatives.penalties;
  if (p === undefined) return;
  const { l1, l2 } = c.spec.regularization;
  const penalty = [
    ...(l2 > 0 ? [`\\frac{\\lambda_{2}}{2} \\sum_{l} \\left\\lVert W^{l} \\right\\rVert^{2}`] : []),
    ...(l1 > 0 ? ['\\lambda_{1} \\sum_{l} \\sum_{i,j} \\left|w^{l}_{ij}\\right|'] : []),
  ].join(' + ');
  // With the spec's λ's: each penalty's derivative, derived (λ₂ W, λ₁ sgn W).
  const gradient = p.terms.map((t) => derivedTex(p.graph, t, new Map([[p.w, 'W^{l}']]), 'vector')).join(' + ');
  const symbols = [...(l2 > 0 ? ['\\lambda_{2} W^{l}'] : []), ...(l1 > 0 ? ['\\lambda_{1} \\operatorname{sgn}\\left(W^{l}\\right)'] : [])].join(' + ');
  out.paragraph(`The penalty ${out.inline(`R = ${penalty}`)}${l2 > 0 ? ' (the squared norm is the sum of the squared entries)' : ''} `
    + 'involves the weights only, once per step rather than per example, so it adds to the weight gradients and leaves the biases alone'
    + `${l1 > 0 ? ` (with ${out.inline('\\operatorname{sgn} 0 = 0')})` : ''}:`);
  // the batch's data gradient as the loss convention reduces it: the mean (1/B) or the sum over the examples
  const mean = `${c.spec.lossConvention.reduction === 'mean' ? '\\frac{1}{B} ' : ''}\\sum_{i} \\delta^{l,(i)} \\left(a^{l-1,(i)}\\right)${T}`;
  out.align([`${partial('L', 'W^{l}')} &= ${mean} + ${symbols}`, `&= ${mean} + ${gradient}`]);
}
