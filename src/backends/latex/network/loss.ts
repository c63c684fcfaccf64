import type { NodeId } from '../../../ir/graph.js';
import { partial } from '../tex-print.js';
import { activationTex } from './activations.js';
import { type NetworkContext, T, layerOf, layerSym, unitSym } from './context.js';
import { derivedFactor, derivedTex } from './derived-tex.js';
import { tagged } from './nielsen.js';

/** What the output layer's z, a and y stand for in a derived formula: symbols, or numbers substituted. */
export interface OutputSymbols {
  readonly z: string;
  readonly a: string;
  readonly y: string;
}

/** The output layer's symbols as vectors (z^{L}, a^{L}, y) or for entry k (z^{L}_{k}, a^{L}_{k}, y_{k}). */
function outputSymbols(c: NetworkContext, k?: number | string): OutputSymbols {
  const sym = (base: string) => (k === undefined ? layerSym(base, c.depth) : unitSym(base, c.depth, k));
  return { z: sym('z'), a: sym('a'), y: k === undefined ? 'y' : `y_{${k}}` };
}

function outputNames(c: NetworkContext, s: OutputSymbols): Map<NodeId, string> {
  const e = c.net.derivatives.outputError;
  // a last: for a linear output a is z, and it reads as a.
  return new Map([[e.z, s.z], [e.y, s.y], [e.a, s.a]]);
}

/**
 * δ^L for the loss/output pair, derived from the loss's and the activation's
 * vjp rules (middle end: outputError), in vector form or for entry k (with
 * `symbols`, e.g. numbers, for z, a and y): the line the notes derive and the
 * backward pass starts from. A softmax output under mse / mae applies the
 * softmax Jacobian to g = ∂ℓ/∂a (vector form only).
 */
export function outputDeltaTex(c: NetworkContext, k?: number | string, symbols = outputSymbols(c, k)): string {
  const e = c.net.derivatives.outputError;
  if (e.delta !== undefined) return derivedTex(e.graph, e.delta, outputNames(c, symbols), k === undefined ? 'vector' : 'entry');
  const a = layerSym('a', c.depth);
  return `${a} \\odot \\left(g - \\left(\\left(${a}\\right)${T} g\\right) \\mathbf{1}\\right), \\quad g = ${lossGradientTex(c)}`;
}

/** ∂ℓ/∂a^L for mse and mae, derived (a^L − y, or its sign): for entry k when given; as a factor (parenthesized when a sum) by default. */
export function lossGradientTex(c: NetworkContext, k?: number, factor = true, symbols = outputSymbols(c, k)): string {
  const e = c.net.derivatives.outputError;
  if (e.lossGradient === undefined) throw new Error(`the ${c.spec.loss} loss is computed from the logits, not from a^L`);
  const print = factor ? derivedFactor : derivedTex;
  return print(e.graph, e.lossGradient, outputNames(c, symbols), k === undefined ? 'vector' : 'entry');
}

