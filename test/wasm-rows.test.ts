// The WebAssembly row kernels (src/backends/wasm/row-kernel.ts): the column
// sums of ∂L/∂b equal the TypeScript loop's bit for bit; the softmax and
// cross-entropy rows (a row per lane) equal the TypeScript loop's to a few
// ulp (only e^x and ln x differ; on f32 arrays, computed in f64 as the TS loop
// computes them: to 1 f32 ulp), for odd and even row counts (the last lane
// repeating the last row), widths 1 to 10, extreme and NaN logits, and
// nothing is written outside the arrays.
import { describe, expect, it } from 'vitest';
import { buildKernelModule, elementKernelName, loadToolchain, rowKernel } from '../src/backends/wasm/index.js';
import type { RowLoop } from '../src/lower/row-loop.js';
import { rowLoopArrays } from '../src/lower/row-loop.js';
import { seededRandom } from './helpers/random.js';
import { Graph } from '../src/ir/graph.js';
import { emitProgram } from '../src/backends/ts/tensor/program.js';
import { Workspace } from '../src/lower/workspace.js';
import { wasmApi } from './helpers/wasm-kernels.js';

type Kernel = (n: number, ...offsets: number[]) => void;
const random = seededRandom(41);
const EPS = 2.220446049250313e-16;
const SENTINEL = -9.75;

type Precision = 'f64' | 'f32';
type Floats = Float64Array | Float32Array;
const ARRAY = { f64: Float64Array, f32: Float32Array } as const;

async function instantiate(loop: RowLoop, precision: Precision = 'f64'): Promise<{ kernel: Kernel; buffer: ArrayBuffer }> {
  const kernel = rowKernel(loop, precision);
  const module = buildKernelModule(await loadToolchain(), [], [kernel]);
  const memory = new wasmApi.Memory({ initial: 2 });
  const instance = new wasmApi.Instance(new wasmApi.Module(module.bytes), { env: { memory } });
  return { kernel: instance.exports[elementKernelName(kernel)] as Kernel, buffer: memory.buffer };
}

/** Arrays laid out one after another (aligned to the element size only), each between sentinel guards. */
function layOut(buffer: ArrayBuffer, lengths: readonly number[], precision: Precision = 'f64'): Floats[] {
  let at = 1;
  const Type = ARRAY[precision];
  const heap = new Type(buffer);
  return lengths.map((length) => {
    heap.fill(SENTINEL, at - 1, at + length + 1);
    const view = new Type(buffer, Type.BYTES_PER_ELEMENT * at, length);
    at += length + 2;
    return view;
  });
}
const guardsIntact = (views: readonly Floats[]) => views.every((v) => {
  const heap = v instanceof Float32Array ? new Float32Array(v.buffer) : new Float64Array(v.buffer);
  const i = v.byteOffset / v.BYTES_PER_ELEMENT;
  return heap[i - 1] === SENTINEL && heap[i + v.length] === SENTINEL;
});

/** The TypeScript backend's logit rows (row-kernels.ts's loop, written out; on Float32Arrays, an f32 trainer's: f64 arithmetic, f32 stores). */
function tsLogitRows(z: Floats, y: Floats, n: number, width: number, p: Floats | undefined, loss: Floats | undefined): void {
  for (let r = 0; r < n; r++) {
    const o = r * width;
    let m = -Infinity;
    for (let k = 0; k < width; k++) if (z[o + k] > m) m = z[o + k];
    let total = 0;
    let dot = 0;
    for (let k = 0; k < width; k++) {
      const e = Math.exp(z[o + k] - m);
      if (p) p[o + k] = e;
      total += e;
      dot += y[o + k] * z[o + k];
    }
    if (loss) loss[r] = m + Math.log(total) - dot;
    if (p) {
      const inv = 1 / total;
      for (let k = 0; k < width; k++) p[o + k] *= inv;
    }
  }
}

const close = (got: number, want: number, ulps: number) =>
  Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want)) || Math.abs(got - want) <= ulps * EPS * Math.max(Math.abs(want), 1);
/** Within 1 f32 ulp of want (2^(⌊log₂|want|⌋ − 23), subnormals 2⁻¹⁴⁹), NaN as NaN. */
const withinF32Ulp = (got: number, want: number) => Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want))
  || Math.abs(got - want) <= 2 ** Math.max(Math.floor(Math.log2(Math.abs(want))) - 23, -149);

describe('column sums (∂L/∂b)', () => {
  it.each([1, 2, 3, 10, 128])('%i columns: equal to the TS loop bit for bit, n = 0, 1, 2, 5', async (cols) => {
    const { kernel, buffer } = await instantiate({ kind: 'column-sums', rows: 'n', cols, x: 'x', out: 'o' });
    for (const n of [0, 1, 2, 5]) {
      const [x, out] = layOut(buffer, [n * cols, cols]);
      x.forEach((_, i) => { x[i] = (random() - 0.5) * 10 ** Math.floor(random() * 6 - 3); });
      out.fill(Number.NaN); // every column is written
      kernel(n, x.byteOffset, out.byteOffset);
      const want = new Float64Array(cols);
      for (let i = 0; i < n; i++) for (let j = 0; j < cols; j++) want[j] += x[i * cols + j];
      expect(Array.from(out)).toEqual(Array.from(want));
      expect(guardsIntact([x, out])).toBe(true);
    }
  });
});

