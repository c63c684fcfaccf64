// The optimizer update as a WebAssembly kernel printed from the optimizer's
// rule (src/backends/wasm/update-kernel.ts): for every optimizer module, with
// clipping and a schedule, the WASM step() of a trainer whose arrays live in
// linear memory equals, bit for bit, the TypeScript step() of the same class
// (backend 'ts') and the middle end's worked numbers (training-step.ts), over
// several steps (the state carried), for array lengths odd and even.
import { describe, expect, it } from 'vitest';
import { loadToolchain, updateKernel } from '../src/backends/wasm/index.js';
import { wasmMatmuls } from '../src/driver/wasm-kernels.js';
import { trainingStep, type TrainingStep } from '../src/compile/network/training-step.js';
import { mul, g, lr, pow, num, type UpdateRule } from '../src/compile/network/optimizers/rule.js';
import { dense, loadTrainer, testNetwork, type Trainer } from './helpers/network-module.js';
import { batch } from './helpers/network-reference.js';
import { OPTIMIZER_CASES, RMSPROP_CLIPPED } from './helpers/optimizer-cases.js';

type Backend = 'auto' | 'wasm' | 'ts';
type WasmTrainer = Trainer & { readonly usesWasm: boolean };

const CASES = [...OPTIMIZER_CASES, RMSPROP_CLIPPED];

describe('the optimizer update as a WebAssembly kernel', () => {
  it.each(CASES)('$what: WASM step() = TS step() = the worked numbers, bit for bit', async ({ spec: extra }) => {
    // 7 inputs, 5 and 3 units: arrays of 35, 5, 15, 3 entries (odd lengths: the one-entry tail passes)
    const spec = testNetwork({ inputs: 7, layers: [dense(5, 'tanh'), dense(3, 'sigmoid')], loss: 'bce', ...extra });
    const { Trainer, code, compiled } = await loadTrainer(spec, 'Net', { unrollScalars: 0, wasm: wasmMatmuls(await loadToolchain()) });
    expect(code).toMatch(/if \(wasm !== undefined\)\s+wasm\.update_[0-9a-f]{8}\(\s*35,\s*w\.byteOffset,\s*dw\.byteOffset/);
    const make = Trainer as unknown as new (seed?: number, backend?: Backend) => WasmTrainer;
    const [a, b] = [new make(3, 'wasm'), new make(3, 'ts')];
    expect([a.usesWasm, b.usesWasm]).toEqual([true, false]);
    // the worked numbers' state, carried from step to step
    let state: TrainingStep['state'] | undefined;
    for (let s = 0; s < 4; s++) {
      const data = batch(spec, 6, 10 + s);
      // the same θ and gradient in both (the backends' gradients agree to rounding only: SIMD e^x, tanh x)
      a.lossAndGradient(data.X, data.Y, data.n);
      b.lossAndGradient(data.X, data.Y, data.n);
      a.grads.forEach((gr, k) => b.grads[k].set(gr));
      a.params.forEach((p, k) => expect(Array.from(p)).toEqual(Array.from(b.params[k])));
      const worked = trainingStep(compiled, a.params.map((p, k) => ({
        values: Array.from(p), gradient: Array.from(a.grads[k]), isWeight: compiled.layout[k].role === 'weight', ...(state ? { state: state[k] } : {}),
      })), s + 1);
      state = worked.state;
      a.step();
      b.step();
      a.params.forEach((p, k) => {
        expect(Array.from(p)).toEqual(Array.from(b.params[k])); // toEqual on numbers: Object.is per entry
        expect(Array.from(p)).toEqual(worked.updated[k]);
      });
    }
  }, 120_000);

  it('leaves a rule with a per-entry operation it has no SIMD form for (pow of an entry) to TypeScript', () => {
    const rule: UpdateRule = {
      summary: 'w ← w − η g^2', title: 'test', hyperParameters: [], stateProse: () => '', constants: [], state: [], stateUpdates: [],
      thetaUpdates: [{ amount: mul(lr, pow(g, num(2))) }],
    };
    expect(updateKernel({ rule, weights: true, scaled: false })).toBeUndefined();
    expect(updateKernel({ rule: { ...rule, thetaUpdates: [{ amount: mul(lr, g) }] }, weights: true, scaled: false })).toBeDefined();
  });
});
