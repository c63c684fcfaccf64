// Small networks train in straight-line rows (src/lower/row-program.ts,
// src/backends/ts/network/row-step.ts): the same numbers as the tensor loops,
// the same gradients as finite differences, no allocation, and a fused
// training step that updates only when the loss is finite.
import { describe, expect, it } from 'vitest';
import { Graph } from '../src/ir/graph.js';
import { BATCH } from '../src/ir/shape.js';
import { lowerRowProgram } from '../src/lower/row-program.js';
import { compileNetwork } from '../src/compile/network/compile-network.js';
import { validateNetwork } from '../src/compile/network/validate.js';
import { UNROLL_SCALARS } from '../src/backends/ts/network/trainer-class.js';
import { dense, expectGradientMatchesDifferences, loadTrainer, lossOf, testNetwork, trainingLoop } from './helpers/network-module.js';
import { batch } from './helpers/network-reference.js';
import { expectClose } from './helpers/numeric.js';
import { findAllocations } from './helpers/allocation-free.js';
import { expectNoGcDuring } from './helpers/gc-events.js';

const ROW_LOOP = '// each row r in straight-line code';

const SPECS = {
  xor: testNetwork({ inputs: 2, layers: [dense(4, 'tanh'), dense(1, 'sigmoid')], loss: 'bce', optimizer: { kind: 'sgd', lr: 0.5, momentum: 0.9 } }),
  softmax: testNetwork({ layers: [dense(5, 'relu'), dense(3, 'softmax')], loss: 'cce', regularization: { l2: 0.01, l1: 0.001 } }),
  deep: testNetwork({
    layers: [dense(4, 'softplus'), dense(3, 'leaky_relu'), dense(2, 'linear')],
    loss: 'mse',
    optimizer: { kind: 'adamw', lr: 0.01, weightDecay: 0.01 },
    clip: { norm: 0.5 },
  }),
  dropout: testNetwork({ layers: [dense(6, 'tanh', { dropout: 0.3 }), dense(2, 'sigmoid')], loss: 'mse', optimizer: { kind: 'rmsprop', lr: 0.01 }, clip: { value: 0.1 } }),
  mae: testNetwork({ layers: [dense(4, 'sigmoid'), dense(2, 'tanh')], loss: 'mae' }),
};

