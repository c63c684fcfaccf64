import { T } from '../context.js';
import { recurrentBackward } from './gate-derivatives.js';
import { layerInput, type SequenceContext } from './recurrence.js';
import { counted } from '../../../../util/plural.js';
import { printedWidth, ROW_WIDTH } from './working-rows.js';

/**
 * Backpropagation through time for this network: the adjoint g_t = ∂L/∂h_t
 * of every state with the two paths into it named (the loss at step t, and
 * step t + 1), each kind's δ's and local derivatives, the parameter gradients
 * as sums over the steps, truncation, memory, and the product of Jacobians
 * behind vanishing and exploding gradients.
 */
export function writeBackwardThroughTime(c: SequenceContext): void {
  const { net, out, recurrentDepth: R } = c;
  const { spec } = net;
  out.subsection('Backward pass: backpropagation through time');
  out.paragraph(`Unrolled over the steps, the network is one deep feedforward graph whose layers share their parameters (the figure). `
    + `Write ${out.inline('g^{l}_{t} = \\partial L / \\partial h^{l}_{t}')} for the whole derivative of the loss with respect to a state, `
    + 'through everything that state influences. A state is read in two places, so two paths lead back into it:');
  const head = `\\left(W^{${R + 1}}\\right)${T} \\delta^{${R + 1}}_{t}`;
  const top = recurrentBackward(spec.recurrent[R - 1]);
  const fromLoss = c.manyToMany ? head : `[t = T] \\, ${head}`;
  out.equation(`g^{${R}}_{t} = \\underbrace{${fromLoss}}_{\\text{from the loss at step } t}`
    + ` + \\underbrace{${top.throughNext(R)}}_{\\text{from step } t+1 \\text{ (the recurrence)}}`);
  out.paragraph(`The first path is the head's backward pass at step ${out.inline('t')}, as in a feedforward network: `
    + `${out.inline(`\\delta^{${R + 1}}_{t} = \\partial L / \\partial z^{${R + 1}}_{t}`)}, the output error of the loss`
    + `${c.manyToMany ? ` at step ${out.inline('t')}` : ` (there is only one, at ${out.inline('t = T')}: ${out.inline('[t = T]')} is 1 there and 0 before)`}`
    + `${c.manyToMany && spec.lossOverSteps === 'mean' ? `, including the ${out.inline('1/T')} of the mean over steps` : ''}. `
    + `The second is step ${out.inline('t + 1')}, which reads ${out.inline(`h^{${R}}_{t}`)} as its previous state; `
    + `it does not exist at the last step (${out.inline(`\\delta_{T+1} = 0`)}), so the recursion starts at ${out.inline('t = T')} and runs backward.`);
  if (R > 1) {
    out.paragraph('A lower layer\'s state feeds the layer above at the same step instead of the loss:');
    out.align(Array.from({ length: R - 1 }, (_v, i) => R - 1 - i).map((l) => {
      const above = recurrentBackward(spec.recurrent[l]);
      const own = recurrentBackward(spec.recurrent[l - 1]);
      const fromAbove = `\\underbrace{${above.down(l + 1)}}_{\\text{from layer } ${l + 1} \\text{ at step } t}`;
      const fromNext = `\\underbrace{${own.throughNext(l)}}_{\\text{from step } t+1}`;
      const row = `g^{${l}}_{t} &= ${fromAbove} + ${fromNext}`;
      // gated layers' sums over their gates: the path from step t + 1 on a row of its own when both do not fit one
      return printedWidth(row) <= ROW_WIDTH ? row : `g^{${l}}_{t} &= ${fromAbove} \\\\ &\\qquad + ${fromNext}`;
    }));
  }
  writeLayerDeltas(c);
  writeParameterGradients(c);
  writeTruncation(c);
  writeGradientFlow(c);
}

/** Each recurrent layer's δ's from its g_t, with the local derivatives they use. */
function writeLayerDeltas(c: SequenceContext): void {
  const { net, out } = c;
  const seen = new Set<string>();
  const local: string[] = [];
  net.spec.recurrent.forEach((layer) => recurrentBackward(layer).local.forEach((row) => {
    if (!seen.has(row)) local.push(row);
    seen.add(row);
  }));
  out.paragraph('The local derivatives of the step (each acts entry by entry):');
  out.align(local);
  out.paragraph(`Through the step's own equations, the errors of the pre-activations at step ${out.inline('t')} `
    + `(${out.inline('\\odot')} multiplies entry by entry):`);
  out.align(net.spec.recurrent.flatMap((layer, i) => recurrentBackward(layer).deltas(i + 1)));
  if (net.spec.recurrent.some((l) => l.kind === 'lstm')) {
    out.paragraph(`In the LSTM, ${out.inline('e_{t} = \\partial L / \\partial c_{t}')} is the cell's own adjoint; it too has two paths, `
      + `through ${out.inline('h_{t} = o_{t} \\odot \\tanh c_{t}')} and through ${out.inline('c_{t+1} = f_{t+1} \\odot c_{t} + \\dots')}, `
      + `so ${out.inline('\\partial c_{t+1} / \\partial c_{t} = \\operatorname{diag}(f_{t+1})')}: the forget gate, not a weight matrix and an activation's slope, `
      + 'carries the gradient from step to step.');
  }
}

