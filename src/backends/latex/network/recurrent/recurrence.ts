import type { Loss } from '../../../../dsl/network.js';
import type { CompiledSequenceNetwork } from '../../../../compile/network/compile-sequence.js';
import { layerKindOf, recurrentKindOf } from '../../../../compile/network/layers/registry.js';
import { escapeText, type TexWriter } from '../../tex-writer.js';
import { functionTex } from '../activations.js';
import { lossName } from '../givens.js';
import { describeTraining } from '../training.js';

/** What the sections of a recurrent network's notes share. */
export interface SequenceContext {
  readonly net: CompiledSequenceNetwork;
  readonly out: TexWriter;
  /** R: the number of recurrent layers (layers 1 … R); the head is R + 1 … L. */
  readonly recurrentDepth: number;
  /** L: every layer. */
  readonly depth: number;
  readonly manyToMany: boolean;
}

export function sequenceContext(net: CompiledSequenceNetwork, out: TexWriter): SequenceContext {
  const recurrentDepth = net.spec.recurrent.length;
  return { net, out, recurrentDepth, depth: recurrentDepth + net.spec.head.length, manyToMany: net.spec.returnSequences };
}

/** What recurrent layer l reads at step t: x_t, or h^{l−1}_t. */
export function layerInput(l: number, t: string): string {
  return l === 1 ? `x_{${t}}` : `h^{${l - 1}}_{${t}}`;
}

/** The loss of one step, ℓ_t, for each loss kind (ŷ_t and y_t vectors); mse with its ½ (the convention's default). */
const STEP_LOSS: Readonly<Record<Loss, string>> = {
  mse: '\\ell_{t} = \\tfrac{1}{2} \\left\\lVert \\hat{y}_{t} - y_{t} \\right\\rVert^{2}',
  mae: '\\ell_{t} = \\sum_{k} \\left|\\hat{y}_{t,k} - y_{t,k}\\right|',
  bce: '\\ell_{t} = -\\sum_{k} \\left(y_{t,k} \\ln \\hat{y}_{t,k} + \\left(1 - y_{t,k}\\right) \\ln\\left(1 - \\hat{y}_{t,k}\\right)\\right)',
  cce: '\\ell_{t} = -\\sum_{k} y_{t,k} \\ln \\hat{y}_{t,k}',
};

/** The givens: the layers, the loss over the steps, BPTT (full or truncated) and its memory. */
export function writeSequenceGivens(c: SequenceContext): void {
  const { net, out, recurrentDepth } = c;
  const { spec } = net;
  out.subsection('Given');
  const sizes = [spec.inputs, ...spec.recurrent.map((l) => l.units), ...spec.head.map((l) => l.units)];
  out.paragraph(`In the model, \\texttt{${escapeText(net.name)}} is a recurrent network: each example is a sequence `
    + `${out.inline('x_{1}, \\dots, x_{T}')} of ${out.inline(`T`)} steps with ${out.inline(`${spec.inputs}`)} `
    + `feature${spec.inputs === 1 ? '' : 's'} each (the length ${out.inline('T')} is a run-time value: the same code runs any length). `
    + `${recurrentDepth === 1 ? 'One recurrent layer reads' : `${recurrentDepth} stacked recurrent layers read`} the steps in order, `
    + `then ${spec.head.length === 1 ? 'a dense layer reads' : `${spec.head.length} dense layers read`} `
    + `${c.manyToMany ? 'the top state at every step (many-to-many)' : 'the top state of the last step (many-to-one)'}; `
    + `sizes ${sizes.join('--')}, ${net.layout.reduce((s, p) => s + p.shape.reduce((a, b) => a * b, 1), 0)} trainable parameters in all:`);
  const rows = net.layout.map((p) => [out.inline(String(p.layer)), `\\texttt{${escapeText(p.name)}}`, out.inline(p.shape.join(' \\times ')), p.role]);
  out.table('llll', [`layer ${out.inline('l')}`, 'parameter', 'shape', 'role'], rows);
  const layers = [
    ...spec.recurrent.map((layer, i) => `${i + 1}: ${recurrentKindOf(layer).describe(layer, i + 1, sizes[i], layerInput(i + 1, 't')).title}`),
    ...spec.head.map((layer, i) => `${recurrentDepth + i + 1}: dense, ${layer.units} unit${layer.units === 1 ? '' : 's'}, ${layer.activation}`),
  ];
  out.paragraph(`Layers: ${layers.map(escapeText).join('; ')}.`);
  out.paragraph(`Loss: ${lossName(spec.loss, spec.lossConvention.half)}, ${lossOverSteps(c)}. Gradients by backpropagation through time `
    + `(${spec.bptt.truncate === undefined ? 'full: every step' : `truncated to windows of ${out.inline(`k = ${spec.bptt.truncate}`)} steps`}).`);
  describeTraining({ out, spec, net }, 'sequence');
}

