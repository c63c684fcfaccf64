import type { NodeId } from '../../../ir/graph.js';
import { partial, texDefinition } from '../tex-print.js';
import { sumRows, sumTerms } from '../tex-sum.js';
import { type NetworkContext, T, dropoutOf, isFusedLoss, isPenalized, layerSym, oneTo } from './context.js';
import { describeLayer, describeLayerAs, inlineRow } from './layer-tex.js';
import { ENTRYWISE_FORMS } from './derived-tex.js';
import { listed } from '../../../util/plural.js';

/** Characters of TeX per row of the loss before it continues on the next row. */
const ROW_BUDGET = 110;

/** Notation: one example as column vectors (the textbook form). */
export function writeNotation(c: NetworkContext): void {
  const { out } = c;
  out.subsection('Notation');
  out.paragraph('For one example, as column vectors (the textbook form). A superscript is a layer index, not a power; '
    + `${out.inline('\\odot')} is the entrywise product; ${out.inline('l = 1, \\dots, L')}:`);
  const dropout = c.spec.layers.some((_l, i) => dropoutOf(c, i + 1) > 0);
  // z^l as the layers' own kind writes it, when every layer writes it alike (else each layer's row is in the forward pass)
  const rows = oneTo(c.depth).map((l) => inlineRow(describeLayerAs(c, l, 'l', 'a^{l-1}').forward[0]));
  const z = rows.every((r) => r === rows[0]) ? rows[0] : 'z^{l}';
  const biases = c.net.layout.filter((p) => p.role === 'bias');
  const shared = biases.some((p) => p.shape.length === 0);
  out.align([
    '&a^{0} = x \\in \\mathbb{R}^{n_{0}} & &\\text{the input}',
    `&${z} \\in \\mathbb{R}^{n_{l}} & &\\text{pre-activations (for the output layer: logits)}`,
    '&a^{l} = f^{l}\\left(z^{l}\\right) \\in \\mathbb{R}^{n_{l}} & &\\text{activations; } a^{L} = \\hat{y} \\text{ is the prediction}',
    '&W^{l} \\in \\mathbb{R}^{n_{l} \\times n_{l-1}} & &w^{l}_{ij} \\text{ weighs unit } j \\text{ of layer } l-1 \\text{ into unit } i \\text{ of layer } l',
    ...(biases.length === 0 ? [] : shared
      ? ['&b^{l} \\in \\mathbb{R} & &\\text{a bias shared by the units of layer } l \\text{; } \\mathbf{1} = (1, \\dots, 1)^{\\top}']
      : ['&b^{l} \\in \\mathbb{R}^{n_{l}} & &\\text{biases}']),
    '&y \\in \\mathbb{R}^{n_{L}}, \\quad \\ell = \\ell\\left(a^{L}, y\\right) & &\\text{the target and the loss of the example}',
    `&\\delta^{l} = ${partial('\\ell', 'z^{l}')} \\in \\mathbb{R}^{n_{l}} & &\\text{the error of layer } l`,
  ]);
  if (dropout) {
    out.paragraph(`With dropout on layer ${out.inline('l')}, the next layer consumes `
      + `${out.inline('\\tilde{a}^{l} = a^{l} \\odot m^{l}')} instead of ${out.inline('a^{l}')}, where the mask `
      + `${out.inline('m^{l}')} is drawn anew for every example and every step.`);
  }
}

/**
 * The batch form the generated code runs (an appendix: compiler material):
 * examples as rows, the batch loss and gradients, then the graph as the compiler builds it.
 */
