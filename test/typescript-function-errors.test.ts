// Everything a differentiable function may not do is a CompileError at
// file:line:col of model.ts, with a caret under the construct and a hint.
import { describe, it } from 'vitest';
import { type MarkedError, expectMarkedError } from './helpers/compile-error.js';

const BAD: readonly MarkedError[] = [
  {
    what: 'a while loop',
    model: 'export const f = differentiable((x: number) => {\n  @while (x > 1) x = x / 2;\n  return x;\n});',
    message: /unsupported statement: a while loop/, hint: /bounds known when compiling/,
  },
  {
    what: 'a while loop with a data-dependent bound (Newton until the step is small)',
    model: 'export const f = differentiable((a: number) => {\n  let x = 1;\n  let err = 1;\n  @while (err > 1e-9) {\n    const next = x - (x * x - a) / (2 * x);\n    err = Math.abs(next - x);\n    x = next;\n  }\n  return x;\n});',
    message: /unsupported statement: a while loop/, hint: /loop a fixed number of times and break: for \(let i = 0; i < 50; i\+\+\) \{ if \(err < tol\) break/,
  },
  {
    what: 'a loop bound that depends on a parameter',
    model: 'export const f = differentiable((x: number) => {\n  let s = 0;\n  for (let i = 0; @i < x; i++) s += i;\n  return s;\n});',
    message: /loop condition depends on the parameters/, hint: /x\.length/,
  },
  {
    what: 'recursion',
    model: 'function fact(n: number): number {\n  return n <= 1 ? 1 : n * @fact(n - 1);\n}\nexport const f = differentiable((x: number) => fact(x));',
    message: /recursive call/, hint: /inlined/,
  },
  {
    what: 'a call with more arguments than parameters (counts of one in the singular)',
    model: 'const sq = (a: number) => a * a;\nexport const f = differentiable((x: number) => @sq(x, x));',
    message: /2 arguments for 1 parameter\b/, hint: /pass 1 argument\b/,
  },
  {
    what: 'an item of a vector parameter assigned',
    model: 'export const f = differentiable((x: [number, number]) => {\n  @x[0] = 1;\n  return x[0] + x[1];\n});',
    message: /cannot assign to 'x\[0\]'/, hint: /a vector parameter is read-only: copy the values you change into a local array/,
  },
  {
    what: 'an item of an array held under two names (the other would not see the change)',
    model: 'export const f = differentiable((x: number) => {\n  const a = [x, x];\n  const b = a;\n  @b[0] = 2;\n  return a[0] * b[1];\n});',
    message: /the array 'b' is also held under another name/, hint: /one name/,
  },
  {
    what: 'an item of a top-level table assigned',
    model: 'const table = [1, 2];\nexport const f = differentiable((x: number) => {\n  const t = table;\n  @t[0] = x;\n  return t[0] * table[0];\n});',
    message: /the array 't' is also held under another name/, hint: /one name/,
  },
  {
    what: 'an unknown function',
    model: 'export const f = differentiable((x: number) => 2 * @foo(x));',
    message: /unknown name 'foo'/, hint: /top-level consts and functions of this file/,
  },
  {
    what: 'a Math function that is not supported',
    model: 'export const f = differentiable((x: number) => x * Math.@random());',
    message: /Math\.random is not supported/, hint: /sin, cos, tan/,
  },
  {
    what: 'an object literal',
    model: 'export const f = differentiable((x: number) => {\n  const o = @{ a: x };\n  return x;\n});',
    message: /object literal/, hint: /objects are not supported: use a variable for each field/,
  },
  {
    what: 'a string',
    model: "export const f = differentiable((x: number) => x + @'1');",
    message: /a string/, hint: /nncompile differentiates numbers/,
  },
  {
    what: 'an array method',
    model: 'export const f = differentiable((x: number[]) => x.@reduce((a, b) => a + b, 0), { lengths: { x: 3 } });',
    message: /method call '\.reduce/, hint: /for loop/,
  },
  {
    what: 'a closure that assigns to a variable outside it',
    model: 'export const f = differentiable((x: number) => {\n  let s = 0;\n  const add = (a: number) => {\n    @s += a;\n    return s;\n  };\n  return add(x);\n});',
    message: /assigns to 's', a variable outside it/, hint: /return the new value/,
  },
  {
    what: 'a vector parameter without a length',
    model: 'export const f = differentiable((@x: number[]) => x[0]);',
    message: /length of vector parameter 'x' is not known/, hint: /lengths: \{ x: 100 \}/,
  },
  {
    what: 'a number used as a condition',
    model: 'export const f = differentiable((x: number) => (@x ? 1 : 2));',
    message: /expected a condition, got a number/, hint: /x !== 0/,
  },
  {
    what: 'an index that depends on a parameter',
    model: 'export const f = differentiable((x: number[], k: number) => x[@k], { lengths: { x: 2 } });',
    message: /index that depends on the parameters/, hint: /known when compiling/,
  },
  {
    what: 'an index out of range',
    model: 'export const f = differentiable((x: [number, number]) => {\n  let s = 0;\n  for (let i = 0; i <= x.length; i++) s += x[@i];\n  return s;\n});',
    message: /index 2 is outside x\[0\.\.1\]/, hint: /loop bounds/,
  },
  {
    what: 'a path that does not return',
    model: 'export const f = differentiable((x: number) => {\n  if (x > 0) return x;\n@});',
    message: /can end without returning a value/, hint: /every path/,
  },
  {
    what: 'a parameter named like a global the generated code calls',
    model: 'export const f = differentiable((x: number, @Math: number) => x * Math);',
    message: /parameter name 'Math' is used by the generated code/, hint: /rename the parameter/,
  },
  {
    what: 'an assignment inside an expression',
    model: 'export const f = differentiable((x: number) => {\n  let s = 0;\n  return x * (@s = 2);\n});',
    message: /assignment inside an expression/, hint: /statement of its own/,
  },
  {
    what: 'assigning to a const',
    model: 'export const f = differentiable((x: number) => {\n  const s = 0;\n  @s = x;\n  return s;\n});',
    // esbuild, which bundles model.ts before it runs, finds this first
    message: /'s' is a const|Cannot assign to "s" because it is a constant/, hint: /let/,
  },
  {
    what: 'a wrong option: a length for a number parameter',
    model: 'export const f = differentiable((x: number) => x, { lengths: { @y: 2 } });',
    message: /lengths names 'y', which is not a parameter/, hint: /the parameters are x/,
  },
  {
    what: "a vector in 'at' of the wrong length",
    model: 'export const f = differentiable((x: [number, number]) => x[0] * x[1], { at: { x: @[1] } });',
    message: /'at' must give 'x' as an array of 2 numbers/, hint: /at: \{ x: \[0, 0\] \}/,
  },
  // found trying the feature as a new user: a misspelled option was ignored (hesian), or reported as what it caused (lenghts)
  {
    what: 'a misspelled option (hesian)',
    model: 'export const f = differentiable((x: number) => x * x, { at: { x: 1 }, @hesian: true });',
    message: /unknown option 'hesian' of differentiable/, hint: /did you mean 'hessian'\?/,
  },
  {
    what: 'a misspelled option (lenghts), not a missing length',
    model: 'export const f = differentiable((x: number[]) => x[0] * x[1], { @lenghts: { x: 2 } });',
    message: /unknown option 'lenghts' of differentiable/, hint: /did you mean 'lengths'\?/,
  },
  {
    what: 'a misspelled vector name in lengths, not a missing length',
    model: 'export const f = differentiable((xs: number[], w: number) => xs[0] * w, { lengths: { @x: 2 } });',
    message: /lengths names 'x', which is not a parameter/, hint: /did you mean 'xs'\? the parameters are xs, w/,
  },
  {
    what: "a misspelled parameter in 'at'",
    model: 'export const f = differentiable((theta: number, omega: number) => theta * omega, { at: { theta: 1, @omgea: 2 } });',
    message: /'at' gives a value for 'omgea', which is not a parameter/, hint: /did you mean 'omega'\?/,
  },
  {
    what: "an array in 'at' for a number parameter",
    model: 'export const f = differentiable((x: number) => x * x, { at: { x: @[1, 2] } });',
    message: /'at' gives an array for 'x', a number parameter/, hint: /at: \{ x: 1 \}/,
  },
  {
    what: 'hessian that is not a boolean',
    model: "export const f = differentiable((x: number) => x * x, { hessian: @'yes' });",
    message: /hessian must be true or false/, hint: /hessian: true/,
  },
  {
    what: 'a misspelled Math function',
    model: 'export const f = differentiable((x: number) => Math.@sine(x));',
    message: /Math\.sine is not supported/, hint: /did you mean Math\.sin\?/,
  },
  {
    what: 'a function imported from another module (here the DSL itself)',
    model: "import { expr } from 'nncompile';\nexport const f = differentiable((x: number) => x * @expr(x));",
    message: /'expr' is imported from 'nncompile'/, hint: /define expr in this file/,
  },
  {
    what: 'an index into an array of the file that depends on a parameter',
    model: 'const table = [1, 2, 3];\nexport const f = differentiable((x: number) => x * table[@x]);',
    message: /an index into the array 'table' that depends on the parameters/, hint: /known when compiling/,
  },
  {
    what: 'object destructuring',
    model: 'export const f = differentiable((x: [number, number]) => {\n  const @{ length } = x;\n  return x[0] * length;\n});',
    message: /object destructuring/, hint: /destructure arrays only/,
  },
  // found trying the feature as a new user
  {
    what: 'a function declared without a body: at the call, which is what must change',
    model: 'declare function g(x: number): number;\nexport const f = differentiable((x: number) => 2 * @g(x));',
    message: /'g' is declared without a body \(line 2\)/, hint: /a function must have its body in the same file/,
  },
  {
    what: 'Array.from in a top-level table: what a table may be',
    model: 'const table = Array.@from({ length: 5 }, (_, i) => i * 0.5);\nexport const f = differentiable((x: number) => x * table[2]!);',
    message: /method call '\.from\(…\)' is not supported/, hint: /a table is an array literal of numbers, const table = \[0, 0\.5, 1\].*or build it in the function/,
  },
  {
    what: 'new Float64Array in a top-level table',
    model: 'const w = @new Float64Array([1, 2, 3]);\nexport const f = differentiable((x: number) => x * w[0]!);',
    message: /unsupported construct: 'new'/, hint: /nncompile reads 'w' as written, it does not run it: a table is an array literal/,
  },
  {
    what: 'Array.from in the function: how an array is made there',
    model: 'export const f = differentiable((x: number) => {\n  const t = Array.@from([x, x]);\n  return t[0]!;\n});',
    message: /method call '\.from\(…\)' is not supported/, hint: /an array is written as a literal, const t = \[0, 0, 0\]/,
  },
  {
    what: 'an async function (compiled before, into a number where the original gives a Promise)',
    model: 'export const f = differentiable(@async (x: number) => x * x);',
    message: /an async function/, hint: /plain function that returns a number/,
  },
  {
    what: "'.length' of a number",
    model: 'export const f = differentiable((x: number) => x * x.@length);',
    message: /'x' is a number, which has no property '\.length'/, hint: /annotate it number\[\] \(its length in the options: lengths: \{ x: 3 \}\)/,
  },
  {
    what: 'console.log (hinted "write a for loop instead of array methods")',
    model: 'export const f = differentiable((x: number) => {\n  console.@log(x);\n  return x * x;\n});',
    message: /method call '\.log\(…\)'/, hint: /never run, so it prints nothing: remove the call/,
  },
  {
    what: 'a default value on a parameter of the differentiated function',
    model: 'export const f = differentiable((x: number, @k: number = 2) => k * x * x);',
    message: /parameter 'k' has a default value/, hint: /at: \{ k: 2 \}.*const k = 2/,
  },
  {
    what: 'an optional parameter of the differentiated function',
    model: 'export const f = differentiable((x: number, @y?: number) => x * (y ?? 1));',
    message: /parameter 'y' is optional/, hint: /the generated functions take every parameter/,
  },
  {
    what: 'an optional parameter of a helper, left out',
    model: 'function scaled(x: number, k?: number): number {\n  return x * (k as number);\n}\nexport const f = differentiable((x: number) => @scaled(x));',
    message: /missing argument 'k'/, hint: /an optional parameter left out is undefined, not a number/,
  },
  {
    what: 'a named function expression calling itself (was "unknown name")',
    model: 'export const f = differentiable(function g(x: number): number {\n  return x > 3 ? @g(x - 1) : x;\n});',
    message: /a recursive call/, hint: /recursion is not supported/,
  },
  {
    what: 'a member an enum does not have',
    model: 'const enum Mode { Linear, Square }\nexport const f = differentiable((x: number) => (Mode.@Cube === 2 ? x : x * x));',
    message: /enum Mode has no member 'Cube'/, hint: /its members are Linear, Square/,
  },
  {
    what: 'Math.fround (hinted "did you mean Math.round?", another function)',
    model: 'export const f = differentiable((x: number) => Math.@fround(x));',
    message: /Math\.fround is not supported/, hint: /^write it with the functions there are: Math\.fround\(x\) = x \(nncompile computes in doubles\)$/,
  },
];

describe.each(BAD)('$what', (bad) => {
  it('is an error at the marked line and column, with a caret and a hint', async () => {
    await expectMarkedError(bad);
  });
});