function lossOverSteps(c: SequenceContext): string {
  const batch = `${c.net.spec.lossConvention.reduction === 'mean' ? 'averaged' : 'summed'} over the sequences of a batch`;
  if (!c.manyToMany) return `on the prediction after the last step, ${batch}`;
  return c.net.spec.lossOverSteps === 'mean'
    ? `on the prediction at every step, averaged over the steps and ${batch}`
    : `on the prediction at every step, summed over the steps and ${batch}`;
}

/** The forward recurrence (each recurrent kind's own rows), the head, and the loss over the steps. */
export function writeForwardRecurrence(c: SequenceContext): void {
  const { net, out, recurrentDepth } = c;
  const { spec } = net;
  out.subsection('Forward pass: the recurrence');
  out.paragraph(`Step by step, ${out.inline('t = 1, \\dots, T')}, from the states ${out.inline('h_{0} = 0')} `
    + `${spec.recurrent.some((l) => l.kind === 'lstm') ? `(and the LSTM's cell ${out.inline('c_{0} = 0')}) ` : ''}before the first step; the same parameters at every step:`);
  let fanIn = spec.inputs;
  const rows = spec.recurrent.flatMap((layer, i) => {
    const rowsOf = recurrentKindOf(layer).describe(layer, i + 1, fanIn, layerInput(i + 1, 't')).forward;
    fanIn = layer.units;
    return rowsOf;
  });
  out.align(rows);
  const at = c.manyToMany ? 't' : 'T';
  out.paragraph(c.manyToMany
    ? `The dense layers run at every step on the top state ${out.inline(`h^{${recurrentDepth}}_{t}`)}, with the same weights at every step:`
    : `The dense layers run once, on the top state after the last step, ${out.inline(`h^{${recurrentDepth}}_{T}`)}:`);
  const headRows = spec.head.flatMap((layer, i) => {
    const l = recurrentDepth + i + 1;
    const input = i === 0 ? `h^{${recurrentDepth}}_{${at}}` : `a^{${l - 1}}`;
    const f = functionTex(layer.activation, layer.options.alpha);
    return layerKindOf(layer).describe(layer, l, i === 0 ? spec.recurrent[recurrentDepth - 1].units : spec.head[i - 1].units,
      { input, activation: f.apply }).forward;
  });
  out.align([...headRows, `\\hat{y}_{${at}} &= a^{${c.depth}}`]);
  out.paragraph('The loss of one step and of the whole sequence (for one example; a batch averages over its sequences):');
  const L = !c.manyToMany ? 'L = \\ell_{T}'
    : spec.lossOverSteps === 'mean' ? 'L = \\frac{1}{T} \\sum_{t=1}^{T} \\ell_{t}' : 'L = \\sum_{t=1}^{T} \\ell_{t}';
  const step = spec.loss === 'mse' && !spec.lossConvention.half ? STEP_LOSS.mse.replace('\\tfrac{1}{2} ', '') : STEP_LOSS[spec.loss];
  out.align([`${step.replace(' = ', ' &= ')}`, `${L.replace(' = ', ' &= ')}`]);
}
