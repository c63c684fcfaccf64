// Recurrences kept as loops (issue 10): a long loop whose iterations depend on
// each other (m = a·m + (1 − a)·x[i], Euler steps, an RNN cell, a running
// product, Horner) is one loop in the generated E and a forward loop plus one
// reverse loop in E_grad — backpropagation through time, its step the body's
// graph differentiated (ir/scan.ts, passes/differentiate-scan.ts) — not
// unrolled. For each shape: the loop was kept; the value equals running the
// original function; the gradient matches central differences of the
// original, the graph the notes use (the scan written out by scalarize) and
// the frontend's own unrolled translation. Also: strict tsc, no allocation,
// and code that does not grow with the length.
import { describe, expect, it } from 'vitest';
import { expectClose, gradientByDifferences } from './helpers/numeric.js';
import { type Argument, callGenerated, compileFunctions, flatten, modelText, unflatten } from './helpers/function-model.js';
import { interpret, typeCheck } from './helpers/generated-module.js';
import { findAllocations } from './helpers/allocation-free.js';
import { measureGc } from './helpers/gc-events.js';
import { hasPdflatex, overfullBoxes, typesetLog } from './helpers/pdflatex.js';
import { parseModelFile, translateFunction } from '../src/frontends/typescript/translate-function.js';
import { differentiate } from '../src/passes/differentiate.js';
import { evaluateScalars } from '../src/ir/evaluate.js';

interface RecurrenceCase {
  readonly what: string;
  readonly fn: (n: number) => string;
  /** The options for length n. */
  readonly options: (n: number) => string;
  readonly point: (n: number, seed: number) => readonly Argument[];
  /** Whether the value is bit for bit the original's. */
  readonly exact?: boolean;
}

const wave = (n: number, seed: number, scale = 1) => Array.from({ length: n }, (_, i) => Math.sin(seed * (i + 1) + 0.3) * scale);

const CASES: readonly RecurrenceCase[] = [
  {
    what: 'an exponential moving average m = a·m + (1 − a)·x[i] over a vector parameter',
    fn: () => `(x: Float64Array, a: number) => {
      let m = 0;
      for (let i = 0; i < x.length; i++) m = a * m + (1 - a) * x[i];
      return m;
    }`,
    options: (n) => `{ lengths: { x: ${n} } }`,
    point: (n, seed) => [wave(n, seed), 0.9 - 0.05 * seed],
    exact: true,
  },
  {
    what: 'a pendulum integrated by Euler steps: two carried variables, theta += …, omega -= … sin(theta)',
    fn: (n) => `(theta0: number, omega0: number, len: number) => {
      let theta = theta0;
      let omega = omega0;
      const dt = 0.01;
      for (let i = 0; i < ${n}; i++) {
        theta += dt * omega;
        omega -= dt * 9.81 / len * Math.sin(theta);
      }
      return theta * theta + 0.1 * omega;
    }`,
    options: () => '{}',
    point: (_n, seed) => [0.3 * seed, 1.5 - 0.2 * seed, 2 + 0.1 * seed],
    exact: true,
  },
  {
    what: 'an RNN cell h = tanh(w·h + u·x[i]) with a select in the body and x[i − 1]',
    fn: (n) => `(w: number, u: number, x: number[]) => {
      let h = 0.1;
      for (let i = 1; i < ${n}; i++) {
        const pre = w * h + u * x[i] - 0.2 * x[i - 1];
        h = pre > 0 ? Math.tanh(pre) : 0.5 * Math.tanh(pre);
      }
      return h * h;
    }`,
    options: (n) => `{ lengths: { x: ${n} } }`,
    point: (n, seed) => [0.8 + 0.1 * seed, -0.6 + 0.3 * seed, wave(n, seed, 1.5)],
    exact: true,
  },
  {
    what: 'a running product with if / else and a sum carried with it (s += m)',
    fn: () => `(z: Float64Array, c: number) => {
      let p = 1;
      let s = 0;
      for (let i = 0; i < z.length; i++) {
        if (p > c) p *= 0.99 + 0.01 * z[i];
        else p = p * (1 + 0.02 * z[i] * z[i]);
        s += p * z[i];
      }
      return s + p;
    }`,
    options: (n) => `{ lengths: { z: ${n} } }`,
    point: (n, seed) => [wave(n, seed, 2), 0.95 + 0.02 * seed],
    exact: true,
  },
  {
    what: 'Horner over a coefficient vector, with the index as a number',
    fn: () => `(c: Float64Array, x: number) => {
      let p = 0;
      for (let i = 0; i < c.length; i++) p = p * x * (1 + 0.5 / (i + 1)) + c[i];
      return p;
    }`,
    options: (n) => `{ lengths: { c: ${n} } }`,
    point: (n, seed) => [wave(n, seed), 0.9 + 0.05 * seed],
    exact: true,
  },
];

