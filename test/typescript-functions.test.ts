// Plain TypeScript functions as models (issue 10): every construct the
// translation accepts, compiled through the driver like a model file. The
// generated value equals running the original function; the gradient and
// Hessian match central differences of the original function; and where the
// same math can be written as an expression, the gradient equals expr's.
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../src/compile/expression.js';
import { buildNotes } from '../src/backends/latex/notes.js';
import { expectClose, gradientByDifferences, jacobianByDifferences } from './helpers/numeric.js';
import { type Argument, callGenerated, compileFunctions, flatten, modelText, unflatten } from './helpers/function-model.js';
import { interpret } from './helpers/generated-module.js';
import { katexError } from './helpers/katex.js';
import { typeCheck } from './helpers/generated-module.js';

interface Construct {
  readonly what: string;
  /** Top-level code of the model file before the export (helpers, constants). */
  readonly preamble?: string;
  /** The function, as written after `differentiable(`. */
  readonly fn: string;
  readonly options?: string;
  /** Points to check at (away from kinks and jumps). */
  readonly points: readonly (readonly Argument[])[];
  /** The same math in the expression language, if it can be written there, and its variables in the flattened arguments' order. */
  readonly expr?: string;
  readonly wrt?: readonly string[];
  /** Points on a switch of a branch (x === y): the value is checked, not the derivatives (one-sided there). */
  readonly onSwitch?: readonly (readonly Argument[])[];
}