/** The loss of one example and the output layer's error δ^L, derived for this loss/output pair. */
export function writeLoss(c: NetworkContext): void {
  const { out } = c;
  const L = c.depth;
  const a = layerSym('a', L);
  const z = layerSym('z', L);
  const dL = partial('\\ell', z);
  out.subsection(`Loss and the output error ${out.inline(`\\delta^{${L}}`)}`);
  const f = activationTex(c, L);
  switch (c.spec.loss) {
    case 'mse':
    case 'mae': {
      const mse = c.spec.loss === 'mse';
      const half = c.spec.lossConvention.half;
      out.paragraph(!mse ? 'The absolute error, summed over the outputs:' : half
        ? 'Half the squared error, summed over the outputs (the half cancels in the derivative):'
        : 'The squared error, summed over the outputs (without the half: its derivative keeps the factor 2):');
      const h = half ? '\\frac{1}{2} ' : '';
      const loss = mse ? `\\ell = ${h}\\sum_{k} \\left(${a}_{k} - y_{k}\\right)^{2} = ${h}\\left\\lVert ${a} - y \\right\\rVert^{2}`
        : `\\ell = \\sum_{k} \\left|${a}_{k} - y_{k}\\right|`;
      const grad = `${partial('\\ell', a)} = ${lossGradientTex(c, undefined, false)}`;
      out.align([`&${loss}`, `&${grad}`]);
      if (!mse) {
        out.paragraph(`(${out.inline('\\operatorname{sgn} 0 = 0')}: the code takes the derivative of ${out.inline('|t|')} at ${out.inline('t = 0')} to be 0.)`);
      }
      writeChainToLogits(c, f.name);
      break;
    }
    case 'bce': {
      out.paragraph(`Binary cross-entropy of the sigmoid outputs ${out.inline(`${a} = \\sigma\\left(${z}\\right)`)}, summed over the outputs:`);
      out.equation(`\\ell = \\sum_{k} \\Bigl(-y_{k} \\ln ${a}_{k} - \\left(1 - y_{k}\\right) \\ln\\left(1 - ${a}_{k}\\right)\\Bigr)`);
      // σ′ and the result a − y as the op records derive them; ∂ℓ/∂a of the unfused form is the textbook quotient.
      const sigmaPrime = (zk: string, ak: string) => f.derivative(zk, ak, 'entry') ?? '?';
      out.paragraph(`Its derivative with respect to a logit: the sigmoid's derivative ${out.inline(`\\sigma' = ${sigmaPrime('z', 'a')}`)} cancels the denominator,`);
      out.equation(`${partial('\\ell', `${z}_{k}`)} = ${partial('\\ell', `${a}_{k}`)} \\, \\sigma'\\left(${z}_{k}\\right) `
        + `= \\frac{${a}_{k} - y_{k}}{${sigmaPrime(`${z}_{k}`, `${a}_{k}`)}} \\cdot ${sigmaPrime(`${z}_{k}`, `${a}_{k}`)} = ${outputDeltaTex(c, 'k')}`);
      out.paragraph('Hence the output error:');
      out.equation(tagged(`\\delta^{${L}} = ${dL} = ${outputDeltaTex(c)}`, 'BP1'));
      break;
    }
    case 'cce':
      out.paragraph(`Categorical cross-entropy of the softmax outputs ${out.inline(`${a} = \\operatorname{softmax}\\left(${z}\\right)`)} `
        + `against a target distribution ${out.inline('y')} (one-hot, or any ${out.inline('y_{k} \\ge 0')} with ${out.inline('\\sum_{k} y_{k} = 1')}):`);
      out.equation(`\\ell = -\\sum_{k} y_{k} \\ln ${a}_{k}`);
      out.paragraph(`Since ${out.inline(`\\ln ${a}_{k} = ${z}_{k} - \\operatorname{lse}\\left(${z}\\right)`)} with the log-sum-exp `
        + `${out.inline(`\\operatorname{lse}(z) = \\ln \\sum_{j} e^{z_{j}}`)}, and ${out.inline('\\sum_{k} y_{k} = 1')}:`);
      out.equation(`\\ell = \\operatorname{lse}\\left(${z}\\right) - \\sum_{k} y_{k} ${z}_{k}`);
      out.paragraph(`Differentiating, ${out.inline(`\\partial \\operatorname{lse}(z) / \\partial z_{k} = e^{z_{k}} / \\sum_{j} e^{z_{j}} = a_{k}`)}, so`);
      out.equation(tagged(`\\delta^{${L}} = ${dL} = ${outputDeltaTex(c)}`, 'BP1'));
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
    out.equation(tagged(`${delta} = ${outputDeltaTex(c)}`, 'BP1'));
    return;
  }
  if (layer.activation === 'softmax') {
    out.paragraph(`The softmax output mixes all logits (its Jacobian is ${out.inline(`\\operatorname{diag}(${a}) - ${a} \\left(${a}\\right)${T}`)}), `
      + `so with ${out.inline(`g = ${partial('\\ell', a)}`)}:`);
    out.equation(tagged(`${delta} = \\left(\\operatorname{diag}(${a}) - ${a} \\left(${a}\\right)${T}\\right) g = ${outputDeltaTex(c)}`, 'BP1'));
    return;
  }
  out.paragraph(`Through the output activation ${out.inline(fName)}, entry by entry:`);
  out.equation(tagged(`${delta} = ${partial('\\ell', a)} \\odot f'\\left(${z}\\right) = ${lossGradientTex(c)} \\odot ${fName}'\\left(${z}\\right) `
    + `= ${outputDeltaTex(c)}`, 'BP1'));
}

/**
 * How the code keeps a fused loss finite (an appendix: compiler material):
 * bce from the logit in a form that exponentiates only −|z|, cce through the
 * log-sum-exp shifted by the largest logit.
 */
export function writeStableLoss(c: NetworkContext): void {
  const { out } = c;
  const L = c.depth;
  if (c.spec.loss === 'bce') {
    out.paragraph('The code never forms the logarithm of a probability: per output it computes the equal, stable form');
    out.equation(`-y \\ln \\sigma(z) - (1 - y) \\ln\\bigl(1 - \\sigma(z)\\bigr) = \\max(z, 0) - z y + \\ln\\left(1 + e^{-|z|}\\right)`);
    out.paragraph(`which exponentiates only ${out.inline('-|z| \\le 0')}, so it is finite for any logit `
      + `(${out.inline('\\ln \\sigma(z)')} itself would round to ${out.inline('\\ln 0')} for ${out.inline('z \\ll 0')}).`);
  }
  if (c.spec.loss === 'cce') {
    out.paragraph(`The code computes ${out.inline('\\ell = \\operatorname{lse}(z) - \\sum_{k} y_{k} z_{k}')} with `
      + `${out.inline('\\operatorname{lse}(z) = m + \\ln \\sum_{j} e^{z_{j} - m}')}, ${out.inline('m = \\max_{j} z_{j}')}. Every exponent `
      + `${out.inline('z_{j} - m')} is at most 0, so each `
      + `${out.inline('e^{z_{j} - m}')} is in ${out.inline('(0, 1]')} and the sum is between 1 and ${out.inline(`n_{${L}}`)}: `
      + `nothing overflows and the logarithm is finite, even for logits like ${out.inline('z = (1000, 0)')} where `
      + `${out.inline('e^{1000}')} would overflow (${out.inline('\\operatorname{lse} = 1000 + \\ln(1 + e^{-1000})')}).`);
  }
}
