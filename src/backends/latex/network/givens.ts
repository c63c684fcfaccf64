import type { Loss } from '../../../dsl/network.js';
import { escapeText } from '../tex-writer.js';
import { texNumber } from '../tex-print.js';
import { activationTex } from './activations.js';
import { type NetworkContext, dropoutOf, oneTo, parameterCount } from './context.js';
import { describeTraining } from './training.js';

const LOSS_NAMES: Readonly<Record<Loss, string>> = {
  mse: 'mean squared error (half the sum of squares per example)',
  mae: 'mean absolute error',
  bce: 'binary cross-entropy, computed from the logits of the sigmoid output',
  cce: 'categorical cross-entropy, computed from the logits of the softmax output',
};

/** The givens: sizes, activations, loss and training set-up, as the model declares them. */
export function writeGivens(c: NetworkContext): void {
  const { out, sizes, depth } = c;
  out.subsection('Given');
  out.paragraph(`In the model, \\texttt{${escapeText(c.net.name)}} is a feedforward network with `
    + `${out.inline(`n_{0} = ${sizes[0]}`)} input${sizes[0] === 1 ? '' : 's'} and ${out.inline(`L = ${depth}`)} `
    + `dense layer${depth === 1 ? '' : 's'} (sizes ${sizes.join('--')}), `
    + `${parameterCount(c)} trainable parameters in all:`);
  const rows = oneTo(depth).map((l) => {
    const rate = dropoutOf(c, l);
    return [
      out.inline(String(l)),
      out.inline(`n_{${l}} = ${sizes[l]}`),
      out.inline(activationTex(c, l).name),
      out.inline(`${sizes[l]} \\times ${sizes[l - 1]}`),
      out.inline(String(sizes[l])),
      rate > 0 ? out.inline(`p = ${texNumber(rate)}`) : '---',
      l === depth ? 'output' : 'hidden',
    ];
  });
  const header = [`layer ${out.inline('l')}`, 'units', `activation ${out.inline('f^{l}')}`,
    `${out.inline('W^{l}')}`, `${out.inline('b^{l}')}`, 'dropout', ''];
  out.table('lllllll', header, rows);
  writeActivationDefinitions(c);
  out.paragraph(`Loss: ${LOSS_NAMES[c.spec.loss]}, averaged over the examples of a batch (written out below).`);
  describeTraining(c);
}

/** f(t) and f′(t) of every activation the network uses, once each. */
function writeActivationDefinitions(c: NetworkContext): void {
  const seen = new Set<string>();
  const rows: string[] = [];
  const fs = c.spec.layers.map((_layer, i) => activationTex(c, i + 1));
  for (const f of fs) {
    if (seen.has(f.name)) continue;
    seen.add(f.name);
    const definition = f.definition === undefined ? `${f.name}(t) = t` : f.definition;
    rows.push(`&${definition}, & &${f.derivativeDefinition}`);
  }
  c.out.paragraph('The activation functions, applied to each entry of a vector (softmax to the whole vector), '
    + 'and their derivatives:');
  c.out.align(rows);
  if (fs.some((f) => f.usesStep)) {
    c.out.paragraph(`Here ${c.out.inline('H')} is the unit step, ${c.out.inline('H(t) = 1')} for ${c.out.inline('t > 0')} `
      + `and ${c.out.inline('0')} otherwise; the code takes the derivative at the kink ${c.out.inline('t = 0')} `
      + 'to be the left one.');
  }
}
