import v8 from 'node:v8';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  kernelModuleText, loadToolchain, matmulFunction, matmulScratch, type MatmulBlock, type MatmulVariant, type Precision,
} from '../src/backends/wasm/index.js';
import {
  absoluteProduct, operandLengths, referenceProduct, typescriptKernel, type Sizes,
} from './helpers/matmul-reference.js';
import { seededRandom } from './helpers/random.js';
import { instantiateKernels, runWasmKernel, wasmApi, type Instantiated } from './helpers/wasm-kernels.js';

// Sizes around the register blocks (2 × 4 for A Bᵀ, 4 × 4 for A B and Aᵀ B):
// 1, odd, even, a block and one more, so every short last block (rows,
// columns, the odd k of A Bᵀ, the half pair of an odd column count) runs.
const SMALL = [1, 2, 3, 4, 5, 7, 8, 9, 13];
const BATCH = [0, 1, 2, 3, 5, 8, 33];
/** The trainers' shapes: 784-128-10 and 64-32-10 at their batch sizes. */
const TRAINER: Sizes[] = [
  { R: 64, K: 784, M: 128 }, { R: 64, K: 128, M: 10 }, { R: 32, K: 64, M: 32 }, { R: 32, K: 32, M: 10 },
];

/** Every case of a variant: the batch dimension takes each of BATCH, the others each of SMALL. */
function cases(variant: MatmulVariant): Sizes[] {
  const grid = SMALL.flatMap((p) => [1, 3, 4, 10, 17].flatMap((q) => BATCH.map((n) =>
    variant === 'matmul_tn' ? { R: p, K: n, M: q } : { R: n, K: p, M: q })));
  const trainer = TRAINER.flatMap(({ R, K, M }) => {
    // The same products as the trainers call them: forward A Bᵀ, backward A B and the gradient Aᵀ B.
    if (variant === 'matmul_nt') return [{ R, K, M }, { R: 1, K, M }, { R: R - 1, K, M }];
    if (variant === 'matmul') return [{ R, K: M, M: K }, { R: R - 3, K: M, M: K }];
    return [{ R: M, K: R, M: K }, { R: M, K: R - 1, M: K }];
  });
  return [...grid, ...trainer];
}

const VARIANTS: MatmulVariant[] = ['matmul_nt', 'matmul', 'matmul_tn'];
/** Blocks other than the defaults, to check the generator at any block size (unrolled sums: a pass ends early at any count). */
const OTHER_BLOCKS: MatmulBlock[] = [
  { rows: 1, cols: 1, unroll: 1, outer: 'rows' }, { rows: 3, cols: 5, unroll: 3, outer: 'cols' }, { rows: 2, cols: 6, unroll: 2, outer: 'cols' },
];
/**
 * Aᵀ B with A's elements loaded as vectors and rotated: whole blocks (rows a
 * multiple of the lanes, 2 f64 or 4 f32; columns whole vectors) take that
 * path, the short last blocks the splat one.
 */
const ROTATED_BLOCKS: MatmulBlock[] = [
  { rows: 4, cols: 8, unroll: 2, outer: 'cols', aLoads: 'rotated' }, { rows: 8, cols: 4, unroll: 1, outer: 'rows', aLoads: 'rotated' },
];
const blocksFor = (variant: MatmulVariant) => (variant === 'matmul_tn' ? [...OTHER_BLOCKS, ...ROTATED_BLOCKS] : OTHER_BLOCKS);

const random = seededRandom(13);
const randomValues = (length: number) => Array.from({ length }, () => random() * 2 - 1);
const randomMatrix = (length: number, precision: Precision = 'f64'): Float64Array | Float32Array =>
  (precision === 'f64' ? Float64Array.from(randomValues(length)) : Float32Array.from(randomValues(length)));

/** Same summation order as the kernel: plain k order for A B and Aᵀ B, k mod lanes for A Bᵀ (2 f64, 4 f32). */
const lanes = (variant: MatmulVariant, precision: Precision) => (variant !== 'matmul_nt' ? 1 : precision === 'f64' ? 2 : 4);

const PRECISIONS = VARIANTS.flatMap((variant) => (['f64', 'f32'] as const).map((precision) => ({ variant, precision })));

