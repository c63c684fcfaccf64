import { escapeText } from '../tex-writer.js';
import { networkFigure } from '../figures/network-figure.js';
import type { NetworkContext } from './context.js';

/**
 * The network drawn (small networks only): its units, weights and biases
 * named as the notes name them, tied to the arrays of the generated code.
 */
export function writeDiagram(c: NetworkContext): void {
  const figure = networkFigure(c);
  if (!figure) return;
  const { out } = c;
  // W^{l} is the array Wl of the generated code, b^{l} the array bl
  const arrays = c.net.layout.map((p) => `${out.inline(`${p.name[0]}^{${p.layer}}`)} is \\texttt{${escapeText(p.name)}}`).join(', ');
  const shared = c.net.layout.some((p) => p.role === 'bias' && p.shape.length === 0);
  const frozen = c.net.layout.filter((p) => p.frozen === true).map((p) => `\\texttt{${escapeText(p.name)}}`);
  const weights = c.net.layout.some((p) => p.role === 'weight');
  out.figure(figure, `The network ${out.inline('x \\to a^{1} \\to \\dots \\to a^{L}')}. `
    + (weights ? `${out.inline('w^{l}_{ij}')} weighs unit ${out.inline('j')} of layer ${out.inline('l-1')} into unit ${out.inline('i')} of layer ${out.inline('l')}: `
      + `entry ${out.inline('(i, j)')} of ${out.inline('W^{l}')}. In the generated code ${arrays}. ` : '')
    + (shared ? `A box ${out.inline('b^{l}')} joined to every unit of its layer is one bias shared by them. ` : '')
    + (frozen.length > 0 ? `Dashed: frozen, not trained (${frozen.join(', ')}).` : ''));
}
