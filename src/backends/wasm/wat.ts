/**
 * WebAssembly text (WAT) in folded form: locals, i32 arithmetic, loops and
 * functions (the vector instructions are in vector.ts).
 */

export const get = (local: string): string => `(local.get $${local})`;
export const set = (local: string, value: string): string => `(local.set $${local} ${value})`;
export const i32 = (value: number): string => `(i32.const ${value})`;
export const add32 = (a: string, b: string): string => `(i32.add ${a} ${b})`;
export const mul32 = (a: string, b: string): string => `(i32.mul ${a} ${b})`;

/** local += bytes */
export const advance = (local: string, bytes: number): string => set(local, add32(get(local), i32(bytes)));

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

/**
 * The f64 at a byte address: how a kernel reads a scalar (η, 1/n, β₁ᵗ …)
 * from the caller's scalar block in linear memory. Kernels take no float
 * parameters: V8 calls an export it does not inline through a generic
 * wrapper that boxes every double argument (a heap allocation per call);
 * i32 arguments (small integers) are passed as they are.
 */
export const f64At = (address: string): string => `(f64.load align=8 ${address})`;

export interface WatFunction {
  readonly name: string;
  /** The parameters, all i32: sizes, byte offsets of arrays, byte addresses of scalars. */
  readonly params: readonly string[];
  readonly i32Locals: readonly string[];
  readonly v128Locals: readonly string[];
  readonly body: readonly string[];
  /** A comment line stating what the function computes. */
  readonly doc: string;
}

/** The function, exported under its name; every parameter is an i32. */
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
