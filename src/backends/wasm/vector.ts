import type { Precision } from '../../dsl/network.js';

/**
 * The 128-bit SIMD instructions the kernels use, for either precision: f64x2
 * (2 lanes of f64) or f32x4 (4 lanes of f32). Addresses are i32 byte offsets
 * into the linear memory; accesses are aligned to the element size only (the
 * data is Float64Array/Float32Array-aligned, not necessarily 16), and the
 * constant part of an address goes into the instruction's offset immediate,
 * so the loops only advance base pointers.
 */
export type { Precision };

export interface VectorOps {
  /** The lane interpretation: instructions are `shape.name`. */
  readonly shape: 'f64x2' | 'f32x4';
  /** Bytes per element and elements per vector. */
  readonly bytes: 8 | 4;
  readonly lanes: 2 | 4;
  /** A whole vector at address + offset. */
  load(address: string, offset: number): string;
  /** The first `count` (< lanes) elements at address + offset, +0 in the other lanes. */
  loadPart(address: string, offset: number, count: number): string;
  /** One element in every lane. */
  splat(address: string, offset: number): string;
  store(address: string, offset: number, value: string): string;
  /** Stores the first `count` (< lanes) lanes of `value` (a local.get: it may be read twice). */
  storePart(address: string, offset: number, value: string, count: number): string;
  /** The sum of the lanes as a scalar, stored: f64 lane 0 + lane 1; f32 (lane 0 + lane 1) + (lane 2 + lane 3). */
  storeLaneSum(address: string, offset: number, value: string): string;
  /** The vector with its lanes rotated by `by`: lane l holds lane (l + by) mod lanes of `value`. */
  rotate(value: string, by: number): string;
  /** Lane l of the result is lane l of `values[l]` (one value per lane; local.gets: each is read once). */
  blend(values: readonly string[]): string;
  readonly zero: string;
  mul(a: string, b: string): string;
  add(a: string, b: string): string;
  sub(a: string, b: string): string;
  div(a: string, b: string): string;
  sqrt(a: string): string;
  floor(a: string): string;
  /** Lane by lane as Math.min / Math.max: NaN if either is NaN, −0 below +0. */
  min(a: string, b: string): string;
  max(a: string, b: string): string;
  /** All ones in the lanes where a > b (false for NaN), zeros elsewhere. */
  greater(a: string, b: string): string;
  /** A constant in every lane (rounded to the precision). */
  constant(c: number): string;
  /** An f64 scalar expression in every lane (rounded to the precision). */
  splatScalar(x: string): string;
  /** Lane l from addresses[l] + offset (one address per lane). */
  gather(addresses: readonly string[], offset: number): string;
  /** Lane l of `value` (a local.get: read once per lane) to addresses[l] + offset. */
  scatter(addresses: readonly string[], offset: number, value: string): string;
  /** One element of the precision at address + offset (a scalar), and its store. */
  loadScalar(address: string, offset: number): string;
  storeScalar(address: string, offset: number, value: string): string;
  /** acc + x · y: rounded twice (mul, then add), or once where the ops are the fused ones (FUSED). */
  multiplyAdd(acc: string, x: string, y: string): string;
}

