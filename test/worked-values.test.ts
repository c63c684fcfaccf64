// The worked example's numbers come from the middle end (compile/network/
// worked-values.ts), attached to the compiled network. They must equal an
// independent computation — textbook backpropagation in plain loops — and
// the compiled training graph the generated trainer is printed from.
import { describe, expect, it } from 'vitest';
import { compileNetwork } from '../src/compile/network/compile-network.js';
import { validateNetwork } from '../src/compile/network/validate.js';
import { type DenseLayer, type Loss, type NetworkSpec, type NetworkSpecInput, dense, network } from '../src/dsl/network.js';
import { evaluateGraph } from '../src/ir/evaluate.js';
import type { NodeId } from '../src/ir/graph.js';
import { backprop } from './helpers/textbook-backprop.js';
import { expectClose } from './helpers/numeric.js';
import { seededRandom, uniform } from './helpers/random.js';

type Worked = NonNullable<NetworkSpecInput['worked']>;

/** Random weights and an example for the layer sizes of `layers`; targets fitting the loss. */
function randomWorked(inputs: number, layers: readonly DenseLayer[], loss: Loss, seed: number): Worked {
  const random = seededRandom(seed);
  const sizes = [inputs, ...layers.map((l) => l.units)];
  const r = () => uniform(random, -1, 1);
  const outputs = sizes[sizes.length - 1];
  const y = loss === 'cce' ? Array.from({ length: outputs }, (_v, k) => (k === 1 ? 1 : 0))
    : Array.from({ length: outputs }, () => (loss === 'bce' ? (random() < 0.5 ? 0 : 1) : r()));
  return {
    weights: layers.map((l, i) => ({
      W: Array.from({ length: l.units }, () => Array.from({ length: sizes[i] }, r)),
      b: Array.from({ length: l.units }, r),
    })),
    x: Array.from({ length: inputs }, r),
    y,
  };
}

const spec = (inputs: number, layers: DenseLayer[], loss: Loss, seed: number, extra: Partial<NetworkSpecInput> = {}): NetworkSpec =>
  network({ inputs, layers, loss, optimizer: { kind: 'sgd', lr: 0.1 }, worked: randomWorked(inputs, layers, loss, seed), ...extra });

const SPECS: Readonly<Record<string, NetworkSpec>> = {
  'tanh → sigmoid, bce': spec(2, [dense(4, 'tanh'), dense(1, 'sigmoid')], 'bce', 1),
  'relu → relu → softmax, cce': spec(3, [dense(4, 'relu'), dense(3, 'relu'), dense(3, 'softmax')], 'cce', 2),
  'softplus → sigmoid, mae': spec(2, [dense(3, 'softplus'), dense(2, 'sigmoid')], 'mae', 3),
  'leaky ReLU with dropout → softmax, mse': spec(3, [dense(4, 'leaky_relu', { alpha: 0.1, dropout: 0.5 }), dense(3, 'softmax')], 'mse', 4),
  'tanh → linear, mse, L1 + L2': spec(2, [dense(3, 'tanh'), dense(1, 'linear')], 'mse', 5, { regularization: { l1: 0.003, l2: 0.01 } }),
  'one sigmoid layer, bce, L2': spec(4, [dense(1, 'sigmoid')], 'bce', 6, { regularization: { l2: 0.1 } }),
};

/** W (row-major) and b per layer as the worked values list them: W1, b1, W2, b2, … */
const flatParams = (W: number[][][], b: number[][]) => W.flatMap((Wl, l) => [Wl.flat(), b[l]]);

