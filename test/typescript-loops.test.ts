// Loops kept as loops (issue 10): a long loop with independent iterations is
// a loop in the generated E and E_grad (lower/lanes.ts, backends/ts/lane-functions.ts),
// not unrolled. For each construct: the loop was kept; the generated value
// equals running the original function; the gradient matches central
// differences of the original function, the unrolled translation (the IR
// interpreter on the graph the notes and the Hessian use), and expr where the
// math can be written there. Also: code size does not grow with the length,
// and loops that cannot be kept are unrolled or a located error.
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../src/compile/expression.js';
import { expectClose, gradientByDifferences } from './helpers/numeric.js';
import { type Argument, callGenerated, compileFunctions, flatten, modelText, unflatten } from './helpers/function-model.js';
import { interpret, typeCheck } from './helpers/generated-module.js';
import { compileErrorOf } from './helpers/compile-error.js';
import { ROSENBROCK } from './helpers/rosenbrock.js';
import { compileModel } from '../src/driver/compile-model.js';
import { resolve } from 'node:path';

interface LoopCase {
  readonly what: string;
  readonly fn: string;
  readonly options?: string;
  readonly points: readonly (readonly Argument[])[];
  /** The same math in the expression language, over the flattened arguments named by `wrt`. */
  readonly expr?: string;
  readonly wrt?: readonly string[];
  /** Whether the value is bit-for-bit the original's (false: a sum added in another order, compared to 1e-14). */
  readonly exact?: boolean;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const names = (n: number) => range(n).map((i) => `a${i}`);
const vector = (n: number, seed: number) => range(n).map((i) => Math.sin(seed * (i + 1)) * 1.2);

const CASES: readonly LoopCase[] = [
  {
    what: 'Rosenbrock over a 12-long vector: x[i] and x[i + 1]',
    fn: ROSENBROCK,
    options: '{ lengths: { x: 12 } }',
    points: [[vector(12, 1)], [vector(12, 2)]],
    expr: range(11).map((i) => `100 * (a${i + 1} - a${i}^2)^2 + (1 - a${i})^2`).join(' + '),
    wrt: names(12),
    exact: true,
  },
  {
    what: 'Huber loss with if / else if / else in a 32-step loop over the index as a number',
    fn: `(slope: number, intercept: number) => {
      let loss = 0;
      for (let i = 0; i < 32; i++) {
        const t = i / 8;
        const r = Math.sin(t) - (slope * t + intercept);
        if (r > 0.5) loss += 0.5 * (r - 0.25);
        else if (r < -0.5) loss += 0.5 * (-r - 0.25);
        else loss += 0.5 * r * r;
      }
      return loss / 32;
    }`,
    points: [[0.3, 0.1], [-0.2, 0.4], [0.9, -0.35]],
    exact: true,
  },
  {
    what: 'for-of over a vector with Math functions, a ternary and -=',
    fn: `(x: number[], w: number) => {
      let s = 1;
      for (const v of x) {
        const u = v > 0 ? Math.log(1 + v * v) : Math.tanh(w * v);
        s -= u * w;
      }
      return s;
    }`,
    options: '{ lengths: { x: 10 } }',
    points: [[vector(10, 3), 0.7], [vector(10, 5), -1.1]],
  },
  {
    what: 'two loops, the second reading the mean of the first (a later stage), and x[0] outside a loop',
    fn: `(x: Float64Array) => {
      let m = 0;
      for (let i = 0; i < x.length; i++) m += x[i];
      m /= x.length;
      let v = 0;
      for (let i = 0; i < x.length; i++) {
        const d = Math.exp(x[i] - m);
        v += d * d;
      }
      return v / x.length + x[0] * m;
    }`,
    options: '{ lengths: { x: 16 } }',
    points: [[vector(16, 7)]],
    expr: `(${names(16).map((a) => `exp(2 * (${a} - (${names(16).join(' + ')}) / 16))`).join(' + ')}) / 16 + a0 * (${names(16).join(' + ')}) / 16`,
    wrt: names(16),
    exact: false,
  },
  {
    what: 'x[i - 1] from i = 1, an outer let read in the loop, a scalar parameter and a local function',
    fn: `(x: Float64Array, c: number) => {
      let scale = 2;
      scale = scale * c;
      const sq = (u: number) => u * u;
      let s = c;
      for (let i = 1; i <= 14; i++) s += scale * sq(x[i] - x[i - 1]) + Math.max(x[i], 0.1);
      return s;
    }`,
    options: '{ lengths: { x: 15 } }',
    points: [[vector(15, 11), 0.4]],
    expr: `c + ${range(14).map((i) => `2 * c * (a${i + 1} - a${i})^2 + max(a${i + 1}, 0.1)`).join(' + ')}`,
    wrt: [...names(15), 'c'],
    exact: false,
  },
];

function modelOf(c: LoopCase): string {
  return modelText(`export const E = differentiable(${c.fn}${c.options ? `, ${c.options}` : ''});`);
}

describe.each(CASES)('$what', (c) => {
  it('is a loop in the generated code; value = the original run; gradient = central differences, the unrolled graph and expr', async () => {
    const { compiled, module, original } = await compileFunctions(modelOf(c));
    expect(compiled.expressions[0].looped, 'the loop was kept as a loop').toBeDefined();
    const code = compiled.files[0].content;
    expect(code).toMatch(/for \(let k = 0; k < \d+; k\+\+\)/);
    for (const point of c.points) {
      const got = callGenerated(module, 'E', point);
      const x = flatten(point);
      const run = (flat: readonly number[]) => original.E(...unflatten(flat, point));
      if (c.exact === false) expectClose(got.value, run(x), 1e-14, 1e-14, 'value');
      else expect(got.value, 'value').toBe(run(x));
      expect(got.valueFromGrad).toBe(got.value);
      expectClose(got.grad, gradientByDifferences(run, x), 1e-6, 1e-7, `gradient at ${JSON.stringify(point)}`);
      const unrolled = interpret(compiled.expressions[0], x);
      expectClose(got.value, unrolled.value, 1e-14, 1e-14, 'value of the unrolled graph');
      expectClose(got.grad, unrolled.grad, 1e-12, 1e-13, 'gradient of the unrolled graph');
      if (c.expr) {
        const e = interpret(compileExpression('F', c.expr, { wrt: c.wrt }), x);
        expectClose(got.value, e.value, 1e-12, 1e-12, 'value of expr');
        expectClose(got.grad, e.grad, 1e-10, 1e-12, 'gradient of expr');
      }
    }
  });
});

describe('the generated code of a loop kept as a loop', () => {
  const rosenbrock = (n: number, hessian = false) => modelText(`export const R = differentiable((x: Float64Array) => {
  let f = 0;
  for (let i = 0; i < x.length - 1; i++) {
    const a = x[i + 1] - x[i] * x[i];
    f += 100 * a * a + (1 - x[i]) ** 2;
  }
  return f;
}, { lengths: { x: ${n} }${hessian ? ', hessian: true' : ''} });`);

  it('does not grow with the length: 20 and 400 entries give the same code but for the numbers', async () => {
    const [short, long] = await Promise.all([compileFunctions(rosenbrock(20)), compileFunctions(rosenbrock(400))]);
    const code = (c: typeof short) => c.compiled.files[0].content.replace(/^\/\/.*\n/gm, '');
    expect(code(long).split('\n').length).toBe(code(short).split('\n').length);
    expect(code(long).replace(/\d+/g, 'N')).toBe(code(short).replace(/\d+/g, 'N'));
    const x = vector(400, 1);
    const got = callGenerated(long.module, 'R', [x]);
    expect(got.value).toBe(long.original.R(x));
    expectClose(got.grad, interpret(long.compiled.expressions[0], x).grad, 1e-12, 1e-12, 'gradient');
  });

  it('type-checks under tsc --strict; value and gradient share one loop; the Hessian (unrolled) is still generated', async () => {
    const { compiled, module } = await compileFunctions(rosenbrock(10, true));
    const code = compiled.files[0].content;
    expect(typeCheck(code)).toEqual([]);
    const grad = code.slice(code.indexOf('export function R_grad'), code.indexOf('export function R_hess'));
    expect(grad.match(/for \(/g)?.length).toBe(1);
    // grad[k + 1] is first written by iteration k (=), grad[k] added to by iteration k once k − 1 wrote it; grad[0] set to 0 first
    expect(grad).toMatch(/grad\[k \+ 1\] = da;/);
    expect(grad).toMatch(/grad\[k\]!? \+= /); // ! when reads are marked for noUncheckedIndexedAccess
    expect(grad).toContain('grad[0] = 0;');
    // x[k], read three times per iteration (x_k², 1 − x_k, the derivative's x_k), is loaded once into a local
    expect(grad).toMatch(/const x_k = x\[k\]!?;/);
    expect(grad.match(/\bx\[k\]/g)?.length).toBe(1);
    expect(grad.match(/\bx\[k \+ 1\]/g)?.length).toBe(1); // read once anyway: no local
    const x = vector(10, 4);
    const got = callGenerated(module, 'R', [x]);
    expectClose(got.hess ?? [], interpret(compiled.expressions[0], x).hess ?? [], 1e-12, 1e-12, 'Hessian');
  });

  it('prints an if / else if / else of a loop as one if statement for value and derivative: each condition tested once, only the side taken computed', async () => {
    const { compiled } = await compileFunctions(modelOf(CASES[1]));
    const code = compiled.files[0].content;
    const grad = code.slice(code.indexOf('export function E_grad'));
    // dL/dr = −(1/32)·clamp(r, −0.5, 0.5): the clamp per iteration, the −1/32 once on each sum after the loop (hoistScales)
    // the loss, read only by its sum, is added to it in each branch (loss += …); dL/dr is a local
    expect(grad).toMatch(/let (t_\d+): number;\n\s*if \(0\.5 < r\) \{\n\s*loss \+= 0\.5 \* \(r - 0\.25\);\n\s*\1 = 0\.5;\n\s*\} else if \(r < -0\.5\) \{\n\s*loss \+= [^\n]*;\n\s*\1 = -0\.5;\n\s*\} else \{\n\s*loss \+= [^\n]*;\n\s*\1 = r;/);
    expect(grad.match(/loss \+=/g)?.length).toBe(3);
    // the table of t = i / 8, read by the residual and by dL/dslope, is loaded once per iteration
    expect(grad.match(/E_table1\[k\]/g)?.length).toBe(1);
    expect(grad.match(/0\.5 < r/g)?.length).toBe(1);
    const afterLoop = grad.slice(grad.indexOf('\n  }\n'));
    expect(afterLoop.match(/= -0\.03125 \* s(_\d+)?;/g)?.length).toBe(2);
    expect(grad.match(/0\.03125/g)?.length).toBe(2);
    // the value alone (E): the branches as a conditional expression
    expect(code).toMatch(/0\.5 < r \? 0\.5 \* \(r - 0\.25\) : r < -0\.5 \? 0\.5 \* \([^)]*\) : /);
    // the values that depend on no parameter (t = i / 8, sin t) are a table filled once, outside the function
    expect(code).toMatch(/^const E_table1 = new Float64Array\(32\);$/m);
    // one table per constant lane in the module: E and E_grad (the same looped graph) read the same two (t and sin t)
    expect(code.match(/^const \w+ = new Float64Array\(32\);$/gm)).toEqual(['const E_table1 = new Float64Array(32);', 'const E_table2 = new Float64Array(32);']);
    expect(code).not.toMatch(/E_grad_table/);
  });
});

describe('a product computed by the value and again, commuted, by the reverse sweep', () => {
  it('is computed once per iteration (λ·w and w·λ of ridge_grad are one node); the gradient is unchanged', async () => {
    const text = modelText(`export const ridge = differentiable((w: Float64Array, lambda: number) => {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += (w[i] - 1) ** 2 + lambda * w[i] * w[i];
  return s;
}, { lengths: { w: 100 } });`);
    const { compiled, module, original } = await compileFunctions(text);
    const code = compiled.files[0].content;
    const grad = code.slice(code.indexOf('export function ridge_grad'));
    expect(grad.match(/lambda \* w_k|w_k \* lambda/g)).toEqual(['lambda * w_k']);
    const w = Array.from({ length: 100 }, (_, i) => Math.sin(i) * 1.5);
    const got = callGenerated(module, 'ridge', [w, 0.3]);
    expect(got.value).toBe(original.ridge(Float64Array.from(w), 0.3));
    const run = (flat: readonly number[]) => original.ridge(Float64Array.from(flat.slice(0, 100)), flat[100]);
    expectClose(got.grad, gradientByDifferences(run, [...w, 0.3]), 1e-6, 1e-7, 'gradient');
  });
});

describe('loops that cannot be kept as loops', () => {
  it('are unrolled when they are short enough: a loop that breaks out', async () => {
    const text = modelText(`export const E = differentiable((x: number[]) => {
  let s = 0;
  for (let i = 0; i < 20; i++) {
    if (i > 15) break;
    s = 0.9 * s + x[i] * x[i];
  }
  return s;
}, { lengths: { x: 20 } });`);
    const { compiled, module, original } = await compileFunctions(text);
    expect(compiled.expressions[0].looped).toBeUndefined();
    const x = vector(20, 3);
    const got = callGenerated(module, 'E', [x]);
    expect(got.value).toBe(original.E(x));
    expectClose(got.grad, gradientByDifferences((p) => original.E(p), x), 1e-6, 1e-7, 'gradient');
  });

  it('are an error at the loop, saying why, when too long to unroll', async () => {
    const model = 'import { differentiable } from \'nncompile\';\nexport const E = differentiable((x: number) => {\n  let s = x;\n  const a = [0];\n  for (let i = 0; i < 20000; i++) { a[0] = s; s = s * 0.5 + a[0]; }\n  return s;\n});\n';
    const error = await compileErrorOf(() => compileModel({ text: model, fileName: 'model.ts', path: resolve('model.ts'), command: 'test' }));
    expect(error.location).toMatchObject({ line: 5, column: 3 });
    expect(error.message).toMatch(/runs more than 10000 times and cannot be kept as a loop in the generated code: it assigns 'a', which is not a number$/);
    expect(error.hint).toMatch(/a recurrence m = a \* m \+ …\) without break/);
  });
});

describe('the module-level names of a loop\'s tables', () => {
  const huber = (slope: string, local: string) => `(${slope}: number, intercept: number) => {
    let loss = 0;
    for (let i = 0; i < 32; i++) {
      const ${local} = i / 8;
      const r = Math.sin(${local}) - (${slope} * ${local} + intercept);
      if (r > 0.5) loss += 0.5 * (r - 0.25);
      else if (r < -0.5) loss += 0.5 * (-r - 0.25);
      else loss += 0.5 * r * r;
    }
    return loss / 32;
  }`;

  it('leave a name an export takes to it: exports E_table1 and E_grad_table1 next to E, whose loops make tables', async () => {
    const text = modelText(`export const E = differentiable(${huber('slope', 't')});
export const E_table1 = expr('x^2 + 1');
export const E_grad_table1 = differentiable((x: number) => 3 * x);`);
    const { compiled, module, original } = await compileFunctions(text);
    const code = compiled.files[0].content;
    expect(typeCheck(code)).toEqual([]);
    expect(code).toMatch(/^const E_table1_2 = new Float64Array\(32\);$/m);
    for (const p of [[0.3, -0.2], [1.5, 0.4]]) {
      const got = callGenerated(module, 'E', p);
      expect(got.value).toBe(original.E(...p));
      expectClose(got.grad, gradientByDifferences((q) => original.E(...q), p), 1e-6, 1e-7, 'gradient');
    }
    expect(callGenerated(module, 'E_table1', [3]).value).toBe(10);
    expect(callGenerated(module, 'E_grad_table1', [2]).grad).toEqual([3]);
  });

  it('are not shadowed by a parameter or a local of the function called like them (E_table1, E_grad_table1)', async () => {
    const { compiled, module, original } = await compileFunctions(modelText(`export const E = differentiable(${huber('E_table1', 'E_grad_table1')});`));
    expect(typeCheck(compiled.files[0].content)).toEqual([]);
    for (const p of [[0.3, -0.2], [1.5, 0.4]]) {
      const got = callGenerated(module, 'E', p);
      expect(got.value).toBe(original.E(...p));
      expectClose(got.grad, gradientByDifferences((q) => original.E(...q), p), 1e-6, 1e-7, 'gradient');
    }
  });
});
