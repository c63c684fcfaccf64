import type { CompiledNetwork } from '../../../compile/network/compile-network.js';
import { type TexWriter, escapeText } from '../tex-writer.js';
import { writeBackward } from './backward.js';
import { networkContext } from './context.js';
import { writeForward } from './forward.js';
import { writeGivens } from './givens.js';
import { writeDiagram } from './diagram.js';
import { writeBatchForm, writeNotation } from './notation.js';
import { writeLoss, writeStableLoss } from './loss.js';
import { writeScalarForm } from './scalar-form.js';
import { writeUpdate } from './update.js';
import { writeWorked } from './worked.js';

/**
 * One network as a worked solution: givens (with a diagram of a small network), notation, forward pass, loss and
 * δ^L, the backward recursion and gradients, the update; for small networks
 * the node-by-node form; with a worked example, one training step in numbers.
 */
export function writeNetwork(net: CompiledNetwork, out: TexWriter): void {
  const c = networkContext(net, out);
  out.section(`The network \\texttt{${escapeText(net.name)}}`);
  writeGivens(c);
  writeDiagram(c);
  writeNotation(c);
  writeForward(c);
  writeLoss(c);
  writeBackward(c);
  writeUpdate(c);
  writeScalarForm(c);
  writeWorked(c);
}

/** The compiler material of one network (an appendix): the batch form the code runs, its graph, how the fused losses stay finite. */
export function writeNetworkAppendix(net: CompiledNetwork, out: TexWriter): void {
  const c = networkContext(net, out);
  writeBatchForm(c);
  writeStableLoss(c);
}
