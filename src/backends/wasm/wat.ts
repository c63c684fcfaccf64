/**
 * WebAssembly text (WAT) in folded form, one helper per instruction the
 * kernels use. Addresses are i32 byte offsets into the linear memory; every
 * f64 and f64x2 access is 8-byte aligned (the data is Float64Array-aligned,
 * not necessarily 16), and constant parts of an address go into the
 * instruction's offset immediate so the loops only advance base pointers.
 */

export const get = (local: string): string => `(local.get $${local})`;
export const set = (local: string, value: string): string => `(local.set $${local} ${value})`;
export const i32 = (value: number): string => `(i32.const ${value})`;
export const add32 = (a: string, b: string): string => `(i32.add ${a} ${b})`;
export const mul32 = (a: string, b: string): string => `(i32.mul ${a} ${b})`;

/** local += bytes */
export const advance = (local: string, bytes: number): string => set(local, add32(get(local), i32(bytes)));

const memarg = (offset: number): string => `offset=${offset} align=8`;

/** Two f64 at address + offset. */
export const loadPair = (address: string, offset: number): string => `(v128.load ${memarg(offset)} ${address})`;
/** One f64 in lane 0, +0 in lane 1 (the tail of an odd-length row). */
export const loadLow = (address: string, offset: number): string => `(v128.load64_zero ${memarg(offset)} ${address})`;
/** One f64 in both lanes. */
export const loadSplat = (address: string, offset: number): string => `(v128.load64_splat ${memarg(offset)} ${address})`;
export const storePair = (address: string, offset: number, value: string): string =>
  `(v128.store ${memarg(offset)} ${address} ${value})`;
/** Stores lane 0 only. */
export const storeLow = (address: string, offset: number, value: string): string =>
  `(v128.store64_lane ${memarg(offset)} 0 ${address} ${value})`;
export const storeF64 = (address: string, offset: number, value: string): string =>
  `(f64.store ${memarg(offset)} ${address} ${value})`;

export const zeroPair = '(v128.const f64x2 0 0)';
export const mulPair = (a: string, b: string): string => `(f64x2.mul ${a} ${b})`;
export const addPair = (a: string, b: string): string => `(f64x2.add ${a} ${b})`;
/** lane 0 + lane 1 of a pair, as an f64. */
export const laneSum = (pair: string): string =>
  `(f64.add (f64x2.extract_lane 0 ${pair}) (f64x2.extract_lane 1 ${pair}))`;

/**
 * `while (counter + step <= end) { body; counter += step }`, tested before
 * each pass, so an end below step runs no pass. `end` is an i32 expression.
 */
export function whileFits(label: string, counter: string, step: number, end: string, body: readonly string[]): string[] {
  return [
    `(block $${label}_done`,
    `  (loop $${label}`,
    `    (br_if $${label}_done (i32.gt_u ${add32(get(counter), i32(step))} ${end}))`,
    ...body.map((line) => `    ${line}`),
    `    ${advance(counter, step)}`,
    `    (br $${label})))`,
  ];
}

export interface WatFunction {
  readonly name: string;
  readonly params: readonly string[];
  readonly i32Locals: readonly string[];
  readonly v128Locals: readonly string[];
  readonly body: readonly string[];
  /** A comment line stating what the function computes. */
  readonly doc: string;
}

/** The function, exported under its name; parameters are i32. */
export function printFunction(f: WatFunction): string {
  const params = f.params.map((p) => `(param $${p} i32)`).join(' ');
  const locals = [
    ...f.i32Locals.map((l) => `(local $${l} i32)`),
    ...f.v128Locals.map((l) => `(local $${l} v128)`),
  ];
  return [
    `  ;; ${f.doc}`,
    `  (func $${f.name} (export "${f.name}") ${params}`,
    ...locals.map((l) => `    ${l}`),
    ...f.body.map((line) => `    ${line}`),
    '  )',
  ].join('\n');
}
