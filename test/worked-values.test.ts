// The worked example's numbers come from the middle end (compile/network/
// worked-values.ts), attached to the compiled network. They must equal an
// independent computation — textbook backpropagation in plain loops — and
// the compiled training graph the generated trainer is printed from.
import { describe, expect, it } from 'vitest';
import { compileNetwork } from '../src/compile/network/compile-network.js';
import { validateNetwork } from '../src/compile/network/validate.js';
import {
  type DenseLayer, type Loss, type LossSpec, type NetworkSpec, type NetworkSpecInput, dense, network,
} from '../src/dsl/network.js';
import { evaluateGraph } from '../src/ir/evaluate.js';
import type { NodeId } from '../src/ir/graph.js';
import { type Bias, backprop, givenMasks } from './helpers/textbook-backprop.js';
import { expectClose } from './helpers/numeric.js';
import { seededRandom, uniform } from './helpers/random.js';

type Worked = NonNullable<NetworkSpecInput['worked']>;
const kindOf = (loss: Loss | LossSpec): Loss => (typeof loss === 'string' ? loss : loss.kind);

/** Random weights and `rows` examples for the layer sizes of `layers`; targets fitting the loss; biases as each layer declares them. */
function randomWorked(inputs: number, layers: readonly DenseLayer[], loss: Loss, seed: number, rows = 1): Worked {
  const random = seededRandom(seed);
  const sizes = [inputs, ...layers.map((l) => l.units)];
  const r = () => uniform(random, -1, 1);
  const outputs = sizes[sizes.length - 1];
  const target = () => (loss === 'cce' ? Array.from({ length: outputs }, (_v, k) => (k === 1 ? 1 : 0))
    : Array.from({ length: outputs }, () => (loss === 'bce' ? (random() < 0.5 ? 0 : 1) : r())));
  const weights = layers.map((l, i) => {
    const W = Array.from({ length: l.units }, () => Array.from({ length: sizes[i] }, r));
    const bias = l.options.bias ?? true;
    return bias === false ? { W } : { W, b: bias === 'shared' ? r() : Array.from({ length: l.units }, r) };
  });
  const xs = Array.from({ length: rows }, () => Array.from({ length: inputs }, r));
  const ys = Array.from({ length: rows }, target);
  return rows === 1 ? { weights, x: xs[0], y: ys[0] } : { weights, x: xs, y: ys };
}

const spec = (inputs: number, layers: DenseLayer[], loss: Loss | LossSpec, seed: number, extra: Partial<NetworkSpecInput> = {}, rows = 1): NetworkSpec =>
  network({ inputs, layers, loss, optimizer: { kind: 'sgd', lr: 0.1 }, worked: randomWorked(inputs, layers, kindOf(loss), seed, rows), ...extra });

const SPECS: Readonly<Record<string, NetworkSpec>> = {
  'tanh → sigmoid, bce': spec(2, [dense(4, 'tanh'), dense(1, 'sigmoid')], 'bce', 1),
  'relu → relu → softmax, cce': spec(3, [dense(4, 'relu'), dense(3, 'relu'), dense(3, 'softmax')], 'cce', 2),
  'softplus → sigmoid, mae': spec(2, [dense(3, 'softplus'), dense(2, 'sigmoid')], 'mae', 3),
  'leaky ReLU with dropout → softmax, mse': withMasks(spec(3, [dense(4, 'leaky_relu', { alpha: 0.1, dropout: 0.5 }), dense(3, 'softmax')], 'mse', 4),
    [[1, 0, 1, 1], null]),
  'tanh → linear, mse, L1 + L2': spec(2, [dense(3, 'tanh'), dense(1, 'linear')], 'mse', 5, { regularization: { l1: 0.003, l2: 0.01 } }),
  'one sigmoid layer, bce, L2': spec(4, [dense(1, 'sigmoid')], 'bce', 6, { regularization: { l2: 0.1 } }),
  // the published-example conventions
  'shared frozen biases (Mazur), ½ sum of squares': spec(2, [dense(2, 'sigmoid', { bias: 'shared', frozen: ['bias'] }),
    dense(2, 'sigmoid', { bias: 'shared', frozen: ['bias'] })], { kind: 'mse', half: true, reduction: 'sum' }, 7),
  'no bias, squares without ½, a batch of 3, mean': spec(3, [dense(2, 'tanh', { bias: false }), dense(2, 'linear')],
    { kind: 'mse', half: false }, 8, {}, 3),
  'frozen weights, summed bce over a batch of 4, L2': spec(2, [dense(3, 'tanh', { frozen: ['weights'] }), dense(1, 'sigmoid', { bias: 'shared' })],
    { kind: 'bce', reduction: 'sum' }, 9, { regularization: { l2: 0.05 } }, 4),
  'linear unit (perceptron), a batch of 4': spec(2, [dense(1, 'linear')], 'mse', 10, {}, 4),
};

