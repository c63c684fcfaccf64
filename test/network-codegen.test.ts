import { describe, expect, it } from 'vitest';
import { evaluateGraph } from '../src/ir/evaluate.js';
import { HIDDEN_ACTIVATIONS, OUTPUT_LAYERS, dense, expectGradientMatchesDifferences, loadTrainer, lossOf, testNetwork } from './helpers/network-module.js';
import { findAllocations } from './helpers/allocation-free.js';
import { expectNoGcDuring } from './helpers/gc-events.js';
import { typeCheck } from './helpers/generated-module.js';
import { batch, compileFor, reference } from './helpers/network-reference.js';
import { expectClose } from './helpers/numeric.js';

describe('generated trainer: loss and gradient equal the IR interpreter', () => {
  const cases = HIDDEN_ACTIVATIONS.flatMap((hidden) => OUTPUT_LAYERS.map((out) => ({ hidden, ...out })));
  it.each(cases)('$hidden hidden, $activation output, $loss', async ({ hidden, activation, loss, units }) => {
    const spec = testNetwork({ layers: [dense(5, hidden), dense(units, activation)], loss, regularization: { l2: 0.01, l1: 0.001 } });
    const { Trainer, compiled } = await loadTrainer(spec);
    const trainer = new Trainer();
    for (const n of [1, 6]) {
      const data = batch(spec, n, 11 + n);
      const got = lossOf(trainer, data.X, data.Y, n);
      const ref = reference(compiled, trainer, data);
      expectClose(got, ref.loss, 1e-12);
      trainer.grads.forEach((g, i) => g.forEach((v, k) => expectClose(v, ref.grads[i][k], 1e-10)));
    }
  });
});

describe('generated trainer: the kernels for large layers equal the IR interpreter', () => {
  // 300→120 (Bᵀ past 256 KiB: transposed from 48 rows), 120→18 and 18→10 (from 24 rows) go through Bᵀ and the
  // streaming kernel, as does δ² W² (inner 18); 1 and 30 rows use the direct kernels for some of them.
  it('at 1, 30 and 50 rows', async () => {
    const spec = testNetwork({ inputs: 300, layers: [dense(120, 'relu'), dense(18, 'tanh'), dense(10, 'softmax')], loss: 'cce' });
    const { Trainer, compiled, code } = await loadTrainer(spec);
    expect(code).toMatch(/function matmul_nt_nx300x120\([^)]*\bT: Float64Array/);
    const trainer = new Trainer();
    for (const n of [1, 30, 50]) {
      const data = batch(spec, n, 40 + n);
      const got = lossOf(trainer, data.X, data.Y, n);
      const ref = reference(compiled, trainer, data);
      expectClose(got, ref.loss, 1e-12);
      trainer.grads.forEach((g, i) => g.forEach((v, k) => expectClose(v, ref.grads[i][k], 1e-10, 1e-12)));
    }
  }, 60_000);
});

describe('generated trainer: gradient against finite differences of its own loss', () => {
  it.each(OUTPUT_LAYERS)('$activation output with $loss, two hidden layers', async ({ activation, loss, units }) => {
    const spec = testNetwork({ layers: [dense(4, 'tanh'), dense(3, 'softplus'), dense(units, activation)], loss });
    const { Trainer } = await loadTrainer(spec);
    // mae has kinks; the random points are away from them with probability 1
    expectGradientMatchesDifferences(new Trainer(), batch(spec, 5, 3));
  });

  it('dropout: the gradient is that of the loss with the same masks', async () => {
    const spec = testNetwork({ layers: [dense(6, 'relu', { dropout: 0.5 }), dense(2, 'softmax')], loss: 'cce' });
    const { Trainer } = await loadTrainer(spec);
    const trainer = new Trainer();
    const data = batch(spec, 4, 5);
    const at = (seed: number) => {
      trainer.reseed(seed);
      return lossOf(trainer, data.X, data.Y, data.n);
    };
    expectGradientMatchesDifferences(trainer, data, { array: 0, loss: () => at(99) });
    // Masks differ between seeds, so the losses do.
    expect(at(1)).not.toBe(at(2));
  });
});

describe('generated trainer: training', () => {
  it('N plain SGD steps reach the loss of the same steps done with the IR interpreter', async () => {
    const spec = testNetwork({ layers: [dense(4, 'tanh'), dense(3, 'softmax')], loss: 'cce', optimizer: { kind: 'sgd', lr: 0.3 } });
    const { Trainer, compiled } = await loadTrainer(spec);
    const trainer = new Trainer();
    const data = batch(spec, 8, 21);
    const reference = trainer.params.map((p) => Float64Array.from(p));
    const rows = compileFor(compiled);
    for (let s = 0; s < 25; s++) {
      trainer.lossAndGradient(data.X, data.Y, data.n);
      trainer.step();
      const inputs: Record<string, Float64Array | number> = { X: data.X, Y: data.Y, invN: 1 / data.n };
      trainer.paramNames.forEach((name, i) => (inputs[name] = reference[i]));
      const values = evaluateGraph(rows.gradient.graph, rows.gradient.gradient, inputs, { n: data.n });
      rows.gradient.gradient.forEach((id, i) => values.get(id)!.data.forEach((g, k) => (reference[i][k] -= 0.3 * g)));
    }
    const out = new Float64Array(data.n * 3);
    const generatedLoss = trainer.dataLoss(data.X, data.Y, data.n, out);
    trainer.params.forEach((p, i) => p.set(reference[i]));
    expectClose(trainer.dataLoss(data.X, data.Y, data.n, out), generatedLoss, 1e-12);
  });
});

