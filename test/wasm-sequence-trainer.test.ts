// Sequence trainers with WebAssembly kernels (issue 9's benchmark, on issue
// 13's backend): the per-step gate products (x_t Wᵀ, h_{t−1} Uᵀ), the reverse
// step's δ U and the step's Uᵀ-gradient δᵀ h_{t−1} run as WASM SIMD kernels,
// every array of the class in their linear memory
// (src/backends/ts/network/sequence-memory.ts). The same numbers as the
// TypeScript kernels to rounding, gradients equal to central differences of
// the trainer's own loss and to the independent forward pass, the memory
// grown for more rows and longer sequences, and no allocation per step.
import { describe, expect, it } from 'vitest';
import { loadToolchain } from '../src/backends/wasm/index.js';
import { wasmMatmuls } from '../src/driver/wasm-kernels.js';
import { dense, gru, lstm, rnn, type SequenceNetworkSpec } from '../src/dsl/network.js';
import { loadSequenceTrainer, paramsOf, randomSequences, referenceOf, sequenceModuleSource, type SequenceTrainer, testSequenceNetwork } from './helpers/sequence-module.js';
import { loss as referenceLoss } from './helpers/sequence-reference.js';
import { forEachCentralDifference, lossOf } from './helpers/network-module.js';
import { expectClose } from './helpers/numeric.js';
import { childGcResults } from './helpers/gc-child-run.js';
import { kernelCallArguments } from './helpers/kernel-calls.js';
import { findAllocations } from './helpers/allocation-free.js';
import { typeCheck } from './helpers/generated-module.js';

type Backend = 'auto' | 'wasm' | 'ts';
interface WasmSequenceTrainer extends SequenceTrainer {
  readonly usesWasm: boolean;
  readonly outputSize: number;
}
type WasmSequenceTrainerClass = (new (seed?: number, backend?: Backend) => WasmSequenceTrainer) & {
  create(seed?: number, backend?: Backend): Promise<WasmSequenceTrainer>;
};

// Units large enough that every gate product takes a kernel (≥ 64 multiply-adds per row); step() then runs
// the update kernels: Adam, RMSprop clipped by norm, Nesterov momentum clipped by value.
const SPECS: Record<string, SequenceNetworkSpec> = {
  lstm: testSequenceNetwork({ inputs: { sequence: 3 }, layers: [lstm(12), dense(2, 'tanh')], optimizer: { kind: 'adam', lr: 0.01 } }),
  gru: testSequenceNetwork({ inputs: { sequence: 3 }, layers: [gru(10, { returnSequences: true }), dense(2)], bptt: { truncate: 4 },
    optimizer: { kind: 'rmsprop', lr: 0.01 }, clip: { norm: 1 } }),
  rnn: testSequenceNetwork({ inputs: { sequence: 3 }, layers: [rnn(16, 'tanh'), lstm(9), dense(1)],
    optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9, nesterov: true }, clip: { value: 0.5 } }),
};

async function wasmSequenceTrainer(spec: SequenceNetworkSpec) {
  const { Trainer, code } = await loadSequenceTrainer(spec, 'Seq', { wasm: wasmMatmuls(await loadToolchain()) });
  return { Trainer: Trainer as unknown as WasmSequenceTrainerClass, code };
}

