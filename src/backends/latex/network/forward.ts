import { type NetworkContext, dropoutOf, isFusedLoss, layerSym, oneTo } from './context.js';
import { describeLayer } from './layer-tex.js';

/** The forward pass, layer by layer, with each layer's own activation function. */
export function writeForward(c: NetworkContext): void {
  const { out, depth } = c;
  out.subsection('Forward pass');
  out.paragraph(`From the input ${out.inline('a^{0} = x')} to the prediction ${out.inline(`\\hat{y} = a^{${depth}}`)}, `
    + 'one layer at a time (an activation applies to each entry):');
  // Each layer's rows come from its kind's own description (src/compile/network/layers/).
  const rows = oneTo(depth).flatMap((l) => {
    const { forward } = describeLayer(c, l);
    const rate = dropoutOf(c, l);
    const drop = rate > 0 ? [`${layerSym('\\tilde{a}', l)} &= ${layerSym('a', l)} \\odot ${layerSym('m', l)}`] : [];
    return [...forward, ...drop];
  });
  out.align(rows);
  for (const l of oneTo(depth)) {
    const rate = dropoutOf(c, l);
    if (rate === 0) continue;
    out.paragraph(`Dropout on layer ${l} (inverted, training only): each entry of ${out.inline(layerSym('m', l))} is `
      + `${out.inline(`\\frac{1}{1 - p} = ${out.number(1 / (1 - rate), `\\frac{1}{1 - p^{${l}}}`)}`)} with probability ${out.inline(`1 - p = ${out.number(1 - rate, `1 - p^{${l}}`)}`)} `
      + `(the unit is kept) and ${out.inline('0')} otherwise, so ${out.inline(`\\mathbb{E}\\,${layerSym('\\tilde{a}', l)} = ${layerSym('a', l)}`)}; `
      + `predictions use ${out.inline(layerSym('a', l))} itself.`);
  }
  if (isFusedLoss(c)) {
    out.paragraph(`The loss is computed from the logits ${out.inline(layerSym('z', depth))} directly (below); `
      + `${out.inline(layerSym('a', depth))} is what the trained network predicts.`);
  }
}