const CONSTRUCTS: readonly Construct[] = [
  {
    what: 'operators, unary minus, parentheses, **',
    fn: '(x: number, y: number) => -(x + 2) * y / (1 + x * x) + x ** 3 - y ** x',
    points: [[0.7, 1.3], [-0.4, 2.1]],
    expr: '-(x + 2) * y / (1 + x^2) + x^3 - y^x',
    wrt: ['x', 'y'],
  },
  {
    what: 'const, let, reassignment and every compound assignment, ++ and --',
    fn: `(x: number, y: number) => {
      let s = x;
      s += y;
      s *= x;
      s -= 1;
      s /= 2;
      s **= 2;
      const t = s;
      let u = t;
      u = u + 1;
      u++;
      u--;
      return u;
    }`,
    points: [[0.7, 1.3], [-1.5, 0.25]],
    expr: '(((x + y) * x - 1) / 2)^2 + 1',
    wrt: ['x', 'y'],
  },
  {
    what: 'every Math function and constant',
    fn: `(x: number, y: number) =>
      Math.sin(x) + Math.cos(y) + Math.tan(x / 4) + Math.asin(x / 4) + Math.acos(y / 4) + Math.atan(x)
      + Math.atan2(y, x) + Math.sinh(x) + Math.cosh(y) + Math.tanh(x) + Math.exp(y) + Math.expm1(x)
      + Math.log(y) + Math.log1p(x) + Math.log2(y) + Math.log10(x) + Math.sqrt(y) + Math.cbrt(x)
      + Math.abs(x - y) + Math.pow(x, y) + Math.hypot(x, y) + Math.max(x, y, 0.5) + Math.min(x, y)
      + Math.sign(x) * x + Math.floor(y) * y + Math.ceil(x) * x + Math.round(y) * y + Math.trunc(x) * x
      + Math.PI * Math.E * x`,
    points: [[0.7, 1.3], [1.9, 0.4]],
    expr: 'sin(x) + cos(y) + tan(x / 4) + asin(x / 4) + acos(y / 4) + atan(x) + atan2(y, x) + sinh(x) + cosh(y) + tanh(x)'
      + ' + exp(y) + expm1(x) + log(y) + log1p(x) + log2(y) + log10(x) + sqrt(y) + cbrt(x) + abs(x - y) + x^y + hypot(x, y)'
      + ' + max(x, y, 0.5) + min(x, y) + sign(x) * x + floor(y) * y + ceil(x) * x + round(y) * y + trunc(x) * x + pi * e * x',
    wrt: ['x', 'y'],
  },
  {
    // At these points nested two-argument hypots round differently from Math.hypot (the last bit):
    // the value must still equal the original function run, bit for bit (checked with toBe below).
    what: 'Math.hypot with n arguments: one op, Math.hypot\'s own value',
    fn: '(x: number, y: number, z: number) => Math.hypot(x, y, z) + Math.hypot(x, y, z, 2 * x) * Math.hypot(y)',
    points: [[-2, -1.47, 1.02], [1.74, -0.47, 0.08], [1.32, -1.86, -1.79]],
  },
  {
    what: 'ternaries with comparisons, && and ||',
    fn: '(x: number, y: number) => (x > y ? x * y : x - y) + (x <= 0.5 || y === 2 ? 1 : Math.sin(x)) + (x >= 0 && y !== 1 ? y * y : -x)',
    points: [[0.7, 1.3], [1.9, 0.4], [-0.3, 1.5], [0.2, 2.5]],
    onSwitch: [[0.9, 1], [0.8, 2], [1, 1]],
  },
  {
    what: 'if / else if / else assigning a let',
    fn: `(x: number, y: number) => {
      let r = 0;
      if (x > y) {
        r = x * x;
      } else if (x < 0) {
        r = -x * y;
      } else {
        r = y;
        r *= Math.exp(x);
      }
      return r * 2;
    }`,
    points: [[0.7, 1.3], [1.9, 0.4], [-0.3, 1]],
  },
  {
    what: 'early returns',
    fn: `(x: number, y: number) => {
      if (x < 0) return 0.5 * x;
      if (y > 2) {
        return x * y;
      }
      const z = x + y;
      return z * z;
    }`,
    points: [[-0.7, 1.3], [0.7, 2.5], [0.7, 1.5]],
  },
  {
    what: 'a for loop over a vector parameter (length from the options)',
    fn: `(x: number[]) => {
      let s = 0;
      for (let i = 0; i < x.length; i++) s += x[i] * x[i];
      return Math.sqrt(s);
    }`,
    options: '{ lengths: { x: 4 } }',
    points: [[[0.7, -1.3, 2, 0.1]]],
    expr: 'sqrt(a^2 + b^2 + c^2 + d^2)',
    wrt: ['a', 'b', 'c', 'd'],
  },
  {
    what: 'for-of over a tuple parameter (its length from the type)',
    fn: `(p: [number, number, number], k: number) => {
      let m = k;
      for (const v of p) m *= v;
      return m;
    }`,
    points: [[[0.7, -1.3, 2], 1.5]],
    expr: 'k * a * b * c',
    wrt: ['a', 'b', 'c', 'k'],
  },
  {
    what: 'nested loops with a branch, break and continue',
    fn: `(x: Float64Array) => {
      let s = 0;
      for (let i = 0; i < 4; i++) {
        if (i === 1) continue;
        for (let j = 0; j < 4; j++) {
          if (j > i) break;
          s += x[i] * x[j] * (i % 2 === 0 ? 1 : 2);
        }
      }
      return s;
    }`,
    options: '{ lengths: { x: 4 } }',
    points: [[[0.7, -1.3, 2, 0.1]]],
    // i = 0: x0²; i = 2: x2·(x0 + x1 + x2); i = 3: 2·x3·(x0 + x1 + x2 + x3)
    expr: 'a^2 + c * (a + b + c) + 2 * d * (a + b + c + d)',
    wrt: ['a', 'b', 'c', 'd'],
  },
  {
    what: 'a loop that returns from inside, with a data-dependent branch',
    fn: `(x: number[]) => {
      for (let i = 0; i < x.length; i++) {
        if (x[i] > 1) return x[i] * i;
      }
      return -x[0];
    }`,
    options: '{ lengths: { x: 3 } }',
    points: [[[0.7, -1.3, 2]], [[1.5, 0, 0]], [[0.5, 0.2, 0.3]]],
  },
  {
    what: 'calls of top-level functions (declared and const arrow) and of a local arrow function, a top-level const',
    preamble: `const G = 9.81;
function sq(u: number): number {
  return u * u;
}
const cube = (u: number) => u * sq(u);`,
    fn: `(x: number, y: number) => {
      const shift = (a: number) => a + y;
      function twice(a: number) { return 2 * a; }
      return G * cube(shift(x)) + twice(sq(y));
    }`,
    points: [[0.7, 1.3]],
    expr: '9.81 * (x + y)^3 + 2 * y^2',
    wrt: ['x', 'y'],
  },
  {
    what: 'a local function reading a let assigned after it is defined (JavaScript closure semantics)',
    fn: `(x: number) => {
      let k = 2;
      const f = (a: number) => a * k;
      k = 3;
      return f(x) + k;
    }`,
    points: [[0.7]],
    expr: '3 * x + 3',
    wrt: ['x'],
  },
  {
    what: 'the pendulum energy of the issue',
    fn: `(theta: number, omega: number, len: number) => {
      const height = len * (1 - Math.cos(theta));
      return 0.5 * len * len * omega * omega + 9.81 * height;
    }`,
    options: '{ at: { theta: 0.3, omega: 1.5, len: 2 } }',
    points: [[0.3, 1.5, 2]],
    expr: '0.5 * len^2 * omega^2 + 9.81 * len * (1 - cos(theta))',
    wrt: ['theta', 'omega', 'len'],
  },
];

