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

export interface WatFunction {
  readonly name: string;
  readonly params: readonly string[];
  /** f64 parameters after the i32 ones. */
  readonly f64Params?: readonly string[];
  readonly i32Locals: readonly string[];
  readonly v128Locals: readonly string[];
  readonly body: readonly string[];
  /** A comment line stating what the function computes. */
  readonly doc: string;
}

/** The function, exported under its name; parameters are i32, then f64. */
export function printFunction(f: WatFunction): string {
  const params = [...f.params.map((p) => `(param $${p} i32)`), ...(f.f64Params ?? []).map((p) => `(param $${p} f64)`)].join(' ');
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
