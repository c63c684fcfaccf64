// The WebAssembly element kernels (f64x2, and f32x4 for precision 'f32'): the
// SIMD e^x, tanh x and ln x against Math.exp / Math.tanh / Math.log (to a few
// ulp of each precision; special values exactly; ln x over the whole range of
// each precision, subnormals included), and fused
// element-wise loops — every way a loop reads an array (full, a column vector
// over the rows, a per-row value, one element), scalars, odd row lengths —
// against the same loop evaluated by the ops' own `evaluate`.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildKernelModule, elementKernel, elementKernelName, loadToolchain } from '../src/backends/wasm/index.js';
import type { ElementLoop, ElementTree } from '../src/lower/element-loop.js';
import { Graph } from '../src/ir/graph.js';
import { evaluateScalars } from '../src/ir/evaluate.js';
import type { OpName } from '../src/ops/registry.js';
import { seededRandom } from './helpers/random.js';
import { wasmApi } from './helpers/wasm-kernels.js';

type Kernel = (n: number, ...args: number[]) => void;
const random = seededRandom(29);
const EPS = 2.220446049250313e-16;

const arr = (name: string, access: 'full' | 'col' | 'row' | 'first'): ElementTree => ({ kind: 'array', name, dims: [], access });
const op = (name: OpName, ...args: ElementTree[]): ElementTree => ({ kind: 'op', op: name, attrs: name === 'leaky_relu' ? { value: 0.1 } : {}, args });

/** Instantiates the kernels of `loops` on one memory; returns them by loop, and the memory's buffer. */
async function instantiate(loops: readonly ElementLoop[], precision: 'f64' | 'f32' = 'f64'): Promise<{ kernels: Kernel[]; buffer: ArrayBuffer }> {
  const built = loops.map((l) => elementKernel(l, precision));
  built.forEach((k, i) => expect(k, `loop ${i}`).toBeDefined());
  const kernels = built as NonNullable<(typeof built)[number]>[];
  const module = buildKernelModule(await loadToolchain(), [], kernels);
  const memory = new (wasmApi.Memory)({ initial: 4 });
  const instance = new wasmApi.Instance(new wasmApi.Module(module.bytes), { env: { memory } });
  return { kernels: kernels.map((k) => instance.exports[elementKernelName(k)] as Kernel), buffer: memory.buffer };
}

/** The tree at element (i, j) of a rows × cols loop, by each op's evaluate. */
function evaluate(t: ElementTree, arrays: Record<string, Float64Array>, scalars: Record<string, number>, i: number, j: number, cols: number): number {
  switch (t.kind) {
    case 'constant': return t.value;
    case 'scalar': return scalars[t.name];
    case 'array': {
      const a = arrays[t.name];
      return a[{ full: i * cols + j, col: j, row: i, first: 0 }[t.access]];
    }
    case 'op': {
      const args = t.args.map((a) => evaluate(a, arrays, scalars, i, j, cols));
      const g = new Graph();
      const node = g.apply(t.op, args.map((_, k) => g.variable(`x${k}`)), t.attrs);
      return evaluateScalars(g, [node], Object.fromEntries(args.map((x, k) => [`x${k}`, x])))[0];
    }
  }
}

describe('SIMD e^x, tanh x and ln x', () => {
  const SPECIAL = [0, -0, 1e-300, -1e-20, 1e-8, 0.5, -0.55, 1, 19.9, 20.1, 25, -700, 709.7, 710, -745, -744, -708.5, 1000, -1000, Infinity, -Infinity, NaN];
  // ln x's range: subnormals, the normal boundary, near 1 (cancellation), fdlibm's split point, the largest doubles,
  // and x = 2^u for u uniform over the whole exponent range
  const LOG_POINTS = [5e-324, 1e-320, 1e-310, 2.2250738585072014e-308, 2.225073858507201e-308, 1 - 1e-10, 1 + 1e-10, 1 - 2 ** -53, 1 + 2 ** -52,
    0.5, 2, Math.SQRT2, Math.SQRT1_2, 1.4142112731933594, 1.414211273193359, Math.E, 1e300, Number.MAX_VALUE];
  const points = [...SPECIAL, ...LOG_POINTS, ...Array.from({ length: 3000 }, (_, k) => (random() - 0.5) * [2, 40, 1400][k % 3]),
    ...Array.from({ length: 3000 }, () => 2 ** ((random() - 0.5) * 2148))];
  const N = points.length;
  const cases: { name: OpName; reference: (x: number) => number; ulps: number }[] = [
    { name: 'exp', reference: Math.exp, ulps: 2 },
    { name: 'tanh', reference: Math.tanh, ulps: 3 },
    { name: 'sigmoid', reference: (x) => 1 / (1 + Math.exp(-x)), ulps: 3 },
    { name: 'log', reference: Math.log, ulps: 1 },
  ];
  let run: { kernels: Kernel[]; buffer: ArrayBuffer };
  beforeAll(async () => {
    run = await instantiate(cases.map((c) => ({ rows: 'n', cols: 1, out: 'o', tree: op(c.name, arr('x', 'full')) })));
  });

  it.each(cases.map((c, k) => ({ ...c, k })))('$name to $ulps ulp, its special values exactly', ({ reference, ulps, k }) => {
    const x = new Float64Array(run.buffer, 0, N);
    const out = new Float64Array(run.buffer, 8 * N, N);
    x.set(points);
    out.fill(7);
    run.kernels[k](N, 0, 8 * N);
    points.forEach((p, i) => {
      const want = reference(p);
      if (!Number.isFinite(want) || want === 0 || Math.abs(want) < 2.3e-308) {
        expect(Object.is(out[i], want) || Math.abs(out[i] - want) <= 5e-324 * 4, `${p}: ${out[i]} vs ${want}`).toBe(true);
      } else {
        expect(Math.abs(out[i] - want) / (Math.abs(want) * EPS), `${p}: ${out[i]} vs ${want}`).toBeLessThanOrEqual(ulps);
      }
    });
  });
});