describe('worked values equal textbook backpropagation', () => {
  it.each(Object.keys(SPECS))('%s', (name) => {
    const s = SPECS[name];
    const w = s.worked as Worked;
    const W = w.weights.map((l) => l.W.map((row) => [...row]));
    const b = w.weights.map((l) => [...l.b]);
    const ref = backprop(s, W, b);
    const data = backprop({ ...s, regularization: undefined }, W, b); // the gradient of ℓ alone
    const v = compileNetwork(name, validateNetwork(s)).worked;
    if (v === undefined) throw new Error('a spec with a worked example has worked values');
    const rtol = 1e-13;
    ref.z.forEach((zl, l) => {
      expectClose(v.z[l], zl, rtol, rtol, `z${l + 1}`);
      expectClose(v.a[l], ref.a[l], rtol, rtol, `a${l + 1}`);
      expectClose(v.delta[l], ref.delta[l], rtol, rtol, `δ${l + 1}`);
    });
    // ∂ℓ/∂a^l of a hidden layer: (W^{l+1})ᵀ δ^{l+1}.
    W.slice(1).forEach((next, l) => {
      const dA = ref.a[l].map((_v, j) => next.reduce((sum, row, i) => sum + row[j] * ref.delta[l + 1][i], 0));
      expectClose(v.dA[l] ?? [], dA, rtol, rtol, `∂ℓ/∂a${l + 1}`);
    });
    expectClose(v.dataLoss, ref.dataLoss, rtol, rtol, 'ℓ');
    expectClose(v.loss, ref.loss, rtol, rtol, 'L');
    expect(v.paramNames).toEqual(W.flatMap((_Wl, l) => [`W${l + 1}`, `b${l + 1}`]));
    expect(v.params).toEqual(flatParams(W, b));
    flatParams(ref.dW, ref.db).forEach((g, i) => expectClose(v.gradient[i], g, rtol, 1e-15, `∂L/∂${v.paramNames[i]}`));
    flatParams(data.dW, data.db).forEach((g, i) => expectClose(v.dataGradient[i], g, rtol, 1e-15, `∂ℓ/∂${v.paramNames[i]}`));
  });

  it('are absent without a worked example', () => {
    const s = network({ inputs: 2, layers: [dense(1, 'sigmoid')], loss: 'bce', optimizer: { kind: 'sgd', lr: 0.1 } });
    expect(compileNetwork('N', validateNetwork(s)).worked).toBeUndefined();
  });
});

describe('worked values are one row of the compiled training graph', () => {
  // The worked values evaluate the compiled graph (symbolic batch n) at n = 1. At n = B rows, each the
  // example, with 1/B as invN and every mask 1, each row is the example's forward and backward pass.
  it.each(Object.keys(SPECS))('%s', (name) => {
    const net = compileNetwork(name, validateNetwork(SPECS[name]));
    const v = net.worked;
    const w = SPECS[name].worked as Worked;
    if (v === undefined) throw new Error('a spec with a worked example has worked values');
    const { train, gradient } = net;
    const B = 3;
    const rows = (xs: readonly number[]) => Array.from({ length: B }, () => xs).flat();
    const inputs: Record<string, number | number[]> = { X: rows(w.x), Y: rows(w.y), invN: 1 / B };
    train.paramNames.forEach((p, i) => (inputs[p] = [...v.params[i]]));
    train.layers.forEach((l, i) => {
      if (l.mask !== undefined) inputs[`M${i + 1}`] = 1;
    });
    const deltas = train.layers.map((l) => gradient.adjoints.get(l.z) as NodeId);
    const values = evaluateGraph(gradient.graph, [train.loss, ...train.layers.flatMap((l) => [l.z, l.a]), ...deltas, ...gradient.gradient], inputs, { n: B });
    const read = (id: NodeId) => [...(values.get(id)?.data ?? [])];
    train.layers.forEach((l, i) => {
      // Row for row the same operations in the same order: equal to the last bit (δ rows carry the 1/B of the mean).
      expect(read(l.z)).toEqual(rows(v.z[i]));
      expect(read(l.a)).toEqual(rows(v.a[i]));
      expectClose(read(deltas[i]).map((d) => d * B), rows(v.delta[i]), 1e-14, 1e-15, `δ${i + 1}`);
    });
    // The mean over B equal rows: equal up to the rounding of the sums.
    expectClose(read(train.loss)[0], v.loss, 1e-14, 1e-15, 'L');
    gradient.gradient.forEach((id, i) => expectClose(read(id), v.gradient[i], 1e-13, 1e-15, `∂L/∂${train.paramNames[i]}`));
  });
});