describe('softmax and cross-entropy rows, a row per lane', () => {
  const outputs = [
    { what: 'softmax and cross-entropy', p: true, ce: true },
    { what: 'softmax', p: true, ce: false },
    { what: 'cross-entropy', p: false, ce: true },
  ];
  const cases = (['f64', 'f32'] as const).flatMap((precision) => outputs.flatMap((o) => [1, 3, 10].map((width) => ({ ...o, width, precision }))));
  it.each(cases)('$precision: $what, width $width', async ({ p, ce, width, precision }) => {
    const loop: RowLoop = { kind: 'logits', rows: 'n', width, z: 'z', ...(p ? { p: 'p' } : {}), ...(ce ? { ce: { loss: 'l', y: 'y' } } : {}) };
    const { kernel, buffer } = await instantiate(loop, precision);
    // f64: to 4 ulp (e^x, ln x); f32: the TS loop's f64 values rounded to f32, so to 1 f32 ulp
    const agrees = precision === 'f64' ? (got: number, want: number) => close(got, want, 4) : withinF32Ulp;
    let differing = 0;
    for (const n of [0, 1, 2, 3, 6, 7, 64]) {
      const [z, y, pw, lw] = layOut(buffer, [n * width, n * width, n * width, n], precision);
      for (let r = 0; r < n; r++) {
        // logits of every size, one row extreme (±700, a NaN), one-hot or soft targets
        for (let k = 0; k < width; k++) z[r * width + k] = r === 3 ? [700, -700, Number.NaN][k % 3] : (random() - 0.5) * [1, 20, 200][r % 3];
        for (let k = 0; k < width; k++) y[r * width + k] = r % 2 === 0 ? Number(k === r % width) : random();
      }
      pw.fill(Number.NaN);
      lw.fill(Number.NaN);
      const [pt, lt] = [new ARRAY[precision](n * width), new ARRAY[precision](n)];
      tsLogitRows(z, y, n, width, pt, lt);
      const offsets = rowLoopArrays(loop).map((a) => ({ z, y, p: pw, l: lw })[a as 'z' | 'y' | 'p' | 'l'].byteOffset);
      kernel(n, ...offsets);
      if (p) pw.forEach((v, i) => expect(agrees(v, pt[i]), `p[${i}] ${v} vs ${pt[i]}`).toBe(true));
      if (ce) lw.forEach((v, i) => expect(agrees(v, lt[i]), `loss[${i}] ${v} vs ${lt[i]}`).toBe(true));
      if (p) differing += pw.filter((v, i) => !Object.is(v, pt[i]) && !(Number.isNaN(v) && Number.isNaN(pt[i]))).length;
      if (!p) expect(pw.every(Number.isNaN)).toBe(true);
      expect(guardsIntact([z, y, pw, lw])).toBe(true);
    }
    // f32: rounding the f64 values hides e^x's last-bit differences almost always
    if (precision === 'f32' && p) expect(differing).toBeLessThanOrEqual(2);
  });
});

describe('which sum_to loops a trainer hands to the column-sums kernel', () => {
  /** The row loops a program asks the WebAssembly side for (every array in its memory). */
  const asked = (from: number[], to: number[]): RowLoop[] => {
    const g = new Graph();
    const x = g.variable('x', from);
    const s = g.apply('sum_to', [g.mul(x, x)], { shape: to });
    const loops: RowLoop[] = [];
    emitProgram({
      graph: g, roots: [s], inputs: new Map([[x, 'x']]), outputs: new Map([[s, 'out']]), workspace: new Workspace(),
      wasm: { kernelFor: () => undefined, inMemory: { has: () => true }, rowKernel: (loop) => (loops.push(loop), 'rows_test') },
    });
    return loops;
  };
  it('over the rows (to the trailing axes, or 1 and those): out[j] = Σ_i x[i, j]', () => {
    expect(asked([4, 5], [5])).toEqual([{ kind: 'column-sums', rows: 4, cols: 5, x: expect.any(String), out: 'out' }]);
    expect(asked([4, 5], [1, 5])).toEqual([{ kind: 'column-sums', rows: 4, cols: 5, x: expect.any(String), out: 'out' }]);
  });
  it('not over the columns, even when the counts agree ([4, 4] → [4, 1])', () => {
    expect(asked([4, 4], [4, 1])).toEqual([]);
    expect(asked([2, 3, 4], [3, 1])).toEqual([]);
  });
});