export function writeBatchForm(c: NetworkContext): void {
  const { out } = c;
  const penalized = isPenalized(c);
  const mean = c.spec.lossConvention.reduction === 'mean';
  const scale = mean ? '\\frac{1}{B} ' : '';
  out.subsection(`The batch form of \\texttt{${c.net.name}}`);
  out.paragraph(`The generated code processes a batch of ${out.inline('B')} examples at once, one example per row: `
    + `${out.inline('A^{0} = X \\in \\mathbb{R}^{B \\times n_{0}}')}, `
    + `${out.inline(`Z^{l} = A^{l-1} \\left(W^{l}\\right)${T} + \\mathbf{1} \\left(b^{l}\\right)${T} \\in \\mathbb{R}^{B \\times n_{l}}`)} `
    + `(the bias is added to every row) and ${out.inline('A^{l} = f^{l}\\left(Z^{l}\\right)')}; row ${out.inline('i')} of `
    + `${out.inline('Z^{l}')} is ${out.inline(`\\left(z^{l,(i)}\\right)${T}`)}, the textbook ${out.inline('z^{l}')} of example ${out.inline('i')}. `
    + `The training loss is the ${mean ? 'mean' : 'sum'} over the batch${penalized ? ' plus the penalty' : ''}, `
    + `${out.inline(`L = ${scale}\\sum_{i=1}^{B} \\ell^{(i)}${penalized ? ' + R' : ''}`)}, so every batch gradient is the ${mean ? 'mean' : 'sum'} of the `
    + `examples' gradients${penalized ? ' (plus the penalty\'s)' : ''}`
    + `${c.net.layout.some((p) => p.frozen === true) ? ' (a frozen array, given and fixed, has none)' : ''}:`);
  out.equation(`${partial('L', 'W^{l}')} = ${scale}\\sum_{i=1}^{B} \\delta^{l,(i)} \\left(a^{l-1,(i)}\\right)${T}${penalized ? ` + ${partial('R', 'W^{l}')}` : ''}, `
    + `\\qquad ${partial('L', 'b^{l}')} = ${scale}\\sum_{i=1}^{B} \\delta^{l,(i)}`);
  out.paragraph(`In matrix form: ${out.inline(`\\Delta^{l} = \\partial L / \\partial Z^{l}`)} `
    + `has rows ${out.inline(`${mean ? '\\tfrac{1}{B} ' : ''}\\left(\\delta^{l,(i)}\\right)${T}`)}, ${out.inline(`\\Delta^{l} = \\left(\\Delta^{l+1} W^{l+1}\\right) \\odot f^{l\\prime}\\left(Z^{l}\\right)`)}, `
    + `${out.inline(`${partial('L', 'W^{l}')} = \\left(\\Delta^{l}\\right)${T} A^{l-1}`)} and ${out.inline(`${partial('L', 'b^{l}')}`)} `
    + `is the sum of the rows of ${out.inline('\\Delta^{l}')}. `
    + `Each ${out.inline('\\delta^{l}')} is the adjoint of the node ${out.inline('Z^{l}')} in the reverse sweep over the graph below.`);
  writeBiasVariants(c, scale);
  writeGraphForm(c);
}

/**
 * The layers whose bias is not one per unit, which the batch form above
 * writes: a shared bias is one number added to every entry of Z^l, so its
 * gradient sums every entry of Δ^l (∂L/∂b = Σᵢ 𝟏ᵀδ^{l,(i)}); a layer without
 * bias has neither term.
 */
function writeBiasVariants(c: NetworkContext, scale: string): void {
  const { out } = c;
  const layers = [...new Set(c.net.layout.map((p) => p.layer))];
  const biasOf = (l: number) => c.net.layout.find((p) => p.layer === l && p.role === 'bias');
  const shared = layers.filter((l) => biasOf(l)?.shape.length === 0);
  const trainedShared = shared.filter((l) => biasOf(l)?.frozen !== true);
  const none = layers.filter((l) => biasOf(l) === undefined);
  const layerWord = (ls: readonly number[]) => `${ls.length === 1 ? 'layer' : 'layers'} ${listed(ls.map(String))}`;
  const sentences: string[] = [];
  if (shared.length > 0) {
    sentences.push(`In ${layerWord(shared)} the bias is shared, one number ${out.inline('b^{l}')}: `
      + `${out.inline(`\\mathbf{1} \\left(b^{l}\\right)${T} = b^{l} \\mathbf{1} \\mathbf{1}${T}`)} adds it to every entry of ${out.inline('Z^{l}')}`
      + (trainedShared.length === 0 ? '.' : `${trainedShared.length === shared.length ? ', so' : `; in ${layerWord(trainedShared)}, where it is trained,`} ${out.inline(`${partial('L', 'b^{l}')} = ${scale}\\sum_{i=1}^{B} \\mathbf{1}${T} \\delta^{l,(i)}`)}, `
        + `the sum of every entry of ${out.inline('\\Delta^{l}')}.`));
  }
  if (none.length > 0) {
    const word = layerWord(none);
    sentences.push(`${word[0].toUpperCase()}${word.slice(1)} ${none.length === 1 ? 'has' : 'have'} no bias: `
      + `there ${out.inline(`Z^{l} = A^{l-1} \\left(W^{l}\\right)${T}`)}, with no bias gradient.`);
  }
  if (sentences.length > 0) out.paragraph(sentences.join(' '));
}