/** ∂L/∂θ = Σ_t (the step's term): the same parameters at every step collect one term per step. */
function writeParameterGradients(c: SequenceContext): void {
  const { net, out, recurrentDepth: R } = c;
  out.paragraph('Each step uses the same parameters, so a parameter\'s gradient is the sum of one term per step '
    + '(the fan-out of a shared value, summed over the unrolled graph):');
  const rows = net.spec.recurrent.flatMap((layer, i) => recurrentBackward(layer).gradients(i + 1, (t) => layerInput(i + 1, t)));
  const headInput = (t: string) => `h^{${R}}_{${t}}`;
  const at = c.manyToMany ? '\\sum_{t} ' : '';
  const t = c.manyToMany ? 't' : 'T';
  rows.push(`\\frac{\\partial L}{\\partial W^{${R + 1}}} &= ${at}\\delta^{${R + 1}}_{${t}} \\left(${headInput(t)}\\right)${T}, & `
    + `\\frac{\\partial L}{\\partial b^{${R + 1}}} &= ${at}\\delta^{${R + 1}}_{${t}}`);
  out.align(rows);
  out.paragraph(`${net.spec.head.length > 1 ? 'The head\'s other layers follow the feedforward recursion at each step. ' : ''}`
    + `Over a batch of ${out.inline('n')} sequences the code does the same with one sequence per row (the ${out.inline('1/n')} of the mean is in ${out.inline(`\\delta^{${R + 1}}`)}); `
    + `the sums over ${out.inline('t')} run inside the loop over the steps, so the code does not grow with ${out.inline('T')}. `
    + `Each ${out.inline('g_{t}')} is the adjoint of a state in the compiled reverse step, each sum the accumulation of that step's parameter adjoints.`);
}

function writeTruncation(c: SequenceContext): void {
  const { net, out } = c;
  const k = net.spec.bptt.truncate;
  const memory = `Memory: the backward pass needs every stored step, ${counted(net.memory.perStep, 'number')} per step and sequence `
    + `(the states${net.step.saved.length > 0 ? ' and the gate values the reverse step reads' : ''}${c.manyToMany ? ', and each step\'s ' + out.inline('\\partial \\ell_{t} / \\partial h_{t}') : ''}), `
    + `${out.inline(net.memory.formula.replace(/×/g, '\\times').replace(/min\(/g, '\\min(').replace(/ bytes$/, '\\text{ bytes}'))}.`;
  if (k === undefined) {
    out.paragraph(`Full BPTT: the sums run over every step ${out.inline('t = 1, \\dots, T')}, and the forward pass keeps the states of all `
      + `${out.inline('T')} steps for the backward pass. ${memory}`);
    return;
  }
  out.paragraph(`Truncated BPTT with ${out.inline(`k = ${k}`)}: the sequence is cut into windows of ${out.inline('k')} steps counted back from the last `
    + `(the first window shorter when ${out.inline('k')} does not divide ${out.inline('T')}). The forward pass runs through every window in order, `
    + 'each starting from the previous one\'s last state; the backward pass stays inside its window: at the last step of a window the path '
    + `"from step ${out.inline('t + 1')}" is taken to be 0 (the next window treats this state as given), and the sums over ${out.inline('t')} `
    + `collect the terms of the steps whose window has a loss${c.manyToMany ? '' : ` (many-to-one: only the last window, ${out.inline(`t = T - k + 1, \\dots, T`)})`}. `
    + `It is the exact gradient of that truncated computation, not of ${out.inline('L')}; memory is bounded by ${out.inline('k')} instead of ${out.inline('T')}. ${memory}`);
}

/** ∂h_t/∂h_{t−1} and its product over the steps: why gradients vanish or explode, and what the trainer reports. */
function writeGradientFlow(c: SequenceContext): void {
  const { net, out, recurrentDepth: R } = c;
  const layer = net.spec.recurrent[R - 1];
  const jacobian = layer.kind === 'rnn'
    ? `\\frac{\\partial h_{t}}{\\partial h_{t-1}} = \\operatorname{diag}\\left(${layer.activation === 'tanh' ? '1 - h_{t} \\odot h_{t}' : 'H(z_{t})'}\\right) U`
    : layer.kind === 'lstm'
      ? '\\frac{\\partial c_{t}}{\\partial c_{t-1}} = \\operatorname{diag}\\left(f_{t}\\right) \\text{ (along the cell)}'
      : '\\frac{\\partial h_{t}}{\\partial h_{t-1}} = \\operatorname{diag}\\left(z_{t}\\right) + \\dots \\text{ (the update gate\'s direct path)}';
  out.paragraph('Unrolling the recursion, the loss at step ' + out.inline('t') + ' reaches an earlier state ' + out.inline('h_{s}') + ' through a product of one Jacobian per step in between:');
  out.equation(`\\frac{\\partial \\ell_{t}}{\\partial h_{s}} = \\frac{\\partial \\ell_{t}}{\\partial h_{t}} \\prod_{u=s+1}^{t} \\frac{\\partial h_{u}}{\\partial h_{u-1}}, \\qquad ${jacobian}`);
  out.paragraph(layer.kind === 'rnn'
    ? `With ${layer.activation === 'tanh' ? out.inline('|\\tanh\'| \\le 1') : 'the ReLU\'s slope 0 or 1'}, the product shrinks geometrically when the largest singular value of ${out.inline('U')} `
      + 'times the slopes stays below 1 (vanishing gradients: distant steps barely affect the update) and can grow geometrically above it (exploding gradients).'
    : `The gated path multiplies by gate values the network learns, which can stay near 1 over many steps: the gradient need not vanish.`);
  out.paragraph(`The trainer's \\texttt{hiddenGradientNorms()} reports ${out.inline(`\\lVert g^{${R}}_{t} \\rVert_{2}`)} (over the batch) for every step `
    + `of its last backward pass, so the decay can be watched${net.spec.clip.norm !== undefined || net.spec.clip.value !== undefined ? '; clipping (above) bounds the explosion' : ''}.`);
}
