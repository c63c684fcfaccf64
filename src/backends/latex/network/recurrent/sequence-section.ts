import type { CompiledSequenceNetwork } from '../../../../compile/network/compile-sequence.js';
import { escapeText, type TexWriter } from '../../tex-writer.js';
import { writeBackwardThroughTime } from './bptt.js';
import { sequenceContext, writeForwardRecurrence, writeSequenceGivens } from './recurrence.js';
import { unrolledFigure } from './unrolled-figure.js';
import { writeSequenceWorked } from './sequence-worked.js';
import { writeUpdate } from '../update.js';

/**
 * A recurrent network as a worked solution of backpropagation through time:
 * givens, the unrolled graph, the forward recurrence and the loss over the
 * steps, the backward recurrence with its two paths, the gradients as sums
 * over time, truncation, the update; with a worked sequence, one training step in numbers.
 */
export function writeSequenceNetwork(net: CompiledSequenceNetwork, out: TexWriter): void {
  const { worked } = net;
  const c = sequenceContext(net, out);
  out.section(`The recurrent network \\texttt{${escapeText(net.name)}}`);
  writeSequenceGivens(c);
  const T = worked?.sequences[0].steps;
  const columns = T !== undefined && T <= 4 ? Array.from({ length: T }, (_v, k) => String(k + 1)) : ['1', '2', 'T'];
  const R = c.recurrentDepth;
  const figure = unrolledFigure({
    layers: net.spec.recurrent.map((_l, i) => `h^{${i + 1}}`),
    // one W and one U per layer to name on the edges (a gated kind has one per gate: its equations name them)
    weights: net.spec.recurrent.map((l, i) => (l.kind === 'rnn' ? { input: `W^{${i + 1}}`, recurrent: `U^{${i + 1}}` } : undefined)),
    ...(net.spec.head.length === 1 ? { head: `W^{${R + 1}}` } : {}),
    lossEveryStep: c.manyToMany,
    columns,
  });
  out.figure(figure, `The network unrolled over the steps: one column per step, every column with the same parameters; `
    + `${out.inline('h_{0} = 0')}${net.spec.recurrent.some((l) => l.kind === 'lstm') ? ` (and the LSTM's cell ${out.inline('c_{0} = 0')}, carried beside ${out.inline('h')})` : ''}. `
    + `Backward, ${out.inline('\\partial L / \\partial h_{t}')} arrives at a state from above (the loss${c.manyToMany ? ' at its step' : ', at the last step'}) `
    + `and from the right (step ${out.inline('t + 1')}).`);
  writeForwardRecurrence(c);
  writeBackwardThroughTime(c);
  writeUpdate({ out, spec: net.spec, net });
  if (worked !== undefined) writeSequenceWorked(c, worked);
}