/** The batch form as the IR builds it: what the generated code and these notes are printed from. */
function writeGraphForm(c: NetworkContext): void {
  const { out, net } = c;
  const t = net.train;
  const names = new Map<NodeId, string>([[t.X, 'X'], [t.Y, 'Y'], [t.invN, '\\tfrac{1}{B}']]);
  // Each parameter by its layer's own symbol, braced so the printer's transpose mark applies to the whole of it: {W^{1}}^{\top}.
  t.layout.forEach((p, k) => {
    const tex = describeLayer(c, p.layer).parameters.find((q) => q.name === p.name)?.tex ?? p.name;
    names.set(t.params[k], p.shape.length === 2 ? `{${tex}}` : tex);
  });
  t.layers.forEach((layer, i) => {
    const l = i + 1;
    names.set(layer.z, layerSym('Z', l));
    if (layer.a !== layer.z) names.set(layer.a, layerSym('A', l));
    if (layer.mask !== undefined) {
      names.set(layer.mask, layerSym('M', l));
      names.set(layer.out, layerSym('\\tilde{A}', l));
    }
  });
  // a constant that is not a whole number is printed by the writer when first printed, so the companion records it;
  // the ½ of the loss and the ½λ₂ of the penalty as a textbook writes them, fractions (not 0.5, 0.005)
  const { l2 } = c.spec.regularization;
  const fraction = (value: number): string | undefined => (value === 0.5 ? '\\frac{1}{2}'
    : l2 > 0 && value === l2 / 2 ? `\\frac{${out.given(l2, '\\lambda_{2}')}}{2}` : undefined);
  const named = (id: NodeId) => {
    const n = t.graph.node(id);
    const value = n.op === 'const' ? n.attrs.value : undefined;
    if (!names.has(id) && value !== undefined && !Number.isInteger(value)) {
      names.set(id, fraction(value) ?? (value < 0 ? `\\left(${out.given(value, '\\text{a constant of the graph}')}\\right)`
        : out.given(value, '\\text{a constant of the graph}')));
    }
    return names.get(id);
  };
  const rows = t.layers.flatMap((layer, i) => {
    const l = i + 1;
    const z = `${layerSym('Z', l)} &= ${texDefinition(t.graph, layer.z, named, ENTRYWISE_FORMS)}`;
    const a = layer.a === layer.z ? `${layerSym('A', l)} &= ${layerSym('Z', l)}` : `${layerSym('A', l)} &= ${texDefinition(t.graph, layer.a, named, ENTRYWISE_FORMS)}`;
    const masked = layer.mask === undefined ? [] : [`${layerSym('\\tilde{A}', l)} &= ${texDefinition(t.graph, layer.out, named, ENTRYWISE_FORMS)}`];
    return [z, a, ...masked];
  });
  // The loss, its terms (data loss, one penalty per layer) continued on further rows when long.
  const [first, ...rest] = sumRows(sumTerms(t.graph, t.loss, named, ENTRYWISE_FORMS), ROW_BUDGET);
  rows.push(`L &= ${first}`, ...rest.map((row) => `&\\quad {}${row}`));
  out.paragraph('The same computation as the compiler builds it, the graph both the generated code and these notes are printed from '
    + `(${out.inline('\\odot')} is the entrywise product, as above; ${out.inline('\\sum')} adds all entries`
    + `${isFusedLoss(c) ? '; the fused losses are written out below' : ''}):`);
  out.align(rows);
}
