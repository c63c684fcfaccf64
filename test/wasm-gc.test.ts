import { describe, expect, it } from 'vitest';
import { buildKernelModule, embedKernelModule, loadToolchain, type MatmulRequest } from '../src/backends/wasm/index.js';
import { countGcDuring } from './helpers/gc-events.js';
import { loadModule } from './helpers/generated-module.js';

type Kernel = (n: number, a: number, b: number, c: number) => void;
interface Embedded {
  loadWasmKernels(pages: number, backend: 'wasm'): Readonly<Record<string, Kernel>> & { memory: { buffer: ArrayBuffer } };
}

// The 64-32-10 trainer's products at batch 32: forward, backward, weight gradient.
const REQUESTS: MatmulRequest[] = [
  { variant: 'matmul_nt', shape: { rows: 'n', inner: 64, cols: 32 } },
  { variant: 'matmul', shape: { rows: 'n', inner: 10, cols: 32 } },
  { variant: 'matmul_tn', shape: { rows: 10, inner: 'n', cols: 32 } },
];

describe('calling the WASM kernels', () => {
  it('allocates nothing: no GC event over many calls through the embedded loader', async () => {
    const module = buildKernelModule(await loadToolchain(), REQUESTS);
    const embedded = (await loadModule(`${embedKernelModule(module)}\nexport { loadWasmKernels };\n`)) as unknown as Embedded;
    const kernels = embedded.loadWasmKernels(2, 'wasm');
    const heap = new Float64Array(kernels.memory.buffer);
    heap.fill(0.5, 0, 8192);
    const [a, b, c] = [0, 32 * 64 * 8, 2 * 32 * 64 * 8];
    // A loop of its own (new Function), so its call sites see only these kernels, as a generated step's do.
    const loop = new Function('k', 'heap', 'a', 'b', 'c', `return function run(count) {
      let sum = 0;
      for (let i = 0; i < count; i++) {
        k.matmul_nt_nx64x32(32, a, b, c);
        k.matmul_nx10x32(32, a, b, c);
        k.matmul_tn_10xnx32(32, a, b, c);
        sum += heap[c / 8];
      }
      return sum;
    };`)(kernels, heap, a, b, c) as (count: number) => number;
    const gc = await countGcDuring(loop, { warmup: 2e4, calls: 2e5 });
    expect(gc.events).toBe(0);
    expect(gc.youngBytes).toBeLessThan(64 * 1024);
  }, 120_000);
});
