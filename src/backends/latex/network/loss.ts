import { partial } from '../tex-print.js';
import { activationTex } from './activations.js';
import { type NetworkContext, T, layerOf, layerSym } from './context.js';

/**
 * δ^L for the loss/output pair, in vector form: the line the notes derive and
 * the backward pass starts from (shared with the node-by-node form's wording).
 */
export function outputDeltaTex(c: NetworkContext): string {
  const L = c.depth;
  const a = layerSym('a', L);
  const z = layerSym('z', L);
  const layer = layerOf(c, L);
  switch (c.spec.loss) {
    case 'bce':
    case 'cce':
      return `${a} - y`;
    case 'mse':
    case 'mae': {
      const g = lossGradientTex(c);
      if (layer.activation === 'linear') return g;
      if (layer.activation === 'softmax') {
        return `${a} \\odot \\left(g - \\left(\\left(${a}\\right)${T} g\\right) \\mathbf{1}\\right), \\quad g = ${g}`;
      }
      return `${g} \\odot ${activationTex(layer).derivative(z, a, false) ?? '?'}`;
    }
  }
}

/** ∂ℓ/∂a^L for mse and mae: a^L − y, or its sign. */
function lossGradientTex(c: NetworkContext): string {
  const a = layerSym('a', c.depth);
  return c.spec.loss === 'mae' ? `\\operatorname{sgn}\\left(${a} - y\\right)` : `\\left(${a} - y\\right)`;
}

