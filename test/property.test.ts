// Habit 3: random expressions over x, y, z using every operator and function
// of the expression language. The gradient and Hessian from the IR
// interpreter agree with finite differences, and the generated TypeScript
// agrees with the IR interpreter.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileExpression, type CompiledExpression } from '../src/compile/expression.js';
import { evaluateGraph } from '../src/ir/evaluate.js';
import { FUNCTIONS } from '../src/frontends/expression.js';
import { gradientByDifferences, isClose, jacobianByDifferences } from './helpers/numeric.js';
import { generateModule, interpret, loadModule, run } from './helpers/generated-module.js';
import { factorResults } from '../src/compile/shared-factors.js';
import { printExpression, printedLengths } from '../src/backends/print/print-expression.js';
import { readArguments } from '../src/ir/guarded-log.js';

const VARIABLES = ['x', 'y', 'z'] as const;

/**
 * Expression templates; `A` and `B` are subexpressions. Domains are guarded
 * (log and sqrt of 1 + A², tan and atanh of a bounded argument, acosh of
 * 2 + A², division by 2 + sin B, a power with a positive base) so every
 * expression is smooth except at the kinks of abs and relu, and values stay
 * moderate. Templates that use A twice exercise fan-out.
 */
const UNARY = [
  'sin(A)', 'cos(A)', 'tan(0.5 * sin(A))', 'exp(sin(A))', 'exp(0.5 * A)', 'log(1 + A^2)',
  'sqrt(1 + A^2)', 'abs(A)', 'tanh(A)', 'sigmoid(A)', 'relu(A)', 'softplus(A)', '-A', 'A^2',
  'A^3', 'A / (1 + A^2)',
  'asin(0.5 * sin(A))', 'acos(0.5 * cos(A))', 'atan(A)', 'sinh(0.5 * sin(A))', 'cosh(0.5 * sin(A))',
  'asinh(A)', 'acosh(2 + A^2)', 'atanh(0.5 * sin(A))',
  'expm1(0.5 * sin(A))', 'log1p(A^2)', 'log2(1 + A^2)', 'log10(1 + A^2)', 'cbrt(1 + A^2)',
  'sign(A) * A', 'floor(A) + A', 'ceil(A) * A', 'round(A) - A', 'trunc(A) * A',
];
const BINARY = [
  'A + B', 'A - B', 'A * B', 'A / (2 + sin(B))', '(1 + A^2)^(0.5 * cos(B))', '2 * (A) - B',
  'atan2(A, 2 + sin(B))', 'hypot(A, 1 + B^2)', 'max(A, B)', 'min(A, B, 1)',
];

/** A subexpression as an operand: parenthesized unless it is a name or a number. */
const operand = (e: string) => (/^[a-z0-9.]+$/.test(e) ? e : `(${e})`);

const { expression } = fc.letrec<{ expression: string }>((tie) => ({
  expression: fc.oneof(
    // Past maxDepth, oneof takes its first arbitrary: the leaves.
    { maxDepth: 4, depthIdentifier: 'expression' },
    { arbitrary: fc.constantFrom('x', 'y', 'z', 'x', 'y', 'z', '2', '0.5', '3', 'pi'), weight: 1 },
    {
      arbitrary: fc.tuple(fc.constantFrom(...UNARY), tie('expression')).map(([t, a]) => t.replaceAll('A', operand(a))),
      weight: 2,
    },
    {
      arbitrary: fc
        .tuple(fc.constantFrom(...BINARY), tie('expression'), tie('expression'))
        .map(([t, a, b]) => t.replaceAll('A', operand(a)).replaceAll('B', operand(b))),
      weight: 2,
    },
  ),
}));

/** Points on a 1/1000 grid of [-2, 2]³, readable in counterexamples. */
const coordinate = fc.integer({ min: -2000, max: 2000 }).map((i) => i / 1000);
const point = fc.tuple(coordinate, coordinate, coordinate);

/** The runs are seeded, so a failure reproduces; the counterexample names the seed and path. */
const PARAMS = { seed: 20240607, numRuns: 100 } as const;