describe('SIMD e^x and tanh x in f32x4', () => {
  const SPECIAL = [0, -0, 1e-30, -1e-20, 1e-8, 0.5, -0.55, 1, 8.9, 9.1, 19.9, 25, -80, 88, 88.7, 89, -87, -87.4, -100, -104, 1000, -1000, Infinity, -Infinity, NaN];
  const f = Math.fround;
  // the points as the Float32Array holds them
  const points = [...SPECIAL, ...Array.from({ length: 3000 }, (_, k) => (random() - 0.5) * [2, 40, 170][k % 3])].map(f);
  const N = points.length;
  // the f32 forms' own formulas in f32 (sigmoid: 1 / (1 + e^{−x}) saturates to 0 where e^{−x} overflows, below −88.7)
  const cases: { name: OpName; reference: (x: number) => number; ulps: number }[] = [
    { name: 'exp', reference: (x) => f(Math.exp(x)), ulps: 2 },
    { name: 'tanh', reference: (x) => f(Math.tanh(x)), ulps: 3 },
    { name: 'sigmoid', reference: (x) => f(1 / f(1 + f(Math.exp(-x)))), ulps: 3 },
  ];
  let run: { kernels: Kernel[]; buffer: ArrayBuffer };
  beforeAll(async () => {
    run = await instantiate(cases.map((c) => ({ rows: 'n', cols: 1, out: 'o', tree: op(c.name, arr('x', 'full')) })), 'f32');
  });

  it.each(cases.map((c, k) => ({ ...c, k })))('$name to $ulps ulp of f32, its special values and subnormal results too', ({ reference, ulps, k }) => {
    const x = new Float32Array(run.buffer, 0, N);
    const out = new Float32Array(run.buffer, 4 * N, N);
    x.set(points);
    out.fill(7);
    run.kernels[k](N, 0, 4 * N);
    points.forEach((p, i) => {
      const want = reference(p);
      if (!Number.isFinite(want) || Math.abs(want) < 2 ** -126) {
        // 0, ±∞, NaN exactly; subnormal results (e^x below −87.3) to their own spacing, 2⁻¹⁴⁹
        expect(Object.is(out[i], want) || Math.abs(out[i] - want) <= 2 * 2 ** -149, `${p}: ${out[i]} vs ${want}`).toBe(true);
      } else {
        expect(Math.abs(out[i] - want) / (Math.abs(want) * 2 ** -23), `${p}: ${out[i]} vs ${want}`).toBeLessThanOrEqual(ulps);
      }
    });
  });
});

describe('SIMD ln x in f32x4 (Cephes\' logf)', () => {
  const f = Math.fround;
  // subnormals, the normal boundary, near 1 (cancellation), the split point √½ and its neighbours, the largest floats,
  // x = 2^u for u uniform over the whole f32 exponent range, and x uniform in [0, 4) (the mantissa's range); ln 0 = −∞,
  // ln x < 0 = NaN (−0 too: ln −0 = −∞), ∞ and NaN themselves
  const SPECIAL = [0, -0, -1, -1e-30, Infinity, -Infinity, NaN, 2 ** -149, 3 * 2 ** -149, 2 ** -127, 2 ** -126, f(2 ** -126 * (1 - 2 ** -23)),
    1, f(1 - 2 ** -24), f(1 + 2 ** -23), f(1 - 2 ** -12), f(1 + 2 ** -11), 0.5, 2, f(Math.SQRT1_2), f(Math.SQRT1_2) - 2 ** -24, f(Math.SQRT1_2) + 2 ** -24,
    f(Math.SQRT2), f(Math.E), 3.4028234663852886e38];
  const points = [...SPECIAL, ...Array.from({ length: 4000 }, () => 2 ** ((random() - 0.5) * 300)), ...Array.from({ length: 4000 }, () => random() * 4)].map(f);
  const N = points.length;
  let run: { kernels: Kernel[]; buffer: ArrayBuffer };
  beforeAll(async () => {
    run = await instantiate([{ rows: 'n', cols: 1, out: 'o', tree: op('log', arr('x', 'full')) }], 'f32');
  });

  it('within 1 ulp of Math.fround(Math.log(x)), special values exactly', () => {
    const x = new Float32Array(run.buffer, 0, N);
    const out = new Float32Array(run.buffer, 4 * N, N);
    x.set(points);
    out.fill(7);
    run.kernels[0](N, 0, 4 * N);
    let worst = 0;
    points.forEach((p, i) => {
      const want = f(Math.log(p));
      if (!Number.isFinite(want) || want === 0) {
        expect(Object.is(out[i], want), `${p}: ${out[i]} vs ${want}`).toBe(true);
      } else {
        // an ulp of the f32 result: 2^(⌊log₂|want|⌋ − 23)
        const ulps = Math.abs(out[i] - want) / 2 ** (Math.floor(Math.log2(Math.abs(want))) - 23);
        worst = Math.max(worst, ulps);
        expect(ulps, `${p}: ${out[i]} vs ${want}`).toBeLessThanOrEqual(1);
      }
    });
    expect(worst).toBeGreaterThan(0); // the comparison is live: some results round the other way
  });
});