/** The loss of one example and the output layer's error δ^L, derived for this loss/output pair. */
export function writeLoss(c: NetworkContext): void {
  const { out } = c;
  const L = c.depth;
  const a = layerSym('a', L);
  const z = layerSym('z', L);
  const dL = partial('\\ell', z);
  out.subsection(`Loss and the output error ${out.inline(`\\delta^{${L}}`)}`);
  const layer = layerOf(c, L);
  const f = activationTex(layer);
  switch (c.spec.loss) {
    case 'mse':
    case 'mae': {
      const mse = c.spec.loss === 'mse';
      out.paragraph(mse
        ? 'Half the squared error, summed over the outputs (the half cancels in the derivative):'
        : 'The absolute error, summed over the outputs:');
      const loss = mse ? `\\ell = \\frac{1}{2} \\sum_{k} \\left(${a}_{k} - y_{k}\\right)^{2} = \\frac{1}{2} \\left\\lVert ${a} - y \\right\\rVert^{2}`
        : `\\ell = \\sum_{k} \\left|${a}_{k} - y_{k}\\right|`;
      const grad = mse ? `${partial('\\ell', a)} = ${a} - y`
        : `${partial('\\ell', a)} = \\operatorname{sgn}\\left(${a} - y\\right)`;
      out.align([`&${loss}`, `&${grad}`]);
      if (!mse) {
        out.paragraph(`(${out.inline('\\operatorname{sgn} 0 = 0')}: the code takes the derivative of ${out.inline('|t|')} at ${out.inline('t = 0')} to be 0.)`);
      }
      writeChainToLogits(c, f.name);
      break;
    }
    case 'bce':
      out.paragraph(`Binary cross-entropy of the sigmoid outputs ${out.inline(`${a} = \\sigma\\left(${z}\\right)`)}, summed over the outputs:`);
      out.equation(`\\ell = \\sum_{k} \\Bigl(-y_{k} \\ln ${a}_{k} - \\left(1 - y_{k}\\right) \\ln\\left(1 - ${a}_{k}\\right)\\Bigr)`);
      out.paragraph(`Its derivative with respect to a logit: the sigmoid's derivative ${out.inline(`\\sigma' = a (1 - a)`)} cancels the denominator,`);
      out.equation(`${partial('\\ell', `${z}_{k}`)} = ${partial('\\ell', `${a}_{k}`)} \\, \\sigma'\\left(${z}_{k}\\right) `
        + `= \\frac{${a}_{k} - y_{k}}{${a}_{k}\\left(1 - ${a}_{k}\\right)} \\cdot ${a}_{k}\\left(1 - ${a}_{k}\\right) = ${a}_{k} - y_{k}`);
      out.paragraph('The code never forms the logarithm of a probability: per output it computes the equal, stable form');
      out.equation(`-y \\ln \\sigma(z) - (1 - y) \\ln\\bigl(1 - \\sigma(z)\\bigr) = \\max(z, 0) - z y + \\ln\\left(1 + e^{-|z|}\\right)`);
      out.paragraph(`which exponentiates only ${out.inline('-|z| \\le 0')}, so it is finite for any logit `
        + `(${out.inline('\\ln \\sigma(z)')} itself would round to ${out.inline('\\ln 0')} for ${out.inline('z \\ll 0')}).`);
      out.paragraph('Hence the output error:');
      out.equation(`\\delta^{${L}} = ${dL} = ${outputDeltaTex(c)}`);
      break;
    case 'cce':
      out.paragraph(`Categorical cross-entropy of the softmax outputs ${out.inline(`${a} = \\operatorname{softmax}\\left(${z}\\right)`)} `
        + `against a target distribution ${out.inline('y')} (one-hot, or any ${out.inline('y_{k} \\ge 0')} with ${out.inline('\\sum_{k} y_{k} = 1')}):`);
      out.equation(`\\ell = -\\sum_{k} y_{k} \\ln ${a}_{k}`);
      out.paragraph(`Since ${out.inline(`\\ln ${a}_{k} = ${z}_{k} - \\operatorname{lse}\\left(${z}\\right)`)} with the log-sum-exp `
        + `${out.inline(`\\operatorname{lse}(z) = \\ln \\sum_{j} e^{z_{j}}`)}, and ${out.inline('\\sum_{k} y_{k} = 1')}:`);
      out.equation(`\\ell = \\operatorname{lse}\\left(${z}\\right) - \\sum_{k} y_{k} ${z}_{k}, `
        + `\\qquad \\operatorname{lse}(z) = m + \\ln \\sum_{j} e^{z_{j} - m}, \\quad m = \\max_{j} z_{j}`);
      out.paragraph(`This is the form the code computes. Every exponent ${out.inline('z_{j} - m')} is at most 0, so each `
        + `${out.inline('e^{z_{j} - m}')} is in ${out.inline('(0, 1]')} and the sum is between 1 and ${out.inline(`n_{${L}}`)}: `
        + `nothing overflows and the logarithm is finite, even for logits like ${out.inline('z = (1000, 0)')} where `
        + `${out.inline('e^{1000}')} would overflow (${out.inline('\\operatorname{lse} = 1000 + \\ln(1 + e^{-1000})')}). `
        + `Differentiating, ${out.inline(`\\partial \\operatorname{lse}(z) / \\partial z_{k} = e^{z_{k}} / \\sum_{j} e^{z_{j}} = a_{k}`)}, so`);
      out.equation(`\\delta^{${L}} = ${dL} = ${outputDeltaTex(c)}`);
      break;
  }
}

/** For mse/mae: δ^L = ∇_a ℓ through the output activation's derivative. */
function writeChainToLogits(c: NetworkContext, fName: string): void {
  const { out } = c;
  const L = c.depth;
  const a = layerSym('a', L);
  const z = layerSym('z', L);
  const layer = layerOf(c, L);
  const delta = `\\delta^{${L}} = ${partial('\\ell', z)}`;
  if (layer.activation === 'linear') {
    out.paragraph(`The output layer is linear (${out.inline(`${a} = ${z}`)}), so the output error is the gradient itself:`);
    out.equation(`${delta} = ${outputDeltaTex(c)}`);
    return;
  }
  if (layer.activation === 'softmax') {
    out.paragraph(`The softmax output mixes all logits (its Jacobian is ${out.inline(`\\operatorname{diag}(${a}) - ${a} \\left(${a}\\right)${T}`)}), `
      + `so with ${out.inline(`g = ${partial('\\ell', a)}`)}:`);
    out.equation(`${delta} = \\left(\\operatorname{diag}(${a}) - ${a} \\left(${a}\\right)${T}\\right) g = ${outputDeltaTex(c)}`);
    return;
  }
  out.paragraph(`Through the output activation ${out.inline(fName)}, entry by entry:`);
  out.equation(`${delta} = ${partial('\\ell', a)} \\odot f'\\left(${z}\\right) = ${lossGradientTex(c)} \\odot ${fName}'\\left(${z}\\right) `
    + `= ${outputDeltaTex(c)}`);
}
