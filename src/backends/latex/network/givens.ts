import type { Loss } from '../../../dsl/network.js';
import { escapeText } from '../tex-writer.js';
import { activationTex } from './activations.js';
import { type NetworkContext, counted, dropoutOf, layerOf, oneTo, parameterCount, trainedCount } from './context.js';
import { describeLayer } from './layer-tex.js';
import { describeTraining } from './training.js';

const LOSS_NAMES: Readonly<Record<Loss, string>> = {
  // the mean (or sum) over the batch is said after the name: "mean" squared error would contradict a summed loss
  mse: 'squared error (half the sum of squares per example)',
  // per example the sum over the outputs; whether the batch takes the mean or the sum is said after the name
  mae: 'absolute error (the sum of the absolute differences per example)',
  bce: 'binary cross-entropy, computed from the logits of the sigmoid output',
  cce: 'categorical cross-entropy, computed from the logits of the softmax output',
};

/** The givens: sizes, activations, loss and training set-up, as the model declares them. */
export function writeGivens(c: NetworkContext): void {
  const { out, sizes, depth } = c;
  out.subsection('Given');
  const trained = trainedCount(c);
  const count = parameterCount(c);
  out.paragraph(`In the model, \\texttt{${escapeText(c.net.name)}} is a feedforward network with `
    + `${out.inline(`n_{0} = ${out.given(sizes[0], 'n_{0}')}`)} ${sizes[0] === 1 ? 'input' : 'inputs'} and ${out.inline(`L = ${out.given(depth, 'L')}`)} `
    + `layer${depth === 1 ? '' : 's'} (sizes ${sizes.join('--')}), `
    + `${count === trained ? `${counted(count, 'trainable parameter')} in all` : `${counted(count, 'parameter')}, ${trained} of them trained`}:`);
  // each layer's parameter arrays as its kind declares them (a shared bias is one number; frozen ones are marked)
  const parameters = (l: number) => describeLayer(c, l).parameters.map((p) => {
    const space = p.shape.length === 0 ? '\\mathbb{R}' : `\\mathbb{R}^{${p.shape.join(' \\times ')}}`;
    const frozen = c.net.layout.find((q) => q.name === p.name)?.frozen === true;
    return `${out.inline(`${p.tex} \\in ${space}`)}${frozen ? ' (frozen)' : ''}`;
  }).join(', ');
  const rows = oneTo(depth).map((l) => {
    const rate = dropoutOf(c, l);
    return [
      out.inline(String(l)),
      out.inline(`n_{${l}} = ${out.given(sizes[l], `n_{${l}}`)}`),
      out.inline(activationTex(c, l).name),
      parameters(l),
      rate > 0 ? out.inline(`p = ${out.given(rate, `p^{${l}}`)}`) : '---',
      l === depth ? 'output' : 'hidden',
    ];
  });
  const header = [`layer ${out.inline('l')}`, 'units', `activation ${out.inline('f^{l}')}`, 'parameters', 'dropout', 'role'];
  out.table('llllll', header, rows);
  writeActivationDefinitions(c);
  const { half, reduction } = c.spec.lossConvention;
  out.paragraph(`Loss: ${lossName(c.spec.loss, half)}, ${reduction === 'mean' ? 'averaged' : 'summed'} over the examples of a batch (written out below).`);
  describeTraining(c);
}

/** The loss in words, with its convention: mse with or without the ½. */
export function lossName(loss: Loss, half: boolean): string {
  return loss === 'mse' && !half ? 'squared error (the sum of squares per example, without the half)' : LOSS_NAMES[loss];
}

/** f(t) and f′(t) of every activation the network uses, once each. */
function writeActivationDefinitions(c: NetworkContext): void {
  const seen = new Set<string>();
  const rows: string[] = [];
  const fs = c.spec.layers.map((_layer, i) => activationTex(c, i + 1));
  for (const f of fs) {
    if (seen.has(f.name)) continue;
    seen.add(f.name);
    const definition = f.definition === undefined ? `${f.name}(t) = t` : f.definition((value, label) => c.out.given(value, label));
    rows.push(`&${definition}, & &${f.derivativeDefinition}`);
  }
  c.out.paragraph('The activation functions, applied to each entry of a vector (softmax to the whole vector), '
    + 'and their derivatives:');
  c.out.align(rows);
  writeLeakySlopes(c);
  if (fs.some((f) => f.usesStep)) {
    c.out.paragraph(`Here ${c.out.inline('H')} is the unit step, ${c.out.inline('H(t) = 1')} for ${c.out.inline('t > 0')} `
      + `and ${c.out.inline('0')} otherwise; the code takes the derivative at the kink ${c.out.inline('t = 0')} `
      + 'to be the left one.');
  }
}

/** The constant of a leaky ReLU, named: its subscript is the slope α for t ≤ 0 (the layer's `alpha`). */
function writeLeakySlopes(c: NetworkContext): void {
  const leaky = oneTo(c.depth).filter((l) => layerOf(c, l).activation === 'leaky_relu');
  if (leaky.length === 0) return;
  const { out } = c;
  const slopes = [...new Set(leaky.map((l) => layerOf(c, l).options.alpha))];
  const which = (alpha: number) => {
    const layers = leaky.filter((l) => layerOf(c, l).options.alpha === alpha);
    return slopes.length === 1 ? '' : ` (layer${layers.length === 1 ? '' : 's'} ${layers.join(', ')})`;
  };
  out.paragraph(`The subscript of ${out.inline('\\operatorname{LeakyReLU}_{\\alpha}')} is its slope for negative inputs, `
    + `the layer's \\texttt{alpha}: `
    + `${slopes.map((alpha) => `${out.inline(`\\alpha = ${out.given(alpha, '\\alpha')}`)}${which(alpha)}`).join(', ')}.`);
}
