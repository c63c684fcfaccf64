// precision: 'f32' (issue 13): the trainer keeps parameters, gradients,
// optimizer state and workspace in Float32Arrays and runs its large products
// as f32x4 WebAssembly kernels. Checked against the f64 trainer of the same
// spec started from the same (f32-representable) weights, against central
// differences of its own loss, WebAssembly against the TypeScript kernels,
// through save/load, and for allocation: one module holds both precisions.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadToolchain } from '../src/backends/wasm/index.js';
import { wasmMatmuls } from '../src/driver/wasm-kernels.js';
import type { NetworkSpec } from '../src/dsl/network.js';
import { dense, lossOf, networkModuleSource, testNetwork, type Trainer } from './helpers/network-module.js';
import { batch, type Batch } from './helpers/network-reference.js';
import { loadModule, typeCheck } from './helpers/generated-module.js';
import { findAllocations } from './helpers/allocation-free.js';
import { childGcResults } from './helpers/gc-child-run.js';
import { compileModel } from '../src/driver/compile-model.js';

type Backend = 'auto' | 'wasm' | 'ts';
interface F32Trainer extends Trainer {
  readonly usesWasm?: boolean;
  fit(data: Batch, options: { epochs: number; batchSize?: number }): { history: { loss: number }[] };
  evaluate(data: Batch): { loss: number; accuracy?: number };
  predict(x: Float64Array, out: Float64Array): void;
  toJSON(): { params: Record<string, number[]> };
  loadJSON(json: unknown): void;
}
type TrainerClass = new (seed?: number, backend?: Backend) => F32Trainer;

// A smooth network (differences are meaningful everywhere) large enough for the WebAssembly kernels,
// and a small one trained in straight-line rows; SGD with momentum: an update proportional to the gradient.
const LARGE = { inputs: 40, layers: [dense(24, 'tanh'), dense(16, 'tanh'), dense(5, 'softmax')], loss: 'cce' as const,
  optimizer: { kind: 'sgd' as const, lr: 0.1, momentum: 0.9, batchSize: 16 }, regularization: { l2: 0.001 } };
const SMALL = { inputs: 3, layers: [dense(4, 'tanh'), dense(2, 'sigmoid')], loss: 'bce' as const,
  optimizer: { kind: 'sgd' as const, lr: 0.5, momentum: 0.9 } };
const SPECS = {
  Large64: testNetwork(LARGE),
  Large32: testNetwork({ ...LARGE, precision: 'f32' }),
  Small64: testNetwork(SMALL),
  Small32: testNetwork({ ...SMALL, precision: 'f32' }),
  // dropout and Adam in f32: the allocation test runs them
  Adam32: testNetwork({ ...LARGE, layers: [dense(24, 'relu', { dropout: 0.2 }), dense(5, 'softmax')], optimizer: { kind: 'adam', lr: 0.01 }, precision: 'f32' }),
};
type Name = keyof typeof SPECS;

let code = '';
let classes: Record<Name, TrainerClass>;
beforeAll(async () => {
  code = (await networkModuleSource(SPECS, { wasm: wasmMatmuls(await loadToolchain()) })).code;
  classes = (await loadModule(code)) as unknown as Record<Name, TrainerClass>;
}, 120_000);

/** f32 relative spacing: 2⁻²³. */
const F32_EPS = 2 ** -23;

/** Each entry within tol × the largest |entry| of the expected array (rounding errors scale with the array, not the entry). */
function expectArraysNear(actual: readonly ArrayLike<number>[], expected: readonly ArrayLike<number>[], tol: number, what: string): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, k) => {
    const scale = Math.max(...Array.from(e, Math.abs), 1e-300);
    let worst = 0;
    for (let i = 0; i < e.length; i++) worst = Math.max(worst, Math.abs(actual[k][i] - e[i]) / scale);
    expect(worst, `${what} ${k}: worst error / max |entry|`).toBeLessThanOrEqual(tol);
  });
}

/** An f32 trainer and an f64 trainer holding the same weights: the f32 one's, read exactly into the f64 one. */
function pair(f32: Name, f64: Name, backend?: Backend) {
  // (a straight-line trainer has no kernels to choose: its constructor takes the seed alone)
  const a = backend === undefined ? new classes[f32](3) : new classes[f32](3, backend);
  const b = backend === undefined ? new classes[f64](3) : new classes[f64](3, backend);
  b.loadJSON({ ...a.toJSON(), model: f64 });
  b.params.forEach((p, k) => expect(Array.from(p)).toEqual(Array.from(a.params[k])));
  return { a, b };
}