describe('straight-line rows equal the tensor loops', () => {
  it.each(Object.keys(SPECS) as (keyof typeof SPECS)[])('%s: loss, gradients and five training steps', async (name) => {
    const spec = SPECS[name];
    const rows = await loadTrainer(spec, 'Net');
    const loops = await loadTrainer(spec, 'Net', { unrollScalars: 0 });
    expect(rows.code).toContain(ROW_LOOP);
    expect(rows.code).toContain('protected override computeTrainStep(');
    expect(rows.code).not.toMatch(/computeLossAndGradient[^]*?matmul_\w+\(n,[^]*?protected forwardBatch/);
    expect(loops.code).not.toContain(ROW_LOOP);
    const [a, b] = [new rows.Trainer(), new loops.Trainer()];
    for (const n of [1, 7]) {
      const data = batch(spec, n, 5 + n);
      a.reseed(3);
      b.reseed(3); // the same dropout masks
      expectClose(lossOf(a, data.X, data.Y, n), lossOf(b, data.X, data.Y, n), 1e-13);
      a.grads.forEach((g, i) => g.forEach((v, k) => expectClose(v, b.grads[i][k], 1e-11, 1e-14)));
    }
    const data = batch(spec, 6, 1);
    for (let s = 0; s < 5; s++) {
      a.trainStep(data.X, data.Y, data.n);
      b.trainStep(data.X, data.Y, data.n);
      expectClose(a.lastLoss, b.lastLoss, 1e-12);
    }
    a.params.forEach((p, i) => p.forEach((v, k) => expectClose(v, b.params[i][k], 1e-11, 1e-14)));
  }, 60_000);

  it('sums bce over the rows with one log: ln Π(1 + q), folded before the product overflows', async () => {
    const spec = SPECS.xor;
    const rows = await loadTrainer(spec, 'Net');
    const loops = await loadTrainer(spec, 'Net', { unrollScalars: 0 });
    expect(rows.code).toMatch(/Math\.log1p\(ma\d+_0\)/);
    expect(rows.code).not.toMatch(/computeLossAndGradient[^]*?Math\.log1p\(q0\)[^]*?protected forwardBatch/);
    const [a, b] = [new rows.Trainer(), new loops.Trainer()];
    for (const t of [a, b]) t.params.forEach((p) => p.fill(1e-3)); // z ≈ 0: q ≈ 1, so 1 + m doubles per row
    for (const n of [1, 5, 3000]) {
      const data = batch(spec, n, 11);
      expectClose(lossOf(a, data.X, data.Y, n), lossOf(b, data.X, data.Y, n), 1e-13);
      a.grads.forEach((g, i) => g.forEach((v, k) => expectClose(v, b.grads[i][k], 1e-11, 1e-14)));
    }
  }, 60_000);

  it('the fused step equals lossAndGradient then step()', async () => {
    const { Trainer } = await loadTrainer(SPECS.deep);
    const [a, b] = [new Trainer(), new Trainer()];
    const data = batch(SPECS.deep, 5, 2);
    for (let s = 0; s < 4; s++) {
      a.trainStep(data.X, data.Y, data.n);
      b.lossAndGradient(data.X, data.Y, data.n);
      b.step();
    }
    a.params.forEach((p, i) => expect(Array.from(p)).toEqual(Array.from(b.params[i])));
    a.grads.forEach((g, i) => expect(Array.from(g)).toEqual(Array.from(b.grads[i])));
  });

  it('takes no step when the loss is not finite', async () => {
    const { Trainer } = await loadTrainer(SPECS.xor);
    const trainer = new Trainer();
    const data = batch(SPECS.xor, 4, 9);
    data.X[0] = Number.NaN;
    const before = trainer.params.map((p) => Array.from(p));
    trainer.trainStep(data.X, data.Y, data.n);
    expect(trainer.lastLoss).toBeNaN();
    trainer.params.forEach((p, i) => expect(Array.from(p)).toEqual(before[i]));
  });
});

describe('straight-line rows: gradient against finite differences of their own loss', () => {
  it.each(['xor', 'softmax', 'deep'] as const)('%s', async (name) => {
    const spec = SPECS[name];
    const { Trainer, code } = await loadTrainer(spec);
    expect(code).toContain(ROW_LOOP);
    expectGradientMatchesDifferences(new Trainer(), batch(spec, 5, 4));
  });
});

describe('straight-line rows allocate nothing', () => {
  it('has no allocation in computeTrainStep or computeLossAndGradient', async () => {
    const { code } = await loadTrainer(SPECS.dropout);
    const hot: string[] = [];
    const found = findAllocations(code, { include: (name) => /^Net\.compute(TrainStep|LossAndGradient)$/.test(name) && hot.push(name) > 0 });
    expect(hot.sort()).toEqual(['Net.computeLossAndGradient', 'Net.computeTrainStep']);
    expect(found).toEqual([]);
  });

  it('runs training steps without a garbage collection', async () => {
    const { Trainer } = await loadTrainer(SPECS.xor);
    const trainer = new Trainer();
    const data = batch(SPECS.xor, 4, 8);
    await expectNoGcDuring(trainingLoop(trainer, data), { warmup: 2e4, calls: 1e5 });
  }, 60_000);
});

describe('the row program', () => {
  it('refuses a graph where a row needs a sum over all rows, saying so', () => {
    const g = new Graph();
    const X = g.variable('X', [BATCH, 3]);
    const centered = g.sub(X, g.apply('broadcast_to', [g.apply('mean', [X])], { shape: [BATCH, 3] })); // x − mean of every x
    const result = lowerRowProgram(g, [g.apply('sum', [g.mul(centered, centered)])]);
    expect('reason' in result && result.reason).toMatch(/sum over all rows/);
  });

  it('counts the scalars the threshold compares: small networks are under it, 784-128-10 far over it', () => {
    const scalars = (spec: ReturnType<typeof testNetwork>) => {
      const c = compileNetwork('Net', validateNetwork(spec));
      const program = lowerRowProgram(c.gradient.graph, [c.train.loss, ...c.gradient.gradient]);
      if ('reason' in program) throw new Error(program.reason);
      return program.scalars;
    };
    expect(scalars(SPECS.xor)).toBeLessThan(UNROLL_SCALARS);
    expect(scalars(testNetwork({ inputs: 784, layers: [dense(128, 'relu'), dense(10, 'softmax')], loss: 'cce' }))).toBeGreaterThan(100 * UNROLL_SCALARS);
  });
});
