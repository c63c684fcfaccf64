// The appendix's batch form for layers whose bias is not one per unit (found
// reviewing notes-net's trial: a shared bias was written as a per-unit vector,
// ∂L/∂b^l = Σᵢ δ^{l,(i)}, where one number added to every unit has the sum of
// every entry of Δ^l as its gradient; a layer without bias was not told apart).
import { describe, expect, it } from 'vitest';
import { compileNetwork } from '../src/compile/network/compile-network.js';
import { validateNetwork } from '../src/compile/network/validate.js';
import { buildNotes } from '../src/backends/latex/notes.js';
import type { GeneratedFrom } from '../src/backends/ts/module.js';
import { dense, network } from '../src/dsl/network.js';
import { loadTrainer, lossOf } from './helpers/network-module.js';

const FROM: GeneratedFrom = { source: 'trials/model.ts', command: 'nncompile trials/model.ts', notes: 'trials/model.tex', version: '0.1.0' };

const spec = network({
  inputs: 2,
  layers: [dense(3, 'tanh', { bias: 'shared' }), dense(2, 'tanh', { bias: false }), dense(1, 'linear', { bias: 'shared', frozen: ['bias'] })],
  loss: 'mse',
  optimizer: { kind: 'sgd', lr: 0.1, batchSize: 4 },
});

const appendix = () => {
  const tex = buildNotes([], FROM, [compileNetwork('Biases', validateNetwork(spec))]).document;
  return tex.slice(tex.indexOf('The batch form of'));
};

describe('the batch form names the layers whose bias is shared or absent', () => {
  it('a trained shared bias sums every entry of Δ^l; a frozen one (layer 3) has no gradient stated; a layer without bias says so', () => {
    const text = appendix();
    expect(text).toContain('In layers 1 and 3 the bias is shared, one number $b^{l}$: $\\mathbf{1} \\left(b^{l}\\right)^{\\top} = b^{l} \\mathbf{1} \\mathbf{1}^{\\top}$ adds it to every entry of $Z^{l}$; in layer 1, where it is trained, $\\frac{\\partial L}{\\partial b^{l}} = \\frac{1}{B} \\sum_{i=1}^{B} \\mathbf{1}^{\\top} \\delta^{l,(i)}$, the sum of every entry of $\\Delta^{l}$.');
    expect(text).toContain('Layer 2 has no bias: there $Z^{l} = A^{l-1} \\left(W^{l}\\right)^{\\top}$, with no bias gradient.');
  });

  it('what it states is what the trainer computes: ∂L/∂b¹ = (1/B) Σᵢ Σ_k δ¹_k of each example', async () => {
    const { Trainer } = await loadTrainer(spec);
    const t = new Trainer();
    t.params.forEach((p, k) => p.forEach((_v, i) => (p[i] = 0.4 * Math.cos(1.3 * k + 0.7 * i) + 0.1)));
    const X = new Float64Array([0.5, -1, 1.5, 0.25, -0.75, 2, 1, 1]);
    const Y = new Float64Array([0.3, -0.2, 0.8, 0.1]);
    lossOf(t, X, Y, 4);
    const b1 = t.grads[t.paramNames.indexOf('b1')][0];
    // the same sum by moving b¹: every unit's pre-activation moves with it
    const h = 1e-6;
    const at = (delta: number) => {
      const p = t.params[t.paramNames.indexOf('b1')];
      const keep = p[0];
      p[0] = keep + delta;
      const loss = lossOf(t, X, Y, 4);
      p[0] = keep;
      return loss;
    };
    expect(b1).toBeCloseTo((at(h) - at(-h)) / (2 * h), 7);
  });
});
