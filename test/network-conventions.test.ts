// The DSL for published examples in the generated trainer: layers without a
// bias, a bias shared by a layer's units, frozen parameters, the loss
// convention (½ or not, sum or mean over the batch). The trainer is printed
// from the same resolved spec as the notes; its gradient is checked against
// finite differences of its own loss and against textbook backpropagation,
// and Mazur's published step is reproduced by the generated code itself.
import { describe, expect, it } from 'vitest';
import { type NetworkSpec, dense, network } from '../src/dsl/network.js';
import { forEachCentralDifference, loadTrainer, lossOf } from './helpers/network-module.js';
import { batch } from './helpers/network-reference.js';
import { expectClose } from './helpers/numeric.js';
import { type Bias, backprop } from './helpers/textbook-backprop.js';

const CASES: Readonly<Record<string, NetworkSpec>> = {
  'no bias on the hidden layer, ½ squares, mean': network({
    inputs: 3, layers: [dense(4, 'tanh', { bias: false }), dense(2, 'linear')], loss: 'mse', optimizer: { kind: 'sgd', lr: 0.1 },
  }),
  'shared biases, squares without ½, summed': network({
    inputs: 3, layers: [dense(3, 'sigmoid', { bias: 'shared' }), dense(2, 'sigmoid', { bias: 'shared' })],
    loss: { kind: 'mse', half: false, reduction: 'sum' }, optimizer: { kind: 'sgd', lr: 0.1 },
  }),
  'frozen hidden weights and a frozen shared bias, bce summed, L2': network({
    inputs: 3, layers: [dense(4, 'relu', { frozen: ['weights'] }), dense(1, 'sigmoid', { bias: 'shared', frozen: ['bias'] })],
    loss: { kind: 'bce', reduction: 'sum' }, optimizer: { kind: 'sgd', lr: 0.1 }, regularization: { l2: 0.05 },
  }),
  'no bias anywhere, frozen output weights, cce': network({
    inputs: 3, layers: [dense(5, 'softplus', { bias: false }), dense(3, 'softmax', { bias: false, frozen: ['weights'] })],
    loss: 'cce', optimizer: { kind: 'adam', lr: 0.01 },
  }),
};

/** Parameters with varied, nonzero values (initialize() leaves biases at 0). */
function setParams(params: readonly Float64Array[]): void {
  params.forEach((p, k) => p.forEach((_v, i) => (p[i] = 0.3 * Math.sin(1.7 * (k + 1) + 0.9 * i) + 0.05)));
}

describe('the generated trainer honours the conventions', () => {
  it.each(Object.keys(CASES))('%s: gradient against finite differences; frozen arrays get no gradient and no update', async (name) => {
    const spec = CASES[name];
    const { Trainer, compiled } = await loadTrainer(spec);
    const trainer = new Trainer();
    setParams(trainer.params);
    const data = batch(spec, 5, 3);
    forEachCentralDifference(trainer, () => lossOf(trainer, data.X, data.Y, data.n), (analytic, difference, k) => {
      if (compiled.layout[k].frozen === true) expect(analytic).toBe(0); // not computed (the loss does depend on it)
      else expectClose(analytic, difference, 1e-5, 1e-7);
    });
    trainer.lossAndGradient(data.X, data.Y, data.n);
    const before = trainer.params.map((p) => Array.from(p));
    trainer.step();
    trainer.params.forEach((p, k) => {
      if (compiled.layout[k].frozen === true) expect(Array.from(p)).toEqual(before[k]);
      else expect(Array.from(p)).not.toEqual(before[k]);
    });
  });

  it.each(Object.keys(CASES))('%s: loss and gradient equal textbook backpropagation', async (name) => {
    const spec = CASES[name];
    const { Trainer, compiled } = await loadTrainer(spec);
    const trainer = new Trainer();
    setParams(trainer.params);
    const data = batch(spec, 4, 8);
    const loss = lossOf(trainer, data.X, data.Y, data.n);
    const rows = (flat: Float64Array, width: number) => Array.from({ length: flat.length / width }, (_v, r) => Array.from(flat.slice(r * width, (r + 1) * width)));
    const X = rows(data.X, spec.inputs);
    const Y = rows(data.Y, spec.layers[spec.layers.length - 1].units);
    const array = (name: string) => trainer.params[trainer.paramNames.indexOf(name)];
    const W = spec.layers.map((layer, l) => rows(array(`W${l + 1}`), l === 0 ? spec.inputs : spec.layers[l - 1].units));
    const b: Bias[] = spec.layers.map((layer, l) => {
      const bias = layer.options.bias ?? true;
      return bias === false ? undefined : bias === 'shared' ? array(`b${l + 1}`)[0] : Array.from(array(`b${l + 1}`));
    });
    const ref = backprop(spec, W, b, X, Y);
    expectClose(loss, ref.loss, 1e-12, 1e-14);
    compiled.layout.forEach((p, k) => {
      const l = p.layer - 1;
      const expected = p.frozen === true ? new Array(p.size).fill(0) : p.role === 'weight' ? ref.dW[l].flat() : [ref.db[l]].flat();
      expectClose(Array.from(trainer.grads[k]), expected as number[], 1e-11, 1e-14, `∂L/∂${p.name}`);
    });
  });
});

describe('Mazur\'s 2-2-2 step, by the generated trainer', () => {
  it('gives the published loss, gradient and updated weights (shared frozen biases, ½ Σ squares, η = 0.5)', async () => {
    const spec = network({
      inputs: 2,
      layers: [dense(2, 'sigmoid', { bias: 'shared', frozen: ['bias'] }), dense(2, 'sigmoid', { bias: 'shared', frozen: ['bias'] })],
      loss: { kind: 'mse', half: true, reduction: 'sum' },
      optimizer: { kind: 'sgd', lr: 0.5, batchSize: 1 },
    });
    const { Trainer } = await loadTrainer(spec);
    const t = new Trainer();
    const set = (name: string, values: number[]) => t.params[t.paramNames.indexOf(name)].set(values);
    set('W1', [0.15, 0.2, 0.25, 0.3]);
    set('b1', [0.35]);
    set('W2', [0.4, 0.45, 0.5, 0.55]);
    set('b2', [0.6]);
    const loss = lossOf(t, new Float64Array([0.05, 0.1]), new Float64Array([0.01, 0.99]), 1);
    expect(loss).toBeCloseTo(0.298371109, 9); // E_total
    const grad = (name: string) => Array.from(t.grads[t.paramNames.indexOf(name)]);
    expect(grad('W2')[0]).toBeCloseTo(0.082167041, 9); // ∂E_total/∂w5
    t.step();
    const value = (name: string) => Array.from(t.params[t.paramNames.indexOf(name)]);
    // w5⁺ … w8⁺ and w1⁺ … w4⁺ as published
    [0.35891648, 0.408666186, 0.511301270, 0.561370121].forEach((w, i) => expect(value('W2')[i]).toBeCloseTo(w, 8));
    [0.149780716, 0.19956143, 0.24975114, 0.29950229].forEach((w, i) => expect(value('W1')[i]).toBeCloseTo(w, 8));
    expect(value('b1')).toEqual([0.35]);
    expect(value('b2')).toEqual([0.6]);
  });
});