/** A WAT float literal that reads back as exactly `c` (shortest round-trip decimal; −0, ±inf, nan spelled out). */
export function floatLiteral(c: number): string {
  if (Number.isNaN(c)) return 'nan';
  if (!Number.isFinite(c)) return c > 0 ? 'inf' : '-inf';
  return Object.is(c, -0) ? '-0.0' : Number.isInteger(c) && Math.abs(c) < 1e21 ? c.toFixed(1) : String(c);
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const memarg = (offset: number, align: number): string => `offset=${offset} align=${align}`;

function vectorOps(precision: Precision): VectorOps {
  const [bytes, lanes, shape] = precision === 'f64' ? [8, 2, 'f64x2'] as const : [4, 4, 'f32x4'] as const;
  const m = (offset: number) => memarg(offset, bytes);
  const lane = (i: number, v: string) => `(${shape}.extract_lane ${i} ${v})`;
  const scalarAdd = (a: string, b: string) => `(${precision}.add ${a} ${b})`;
  // Parts of a vector by the instructions that move 1 or 2 elements (3 = 2 + 1).
  const pieces = (count: number): { lane: number; bits: 32 | 64 }[] => {
    if (precision === 'f64') return [{ lane: 0, bits: 64 }];
    return count === 1 ? [{ lane: 0, bits: 32 }] : count === 2 ? [{ lane: 0, bits: 64 }] : [{ lane: 0, bits: 64 }, { lane: 2, bits: 32 }];
  };
  // i8x16.shuffle: byte i of the result is byte index[i] of a (0–15) or of b (16–31).
  const shuffle = (a: string, b: string, laneSources: readonly number[]) =>
    `(i8x16.shuffle ${laneSources.flatMap((source) => range(bytes).map((byte) => source * bytes + byte)).join(' ')} ${a} ${b})`;
  // Lane l from a where `fromB(l)` is false, from b (the same lane) where it is true.
  const select = (a: string, b: string, fromB: (l: number) => boolean) =>
    shuffle(a, b, range(lanes).map((l) => (fromB(l) ? lanes + l : l)));
  const blend = (values: readonly string[]): string => {
    if (values.length === 1) return values[0]!;
    // Halves: lanes [0, h) from the first half's values, [h, 2h) from the second's (2h = values.length).
    const half = values.length / 2;
    return select(blend(values.slice(0, half)), blend(values.slice(half)), (l) => l % values.length >= half);
  };
  return {
    shape, bytes, lanes,
    load: (address, offset) => `(v128.load ${m(offset)} ${address})`,
    loadPart: (address, offset, count) => {
      const [first, second] = pieces(count);
      const low = `(v128.load${first.bits}_zero ${m(offset)} ${address})`;
      return second ? `(v128.load32_lane ${m(offset + second.lane * bytes)} ${second.lane} ${address} ${low})` : low;
    },
    splat: (address, offset) => `(v128.load${bytes * 8}_splat ${m(offset)} ${address})`,
    store: (address, offset, value) => `(v128.store ${m(offset)} ${address} ${value})`,
    storePart: (address, offset, value, count) => pieces(count)
      .map((p) => `(v128.store${p.bits}_lane ${m(offset + p.lane * bytes)} ${p.bits === 64 ? p.lane / 2 : p.lane} ${address} ${value})`)
      .join(' '),
    storeLaneSum: (address, offset, value) => {
      const sum = precision === 'f64'
        ? scalarAdd(lane(0, value), lane(1, value))
        : scalarAdd(scalarAdd(lane(0, value), lane(1, value)), scalarAdd(lane(2, value), lane(3, value)));
      return `(${precision}.store ${m(offset)} ${address} ${sum})`;
    },
    rotate: (value, by) => shuffle(value, value, range(lanes).map((l) => (l + by) % lanes)),
    blend: (values) => {
      if (values.length !== lanes) throw new Error(`blend needs ${lanes} values, got ${values.length}`);
      return blend(values);
    },
    zero: `(v128.const ${shape} ${Array(lanes).fill(0).join(' ')})`,
    mul: (a, b) => `(${shape}.mul ${a} ${b})`,
    add: (a, b) => `(${shape}.add ${a} ${b})`,
    sub: (a, b) => `(${shape}.sub ${a} ${b})`,
    div: (a, b) => `(${shape}.div ${a} ${b})`,
    sqrt: (a) => `(${shape}.sqrt ${a})`,
    floor: (a) => `(${shape}.floor ${a})`,
    min: (a, b) => `(${shape}.min ${a} ${b})`,
    max: (a, b) => `(${shape}.max ${a} ${b})`,
    greater: (a, b) => `(${shape}.gt ${a} ${b})`,
    constant: (c) => {
      const value = floatLiteral(precision === 'f64' ? c : Math.fround(c));
      return `(v128.const ${shape} ${Array(lanes).fill(value).join(' ')})`;
    },
    splatScalar: (x) => `(${shape}.splat ${precision === 'f64' ? x : `(f32.demote_f64 ${x})`})`,
    gather: (addresses, offset) => addresses.slice(1).reduce(
      (vector, address, l) => `(v128.load${bytes * 8}_lane ${m(offset)} ${l + 1} ${address} ${vector})`,
      `(v128.load${bytes * 8}_splat ${m(offset)} ${addresses[0]})`,
    ),
    scatter: (addresses, offset, value) => addresses.map((address, l) => `(v128.store${bytes * 8}_lane ${m(offset)} ${l} ${address} ${value})`).join(' '),
    loadScalar: (address, offset) => `(${precision}.load ${m(offset)} ${address})`,
    storeScalar: (address, offset, value) => `(${precision}.store ${m(offset)} ${address} ${value})`,
    multiplyAdd: (acc, x, y) => `(${shape}.add ${acc} (${shape}.mul ${x} ${y}))`,
  };
}

export const VECTOR: Readonly<Record<Precision, VectorOps>> = { f64: vectorOps('f64'), f32: vectorOps('f32') };

/**
 * The same ops with a fused multiply-add: relaxed SIMD's relaxed_madd, one
 * rounding where the machine has FMA (x86-64 with FMA3: vfmadd), two where it
 * has not — the result may differ in the last bit between machines. Relaxed
 * SIMD is a post-MVP feature: on by default from V8 11.4 (Chrome 114, Node 22);
 * Node 20 (V8 11.3) validates it only after
 * `v8.setFlagsFromString('--experimental-wasm-relaxed-simd')`.
 */
export const FUSED: Readonly<Record<Precision, VectorOps>> = {
  f64: { ...VECTOR.f64, multiplyAdd: (acc, x, y) => `(f64x2.relaxed_madd ${x} ${y} ${acc})` },
  f32: { ...VECTOR.f32, multiplyAdd: (acc, x, y) => `(f32x4.relaxed_madd ${x} ${y} ${acc})` },
};
