// Larger networks keep parameters, gradients and workspace in the WebAssembly
// kernels' linear memory and run their matrix products as WASM kernels
// (src/backends/ts/network/linear-memory.ts, the driver's wasm-kernels.ts):
// the same numbers as the TypeScript kernels, gradients equal to finite
// differences, no allocation per step, and fit/predict/save/load unchanged.
import { describe, expect, it } from 'vitest';
import { loadToolchain } from '../src/backends/wasm/index.js';
import { wasmMatmuls } from '../src/driver/wasm-kernels.js';
import { dense, expectGradientMatchesDifferences, loadTrainer, lossOf, networkModuleSource, testNetwork, type Trainer } from './helpers/network-module.js';
import { OPTIMIZER_CASES, RMSPROP_CLIPPED } from './helpers/optimizer-cases.js';
import { batch } from './helpers/network-reference.js';
import { expectClose } from './helpers/numeric.js';
import { childGcResults } from './helpers/gc-child-run.js';
import { kernelCallArguments } from './helpers/kernel-calls.js';
import { findAllocations } from './helpers/allocation-free.js';
import { typeCheck } from './helpers/generated-module.js';
import { findExportClash, networkExportNames } from '../src/driver/name-clashes.js';

interface WasmTrainer extends Trainer {
  readonly usesWasm: boolean;
  fit(data: { X: Float64Array; Y: Float64Array; n: number }, options: { epochs: number; batchSize?: number }): unknown;
  toJSON(): unknown;
  loadJSON(json: unknown): void;
}
type WasmTrainerClass = (new (seed?: number, backend?: 'auto' | 'wasm' | 'ts') => WasmTrainer) & {
  create(seed?: number, backend?: 'auto' | 'wasm' | 'ts'): Promise<WasmTrainer>;
};

const SPEC = testNetwork({
  inputs: 40,
  layers: [dense(24, 'tanh', { dropout: 0.2 }), dense(16, 'relu'), dense(5, 'softmax')],
  loss: 'cce',
  optimizer: { kind: 'adam', lr: 0.01, batchSize: 16 },
  regularization: { l2: 0.001 },
});

/** A relu layer of 64 units on 50 inputs: ∂L/∂W1 = δ1ᵀ X sums over δ1's nonzero elements (matmul_tn_…_sparse, with a scratch slot). */
const RELU_SPEC = testNetwork({
  inputs: 50, layers: [dense(64, 'relu'), dense(4, 'softmax')], loss: 'cce', optimizer: { kind: 'sgd', lr: 0.05, batchSize: 16 },
});

async function wasmTrainer(spec = SPEC) {
  const { Trainer, code } = await loadTrainer(spec, 'Net', { wasm: wasmMatmuls(await loadToolchain()) });
  return { Trainer: Trainer as unknown as WasmTrainerClass, code };
}

const paramsOf = (t: Trainer) => t.params.map((p) => Array.from(p));

