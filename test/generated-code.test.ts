// The generated TypeScript: type-checks under --strict, allocates nothing in
// its functions (by its syntax tree and by counting GC events), is
// byte-identical when generated twice, and computes the right numbers.
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileExpression } from '../src/compile/expression.js';
import { findAllocations } from './helpers/allocation-free.js';
import {
  type ExpressionSpec,
  type GeneratedModule,
  generateModule,
  interpret,
  loadModule,
  run,
  typeCheck,
} from './helpers/generated-module.js';
import { expectClose, gradientByDifferences, jacobianByDifferences } from './helpers/numeric.js';

/** Every function of the language, helpers (sigmoid, softplus) and a variable exponent among them. */
const EXPRESSIONS: readonly (ExpressionSpec & { points: readonly (readonly number[])[] })[] = [
  { name: 'J', source: 'cos(sin(x^2) + 3*x^2)', options: { hessian: true }, points: [[0.5], [-1.3], [2]] },
  { name: 'f', source: 'x*y + exp(x)', options: { wrt: ['x', 'y'], hessian: true }, points: [[1, 2], [-0.5, 3]] },
  {
    name: 'neuron',
    source: 'sigmoid(w*x + b) + softplus(w) - log(1 + b^2)',
    options: { wrt: ['w', 'b', 'x'], hessian: true },
    points: [[0.3, -0.2, 1.5], [-2, 1, 0.25]],
  },
  {
    name: 'mixed',
    source: 'relu(x - y) + abs(y) + tanh(x) * sqrt(1 + y^2) / (2 + sin(x)) - tan(x / 4)',
    options: { hessian: true },
    points: [[1.2, 0.4], [-0.7, -1.1]],
  },
  { name: 'power', source: '(1 + x^2)^y / x - x^3', options: { hessian: true }, points: [[0.8, 1.5], [-1.5, -0.5]] },
  { name: 'plain', source: '-x / y', points: [[3, -2]] },
];

let code: string;
let mod: GeneratedModule;
beforeAll(async () => {
  code = await generateModule(EXPRESSIONS);
  mod = await loadModule(code);
});

describe('generated module', () => {
  it('passes tsc --strict --noEmit', () => {
    expect(typeCheck(code)).toEqual([]);
  }, 30_000);

  it('has no allocation in any function (syntax tree)', () => {
    expect(findAllocations(code)).toEqual([]);
  });

  it('is byte-identical when generated again from scratch', async () => {
    expect(await generateModule(EXPRESSIONS)).toBe(code);
  });

  it('exports E, E_grad and E_hess (when asked) for each expression', () => {
    for (const e of EXPRESSIONS) {
      expect(typeof mod[e.name]).toBe('function');
      expect(typeof mod[`${e.name}_grad`]).toBe('function');
      expect(typeof mod[`${e.name}_hess`]).toBe(e.options?.hessian ? 'function' : 'undefined');
    }
  });

  describe.each(EXPRESSIONS)('$name = $source', ({ name, source, options, points }) => {
    const compiled = compileExpression(name, source, options);
    it.each(points)('at %j: equals the IR interpreter and finite differences', (...x) => {
      const got = run(mod, name, x);
      const expected = interpret(compiled, x);
      expectClose(got.value, expected.value, 1e-14, 0, 'value');
      expectClose(got.grad, expected.grad, 1e-14, 1e-300, 'gradient');
      expectClose(got.hess ?? [], expected.hess ?? [], 1e-14, 1e-300, 'Hessian');

      const value = (p: readonly number[]) => run(mod, name, p).value;
      const gradient = (p: readonly number[]) => run(mod, name, p).grad;
      expectClose(got.grad, gradientByDifferences(value, x), 1e-6, 1e-7, 'gradient vs differences');
      if (got.hess) expectClose(got.hess, jacobianByDifferences(gradient, x).flat(), 1e-6, 1e-7, 'Hessian vs differences');
    });
  });
});

describe('no garbage in the hot path', () => {
  it('J_grad runs 1e6 times without a GC event', async () => {
    const J_grad = mod.J_grad;
    const grad = new Float64Array(1);
    let sink = 0;
    const loop = (calls: number) => {
      for (let i = 0; i < calls; i++) sink += J_grad(0.1 + (i % 1000) * 1e-3, grad) + grad[0];
    };
    loop(1e5); // warm up: let the JIT optimize J_grad and the loop

    const gcTimes: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) gcTimes.push(entry.startTime);
    });
    observer.observe({ entryTypes: ['gc'] });
    const start = performance.now();
    loop(1e6);
    const end = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 100)); // entries are delivered asynchronously
    observer.disconnect();

    expect(Number.isFinite(sink)).toBe(true);
    // Only GCs that started during the loop count: the test runner may collect before or after.
    expect(gcTimes.filter((t) => t >= start && t <= end)).toEqual([]);
  });
});