/** The spec with given dropout keep indicators (worked.masks). */
function withMasks(s: NetworkSpec, masks: NonNullable<Worked['masks']>): NetworkSpec {
  return network({ ...s, worked: { ...(s.worked as Worked), masks } });
}

const rowsOf = (v: Worked['x']): number[][] => (Array.isArray(v[0]) ? (v as number[][]).map((r) => [...r]) : [[...(v as number[])]]);

/** The given parameters per layer, as the reference takes them: W rows and the bias as declared. */
function given(s: NetworkSpec) {
  const w = s.worked as Worked;
  const W = w.weights.map((l) => l.W.map((row) => [...row]));
  const b: Bias[] = w.weights.map((l) => (typeof l.b === 'number' ? l.b : l.b === undefined ? undefined : [...l.b]));
  return { W, b, X: rowsOf(w.x), Y: rowsOf(w.y) };
}

/** W (row-major) and b per layer in layout order (W1, b1, W2, …; no b without a bias), with undefined for a frozen array. */
function layoutOrder(s: NetworkSpec, W: number[][][], b: readonly (Bias)[], frozenAsUndefined: boolean): (number[] | undefined)[] {
  return W.flatMap((Wl, l) => {
    const frozen = s.layers[l].options.frozen ?? [];
    const weights = frozenAsUndefined && frozen.includes('weights') ? undefined : Wl.flat();
    const bl = b[l];
    if (bl === undefined) return [weights];
    const bias = frozenAsUndefined && frozen.includes('bias') ? undefined : typeof bl === 'number' ? [bl] : [...bl];
    return [weights, bias];
  });
}

function expectArrays(actual: readonly (readonly number[] | undefined)[], expected: readonly (number[] | undefined)[], what: string): void {
  expect(actual.map((a) => a === undefined)).toEqual(expected.map((e) => e === undefined));
  expected.forEach((e, i) => {
    if (e !== undefined) expectClose(actual[i] ?? [], e, 1e-13, 1e-15, `${what} ${i}`);
  });
}

describe('worked values equal textbook backpropagation', () => {
  it.each(Object.keys(SPECS))('%s', (name) => {
    const s = SPECS[name];
    const { W, b, X, Y } = given(s);
    const masks = givenMasks(s, X.length);
    const ref = backprop(s, W, b, X, Y, masks);
    const data = backprop({ ...s, regularization: undefined }, W, b, X, Y, masks); // the gradient of ℓ alone
    const v = compileNetwork(name, validateNetwork(s)).worked;
    if (v === undefined) throw new Error('a spec with a worked example has worked values');
    const rtol = 1e-13;
    expect(v.examples).toHaveLength(X.length);
    ref.examples.forEach((e, r) => {
      const mine = v.examples[r];
      e.z.forEach((zl, l) => {
        expectClose(mine.z[l], zl, rtol, rtol, `z${l + 1}`);
        expectClose(mine.a[l], e.a[l], rtol, rtol, `a${l + 1}`);
        expectClose(mine.delta[l], e.delta[l], rtol, rtol, `δ${l + 1}`);
      });
      // ∂ℓ/∂a^l of a hidden layer: (W^{l+1})ᵀ δ^{l+1}.
      W.slice(1).forEach((next, l) => {
        const dA = e.a[l].map((_v, j) => next.reduce((sum, row, i) => sum + row[j] * e.delta[l + 1][i], 0));
        expectClose(mine.dA[l] ?? [], dA, rtol, rtol, `∂ℓ/∂a${l + 1}`);
      });
      expectClose(mine.loss, e.loss, rtol, rtol, 'ℓ of the example');
      expectClose(mine.lossTerms.reduce((p, q) => p + q, 0), e.loss, rtol, rtol, 'Σ loss terms');
    });
    const first = v.steps[0];
    expectClose(first.dataLoss, ref.dataLoss, rtol, rtol, 'ℓ');
    expectClose(first.loss, ref.loss, rtol, rtol, 'L');
    expect(first.params).toEqual(layoutOrder(s, W, b, false));
    expectArrays(first.gradient, layoutOrder(s, ref.dW, ref.db, true), '∂L/∂θ');
    expectArrays(first.dataGradient, layoutOrder(s, data.dW, data.db, true), '∂ℓ/∂θ');
    // frozen arrays are not updated
    first.gradient.forEach((g, k) => {
      if (g === undefined) expect(first.update.updated[k]).toEqual(first.params[k]);
    });
  });

  it('are absent without a worked example', () => {
    const s = network({ inputs: 2, layers: [dense(1, 'sigmoid')], loss: 'bce', optimizer: { kind: 'sgd', lr: 0.1 } });
    expect(compileNetwork('N', validateNetwork(s)).worked).toBeUndefined();
  });
});