/** The model file of one construct: its preamble, then `export const E = differentiable(fn, { hessian: true, … })`. */
function modelOf(c: Construct): string {
  const options = c.options ? c.options.replace(/^\{/, '{ hessian: true,') : '{ hessian: true }';
  return modelText(`${c.preamble ?? ''}\nexport const E = differentiable(${c.fn}, ${options});`);
}

describe.each(CONSTRUCTS)('$what', (c) => {
  it('value = the original function run; gradient and Hessian = central differences of it', async () => {
    const { module, original } = await compileFunctions(modelOf(c));
    for (const point of c.points) {
      const got = callGenerated(module, 'E', point);
      const run = (flat: readonly number[]) => original.E(...unflatten(flat, point));
      expect(got.value, `value at ${JSON.stringify(point)}`).toBe(run(flatten(point)));
      expect(got.valueFromGrad).toBe(got.value);
      expect(got.valueFromHess).toBe(got.value);
      const x = flatten(point);
      expectClose(got.grad, gradientByDifferences(run, x), 1e-6, 1e-7, `gradient at ${JSON.stringify(point)}`);
      const gradient = (p: readonly number[]) => callGenerated(module, 'E', unflatten(p, point)).grad;
      expectClose(got.hess ?? [], jacobianByDifferences(gradient, x).flat(), 1e-5, 1e-6, `Hessian at ${JSON.stringify(point)}`);
    }
    for (const point of c.onSwitch ?? []) {
      expect(callGenerated(module, 'E', point).value, `value at ${JSON.stringify(point)}`).toBe(original.E(...point));
    }
  });

  it.runIf(c.expr)('gradient and Hessian = the same math written with expr', async () => {
    const { module } = await compileFunctions(modelOf(c));
    for (const point of c.points) {
      const x = flatten(point);
      const reordered = compileExpression('F', c.expr as string, { hessian: true, wrt: c.wrt });
      const expected = interpret(reordered, x);
      const got = callGenerated(module, 'E', point);
      expectClose(got.value, expected.value, 1e-12, 1e-12, 'value');
      expectClose(got.grad, expected.grad, 1e-10, 1e-12, 'gradient');
      expectClose(got.hess ?? [], expected.hess ?? [], 1e-9, 1e-10, 'Hessian');
    }
  });
});

describe('Math.hypot', () => {
  it('is one op whatever its number of arguments, and its gradient at the origin is the subgradient 0, not NaN', async () => {
    const { module, original } = await compileFunctions(modelText(
      'export const E = differentiable((x: number, y: number, z: number) => Math.hypot(x, y, z), { hessian: true });'));
    for (const [x, y, z] of [[-2, -1.47, 1.02], [1.74, -0.47, 0.08]]) { // points where nesting would show
      const value = callGenerated(module, 'E', [x, y, z]).value;
      expect(value).toBe(original.E(x, y, z));
      expect(value).not.toBe(Math.hypot(Math.hypot(x, y), z));
    }
    const origin = callGenerated(module, 'E', [0, 0, 0]);
    expect(origin.value).toBe(original.E(0, 0, 0));
    expect(origin.grad).toEqual([0, 0, 0]);
    expect((origin.hess ?? []).every(Number.isFinite)).toBe(true);
    // on an axis (two of three zero) the gradient is the sign of the nonzero one: central differences agree
    const onAxis = callGenerated(module, 'E', [0, 0, -0.5]);
    expectClose(onAxis.grad, gradientByDifferences((p) => original.E(p[0], p[1], p[2]), [0, 0, -0.5]), 1e-6, 1e-7, 'gradient on the z axis');
  });
});

describe('the generated code and notes of a function', () => {
  const text = modelText(`
export const pendulumEnergy = differentiable(
  (theta: number, omega: number, len: number) => {
    const height = len * (1 - Math.cos(theta));
    return 0.5 * len * len * omega * omega + 9.81 * height;
  },
  { at: { theta: 0.3, omega: 1.5, len: 2 }, hessian: true },
);
export const total = differentiable((x: number[], w1: number) => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] > 0 ? x[i] * w1 : Math.floor(x[i]);
  return Math.log(1 / (1 + Math.exp(-s))) + Math.max(s, 0);
}, { lengths: { x: 3 }, at: { x: [1, -2, 3], w1: 0.5 } });`);

  it('type-checks under tsc --strict, with vector parameters as ArrayLike<number>', async () => {
    const { compiled } = await compileFunctions(text);
    const code = compiled.files[0].content;
    expect(typeCheck(code)).toEqual([]);
    expect(code).toContain('export function total_grad(x: ArrayLike<number>, w1: number, grad: Float64Array): number');
    expect(code).not.toContain('total_v('); // the positional form already takes the vector
  });

  it('cites the source line and variable of each forward step, and remarks on piecewise steps', async () => {
    const { compiled } = await compileFunctions(text);
    const tex = compiled.files[1].content;
    expect(tex).toMatch(/v_\{3\} &= \\mathit\{len\} \\cdot v_\{2\}( = [^\n]*)? \\qquad \\text\{\(line 5: height\)\}/);
    expect(tex).toContain('\\begin{verbatim}\n(theta: number, omega: number, len: number) => {');
    expect(tex).toContain('Piecewise steps');
    expect(tex).toContain('piecewise constant');
    const { formulas } = buildNotes(compiled.expressions, { source: 'm.ts', command: 'c', notes: 'm.tex', version: '0' });
    expect(formulas.map(katexError).filter((e) => e !== undefined)).toEqual([]);
  });
});

describe('a 100-long loop', () => {
  it('is a loop in the generated code (test/typescript-loops.test.ts has more), and its notes render in HTML too', async () => {
    const text = modelText(`export const L = differentiable((x: Float64Array) => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i] + Math.sin(x[i]);
  return s;
}, { lengths: { x: 100 } });`);
    const { compiled, module, original } = await compileFunctions(text);
    const x = Array.from({ length: 100 }, (_, i) => Math.sin(i));
    const got = callGenerated(module, 'L', [x]);
    expect(got.value).toBe(original.L(x));
    expectClose(got.grad, x.map((v) => 2 * v + Math.cos(v)), 1e-15, 1e-15, 'gradient');
    // Kept as a loop (frontends/typescript/lanes.ts): a few lines per function, whatever the length.
    expect(compiled.expressions[0].looped).toBeDefined();
    expect(compiled.files[0].content.split('\n').length).toBeLessThan(100);
    // compile time is measured by bench/run-functions.mjs, not here
    expect(compiled.files.some((f) => f.name.endsWith('.html'))).toBe(true);
  });
});

describe('examples/staged-backprop: the CS231n staged computation', () => {
  /** CS231n's hand-written backward pass ("Backpropagation, Intuitions"), transcribed from Python. */
  function cs231nBackward(x: number, y: number): [number, number] {
    const sigy = 1.0 / (1 + Math.exp(-y));
    const num = x + sigy;
    const sigx = 1.0 / (1 + Math.exp(-x));
    const xpy = x + y;
    const xpysqr = xpy ** 2;
    const den = sigx + xpysqr;
    const invden = 1.0 / den;
    const dnum = invden;
    const dinvden = num;
    const dden = (-1.0 / den ** 2) * dinvden;
    const dsigx = dden;
    const dxpysqr = dden;
    const dxpy = 2 * xpy * dxpysqr;
    let dx = dxpy;
    let dy = dxpy;
    dx += (1 - sigx) * sigx * dsigx;
    dx += dnum;
    const dsigy = dnum;
    dy += (1 - sigy) * sigy * dsigy;
    return [dx, dy];
  }

  it('the generated gradient is the course\'s hand-written backward pass, at its point and others', async () => {
    const { readFileSync } = await import('node:fs');
    const { loadModule: load } = await import('./helpers/generated-module.js');
    const mod = await load(readFileSync('generated/staged-backprop/model.ts', 'utf8'));
    for (const [x, y] of [[3, -4], [0.5, 1.5], [-2, 0.25]]) {
      const grad = new Float64Array(2);
      mod.f_grad(x, y, grad);
      expectClose([...grad], cs231nBackward(x, y), 1e-14, 1e-15, `at (${x}, ${y})`);
    }
  });
});