describe('fused element-wise loops', () => {
  const tree = op('add',
    op('mul', op('tanh', op('add', arr('z', 'full'), arr('b', 'col'))), arr('r', 'row')),
    op('select_lt', arr('z', 'full'), { kind: 'scalar', name: 's' }, op('relu', arr('c', 'first')), op('leaky_relu', op('sub', arr('z', 'full'), { kind: 'constant', value: 0.25 }))));
  const grad = op('mul', arr('d', 'full'), op('sub', { kind: 'constant', value: 1 }, op('mul', arr('a', 'full'), arr('a', 'full'))));
  const masked = op('mul', op('step', arr('a', 'full')), op('max', arr('d', 'full'), op('neg', arr('b', 'col'))));

  // f64x2 to 4 f64 ulps; f32x4 (each op rounds to f32) to a few f32 ulps of the largest intermediate (|z| ≤ 3)
  const PRECISIONS = { f64: { Array: Float64Array, ulp: EPS, ulps: 4 }, f32: { Array: Float32Array, ulp: 2 ** -23, ulps: 16 } } as const;
  it.each([
    ...[1, 2, 3, 7, 10, 32].map((cols) => ['f64', cols] as const),
    ...[1, 3, 4, 5, 10].map((cols) => ['f32', cols] as const),
  ])('%s: %i columns, every access, n = 0, 1, 5 rows', async (precision, cols) => {
    const { Array: TypedArray, ulp, ulps } = PRECISIONS[precision];
    const loops: ElementLoop[] = [
      { rows: 'n', cols, out: 'o', tree },
      { rows: 'n', cols, out: 'o', tree: grad },
      { rows: 'n', cols, out: 'd', tree: masked }, // written in place
    ];
    const { kernels, buffer } = await instantiate(loops, precision);
    // the scalar s at byte 8 of the memory (the kernel takes its address: no float argument), the arrays after it
    const SCALAR_AT = 8;
    for (const n of [0, 1, 5]) {
      let at = 16;
      const view = (length: number) => {
        const v = new TypedArray(buffer, at, length);
        at += TypedArray.BYTES_PER_ELEMENT * length;
        for (let i = 0; i < length; i++) v[i] = (random() - 0.5) * 6;
        return v;
      };
      const arrays: Record<string, Float64Array | Float32Array> = {
        z: view(n * cols), b: view(cols), r: view(n), c: view(1), d: view(n * cols), a: view(n * cols), o: view(n * cols + 1),
      };
      const scalars = { s: 0.3 };
      new Float64Array(buffer, SCALAR_AT, 1)[0] = scalars.s;
      const offset = (name: string) => arrays[name].byteOffset;
      loops.forEach((loop, k) => {
        const before = Array.from(arrays[loop.out]);
        const inputs = Object.fromEntries(Object.entries(arrays).map(([name, v]) => [name, Float64Array.from(v)]));
        const want = Array.from({ length: n * cols }, (_, e) => evaluate(loop.tree, inputs, scalars, Math.floor(e / cols), e % cols, cols));
        const names = [...new Set([...collect(loop.tree), loop.out])];
        kernels[k](n, ...names.map(offset), ...(k === 0 ? [SCALAR_AT] : []));
        want.forEach((w, e) => expect(Math.abs(arrays[loop.out][e] - w)).toBeLessThanOrEqual(ulps * ulp * Math.max(1, Math.abs(w))));
        // nothing past the n rows is written
        for (let e = n * cols; e < arrays[loop.out].length; e++) expect(arrays[loop.out][e]).toBe(before[e]);
      });
    }
  });

  it('an op with no SIMD form leaves the loop to TypeScript', () => {
    expect(elementKernel({ rows: 'n', cols: 4, out: 'o', tree: op('sin', arr('x', 'full')) })).toBeUndefined();
  });
});

/** The arrays a tree reads, in first-read order (the kernel's parameter order). */
function collect(t: ElementTree): string[] {
  if (t.kind === 'array') return [t.name];
  return t.kind === 'op' ? [...new Set(t.args.flatMap(collect))] : [];
}