describe.each(PRECISIONS)('$variant ($precision)', ({ variant, precision }) => {
  let wasm: Instantiated;
  const all = cases(variant);
  beforeAll(async () => {
    wasm = await instantiateKernels(all.map((sizes) => ({ variant, sizes, precision })), 64);
  });

  it('equals a plain JS product summed in the same order, bit for bit', () => {
    for (const sizes of all) {
      const { a, b } = operandLengths(variant, sizes);
      const [A, B] = [randomMatrix(a, precision), randomMatrix(b, precision)];
      const C = runWasmKernel(wasm, variant, sizes, A, B, precision);
      const expected = referenceProduct(variant, sizes, A, B, lanes(variant, precision), precision);
      expect({ sizes, C: [...C] }).toEqual({ sizes, C: [...expected] });
    }
  });

  if (precision === 'f32') it('equals the f64 product to f32 rounding', () => {
    for (const sizes of all.filter((s) => s.R > 0 && s.K > 0)) {
      const { a, b } = operandLengths(variant, sizes);
      const [A, B] = [randomMatrix(a, precision), randomMatrix(b, precision)];
      const C = runWasmKernel(wasm, variant, sizes, A, B, precision);
      const exact = referenceProduct(variant, sizes, A, B, 1);
      // A sum of K rounded products errs by at most about (K + 1)·u·Σ|a·b| (u = 2⁻²⁴).
      const scale = absoluteProduct(variant, sizes, A, B);
      const worst = Math.max(...C.map((c, i) => Math.abs(c - exact[i]) / ((sizes.K + 1) * 2 ** -24 * scale[i] + Number.MIN_VALUE)));
      expect({ sizes, worst: worst <= 1 }).toEqual({ sizes, worst: true });
    }
  });

  if (precision === 'f64') it('equals the TypeScript backend\'s kernel to rounding', () => {
    for (const sizes of all.filter((s) => s.R > 0 && s.K > 0)) {
      const { a, b } = operandLengths(variant, sizes);
      const [A, B] = [Float64Array.from(randomValues(a)), Float64Array.from(randomValues(b))];
      const wasmC = runWasmKernel(wasm, variant, sizes, A, B);
      const ts = typescriptKernel(variant, sizes);
      const tsC = new Float64Array(sizes.R * sizes.M);
      ts.run(variant === 'matmul_tn' ? sizes.K : sizes.R, A, B, tsC, new Float64Array(ts.scratch));
      // Any two summation orders differ by at most about K·ε·Σ|a·b| (ε = 2⁻⁵³).
      const scale = absoluteProduct(variant, sizes, A, B);
      const worst = Math.max(...wasmC.map((c, i) => Math.abs(c - tsC[i]) / (sizes.K * 2 ** -53 * scale[i] + Number.MIN_VALUE)));
      expect({ sizes, worst: worst <= 1 }).toEqual({ sizes, worst: true });
    }
  });

  it('gives the same products at other register blocks', async () => {
    const some = all.filter((_, i) => i % 7 === 0);
    // Aᵀ B: whole 8 × 8 blocks occur (the rotated path runs), with a sum of odd length among them.
    if (variant === 'matmul_tn') expect(some.some((s) => s.R >= 8 && s.M >= 8 && s.K % 2 === 1)).toBe(true);
    for (const block of blocksFor(variant)) {
      const other = await instantiateKernels(some.map((sizes) => ({ variant, sizes, block, precision })), 64);
      for (const sizes of some) {
        const { a, b } = operandLengths(variant, sizes);
        const [A, B] = [randomMatrix(a, precision), randomMatrix(b, precision)];
        const C = runWasmKernel(other, variant, sizes, A, B, precision);
        const expected = referenceProduct(variant, sizes, A, B, lanes(variant, precision), precision);
        expect({ block, sizes, C: [...C] }).toEqual({ block, sizes, C: [...expected] });
      }
    }
  });
});

/**
 * Aᵀ B with A packed into panels: depths that split the batch into several
 * blocks (1, 3), one exactly (8), and more than it holds (64), at the
 * default block and others (short panels, part vectors, column blocks
 * outermost and rows outermost); n = 0 must give C = 0 (the cases hold
 * batches of 0 and of more than 8).
 */
