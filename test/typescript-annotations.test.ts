// Type annotations of a differentiable function (issue 10): the model file is
// bundled without a type check, so an annotation is checked by the
// translation against the value it names. One the translation does not
// compute with, or one of another kind than the value, is an error at
// file:line:col with a caret and a hint; one that is right compiles, and the
// compiled function computes what the original does.
import { describe, expect, it } from 'vitest';
import { type MarkedError, expectMarkedError } from './helpers/compile-error.js';
import { callGenerated, compileFunctions, modelText } from './helpers/function-model.js';
import { expectClose, gradientByDifferences } from './helpers/numeric.js';

const BAD: readonly MarkedError[] = [
  {
    what: 'a let annotated number | undefined, declared without a value (hint said "annotate it or leave…", naming no type)',
    model: 'export const f = differentiable((x: number) => {\n  let best: @number | undefined;\n  if (x > 0) best = x * x;\n  return best ?? 0;\n});',
    message: /'best' is annotated number \| undefined, which is not a type/, hint: /a value that may be missing has no derivative: give it a number on every path .* annotate it number$/,
  },
  {
    what: 'a local annotated number | null',
    model: 'export const f = differentiable((x: number) => {\n  let y: @number | null;\n  y = x;\n  return 2 * y;\n});',
    message: /'y' is annotated number \| null/, hint: /may be missing/,
  },
  {
    what: 'a local annotated string holding a number (compiled before)',
    model: 'export const f = differentiable((x: number) => {\n  const y: @string = x as never;\n  return (y as never) * 2;\n});',
    message: /'y' is annotated string, which is not a type nncompile computes with/, hint: /annotate it number or leave the annotation out/,
  },
  {
    what: 'a local annotated any',
    model: 'export const f = differentiable((x: number) => {\n  let y: @any = x;\n  return y * 2;\n});',
    message: /'y' is annotated any/, hint: /annotate it number/,
  },
  {
    what: 'a local annotated as a vector holding a number',
    model: 'export const f = differentiable((x: number) => {\n  const v: @number[] = x as never;\n  return x * 2;\n});',
    message: /'v' is annotated number\[\], but is a number/, hint: /annotate it number/,
  },
  {
    what: 'a tuple of the wrong length',
    model: 'export const f = differentiable((x: number) => {\n  const v: @[number, number] = [x, x, x] as never;\n  return v[0] * 2;\n});',
    message: /'v' is annotated \[number, number\], but is an array of 3 items/, hint: /annotate it number\[\]/,
  },
  {
    what: 'a let assigned a value of another kind later: at the assignment',
    model: 'export const f = differentiable((x: number) => {\n  let m: number = 0;\n  @m = [x, x] as never;\n  return x;\n});',
    message: /'m' is annotated number \(line 3\), but is assigned an array of 2 items/, hint: /assign a number/,
  },
  {
    what: "a helper's parameter annotated string",
    model: 'function sq(a: @string) {\n  return (a as never) * (a as never);\n}\nexport const f = differentiable((x: number) => sq(x as never));',
    message: /parameter 'a' is annotated string, which is not a type/, hint: /annotate it number/,
  },
  {
    what: "a number passed to a helper's vector parameter: at the argument",
    model: 'function total(v: number[]): number {\n  let s = 0;\n  for (const a of v) s += a;\n  return s;\n}\nexport const f = differentiable((x: number) => total(@x as never));',
    message: /the argument is a number, but parameter 'v' \(line 2\) is annotated number\[\]/, hint: /pass a value of type number\[\], or annotate the parameter number/,
  },
  {
    what: "a helper's return type annotated string",
    model: 'function sq(a: number): @string {\n  return (a * a) as never;\n}\nexport const f = differentiable((x: number) => 2 * (sq(x) as never));',
    message: /the return value of 'sq' is annotated string/, hint: /annotate it number/,
  },
  {
    what: "the function's own return type annotated boolean",
    model: 'export const f = differentiable((x: number): @boolean => (x * 2) as never);',
    message: /the return value is annotated boolean, but is a number/, hint: /annotate it number/,
  },
  {
    what: 'a generic helper',
    model: 'function sq<@T>(a: T): T {\n  return ((a as never) * (a as never)) as T;\n}\nexport const f = differentiable((x: number) => sq(x));',
    message: /a generic function/, hint: /\(a: number\): number/,
  },
  {
    what: 'a top-level const annotated string',
    model: "const k: @string = 2 as never;\nexport const f = differentiable((x: number) => x * (k as never));",
    message: /'k' is annotated string/, hint: /annotate it number/,
  },
  {
    what: 'an object type',
    model: 'export const f = differentiable((x: number) => {\n  const p: @{ a: number } = x as never;\n  return x;\n});',
    message: /'p' is annotated \{ a: number \}, which is not a type/, hint: /number, boolean, number\[\]/,
  },
];

describe.each(BAD)('$what', (bad) => {
  it('is an error at the marked line and column, with a caret and a hint', async () => {
    await expectMarkedError(bad);
  });
});

describe('annotations that name what the values are', () => {
  it('compile, and the function computes what the original does', async () => {
    const c = await compileFunctions(modelText(`type Vec = readonly number[];
const table: number[][] = [[1, 2], [3, 4]];
const scale: number = 0.5;
function dot(a: Vec, b: ReadonlyArray<number>): number {
  let s: number = 0;
  for (let i: number = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
export const f = differentiable((x: [number, number], y: number): number => {
  const sq: (a: number) => number = (a: number): number => a * a;
  const positive: boolean = y > 0;
  const sign: -1 | 1 = 1;
  const v: [number, number] = [x[0] * y, x[1]];
  const w: Float64Array | number[] = [1, 2] as number[];
  let total: number = dot(v, table[1]!) + dot(x, w);
  total *= positive ? scale * sign : 2;
  return sq(total);
}, { at: { x: [0.5, -1], y: 2 } });`));
    const args = [[0.5, -1], 2] as const;
    const got = callGenerated(c.module, 'f', args);
    const original = (p: readonly number[]) => c.original.f([p[0], p[1]], p[2]);
    expect(got.value).toBeCloseTo(original([0.5, -1, 2]), 12);
    expectClose(got.grad, gradientByDifferences(original, [0.5, -1, 2]), 1e-6, 1e-6, 'gradient');
  });
});