describe("a precision: 'f32' trainer", () => {
  it('declares Float32Array parameters and gradients, calls the _f32 kernels, and type-checks with tsc --strict', () => {
    const large = code.slice(code.indexOf('export class Large32'));
    expect(large).toContain('params: Float32Array[] = [];');
    expect(large).toMatch(/private (readonly )?v_W1 = new Float32Array\(/); // optimizer state
    expect(large).toMatch(/this\.v_W1 = new Float32Array\(buffer, \d+, 960\)/); // in the kernels' memory
    expect(large).toMatch(/wasm\.matmul_nt_nx40x24_f32\(n, Xw\.byteOffset, W1\.byteOffset, \w+\.byteOffset\)/);
    // the softmax / cross-entropy rows in WebAssembly too (f64x2 over the f32 arrays, row-kernel.ts)
    expect(large).toMatch(/wasm\.rows_\w+\(n, \w+\.byteOffset, Yw\.byteOffset, \w+\.byteOffset, \w+\.byteOffset\); \/\/ %\d+ = softmax\(/);
    const small = code.slice(code.indexOf('export class Small32'));
    expect(small).toContain('readonly W1 = new Float32Array(12);');
    expect(small).toContain('readonly params: readonly Float32Array[] = [');
    expect(typeCheck(code)).toEqual([]);
  });

  it.each(['wasm', 'ts'] as const)('gives the f64 trainer\'s loss, gradients and steps to f32 rounding from the same weights (%s kernels)', (backend) => {
    const { a, b } = pair('Large32', 'Large64', backend);
    expect(a.usesWasm).toBe(backend === 'wasm');
    expect(a.params[0]).toBeInstanceOf(Float32Array);
    for (const n of [1, 16, 37]) { // 37 rows: past the initial capacity, the memory grows
      const data = batch(SPECS.Large64 as NetworkSpec, n, n);
      const [la, lb] = [lossOf(a, data.X, data.Y, n), lossOf(b, data.X, data.Y, n)];
      expect(typeof la).toBe('number');
      expect(Math.abs(la - lb) / lb).toBeLessThan(50 * F32_EPS);
      expectArraysNear(a.grads, b.grads, 2e-5, 'gradient');
    }
    const data = batch(SPECS.Large64 as NetworkSpec, 16, 2);
    for (let s = 0; s < 10; s++) {
      a.trainStep(data.X, data.Y, data.n);
      b.trainStep(data.X, data.Y, data.n);
      expect(Math.abs(a.lastLoss - b.lastLoss) / b.lastLoss, `step ${s + 1}'s loss`).toBeLessThan(100 * F32_EPS);
    }
    expectArraysNear(a.params, b.params, 2e-5, 'parameters after 10 steps');
  });

  it('straight-line rows: the f64 trainer\'s loss, gradients and steps to f32 rounding', () => {
    const { a, b } = pair('Small32', 'Small64');
    const data = batch(SPECS.Small64 as NetworkSpec, 8, 4);
    expect(Math.abs(lossOf(a, data.X, data.Y, 8) - lossOf(b, data.X, data.Y, 8))).toBeLessThan(20 * F32_EPS);
    expectArraysNear(a.grads, b.grads, 1e-6, 'gradient');
    for (let s = 0; s < 20; s++) {
      a.trainStep(data.X, data.Y, data.n);
      b.trainStep(data.X, data.Y, data.n);
    }
    expectArraysNear(a.params, b.params, 2e-6, 'parameters after 20 steps');
    // every stored parameter is an f32: the update rounds as it stores
    a.params.forEach((p) => p.forEach((v) => expect(Math.fround(v)).toBe(v)));
  });

  it('WebAssembly (f32x4) and TypeScript kernels agree to f32 rounding', () => {
    const [a, b] = [new classes.Large32(5, 'wasm'), new classes.Large32(5, 'ts')];
    expect([a.usesWasm, b.usesWasm]).toEqual([true, false]);
    expect(a.toJSON()).toEqual(b.toJSON()); // the same initial weights
    const data = batch(SPECS.Large64 as NetworkSpec, 16, 6);
    expect(Math.abs(lossOf(a, data.X, data.Y, 16) / lossOf(b, data.X, data.Y, 16) - 1)).toBeLessThan(50 * F32_EPS);
    expectArraysNear(a.grads, b.grads, 2e-5, 'gradient');
    for (let s = 0; s < 10; s++) {
      a.trainStep(data.X, data.Y, data.n);
      b.trainStep(data.X, data.Y, data.n);
    }
    expectArraysNear(a.params, b.params, 2e-5, 'parameters after 10 steps');
  });

  it('with dropout and Adam: WebAssembly and TypeScript kernels draw the same masks and agree to f32 rounding', () => {
    const [a, b] = [new classes.Adam32(5, 'wasm'), new classes.Adam32(5, 'ts')];
    const data = batch(SPECS.Large64 as NetworkSpec, 16, 7);
    a.reseed(9);
    b.reseed(9);
    for (let s = 0; s < 5; s++) {
      a.trainStep(data.X, data.Y, data.n);
      b.trainStep(data.X, data.Y, data.n);
      expect(Math.abs(a.lastLoss / b.lastLoss - 1), `step ${s + 1}'s loss`).toBeLessThan(100 * F32_EPS);
    }
    expectArraysNear(a.params, b.params, 1e-4, 'parameters after 5 Adam steps');
  });

  it('printed without WebAssembly at all (Float32Array fields, TS kernels) it type-checks and computes the same', async () => {
    const plain = (await networkModuleSource({ Large32: SPECS.Large32 })).code;
    expect(plain).not.toContain('loadWasmKernels');
    expect(plain).toContain('readonly W1 = new Float32Array(960);');
    expect(typeCheck(plain)).toEqual([]);
    const Plain = ((await loadModule(plain)) as unknown as Record<'Large32', TrainerClass>).Large32;
    const [a, b] = [new Plain(5), new classes.Large32(5, 'ts')];
    const data = batch(SPECS.Large64 as NetworkSpec, 16, 6);
    // (the linear-memory trainer rounds the input rows to f32 as it copies them; this one reads them as given)
    expect(Math.abs(lossOf(a, data.X, data.Y, 16) / lossOf(b, data.X, data.Y, 16) - 1)).toBeLessThan(50 * F32_EPS);
    expectArraysNear(a.grads, b.grads, 2e-5, 'gradient');
  }, 60_000);

  // Central differences of the f32 loss, (L(θ⁺) − L(θ⁻)) / (θ⁺ − θ⁻) with θ± the stored f32 values at
  // θ ± 2⁻⁸ (not 10⁻⁶: the loss itself is rounded at about 10⁻⁷ relative). Truncation (h²) and rounding
  // (10⁻⁷·L / h) errors are both below 10⁻⁴ here; a wrong gradient is off by O(|g|).
  it.each(['Large32', 'Small32'] as const)('%s: the gradient equals central differences of its own f32 loss', (name) => {
    for (const backend of name === 'Large32' ? (['wasm', 'ts'] as const) : [undefined]) {
      const t = backend === undefined ? new classes[name](2) : new classes[name](2, backend);
      const data = batch(SPECS[name] as NetworkSpec, 6, 3);
      const loss = () => lossOf(t, data.X, data.Y, data.n);
      loss();
      const analytic = t.grads.map((g) => Float64Array.from(g));
      let checked = 0;
      t.params.forEach((p, k) => {
        for (let i = 0; i < p.length; i += name === 'Large32' ? 7 : 1) {
          const keep = p[i];
          p[i] = keep + 2 ** -8;
          const [up, lossUp] = [p[i], loss()];
          p[i] = keep - 2 ** -8;
          const [down, lossDown] = [p[i], loss()];
          p[i] = keep;
          const difference = (lossUp - lossDown) / (up - down);
          expect(Math.abs(analytic[k][i] - difference), `${backend} ${t.paramNames[k]}[${i}]: ${analytic[k][i]} vs ${difference}`)
            .toBeLessThanOrEqual(2e-4 + 1e-2 * Math.abs(difference));
          checked++;
        }
      });
      expect(checked).toBeGreaterThan(20);
    }
  });

  it('cross-entropy from logits stays finite and accurate in f32 with logits in the thousands', () => {
    const { a, b } = pair('Large32', 'Large64', 'wasm');
    for (const t of [a, b]) {
      const W3 = t.params[4];
      for (let i = 0; i < W3.length; i++) W3[i] = (i % 3 === 0 ? 600 : -400) * Math.fround(0.25 + (i % 5) / 8);
    }
    const data = batch(SPECS.Large64 as NetworkSpec, 16, 8);
    const [la, lb] = [lossOf(a, data.X, data.Y, 16), lossOf(b, data.X, data.Y, 16)];
    expect(Number.isFinite(la)).toBe(true);
    expect(lb).toBeGreaterThan(10);
    expect(Math.abs(la - lb) / lb).toBeLessThan(1e-5);
    a.grads.forEach((g) => g.forEach((v) => expect(Number.isFinite(v)).toBe(true)));
    expectArraysNear(a.grads, b.grads, 1e-4, 'gradient');
  });

  it('fits, evaluates and predicts on Float64Array rows; save/load round-trips exactly and into the f64 trainer', () => {
    const a = new classes.Large32(4, 'wasm');
    const data = batch(SPECS.Large64 as NetworkSpec, 64, 9);
    const { history } = a.fit(data, { epochs: 5 });
    expect(history.every((h) => typeof h.loss === 'number' && Number.isFinite(h.loss))).toBe(true);
    expect(history[4].loss).toBeLessThan(history[0].loss);
    const evaluation = a.evaluate(data);
    expect(typeof evaluation.loss).toBe('number');
    expect(evaluation.accuracy).toBeGreaterThan(0.2);
    const saved = JSON.parse(JSON.stringify(a.toJSON()));
    // into another f32 trainer (the TS kernels): the same weights bit for bit, the same predictions to rounding
    const b = new classes.Large32(8, 'ts');
    b.loadJSON(saved);
    b.params.forEach((p, k) => expect(Array.from(p)).toEqual(Array.from(a.params[k])));
    const [pa, pb, pc] = [new Float64Array(64 * 5), new Float64Array(64 * 5), new Float64Array(64 * 5)];
    a.predictBatch(data.X, 64, pa);
    b.predictBatch(data.X, 64, pb);
    pa.forEach((v, k) => expect(Math.abs(v - pb[k])).toBeLessThan(1e-5));
    // into the f64 trainer: the f32 weights exactly, predictions to f32 rounding
    const c = new classes.Large64(8, 'wasm');
    c.loadJSON({ ...saved, model: 'Large64' });
    c.predictBatch(data.X, 64, pc);
    pa.forEach((v, k) => expect(Math.abs(v - pc[k])).toBeLessThan(1e-5));
    // one example
    const one = new Float64Array(5);
    a.predict(data.X.subarray(0, 40), one);
    one.forEach((v, k) => expect(v).toBe(pa[k]));
    // f64 weights loaded into an f32 trainer are rounded to f32
    const d = new classes.Large32(1, 'wasm');
    const e = new classes.Large64(11, 'wasm');
    d.loadJSON({ ...e.toJSON(), model: 'Large32' });
    d.params.forEach((p, k) => p.forEach((v, i) => expect(v).toBe(Math.fround(e.params[k][i]))));
  });

  it('allocates nothing per step: no allocation in the hot methods, no GC from a call site V8 does not optimize', () => {
    const hot: string[] = [];
    const names = /^(Large32|Small32|Adam32)\.(computeLossAndGradient|computeTrainStep|step|forwardBatch|dataLoss)$/;
    expect(findAllocations(code, { include: (name) => names.test(name) && hot.push(name) > 0 })).toEqual([]);
    expect(hot.length).toBeGreaterThanOrEqual(13);
    // inlining off (the child's default): the kernels take no float argument (their scalars are in linear memory), so nothing is boxed
    const results = childGcResults(code, ['Large32', 'Small32', 'Adam32', 'Large64'], 20_000);
    expect(results.map((r) => [r.name, r.usesWasm])).toEqual([['Large32', true], ['Small32', false], ['Adam32', true], ['Large64', true]]);
    // 20 000 × 4 calls: one boxed double per call would be ≥ 1 MB; a constant overhead stays far below 64 KiB.
    expect(results.filter((r) => r.events > 0 || r.youngBytes > 64 * 1024)).toEqual([]);
  }, 120_000);

  it('its notes say that the trainer keeps f32 and the notes compute in f64 (an f64 model\'s do not)', async () => {
    const model = (precision: string) => "import { dense, network } from 'nncompile';\n"
      + `export const Net = network({ inputs: 2, layers: [dense(3, 'tanh'), dense(1, 'sigmoid')], loss: 'bce', optimizer: { kind: 'sgd', lr: 0.5 }${precision} });\n`;
    const notes = async (precision: string) =>
      (await compileModel({ text: model(precision), fileName: 'model.ts' })).files.find((f) => f.name.endsWith('.tex'))?.content ?? '';
    expect(await notes(", precision: 'f32'")).toContain('in single precision (f32, about 7 significant digits)');
    expect(await notes('')).not.toContain('single precision');
  }, 60_000);
});