function compile(source: string): CompiledExpression {
  return compileExpression('E', source, { wrt: [...VARIABLES], hessian: true });
}

const KINKS_AT_ZERO: ReadonlySet<string> = new Set(['abs', 'relu', 'sign']);
const JUMPS_AT_INTEGERS: ReadonlySet<string> = new Set(['floor', 'ceil', 'trunc']);
const SWITCHES_AT_TIES: ReadonlySet<string> = new Set(['max', 'min', 'select_lt', 'select_le', 'select_eq']);

/** False near a kink or jump (abs, relu, sign, rounding, max/min), where the derivative is one-sided and differences straddle it. */
function awayFromKinks(c: CompiledExpression, x: readonly number[]): boolean {
  const g = c.gradient.graph;
  const values = evaluateGraph(g, [c.gradient.output], Object.fromEntries(VARIABLES.map((v, i) => [v, x[i]])));
  for (const [id, value] of values) {
    const n = g.node(id);
    const arg = (k: number) => values.get(n.args[k])?.data[0] ?? 0;
    if (KINKS_AT_ZERO.has(n.op) && Math.abs(arg(0)) < 1e-3) return false;
    if (JUMPS_AT_INTEGERS.has(n.op) && Math.abs(arg(0) - Math.round(arg(0))) < 1e-3) return false;
    if (n.op === 'round' && Math.abs(Math.abs(arg(0) % 1) - 0.5) < 1e-3) return false;
    if (SWITCHES_AT_TIES.has(n.op) && Math.abs(arg(0) - arg(1)) < 1e-3) return false;
    if (!Number.isFinite(value.data[0])) return false;
  }
  return true;
}

/**
 * Central differences (h = 1e-6) are accurate to ~1e-10 relative to the
 * function's size plus ~1e-12 × f‴: compare with rtol 1e-5 and an absolute
 * slack proportional to the size of what was differenced.
 */
function expectMatchesDifferences(actual: readonly number[], fd: readonly number[], size: number, what: string): void {
  const atol = 1e-8 * (1 + size);
  actual.forEach((a, i) => {
    if (!isClose(a, fd[i], 1e-5, atol)) expect.fail(`${what}[${i}]: ${a} vs finite differences ${fd[i]}`);
  });
}

it('the generator reaches every function and operator of the language', () => {
  const sources = fc.sample(expression, { seed: PARAMS.seed, numRuns: 400 }).join(' ');
  for (const f of FUNCTIONS) expect(sources, f).toContain(`${f}(`);
  for (const op of ['+', '-', '*', '/', '^']) expect(sources).toContain(op);
});

describe('IR interpreter vs finite differences', () => {
  it('gradient', () => {
    fc.assert(
      fc.property(expression, point, (source, x) => {
        const c = compile(source);
        fc.pre(awayFromKinks(c, x));
        const f = (p: readonly number[]) => interpret(c, p).value;
        const { value, grad } = interpret(c, x);
        expectMatchesDifferences(grad, gradientByDifferences(f, x), Math.abs(value), `∇(${source})`);
      }),
      PARAMS,
    );
  });

  it('Hessian', () => {
    fc.assert(
      fc.property(expression, point, (source, x) => {
        const c = compile(source);
        fc.pre(awayFromKinks(c, x));
        const gradient = (p: readonly number[]) => interpret(c, p).grad;
        const { grad, hess = [] } = interpret(c, x);
        const size = Math.max(...grad.map(Math.abs));
        expectMatchesDifferences(hess, jacobianByDifferences(gradient, x).flat(), size, `∇²(${source})`);
      }),
      PARAMS,
    );
  });
});