describe.each(['f64', 'f32'] as const)('matmul_tn (%s) with packed panels', (precision) => {
  const all = cases('matmul_tn').filter((_, i) => i % 3 === 0);
  const DEPTHS = [1, 3, 8, 64];
  const blocks: (MatmulBlock | undefined)[] = [undefined, ...OTHER_BLOCKS.slice(0, 2)];

  it('equals a plain JS product summed in the same order, bit for bit, at any depth and block', async () => {
    expect(all.some((s) => s.K === 0) && all.some((s) => s.K > 8)).toBe(true);
    for (const block of blocks) {
      for (const packDepth of DEPTHS) {
        const wasm = await instantiateKernels(all.map((sizes) => ({ variant: 'matmul_tn' as const, sizes, block, precision, packDepth })), 64);
        for (const sizes of all) {
          const { a, b } = operandLengths('matmul_tn', sizes);
          const [A, B] = [randomMatrix(a, precision), randomMatrix(b, precision)];
          const C = runWasmKernel(wasm, 'matmul_tn', sizes, A, B, precision, false, { packDepth, block });
          const expected = referenceProduct('matmul_tn', sizes, A, B, 1, precision);
          expect({ block, packDepth, sizes, C: [...C] }).toEqual({ block, packDepth, sizes, C: [...expected] });
        }
      }
    }
  });
});

/**
 * Aᵀ B over A's nonzero elements: A with no zeros, half zeros (the lists
 * path), almost all zeros, and all zeros, at the trainers' sizes and the
 * grid's (short column blocks, part vectors, batches of 0 and of more than
 * one block of SPARSE_DEPTH rows). Skipping a zero term changes no bit
 * while B is finite, so C is the plain sum's bit for bit.
 */
describe.each(['f64', 'f32'] as const)('matmul_tn (%s) over the nonzero elements of A', (precision) => {
  const all = [...cases('matmul_tn').filter((_, i) => i % 3 === 0), { R: 128, K: 64, M: 784 }, { R: 20, K: 150, M: 45 }, { R: 10, K: 70, M: 128 }];
  const withZeros = (length: number, share: number) => {
    const A = randomMatrix(length, precision);
    for (let i = 0; i < length; i++) if (random() < share) A[i] = random() < 0.5 ? 0 : -0;
    return A;
  };

  it('equals a plain JS product summed in the same order, bit for bit, at any share of zeros', async () => {
    expect(all.some((s) => s.K === 0) && all.some((s) => s.K > 128)).toBe(true);
    const wasm = await instantiateKernels(all.map((sizes) => ({ variant: 'matmul_tn' as const, sizes, precision, sparseA: true })), 256);
    for (const share of [0, 0.5, 0.9, 1]) {
      for (const sizes of all) {
        const { a, b } = operandLengths('matmul_tn', sizes);
        const [A, B] = [withZeros(a, share), randomMatrix(b, precision)];
        const C = runWasmKernel(wasm, 'matmul_tn', sizes, A, B, precision, false, { sparseA: true });
        const expected = referenceProduct('matmul_tn', sizes, A, B, 1, precision);
        expect({ share, sizes, C: [...C] }).toEqual({ share, sizes, C: [...expected] });
      }
    }
  });
});

// Relaxed SIMD (the fused multiply-add) needs this in Node 20 (V8 11.3); later engines have it on by default.
v8.setFlagsFromString('--experimental-wasm-relaxed-simd');

describe.each(PRECISIONS)('$variant ($precision), fused multiply-add', ({ variant, precision }) => {
  const some = cases(variant).filter((s, i) => i % 3 === 0 && s.R > 0 && s.K > 0);
  const blocks: (MatmulBlock | undefined)[] = [undefined, ...(variant === 'matmul_tn' ? ROTATED_BLOCKS : [])];

  it('equals the exact product to one rounding per multiply-add', async () => {
    for (const block of blocks) {
      const wasm = await instantiateKernels(some.map((sizes) => ({ variant, sizes, block, precision, fused: true })), 64);
      expect(wasm.module.wat).toContain(`${precision}x${precision === 'f64' ? 2 : 4}.relaxed_madd`);
      for (const sizes of some) {
        const { a, b } = operandLengths(variant, sizes);
        const [A, B] = [randomMatrix(a, precision), randomMatrix(b, precision)];
        const C = runWasmKernel(wasm, variant, sizes, A, B, precision, true);
        const exact = referenceProduct(variant, sizes, A, B, 1);
        // Each of the K multiply-adds rounds once (u = 2⁻⁵³, f32 2⁻²⁴): |error| ≤ K·u·Σ|a·b| (+ the lane sum of A Bᵀ).
        const u = precision === 'f64' ? 2 ** -53 : 2 ** -24;
        const scale = absoluteProduct(variant, sizes, A, B);
        const worst = Math.max(...C.map((c, i) => Math.abs(c - exact[i]) / ((sizes.K + 2) * u * scale[i] + Number.MIN_VALUE)));
        expect({ block, sizes, worst: worst <= 1 }).toEqual({ block, sizes, worst: true });
      }
    }
  });
});