describe('a trainer with WebAssembly kernels', () => {
  it('calls WASM kernels for its products and type-checks with tsc --strict', async () => {
    const { code } = await wasmTrainer();
    expect(code).toMatch(/if \(wasm !== undefined\) wasm\.matmul_nt_nx40x24\(n, Xw\.byteOffset, W1\.byteOffset, \w+\.byteOffset\);/);
    expect(code).toContain('matmul_tn_24xnx40');
    expect(typeCheck(code)).toEqual([]);
  }, 120_000);

  it('gives the TypeScript kernels\' loss, gradients and training steps to rounding', async () => {
    const { Trainer } = await wasmTrainer();
    const [a, b] = [new Trainer(3, 'wasm'), new Trainer(3, 'ts')];
    expect([a.usesWasm, b.usesWasm]).toEqual([true, false]);
    for (const n of [1, 16, 37]) { // 37 rows: past the initial capacity (16), the memory grows
      const data = batch(SPEC, n, n);
      a.reseed(5);
      b.reseed(5);
      expectClose(lossOf(a, data.X, data.Y, n), lossOf(b, data.X, data.Y, n), 1e-12);
      a.grads.forEach((g, i) => g.forEach((v, k) => expectClose(v, b.grads[i][k], 1e-10, 1e-13)));
    }
    const data = batch(SPEC, 16, 2);
    for (let s = 0; s < 5; s++) {
      a.trainStep(data.X, data.Y, data.n);
      b.trainStep(data.X, data.Y, data.n);
    }
    a.params.forEach((p, i) => p.forEach((v, k) => expectClose(v, b.params[i][k], 1e-10, 1e-13)));
  }, 120_000);

  it('keeps the parameters when a larger batch grows the memory', async () => {
    const { Trainer } = await wasmTrainer();
    const t = new Trainer(1, 'wasm');
    const before = paramsOf(t);
    const big = batch(SPEC, 3000, 4); // 3000 rows: several more 64 KiB pages
    t.lossAndGradient(big.X, big.Y, big.n);
    expect(paramsOf(t)).toEqual(before);
    expect(t.params[0].buffer.byteLength).toBeGreaterThan(3000 * 40 * 8);
  }, 120_000);

  it('lays its arrays out without overlap, 8-byte aligned, the fixed-size ones first and kept in place when the memory grows', async () => {
    const { Trainer } = await wasmTrainer();
    const t = new Trainer(2, 'wasm');
    const fields = t as unknown as Record<string, unknown>;
    type Placed = Map<string, readonly [number, number]>; // name → [first byte, byte after the last]
    const layout = (): Placed => new Map(Object.entries(fields)
      .filter((e): e is [string, Float64Array] => e[1] instanceof Float64Array && e[1].byteLength > 0)
      .map(([name, v]) => [name, [v.byteOffset, v.byteOffset + v.byteLength]] as const));
    const small = layout();
    const big = batch(SPEC, 300, 4);
    t.lossAndGradient(big.X, big.Y, big.n); // grows the memory: every view is remade
    const large = layout();
    const length = (p: Placed, name: string) => (p.get(name) as readonly [number, number])[1] - (p.get(name) as readonly [number, number])[0];
    // per-row arrays (batched workspace, the input and target rows, dropout masks) hold 300 rows now; the others did not change size
    const perRow = new Set([...small.keys()].filter((name) => length(large, name) > length(small, name)));
    expect([...perRow]).toEqual(expect.arrayContaining(['ws0', 'Xw', 'Yw', 'M1']));
    expect([...small.keys()].filter((name) => !perRow.has(name))).toEqual(expect.arrayContaining(['W1', 'dL_dW1', 'm_W1', 'v_b3', 'kernelScalars']));
    for (const placed of [small, large]) {
      const sorted = [...placed].sort((p, q) => p[1][0] - q[1][0]);
      for (const [i, [name, [start]]] of sorted.entries()) {
        expect(start % 8, name).toBe(0);
        if (i > 0) expect(start, `${name} overlaps ${sorted[i - 1][0]}`).toBeGreaterThanOrEqual(sorted[i - 1][1][1]);
      }
      const lastFixed = Math.max(...sorted.filter(([name]) => !perRow.has(name)).map(([, [, end]]) => end));
      for (const [name, [start]] of sorted) if (perRow.has(name)) expect(start, name).toBeGreaterThanOrEqual(lastFixed);
    }
    // θ, ∂L/∂θ, the optimizer state, the fixed workspace and the scalar block stay at their offsets
    for (const [name, at] of small) if (!perRow.has(name)) expect(large.get(name), name).toEqual(at);
  }, 120_000);

  it('writes the kernels\' float arguments to its scalar block: a fixed region, 8-byte aligned, overlapping no array, kept when the memory grows', async () => {
    const { Trainer } = await wasmTrainer();
    const t = new Trainer(2, 'wasm');
    const fields = t as unknown as Record<string, unknown>;
    const block = () => fields.kernelScalars as Float64Array;
    const views = () => Object.entries(fields).filter((e): e is [string, Float64Array] => e[1] instanceof Float64Array && e[0] !== 'kernelScalars');
    const at = block().byteOffset;
    expect(at % 8).toBe(0);
    expect(views().map(([name]) => name)).toEqual(expect.arrayContaining(['W1', 'dL_dW3', 'm_W1', 'v_b3', 'ws0', 'Xw', 'Yw', 'M1']));
    for (const [name, v] of views()) {
      const [start, end] = [v.byteOffset, v.byteOffset + v.byteLength];
      expect(end <= at || start >= at + block().byteLength, name).toBe(true);
      // the block follows the fixed-size arrays: only the per-row arrays (workspace, X, Y, masks) lie after it
      if (start > at) expect(name, name).toMatch(/^(ws\d+|Xw|Yw|M\d+)$/);
    }
    const big = batch(SPEC, 300, 4);
    t.lossAndGradient(big.X, big.Y, big.n); // grows the memory
    expect(block().byteOffset).toBe(at);
    expect(block()[0]).toBe(1 / 300); // 1/n: the first scalar lossAndGradient's kernels read
    t.step(); // Adam, t = 1: η, then the bias corrections 1 − β₁ᵗ and 1 − β₂ᵗ
    expect(Array.from(block())).toEqual([0.01, 1 - Math.pow(0.9, 1), 1 - Math.pow(0.999, 1)]);
  }, 120_000);

  it('has a gradient equal to central differences of its own loss', async () => {
    const spec = testNetwork({ inputs: 12, layers: [dense(10, 'tanh'), dense(8, 'softplus'), dense(3, 'softmax')], loss: 'cce' });
    const { Trainer } = await wasmTrainer(spec);
    const t = new Trainer(2, 'wasm');
    expect(t.usesWasm).toBe(true);
    expectGradientMatchesDifferences(t, batch(spec, 6, 3), { stride: 3 });
  }, 120_000);

  // RELU_SPEC: 70 rows make two blocks of the sum (SPARSE_DEPTH = 64).
  it('sums ∂L/∂W over the nonzero δ of a relu layer: the TypeScript kernels\' numbers, central differences', async () => {
    const spec = RELU_SPEC;
    const { Trainer, code } = await wasmTrainer(spec);
    expect(code).toMatch(/wasm\.matmul_tn_64xnx50_sparse\(\s*n,\s*\w+\.byteOffset,\s*Xw\.byteOffset,\s*dL_dW1\.byteOffset,\s*ws\d+\.byteOffset,?\s*\)/);
    expect(typeCheck(code)).toEqual([]);
    const [a, b] = [new Trainer(3, 'wasm'), new Trainer(3, 'ts')];
    for (const n of [1, 16, 70]) {
      const data = batch(spec, n, n);
      a.reseed(5);
      b.reseed(5);
      expectClose(lossOf(a, data.X, data.Y, n), lossOf(b, data.X, data.Y, n), 1e-12);
      expect(a.grads[0].filter((g) => g === 0).length).toBeLessThan(a.grads[0].length); // a gradient, not zeros
      a.grads.forEach((g, i) => g.forEach((v, k) => expectClose(v, b.grads[i][k], 1e-10, 1e-13)));
    }
    const t = new Trainer(2, 'wasm');
    expectGradientMatchesDifferences(t, batch(spec, 6, 3), { stride: 7 });
  }, 180_000);

  it('fits, predicts, saves and loads as before: a model trained with WASM loads into the TS kernels', async () => {
    const { Trainer } = await wasmTrainer();
    const a = new Trainer(4, 'wasm');
    const data = batch(SPEC, 64, 9);
    a.fit(data, { epochs: 3 });
    const b = new Trainer(8, 'ts');
    b.loadJSON(JSON.parse(JSON.stringify(a.toJSON())));
    const [pa, pb] = [new Float64Array(64 * 5), new Float64Array(64 * 5)];
    a.predictBatch(data.X, 64, pa);
    b.predictBatch(data.X, 64, pb);
    pa.forEach((v, k) => expectClose(v, pb[k], 1e-12, 1e-15));
    const created = await Trainer.create(4);
    expect(created.usesWasm).toBe(true);
  }, 120_000);

  // The GC count runs in a child process (as the other trainers' do: in-process, the test runner's own
  // garbage under load made it flaky), from a loop V8 never optimizes and with inlining off: V8 then calls
  // each WebAssembly export through its generic wrapper, which boxes every double argument. The kernels
  // take none (their float arguments — 1/n, η, the bias corrections, the clipping scale — are f64s in the
  // scalar block of linear memory, passed by address), so nothing grows. Every optimizer, each with a
  // schedule (a computed η, not a literal) and one clipped by norm and value, all with dropout; and a relu
  // layer whose ∂L/∂W kernel takes scratch memory.
  it('allocates nothing per step, every optimizer, clipping, a schedule, dropout (child process, inlining off)', async () => {
    const schedule = { kind: 'exponential', rate: 0.97 } as const;
    const specs = {
      Net: SPEC,
      Relu: RELU_SPEC,
      ...Object.fromEntries([...OPTIMIZER_CASES, RMSPROP_CLIPPED].map(({ spec }, k) => [`Opt${k}`, testNetwork({
        inputs: 40, layers: [dense(24, 'tanh', { dropout: 0.1 }), dense(5, 'softmax')], loss: 'cce', schedule, ...spec,
      })])),
    };
    const names = Object.keys(specs);
    const { code } = await networkModuleSource(specs, { wasm: wasmMatmuls(await loadToolchain()) });
    // every float a kernel reads comes from the scalar block: no kernel call passes a double
    const kernelCalls = kernelCallArguments(code);
    expect(kernelCalls.calls).toBeGreaterThan(50);
    expect(kernelCalls.nonIntegers).toEqual([]);
    const hot: string[] = [];
    const methods = new RegExp(`^(${names.join('|')})\\.(computeLossAndGradient|step|forwardBatch|dataLoss)$`);
    expect(findAllocations(code, { include: (name) => methods.test(name) && hot.push(name) > 0 })).toEqual([]);
    expect(hot.length).toBe(4 * names.length);
    const results = childGcResults(code, names, 20_000);
    expect(results.map((r) => [r.name, r.usesWasm])).toEqual(names.map((name) => [name, true]));
    // 20 000 × 4 calls: one boxed double per call would be ≥ 1 MB; a constant overhead stays far below 64 KiB.
    expect(results.filter((r) => r.events > 0 || r.youngBytes > 64 * 1024)).toEqual([]);
  }, 240_000);
});

describe('the embedded kernels\' names', () => {
  it.each(['WasmKernels', 'loadWasmKernels', 'KERNELS_WASM', 'KernelBackend', 'instantiateWasm'])('a network exported as %s is refused', (name) => {
    const clash = findExportClash([networkExportNames(name)]);
    expect(clash?.error.message).toContain('is a name the generated module uses itself');
  });
});
