// The peers of the recurrent benchmark (bench/run-recurrent.mjs) compute what
// they claim: the hand-written BPTT of the Elman RNN and of the LSTM against
// central finite differences of their own loss, their SGD step, and the TF.js
// version of both against the hand-written gradients (cpu backend).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FD_STEP, isClose } from './helpers/numeric.js';
import { seededRandom } from './helpers/random.js';

interface Shape {
  inputs: number;
  units: number;
  outputs: number;
  steps: number;
}
interface Handwritten extends Shape {
  params: Float64Array[];
  grads: Float64Array[];
  layout: { name: string; role: 'weight' | 'bias' }[];
  lossAndGradient(X: Float64Array, Y: Float64Array, n: number): number;
  step(): void;
}
type HandwrittenClass = new (options: Shape & { maxBatch: number; lr: number }) => Handwritten;

const benchModule = async (path: string) => import(new URL(`../bench/${path}`, import.meta.url).href);
const { HandwrittenElman } = (await benchModule('recurrent/handwritten-elman.mjs')) as { HandwrittenElman: HandwrittenClass };
const { HandwrittenLSTM } = (await benchModule('recurrent/handwritten-lstm.mjs')) as { HandwrittenLSTM: HandwrittenClass };

const SHAPE: Shape = { inputs: 3, units: 4, outputs: 2, steps: 5 };
const N = 3;
const LR = 0.1;

/** A peer with random weights (biases too, so every path is exercised) and one random batch. */
function setUp(Kind: HandwrittenClass, seed: number) {
  const random = seededRandom(seed);
  const uniform = () => 2 * random() - 1;
  const model = new Kind({ ...SHAPE, maxBatch: N, lr: LR });
  for (const p of model.params) for (let i = 0; i < p.length; i++) p[i] = 0.8 * uniform();
  const X = Float64Array.from({ length: N * SHAPE.steps * SHAPE.inputs }, uniform);
  const Y = Float64Array.from({ length: N * SHAPE.outputs }, uniform);
  return { model, X, Y };
}

const KINDS: [string, HandwrittenClass][] = [
  ['Elman RNN', HandwrittenElman],
  ['LSTM', HandwrittenLSTM],
];

describe.each(KINDS)('hand-written BPTT, %s', (_, Kind) => {
  it('gives the gradient of its loss (central differences, every parameter)', () => {
    const { model, X, Y } = setUp(Kind, 11);
    model.lossAndGradient(X, Y, N);
    const grads = model.grads.map((g) => Float64Array.from(g));
    const mismatches: string[] = [];
    model.params.forEach((p, k) => {
      for (let i = 0; i < p.length; i++) {
        const v = p[i];
        p[i] = v + FD_STEP;
        const plus = model.lossAndGradient(X, Y, N);
        p[i] = v - FD_STEP;
        const minus = model.lossAndGradient(X, Y, N);
        p[i] = v;
        const fd = (plus - minus) / (2 * FD_STEP);
        if (!isClose(grads[k][i], fd, 1e-6, 1e-8)) mismatches.push(`${model.layout[k].name}[${i}]: ${grads[k][i]} vs ${fd}`);
      }
    });
    expect(mismatches).toEqual([]);
  });

  it('steps every parameter by −η times its gradient', () => {
    const { model, X, Y } = setUp(Kind, 12);
    model.lossAndGradient(X, Y, N);
    const before = model.params.map((p) => Float64Array.from(p));
    model.step();
    model.params.forEach((p, k) => p.forEach((v, i) => expect(v).toBeCloseTo(before[k][i] - LR * model.grads[k][i], 14)));
  });
});

describe('TF.js peer', () => {
  const tmp = mkdtempSync(join(os.tmpdir(), 'nncompile-bench-test-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  // The benchmarks' output (also with --check-only) had TF.js's "install tfjs-node" banner in it: the cpu
  // backend prints it at its first tensor, after loadTf had put console.warn back.
  it('prints nothing from TF.js, also at the first tensor of the cpu backend', async () => {
    const { loadTf } = await benchModule('tfjs-setup.mjs');
    const warn = vi.spyOn(console, 'warn');
    try {
      const env = await loadTf(tmp, () => {});
      env.useBackend('cpu');
      expect(Array.from(env.tf.add(env.tf.tensor([1, 2]), env.tf.scalar(1)).dataSync())).toEqual([2, 3]);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it.each([
    ['elman', HandwrittenElman],
    ['lstm', HandwrittenLSTM],
  ] as const)('%s: the same gradients as the hand-written one (float32 tolerance)', async (kind, Kind) => {
    const { loadTf } = await benchModule('tfjs-setup.mjs');
    const { TfRecurrent } = await benchModule('recurrent/tfjs-recurrent.mjs');
    const env = await loadTf(tmp, () => {});
    const { model, X, Y } = setUp(Kind, 13);
    model.lossAndGradient(X, Y, N);
    const tfModel = new TfRecurrent(env, 'cpu', { kind, ...SHAPE, lr: LR }, [{ X, Y, n: N }]);
    tfModel.setParams(model.params);
    const tfGrads: Float64Array[] = tfModel.gradients(0);
    tfModel.dispose();
    tfGrads.forEach((g, k) => g.forEach((v, i) => expect(isClose(v, model.grads[k][i], 1e-4, 1e-6)).toBe(true)));
  });
});