describe('the kernel module', () => {
  it('validates, in the assembler and in the engine', async () => {
    const wasm = await instantiateKernels(VARIANTS.map((variant) => ({ variant, sizes: { R: 5, K: 7, M: 9 } })));
    expect(wasm.module.exports).toEqual(['matmul_nt_nx7x9', 'matmul_nx7x9', 'matmul_tn_5xnx9']);
    expect(wasmApi.validate(wasm.module.bytes)).toBe(true);
    expect(wasm.module.wat).toContain('f64x2.mul');
  });

  it('names fused kernels apart, and rotates A only where asked', () => {
    const shape = { rows: 8, inner: 'n' as const, cols: 8 };
    const rotated = { rows: 4, cols: 4, unroll: 1, outer: 'cols' as const, aLoads: 'rotated' as const };
    expect(kernelModuleText([{ variant: 'matmul_tn', shape }, { variant: 'matmul_tn', shape, fused: true }]).exports)
      .toEqual(['matmul_tn_8xnx8', 'matmul_tn_8xnx8_fused']);
    expect(kernelModuleText([{ variant: 'matmul_tn', shape }]).wat).not.toContain('i8x16.shuffle');
    expect(kernelModuleText([{ variant: 'matmul_tn', shape, block: rotated }]).wat).toContain('i8x16.shuffle');
  });

  it('names packing kernels by their depth, and packs only Aᵀ B with splat loads', () => {
    const shape = { rows: 8, inner: 'n' as const, cols: 8 };
    expect(kernelModuleText([{ variant: 'matmul_tn', shape }, { variant: 'matmul_tn', shape, packDepth: 16 }]).exports)
      .toEqual(['matmul_tn_8xnx8', 'matmul_tn_8xnx8_pk16']);
    expect(matmulScratch('matmul_tn', { rows: 10, inner: 'n', cols: 8 }, { packDepth: 16 })).toBe(12 * 16);
    expect(matmulScratch('matmul_tn', shape)).toBeUndefined();
    expect(() => matmulFunction('matmul', { rows: 'n', inner: 2, cols: 3 }, { packDepth: 4 })).toThrow('matmul_nx2x3_pk4: packed panels are for Aᵀ B');
    expect(() => matmulFunction('matmul_tn', shape, { packDepth: 0 })).toThrow('at a positive whole depth (got 0)');
    expect(kernelModuleText([{ variant: 'matmul_tn', shape, sparseA: true }]).exports).toEqual(['matmul_tn_8xnx8_sparse']);
    expect(() => matmulFunction('matmul_nt', { rows: 'n', inner: 2, cols: 3 }, { sparseA: true })).toThrow('matmul_nt_nx2x3_sparse: sums over A\'s nonzero elements are for Aᵀ B');
  });

  it('exports each kernel once when it is requested twice', () => {
    const request = { variant: 'matmul' as const, shape: { rows: 'n' as const, inner: 3, cols: 4 } };
    expect(kernelModuleText([request, request]).exports).toEqual(['matmul_nx3x4']);
  });

  it('rejects a stride that is not a compile-time constant, and bad sizes, naming the kernel', () => {
    expect(() => matmulFunction('matmul_nt', { rows: 4, inner: 'n', cols: 3 }))
      .toThrow("matmul_nt_4xnx3: the inner size must be known at compile time for matmul_nt");
    expect(() => matmulFunction('matmul_tn', { rows: 'n', inner: 'n', cols: 3 }))
      .toThrow('matmul_tn_nxnx3: the rows size must be known at compile time');
    expect(() => matmulFunction('matmul', { rows: 'n', inner: 2.5, cols: 3 })).toThrow("size 2.5 is not 'n' or a positive integer");
    expect(() => matmulFunction('matmul', { rows: 'n', inner: 2, cols: 3 }, { block: { rows: 0, cols: 2, unroll: 1, outer: 'rows' } })).toThrow('block 0×2');
    expect(() => matmulFunction('matmul', { rows: 'n', inner: 2, cols: 3 }, { block: { rows: 4, cols: 4, unroll: 1, outer: 'rows', aLoads: 'rotated' } }))
      .toThrow('matmul_nx2x3: rotated loads of A need its block\'s elements contiguous, as in Aᵀ B (matmul_tn) only');
  });

  it('reports invalid WAT with the assembler\'s message', async () => {
    const toolchain = await loadToolchain();
    expect(() => toolchain.assemble('bad.wat', '(module (func (f64x2.nonsense)))')).toThrow(/bad\.wat:1/);
  });
});