describe('worked steps: each starts where the previous one ended', () => {
  it.each([
    ['sgd', { kind: 'sgd', lr: 0.5 }],
    ['sgd with momentum (state carried)', { kind: 'sgd', lr: 0.2, momentum: 0.9 }],
    ['adam (t counts the steps)', { kind: 'adam', lr: 0.05 }],
  ] as const)('%s', (_what, optimizer) => {
    const base = SPECS['no bias, squares without ½, a batch of 3, mean'];
    const s = network({ ...base, optimizer, worked: { ...(base.worked as Worked), steps: 4 } });
    const c = compileNetwork('Steps', validateNetwork(s));
    const steps = c.worked?.steps ?? [];
    expect(steps).toHaveLength(4);
    steps.forEach((step, k) => {
      expect(step.update.t).toBe(k + 1);
      if (k > 0) {
        expect(step.params).toEqual(steps[k - 1].update.updated);
        expect(step.loss).toBe(steps[k - 1].lossAfter);
      }
      // the reference gradient at this step's parameters
      const W = [0, 1].map((l) => {
        const flat = step.params[l];
        const fanIn = l === 0 ? 3 : 2;
        return Array.from({ length: 2 }, (_v, i) => flat.slice(i * fanIn, (i + 1) * fanIn));
      });
      const { X, Y } = given(s);
      const ref = backprop(s, W, [undefined, step.params[2]], X, Y);
      expectClose(step.loss, ref.loss, 1e-13, 1e-15, `L at step ${k + 1}`);
      expectArrays(step.gradient, [ref.dW[0].flat(), ref.dW[1].flat(), ref.db[1] as number[]], `∂L/∂θ at step ${k + 1}`);
    });
    // gradient descent on a fixed batch with a small rate: the loss goes down
    expect(steps[3].lossAfter).toBeLessThan(steps[0].loss);
  });
});

describe('worked values are rows of the compiled training graph', () => {
  // The worked values evaluate the compiled graph (symbolic batch n): per example at n = 1, the batch at n = B.
  // At n = B rows, each the same example, with 1/B as invN and its masks on every row, each row is the example's pass.
  it.each(Object.keys(SPECS).filter((name) => !Array.isArray((SPECS[name].worked as Worked).x[0])))('%s', (name) => {
    const net = compileNetwork(name, validateNetwork(SPECS[name]));
    const v = net.worked;
    if (v === undefined) throw new Error('a spec with a worked example has worked values');
    const e = v.examples[0];
    const { train, gradient } = net;
    const B = 3;
    const rows = (xs: readonly number[]) => Array.from({ length: B }, () => xs).flat();
    const inputs: Record<string, number | number[]> = { X: rows(e.x), Y: rows(e.y), invN: 1 / B };
    train.paramNames.forEach((p, i) => (inputs[p] = [...v.steps[0].params[i]]));
    train.layers.forEach((l, i) => {
      if (l.mask !== undefined) inputs[`M${i + 1}`] = rows(e.mask[i] ?? []);
    });
    const deltas = train.layers.map((l) => gradient.adjoints.get(l.z) as NodeId);
    const values = evaluateGraph(gradient.graph, [train.loss, ...train.layers.flatMap((l) => [l.z, l.a]), ...deltas, ...gradient.gradient], inputs, { n: B });
    const read = (id: NodeId) => [...(values.get(id)?.data ?? [])];
    const mean = validateNetwork(SPECS[name]).lossConvention.reduction === 'mean';
    train.layers.forEach((l, i) => {
      // Row for row the same operations in the same order: equal to the last bit (δ rows carry the 1/B of the mean).
      expect(read(l.z)).toEqual(rows(e.z[i]));
      expect(read(l.a)).toEqual(rows(e.a[i]));
      expectClose(read(deltas[i]).map((d) => (mean ? d * B : d)), rows(e.delta[i]), 1e-14, 1e-15, `δ${i + 1}`);
    });
    if (!mean) return;
    // The mean over B equal rows: equal up to the rounding of the sums.
    expectClose(read(train.loss)[0], v.steps[0].loss, 1e-14, 1e-15, 'L');
    gradient.gradient.forEach((id, i) => {
      const k = train.params.indexOf(train.trained[i]);
      expectClose(read(id), v.steps[0].gradient[k] ?? [], 1e-13, 1e-15, `∂L/∂${train.paramNames[k]}`);
    });
  });
});