function modelOf(c: RecurrenceCase, n: number): string {
  return modelText(`export const E = differentiable(${c.fn(n)}, ${c.options(n)});`);
}

/** Value and gradient of the function unrolled by the frontend (no loop kept), by the IR interpreter. */
function unrolled(text: string, lengths: Record<string, number>, point: readonly number[]) {
  const t = translateFunction(parseModelFile('model.ts', text), 'model.ts', 'E', lengths, false);
  const d = differentiate(t.graph, t.output, t.variableNodes);
  const inputs = Object.fromEntries(t.variables.map((v, i) => [v, point[i]]));
  const [value, ...grad] = evaluateScalars(d.graph, [d.output, ...d.gradient], inputs);
  return { value, grad };
}

const lengthsOf = (point: readonly Argument[], c: RecurrenceCase): Record<string, number> => {
  const names = [...c.fn(0).matchAll(/(\w+): (?:Float64Array|number\[\])/g)].map((m) => m[1]);
  const vectors = point.filter((a) => typeof a !== 'number') as number[][];
  return Object.fromEntries(names.map((name, i) => [name, vectors[i].length]));
};

describe.each(CASES)('$what', (c) => {
  it.each([100, 6])('length %i: value = the original; gradient = central differences, the notes\' graph, the unrolled translation', async (n) => {
    const { compiled, module, original } = await compileFunctions(modelOf(c, n));
    const code = compiled.files[0].content;
    if (n > 8) {
      expect(compiled.expressions[0].looped, 'the loop was kept as a loop').toBeDefined();
      expect(code).toMatch(/for \(let k = \d+; k >= 0; k--\)/); // the reverse sweep
    } else {
      expect(compiled.expressions[0].looped, 'a short loop is unrolled').toBeUndefined();
    }
    for (const seed of [1, 2]) {
      const point = c.point(n, seed);
      const got = callGenerated(module, 'E', point);
      const x = flatten(point);
      const run = (flat: readonly number[]) => original.E(...unflatten(flat, point).map((a) => (typeof a === 'number' ? a : Float64Array.from(a))));
      if (c.exact) expect(got.value, 'value').toBe(run(x));
      else expectClose(got.value, run(x), 1e-14, 1e-14, 'value');
      expect(got.valueFromGrad).toBe(got.value);
      expectClose(got.grad, gradientByDifferences(run, x), 1e-6, 1e-7, `gradient, seed ${seed}`);
      const notes = interpret(compiled.expressions[0], x);
      expectClose(got.value, notes.value, 1e-14, 1e-14, 'value of the notes\' graph');
      expectClose(got.grad, notes.grad, 1e-12, 1e-13, 'gradient of the notes\' graph');
      const frontend = unrolled(modelOf(c, n), lengthsOf(point, c), x);
      expect(frontend.value).toBe(notes.value);
      expectClose(got.grad, frontend.grad, 1e-12, 1e-13, 'gradient of the unrolled translation');
    }
  });
});

describe('the generated code of a recurrence', () => {
  const pendulum = CASES[1];
  const rnn = CASES[2];

  it('does not grow with the length: 20 and 150 iterations give the same code but for the numbers', async () => {
    for (const c of [pendulum, rnn, CASES[0]]) {
      const [short, long] = await Promise.all([compileFunctions(modelOf(c, 20)), compileFunctions(modelOf(c, 150))]);
      const code = (f: typeof short) => f.compiled.files[0].content.replace(/^\/\/.*\n/gm, '').replace(/\d+(\.\d+)?(e-?\d+)?/g, 'N');
      expect(code(long)).toBe(code(short));
    }
  });

  it('is one loop forward and one loop backward in E_grad, type-checks under tsc --strict, allocates nothing', async () => {
    const { compiled, module } = await compileFunctions(modelOf(pendulum, 200));
    const code = compiled.files[0].content;
    expect(typeCheck(code)).toEqual([]);
    expect(findAllocations(code)).toEqual([]);
    const grad = code.slice(code.indexOf('export function E_grad'));
    expect(grad.match(/for \(let k = 0; k < 200; k\+\+\)/g)?.length).toBe(1);
    expect(grad.match(/for \(let k = 199; k >= 0; k--\)/g)?.length).toBe(1);
    // the tape is module-level, sized when compiling
    expect(code).toMatch(/^const E_grad_tape\d+ = new Float64Array\(\d+\);$/m);
    const { events, youngBytes } = await measureGc(module.E_grad as never, [0.3, 1.5, 2, new Float64Array(3)], { warmup: 2e4, calls: 2e5 });
    expect(events).toBe(0);
    expect(youngBytes).toBeLessThan(64 * 1024);
  });
});