describe('a sequence trainer with WebAssembly kernels', () => {
  it('runs its gate products and their gradients as WASM kernels and type-checks with tsc --strict', async () => {
    const { code } = await wasmSequenceTrainer(SPECS.lstm);
    expect(code).toMatch(/wasm\.matmul_nt_nx12x12\(n, h1_prev\.byteOffset, Ui1\.byteOffset, \w+\.byteOffset\)/); // h_{t−1} Uᵀ
    expect(code).toMatch(/wasm\.matmul_nx12x12\(n, \w+\.byteOffset, Ui1\.byteOffset, \w+\.byteOffset\)/); // δ U
    expect(code).toMatch(/wasm\.matmul_tn_12xnx12\(n, \w+\.byteOffset, h1_prev\.byteOffset, g_Ui1\.byteOffset\)/); // δᵀ h_{t−1}
    // step(): the optimizer's update as the shared WASM update kernel over θ, ∂L/∂θ and the state, its scalars in the block
    const stepBody = code.slice(code.indexOf('  step(): void {'), code.indexOf('  baseLearningRate('));
    expect(stepBody).toMatch(/wasm\.update_\w+\(\s*12,\s*w\.byteOffset,\s*dw\.byteOffset,\s*s0\.byteOffset,\s*s1\.byteOffset,\s*sc\.byteOffset/);
    expect(stepBody.match(/wasm\.update_\w+\(/g)).toHaveLength(14); // every parameter array: 12 of the LSTM, 2 of the head
    expect(typeCheck(code)).toEqual([]);
  }, 120_000);

  it.each(Object.keys(SPECS))('%s: the TypeScript kernels\' loss, gradients and training steps to rounding, for more rows and longer sequences', async (kind) => {
    const spec = SPECS[kind];
    const { Trainer } = await wasmSequenceTrainer(spec);
    const [a, b] = [new Trainer(3, 'wasm'), new Trainer(3, 'ts')];
    expect([a.usesWasm, b.usesWasm]).toEqual([true, false]);
    // growing rows and steps: the memory grows and every view is remade
    for (const [n, T] of [[1, 2], [5, 7], [40, 3], [6, 30]]) {
      const data = randomSequences(spec, n, T, n * 31 + T);
      a.sequenceLength = b.sequenceLength = T;
      expectClose(lossOf(a, data.X, data.Y, n), lossOf(b, data.X, data.Y, n), 1e-12);
      a.grads.forEach((g, i) => g.forEach((v, k) => expectClose(v, b.grads[i][k], 1e-10, 1e-13)));
      Array.from(a.hiddenGradientNorms()).forEach((v, t) => expectClose(v, b.hiddenGradientNorms()[t], 1e-10, 1e-13));
    }
    const data = randomSequences(spec, 8, 6, 2);
    a.sequenceLength = b.sequenceLength = 6;
    for (let s = 0; s < 4; s++) {
      a.trainStep(data.X, data.Y, data.n);
      b.trainStep(data.X, data.Y, data.n);
    }
    a.params.forEach((p, i) => p.forEach((v, k) => expectClose(v, b.params[i][k], 1e-10, 1e-13)));
    const [pa, pb] = [new Float64Array(b.outputSize * 8), new Float64Array(b.outputSize * 8)];
    a.predictBatch(data.X, 8, pa);
    b.predictBatch(data.X, 8, pb);
    pa.forEach((v, k) => expectClose(v, pb[k], 1e-12, 1e-15));
  }, 120_000);

  it.each(['lstm', 'rnn'])('%s: the gradient equals central differences of its own loss and the loss the independent forward pass', async (kind) => {
    const spec = SPECS[kind];
    const { Trainer } = await wasmSequenceTrainer(spec);
    const t = new Trainer(2, 'wasm');
    expect(t.usesWasm).toBe(true);
    const data = randomSequences(spec, 3, 5, 9);
    t.sequenceLength = data.T;
    const loss = lossOf(t, data.X, data.Y, data.n);
    expect(loss).toBeCloseTo(referenceLoss(referenceOf(spec), paramsOf(t), data), 12);
    let checked = 0;
    forEachCentralDifference(t, () => lossOf(t, data.X, data.Y, data.n), (analytic, difference) => {
      expectClose(analytic, difference, 1e-6, 1e-8);
      checked++;
    }, { stride: 5 });
    expect(checked).toBeGreaterThan(100);
  }, 120_000);

  it('saves and loads across backends; the asynchronous factory takes the kernels', async () => {
    const { Trainer } = await wasmSequenceTrainer(SPECS.lstm);
    const a = new Trainer(4, 'wasm');
    const data = randomSequences(SPECS.lstm, 16, 5, 4);
    a.fit(data, { epochs: 2, batchSize: 8 });
    const b = new Trainer(8, 'ts');
    b.loadJSON(JSON.parse(JSON.stringify(a.toJSON())));
    const [pa, pb] = [new Float64Array(32), new Float64Array(32)];
    a.predictBatch(data.X, 16, pa);
    b.predictBatch(data.X, 16, pb);
    pa.forEach((v, k) => expectClose(v, pb[k], 1e-12, 1e-15));
    expect((await Trainer.create(4)).usesWasm).toBe(true);
  }, 120_000);
});

describe('the WASM sequence trainer allocates nothing per step', () => {
  const HOT = /^Seq\w*\.(computeLossAndGradient|step|forwardBatch|dataLoss|forwardStep|inferStep|reverseStep|headTrain|headPredict|headEvaluate)$/;

  it('no allocation in the hot methods; no GC over many calls (child process, inlining off)', async () => {
    const specs = { SeqLstm: SPECS.lstm, SeqGru: SPECS.gru, SeqRnn: SPECS.rnn };
    const { code } = await sequenceModuleSource(specs, { wasm: wasmMatmuls(await loadToolchain()) });
    const hot: string[] = [];
    expect(findAllocations(code, { include: (name) => HOT.test(name) && hot.push(name) > 0 })).toEqual([]);
    expect(hot).toContain('SeqGru.reverseStep');
    expect(code).toContain('wasm.matmul_nt_nx10x10'); // the GRU's products run as kernels here too
    // the kernels take integers only (sizes, byte offsets): nothing V8 would box when it does not inline a call
    const kernelCalls = kernelCallArguments(code);
    expect(kernelCalls.calls).toBeGreaterThan(10);
    expect(kernelCalls.nonIntegers).toEqual([]);
    const results = childGcResults(code, Object.keys(specs), 3000, { SEQUENCE_LENGTH: '12' });
    expect(results.map((r) => [r.name, r.usesWasm])).toEqual(Object.keys(specs).map((name) => [name, true]));
    expect(results.filter((r) => r.events > 0 || r.youngBytes > 64 * 1024)).toEqual([]);
  }, 180_000);
});