describe('generated trainer: softmax and cross-entropy from logits of ±1000', () => {
  it('loss, outputs and gradient are finite and exact', async () => {
    const spec = testNetwork({ layers: [dense(3, 'softmax')], loss: 'cce' });
    const { Trainer } = await loadTrainer(spec);
    const trainer = new Trainer();
    // x = e₀ gives z = (1000, −1000, 0), x = e₁ gives z = (1000, 999, −1000); both target class 1
    trainer.params[0].set([1000, 1000, 0, -1000, 999, 0, 0, -1000, 0]);
    trainer.params[1].fill(0);
    const X = Float64Array.from([1, 0, 0, 0, 1, 0]);
    const Y = Float64Array.from([0, 1, 0, 0, 1, 0]);
    const lse1 = Math.log1p(Math.exp(-1)); // row 1: lse = 1000 + ln(1 + e⁻¹)
    const loss = (2000 + 1 + lse1) / 2;
    const p1 = [1 / (1 + Math.exp(-1)), Math.exp(-1) / (1 + Math.exp(-1)), 0];
    const out = new Float64Array(6);
    expectClose(trainer.dataLoss(X, Y, 2, out), loss, 1e-14);
    expectClose([...out], [1, 0, 0, ...p1], 1e-15, 1e-300);
    expectClose(lossOf(trainer, X, Y, 2), loss, 1e-14);
    // ∂L/∂z = (softmax(z) − y) / 2 per row; ∂L/∂b is its column sum
    expectClose([...trainer.grads[1]], [(1 + p1[0]) / 2, (-1 + p1[1] - 1) / 2, 0], 1e-14, 1e-300);
    expect(trainer.grads.every((g) => g.every(Number.isFinite))).toBe(true);
  });
});

describe('generated trainer: the code', () => {
  // The generated class and kernels (the template's methods grow buffers only when asked for more rows).
  const HOT = /^Net\.(computeLossAndGradient|computeTrainStep|step|forwardBatch|dataLoss)$|^matmul/;

  it('allocates nothing in lossAndGradient, step, forwardBatch, dataLoss and the kernels', async () => {
    const spec = testNetwork({
      inputs: 20, // 20 → 12 goes through Bᵀ (matmul_nt_nx20x12 with a scratch)
      layers: [dense(12, 'relu', { dropout: 0.2 }), dense(9, 'leaky_relu'), dense(3, 'softmax')],
      loss: 'cce',
      optimizer: { kind: 'adamw', lr: 0.01, weightDecay: 0.01 },
      clip: { norm: 1 },
      regularization: { l2: 0.001 },
    });
    const { code } = await loadTrainer(spec);
    const hot: string[] = [];
    const found = findAllocations(code, { include: (name) => HOT.test(name) && hot.push(name) > 0 });
    expect(hot).toContain('matmul_nt_nx20x12');
    expect(hot.length).toBeGreaterThanOrEqual(5);
    expect(found).toEqual([]);
  }, 60_000);

  it.each([
    { what: 'small layers (unrolled kernels)', inputs: 3, hidden: 8, rows: 4, calls: 1e5 },
    // 20 inputs, 32 rows: z¹ = X (W¹)ᵀ runs on a transposed copy of W¹
    { what: 'a long inner axis and a full batch (transposed-copy kernel)', inputs: 20, hidden: 12, rows: 32, calls: 2e4 },
  ])('runs training steps without a garbage collection: $what', async ({ inputs, hidden, rows, calls }) => {
    const spec = testNetwork({
      inputs,
      layers: [dense(hidden, 'tanh', { dropout: 0.1 }), dense(3, 'softmax')],
      loss: 'cce',
      optimizer: { kind: 'adam', lr: 0.001 },
      clip: { value: 1 },
    });
    const { Trainer } = await loadTrainer(spec);
    const trainer = new Trainer();
    const data = batch(spec, rows, 8);
    const out = new Float64Array(rows * 3);
    const run = (count: number) => {
      let sum = 0;
      for (let i = 0; i < count; i++) {
        trainer.lossAndGradient(data.X, data.Y, data.n);
        sum += trainer.lastLoss;
        trainer.step();
        trainer.predictBatch(data.X, data.n, out);
      }
      return sum;
    };
    await expectNoGcDuring(run, { warmup: calls / 5, calls });
  }, 60_000);

  it("prints the symbolic batch n in its shape comments, never a nominal batch size (issue 13)", async () => {
    const spec = testNetwork({ inputs: 3, layers: [dense(7, 'tanh'), dense(2, 'softmax')], loss: 'cce' });
    const { code, compiled } = await loadTrainer(spec);
    const shapes = [...code.matchAll(/\/\/ %\d+ = \w+\([^)]*\) : \[([^\]]*)\]/g)].map((m) => m[1]);
    const parameterShapes = compiled.layout.map((q) => q.shape.join(', '));
    const unexpected = shapes.filter((s) => s !== '' && !s.startsWith('n') && !parameterShapes.includes(s));
    expect(shapes.filter((s) => s.startsWith('n, ')).length).toBeGreaterThan(3);
    expect(unexpected).toEqual([]);
  });

  it('type-checks with tsc --strict', async () => {
    const spec = testNetwork({ layers: [dense(40, 'tanh'), dense(2, 'sigmoid')], loss: 'bce', optimizer: { kind: 'rmsprop', lr: 0.01 }, schedule: { kind: 'step', every: 5, factor: 0.5 } });
    const { code } = await loadTrainer(spec);
    expect(typeCheck(code)).toEqual([]);
  }, 60_000);

  it('keeps large layers as loops: a 784-128-10 trainer is a file of reasonable size', async () => {
    const spec = testNetwork({ inputs: 784, layers: [dense(128, 'relu'), dense(10, 'softmax')], loss: 'cce' });
    const { code } = await loadTrainer(spec);
    expect(code.split('\n').length).toBeLessThan(2500);
  });
});
