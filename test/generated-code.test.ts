// The generated TypeScript: type-checks under --strict, allocates nothing in
// its functions (by its syntax tree and by counting GC events), is
// byte-identical when generated twice, and computes the right numbers.
import { beforeAll, describe, expect, it } from 'vitest';
import { compileExpression } from '../src/compile/expression.js';
import { findAllocations } from './helpers/allocation-free.js';
import { measureGc } from './helpers/gc-events.js';
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

  it('(the type check is strict and does see errors)', () => {
    const diagnostics = typeCheck('export function f(x) { return x; }\nexport const n: number = "s";');
    expect(diagnostics).toHaveLength(2);
    expect(diagnostics[0]).toMatch(/^1:.*implicitly has an 'any' type/);
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
    it.each(points.map((p) => [p]))('at %j: equals the IR interpreter and finite differences', (x) => {
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
    const { events, youngBytes, stayedOptimized } = await measureGc(mod.J_grad, [0.5, new Float64Array(1)]);
    expect(events).toBe(0);
    // 1e6 calls allocating even one boxed number each would be 16 MB.
    expect(youngBytes).toBeLessThan(64 * 1024);
    expect(stayedOptimized).toBe(true);
  });

  it('the measurement catches a function that allocates', async () => {
    // The array escapes into module state, so escape analysis cannot remove it.
    const leaky = await loadModule(
      'let last: number[] = []; export function L(x: number, g: Float64Array): number { last = [x, 2 * x]; g[0] = last[1]; return x; }',
    );
    const { events } = await measureGc(leaky.L, [0.5, new Float64Array(1)]);
    expect(events).toBeGreaterThan(0);
  });
});

describe('findAllocations (the syntax-tree checker)', () => {
  const wrap = (body: string) =>
    `export function hot(x: number, xs: Float64Array, pair: number[]): number {\n${body}\nreturn 0;\n}`;
  it.each([
    ['const buffer = new Float64Array(3);', 'new'],
    ['const p = [x, x];', 'array literal'],
    ['const o = { x };', 'object literal'],
    ['const f = () => x;', 'closure'],
    ['const f = function () { return x; };', 'closure'],
    ['function inner() { return x; }', 'nested function'],
    ['const m = Math.max(...xs);', 'spread'],
    ['const [a, b] = pair;', 'array destructuring'],
    ['const s = `${x}`;', 'template string'],
    ['const y = pair.slice(1);', '.slice()'],
    ['const y = pair.concat(pair);', '.concat()'],
    ['const y = xs.filter(isFinite);', '.filter()'],
    ['const y = xs.map(Math.sin);', '.map()'],
    ['const y = xs.reduce(Math.max);', '.reduce()'],
  ])('flags %s', (body, kind) => {
    const found = findAllocations(wrap(body));
    expect(found.map((a) => a.kind)).toContain(kind);
    expect(found.every((a) => a.fn === 'hot' && a.line === 2)).toBe(true);
  });

  it('flags a rest parameter and allocations in class methods', () => {
    const code = 'export class T { step(...xs: number[]): number { return xs.length; } }';
    expect(findAllocations(code)).toMatchObject([{ fn: 'T.step', kind: 'rest parameter' }]);
  });

  it('accepts buffers made once at module level and plain arithmetic on them', () => {
    const code = [
      'const work = new Float64Array(4);',
      'const table = [1, 2, 3];',
      'export function hot(x: number, out: Float64Array): number {',
      '  for (let i = 0; i < 4; i++) work[i] = Math.tanh(x * table[i % 3]);',
      '  out[0] = work[0] + work[3];',
      '  return -out[0];',
      '}',
    ].join('\n');
    expect(findAllocations(code)).toEqual([]);
  });

  it('checks only the functions `include` selects', () => {
    const code = 'function setup(): number[] { return [1]; }\nexport function hot(x: number): number { return x; }';
    expect(findAllocations(code)).toHaveLength(1);
    expect(findAllocations(code, { include: (_, exported) => exported })).toEqual([]);
  });

  it('skips the error a throw makes (the error path), not what runs before it', () => {
    const code = [
      'export function hot(x: ArrayLike<number>): number {',
      '  if (x.length !== 2) throw new RangeError(`hot: x needs 2 numbers, got ${x.length}`);',
      '  const pair = [x[0], x[1]];',
      '  return pair.length;',
      '}',
    ].join('\n');
    expect(findAllocations(code)).toMatchObject([{ fn: 'hot', kind: 'array literal' }]);
  });
});
