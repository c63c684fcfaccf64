import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildKernelModule, embedKernelModule, loadToolchain, type KernelModule } from '../src/backends/wasm/index.js';
import { loadModule, typeCheck } from './helpers/generated-module.js';
import { referenceProduct } from './helpers/matmul-reference.js';
import { seededRandom } from './helpers/random.js';

/** The embedding's loader and decoder, exported for the test (a generated trainer keeps them to itself). */
interface Embedded {
  loadWasmKernels(pages: number, backend: 'auto' | 'wasm' | 'ts'): undefined | {
    readonly memory: { readonly buffer: ArrayBuffer };
    readonly [kernel: string]: unknown;
  };
  loadWasmKernelsAsync(pages: number, backend: 'auto' | 'wasm' | 'ts'): Promise<ReturnType<Embedded['loadWasmKernels']>>;
  decodeBase64(text: string): Uint8Array;
}

let module: KernelModule;
let source: string;
let embedded: Embedded;
beforeAll(async () => {
  module = buildKernelModule(await loadToolchain(), [
    { variant: 'matmul_nt', shape: { rows: 'n', inner: 7, cols: 5 } },
    { variant: 'matmul_tn', shape: { rows: 5, inner: 'n', cols: 7 } },
  ]);
  source = embedKernelModule(module);
  embedded = (await loadModule(`${source}\nexport { loadWasmKernels, loadWasmKernelsAsync, decodeBase64 };\n`)) as unknown as Embedded;
});

const realWebAssembly = (globalThis as unknown as { WebAssembly: object }).WebAssembly;
afterEach(() => {
  Object.assign(globalThis, { WebAssembly: realWebAssembly });
});

describe('the embedded kernel module', () => {
  it('type-checks with tsc --strict against the ES2022 library alone', () => {
    expect(typeCheck(source)).toEqual([]);
  });

  it('decodes its base64 back to the assembled bytes, at every padding', () => {
    expect([...embedded.decodeBase64(Buffer.from(module.bytes).toString('base64'))]).toEqual([...module.bytes]);
    const random = seededRandom(3);
    for (let length = 0; length < 12; length++) {
      const bytes = Uint8Array.from({ length }, () => Math.floor(random() * 256));
      expect([...embedded.decodeBase64(Buffer.from(bytes).toString('base64'))]).toEqual([...bytes]);
    }
  });

  it.each(['sync', 'async'])('instantiates (%s) and computes in its own memory', async (how) => {
    const kernels = how === 'sync' ? embedded.loadWasmKernels(1, 'auto') : await embedded.loadWasmKernelsAsync(1, 'auto');
    if (kernels === undefined) throw new Error('WebAssembly should be available in Node 20');
    const heap = new Float64Array(kernels.memory.buffer);
    const random = seededRandom(5);
    const n = 3;
    // A n×7 at element 0, B 5×7 at 21, C n×5 at 56: C = A Bᵀ.
    for (let i = 0; i < 56; i++) heap[i] = random() - 0.5;
    const matmulNt = kernels.matmul_nt_nx7x5 as (n: number, a: number, b: number, c: number) => void;
    matmulNt(n, 0, 21 * 8, 56 * 8);
    const expected = referenceProduct('matmul_nt', { R: n, K: 7, M: 5 }, heap.slice(0, 21), heap.slice(21, 56), 2);
    expect([...heap.slice(56, 56 + n * 5)]).toEqual([...expected]);
    expect(typeof kernels.matmul_tn_5xnx7).toBe('function');
  });

  it('leaves the choice to the TypeScript kernels when asked or when WebAssembly is missing', () => {
    expect(embedded.loadWasmKernels(1, 'ts')).toBeUndefined();
    Object.assign(globalThis, { WebAssembly: undefined });
    expect(embedded.loadWasmKernels(1, 'auto')).toBeUndefined();
    expect(() => embedded.loadWasmKernels(1, 'wasm')).toThrow('WebAssembly with 128-bit SIMD is not available here');
    return expect(embedded.loadWasmKernelsAsync(1, 'auto')).resolves.toBeUndefined();
  });

  it('falls back where the engine cannot run the module (an engine without SIMD rejects it in validate)', () => {
    Object.assign(globalThis, { WebAssembly: { ...realWebAssembly, validate: () => false } });
    expect(embedded.loadWasmKernels(1, 'auto')).toBeUndefined();
    expect(() => embedded.loadWasmKernels(1, 'wasm')).toThrow('not available here');
  });
});