describe('a recurrence with hessian: true', () => {
  it('keeps E and E_grad looped; E_hess (straight-line, unrolled) matches the interpreter and differences of E_grad', async () => {
    const { compiled, module } = await compileFunctions(modelText(`export const E = differentiable(${CASES[1].fn(30)}, { hessian: true });`));
    expect(compiled.expressions[0].looped).toBeDefined();
    const point = [0.3, 1.5, 2];
    const got = callGenerated(module, 'E', point);
    expectClose(got.hess ?? [], interpret(compiled.expressions[0], point).hess ?? [], 1e-12, 1e-12, 'Hessian');
    const gradAt = (p: readonly number[]) => callGenerated(module, 'E', p).grad;
    const rows = point.map((_, i) => gradientByDifferences((p) => gradAt(p)[i], point));
    expectClose(got.hess ?? [], rows.flat(), 1e-6, 1e-7, 'Hessian by differences of E_grad');
  });
});

describe('the notes of a recurrence', () => {
  const ema = (n: number) => modelText(`export const ema = differentiable((x: Float64Array, a: number) => {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = a * m + (1 - a) * x[i];
  return m;
}, { lengths: { x: ${n} }, at: { x: [${wave(n, 0.7).map((v) => v.toFixed(3)).join(', ')}], a: 0.9 } });`);
  const texOf = (compiled: Awaited<ReturnType<typeof compileFunctions>>['compiled']) =>
    (compiled.files as readonly { readonly name: string; readonly content: string }[]).find((f) => f.name.endsWith('.tex'))?.content ?? '';
  const resultOf = (tex: string) => tex.slice(tex.indexOf('\\subsection*{Result}'), tex.indexOf('\\section', tex.indexOf('\\subsection*{Result}')));

  it('state the recursion forward and backward with the first two and last iterations in numbers, not the unrolled product', async () => {
    const { compiled, module } = await compileFunctions(ema(100));
    const result = resultOf(texOf(compiled));
    expect(result).toContain('m_{k} &= a \\cdot m_{k-1} + \\left(1 - a\\right) \\cdot x_{k}');
    expect(result).toContain('\\delta^{m}_{k-1} &= \\delta^{m}_{k} \\, \\frac{\\partial m_{k}}{\\partial m_{k-1}} = \\delta^{m}_{k} \\cdot a');
    expect(result).toContain('\\text{into } x_{k}\\text{:} \\quad &\\delta^{m}_{k} \\cdot \\left(1 - a\\right)');
    expect(result).not.toMatch(/s_\{1\} &=/); // no named pieces of a nested product
    // the numbers are the generated code's: m_99 its value; δ_0 = ∂E/∂x_0 / (1 − a), δ_99 = 1
    const x = wave(100, 0.7).map((v) => Number(v.toFixed(3)));
    const got = callGenerated(module, 'ema', [x, 0.9]);
    const number = (label: string) => {
      const match = new RegExp(`${label.replace(/[\\{}^()]/g, (ch) => `\\${ch}`)} &= (-?[\\d.]+)(?: \\\\times 10\\^\\{(-?\\d+)\\})?`).exec(result);
      expect(match, label).not.toBeNull();
      return Number((match as RegExpExecArray)[1]) * 10 ** Number((match as RegExpExecArray)[2] ?? 0);
    };
    expectClose(number('m_{99}'), got.value, 1e-5, 1e-6, 'm_99');
    expectClose(number('m_{0}'), 0.1 * x[0], 1e-5, 1e-6, 'm_0');
    expect(number('\\delta^{m}_{99}')).toBe(1);
    expectClose(number('\\delta^{m}_{0}'), got.grad[0] / (1 - 0.9), 1e-5, 1e-9, 'δ_0');
    expect(result).toMatch(/m_\{1\} &= [^\n]*\n&\\;\\;\\vdots \\\\\nm_\{99\}/);
  });

  it('are written for a 2000-step recurrence too (its givens\' formula, nested 6000 deep, was a stack overflow)', async () => {
    const { compiled } = await compileFunctions(ema(2000));
    expect(resultOf(texOf(compiled))).toContain('m_{1999} &= ');
  }, 600_000);

  it('do not grow with the length and typeset without an overfull line', async () => {
    const [short, long] = await Promise.all([compileFunctions(ema(100)), compileFunctions(ema(400))]);
    const shape = (tex: string) => resultOf(tex).replace(/-?\d+(\.\d+)?/g, 'N');
    expect(shape(texOf(long.compiled))).toBe(shape(texOf(short.compiled)));
    if (!hasPdflatex) return;
    const pendulum = await compileFunctions(modelText(`export const swing = differentiable(${CASES[1].fn(200)}, { at: { theta0: 0.3, omega0: 1.5, len: 2 } });`));
    for (const tex of [texOf(short.compiled), texOf(pendulum.compiled)]) expect(overfullBoxes(typesetLog(tex))).toEqual([]);
    expect(resultOf(texOf(pendulum.compiled))).toContain('\\theta^{(k)} &= \\theta^{(k-1)} + 0.01 \\omega^{(k-1)}');
  }, 300_000);
});