describe('generated TypeScript vs IR interpreter', () => {
  it('E, E_grad and E_hess agree to 1e-12', async () => {
    await fc.assert(
      fc.asyncProperty(expression, fc.array(point, { minLength: 3, maxLength: 3 }), async (source, points) => {
        const c = compile(source);
        const mod = await loadModule(await generateModule([{ name: 'E', source, options: { wrt: [...VARIABLES], hessian: true } }]));
        for (const x of points) {
          const expected = interpret(c, x);
          const got = run(mod, 'E', x);
          const pairs: [string, number[], number[]][] = [
            ['E', [got.value], [expected.value]],
            ['E_grad', got.grad, expected.grad],
            ['E_hess', got.hess ?? [], expected.hess ?? []],
          ];
          for (const [what, a, e] of pairs) {
            expect(a.length).toBe(e.length);
            a.forEach((v, i) => {
              // Same operations in the same order, except x^2 printed as x * x.
              const same = Object.is(v, e[i]) || isClose(v, e[i], 1e-12, 1e-300);
              if (!same) expect.fail(`${what}[${i}] of ${source} at (${x.join(', ')}): generated ${v}, interpreter ${e[i]}`);
            });
          }
        }
      }),
      PARAMS,
    );
  }, 60_000);
});

describe('the notes\' factored results (common factors out, shared parts named) vs the IR interpreter', () => {
  it('each gradient and Hessian entry evaluates to the same number, to 1e-9', () => {
    const size = (g: Parameters<typeof printExpression>[0], id: number, named: (id: number) => boolean) =>
      printedLengths(g, id, 'tex', (x) => (named(x) ? 's' : undefined), 2000);
    fc.assert(
      fc.property(expression, point, (source, x) => {
        const c = compile(source);
        const hessian = c.hessian?.rows.flat() ?? [];
        const graph = c.hessian?.graph ?? c.gradient.graph;
        const f = factorResults(graph, [c.gradient.gradient, hessian], size, 240);
        const inputs = Object.fromEntries(VARIABLES.map((v, i) => [v, x[i]]));
        const before = evaluateGraph(graph, [...c.gradient.gradient, ...hessian], inputs);
        const roots = f.groups.flatMap((group) => group.roots);
        const after = evaluateGraph(f.graph, roots, inputs);
        [...c.gradient.gradient, ...hessian].forEach((id, i) => {
          const a = after.get(roots[i])?.data[0] ?? NaN;
          const b = before.get(id)?.data[0] ?? NaN;
          if (!(Object.is(a, b) || isClose(a, b, 1e-9, 1e-12))) expect.fail(`entry ${i} of ${source} at (${x.join(', ')}): factored ${a}, interpreter ${b}`);
        });
      }),
      PARAMS,
    );
  });
});

describe('printedLengths (one traversal) vs printExpression node by node', () => {
  it('gives every node below a root the length printExpression gives it alone, Infinity where that is too long', () => {
    fc.assert(
      fc.property(expression, fc.integer({ min: 8, max: 400 }), fc.integer({ min: 0, max: 1000 }), (source, cap, seed) => {
        const c = compile(source);
        const g = c.hessian?.graph ?? c.gradient.graph;
        // some nodes printed by name (a pseudo-random choice), variables always
        const named = (x: number) => g.node(x).op === 'var' || (x * 7919 + seed) % 5 === 0;
        for (const root of [...c.gradient.gradient, ...(c.hessian?.rows.flat() ?? [])]) {
          const nameOf = (x: number) => (named(x) ? 's_{1}' : undefined);
          const lengths = printedLengths(g, root, 'tex', nameOf, cap);
          expect(lengths.get(root)).toBe(printExpression(g, root, 'tex', nameOf, cap)?.length ?? Infinity);
          // every node reached through nodes printed expanded has its length (arguments as printed: ln x for x^y's guarded ln)
          const below = (id: number): number[] => (id !== root && named(id) ? [id] : [id, ...readArguments(g, id).flatMap(below)]);
          expect(new Set(below(root))).toEqual(new Set(lengths.keys()));
          for (const [id, length] of lengths) {
            if (id !== root && named(id)) continue; // printed by name: its own print would expand it
            expect(length).toBe(printExpression(g, id, 'tex', nameOf, cap)?.length ?? Infinity);
          }
        }
      }),
      PARAMS,
    );
  });
});
