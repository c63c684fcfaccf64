import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

// Why the kernels take no float argument (src/backends/ts/tensor/kernel-scalars.ts): called from optimized
// code that V8 does not inline the export into, a double argument is boxed on every call, an i32 is not.
describe('a WebAssembly export called from optimized code with inlining off', () => {
  it('allocates nothing for i32 arguments, a heap number per call for an f64 argument', async () => {
    const bytes = (await loadToolchain()).assemble('args.wat', `(module
  (import "env" "memory" (memory 1))
  (func (export "byI32") (param $n i32) (param $x i32) (i32.store (local.get $n) (local.get $x)))
  (func (export "byF64") (param $n i32) (param $x f64) (f64.store (local.get $n) (local.get $x))))`);
    const dir = mkdtempSync(join(tmpdir(), 'nncompile-args-'));
    try {
      writeFileSync(join(dir, 'args.wasm'), bytes);
      const calls = 100_000;
      const output = execFileSync(process.execPath, ['--allow-natives-syntax', '--no-turbo-inlining', new URL('./helpers/wasm-args-child.mjs', import.meta.url).pathname,
        join(dir, 'args.wasm'), String(calls)], { encoding: 'utf8' });
      const [i32, f64] = output.trim().split('\n').map((line) => JSON.parse(line) as { name: string; events: number; youngBytes: number; optimized: boolean });
      expect([i32.name, i32.optimized, f64.name, f64.optimized]).toEqual(['i32', true, 'f64', true]);
      expect(i32.events).toBe(0);
      expect(i32.youngBytes).toBeLessThan(64 * 1024);
      // 10⁵ heap numbers of 16 bytes: 1.6 MB, more than a young generation holds (a scavenge), or growth past 1 MB
      expect(f64.events > 0 || f64.youngBytes > 1024 * 1024).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
