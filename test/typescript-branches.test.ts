// Branches of a function without a kept loop (issue 10): `if / else` and
// `?:` are real if statements in the generated E, E_grad and E_hess
// (lower/branch-blocks.ts, backends/ts/branch-statements.ts), so the side not
// taken is not computed — and a side that would be NaN there (log x, x ≤ 0)
// cannot leak into the value or the derivatives through 0 · NaN. For each
// case, on every side of every branch: the value is the original function's,
// bit for bit; gradient and Hessian match central differences and are finite
// where the side not taken is NaN. The functions' Math calls are counted by
// running the generated code with a counting Math.
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { expectClose, gradientByDifferences, jacobianByDifferences } from './helpers/numeric.js';
import { callGenerated, compileFunctions, modelText } from './helpers/function-model.js';
import { typeCheck } from './helpers/generated-module.js';

interface BranchCase {
  readonly what: string;
  readonly fn: string;
  /** Points away from the switches, at least one on every side of every branch. */
  readonly points: readonly (readonly [number, number])[];
}

const CASES: readonly BranchCase[] = [
  {
    what: 'a guarded log: x > 0 ? log(x) · y : 0',
    fn: '(x: number, y: number) => (x > 0 ? Math.log(x) * y : 0) + y * y',
    points: [[2, 0.5], [0.3, -1.5], [-1, 0.5], [-3, 2]],
  },
  {
    what: 'if / else if / else with && and || conditions, sqrt and log on sides not taken',
    fn: `(x: number, y: number) => {
      let r;
      if (x > 0 && y > 1) r = Math.log(x) * Math.sqrt(y - 1);
      else if (x < -1 || y < 0) r = Math.exp(x) * y;
      else r = x * y * y;
      return r * x;
    }`,
    points: [[2, 3], [0.5, 0.5], [-2, 0.5], [0.5, -1], [-0.5, 2], [-2, -2]],
  },
  {
    what: 'nested branches and early returns',
    fn: `(x: number, y: number) => {
      if (x > 0) {
        if (y > 0) return Math.log(x) + Math.log(y) * x;
        return Math.log(x) * y;
      }
      return y > 0 ? Math.sqrt(y) * x : x + y * y;
    }`,
    points: [[1.5, 2], [1.5, -1], [-1, 2], [-1, -2]],
  },
  {
    what: 'sides that share subexpressions with each other and with the code before',
    fn: `(x: number, y: number) => {
      const s = Math.sin(x) * y;
      const e = Math.exp(s);
      return x > y ? e * s + Math.log(x - y) * s : e - s * Math.sqrt(y - x);
    }`,
    points: [[2, 1], [1, 2], [-0.5, 0.7], [0.4, -1.2]],
  },
  {
    what: 'ternaries inside ternaries, and a value used after the branch',
    fn: `(x: number, y: number) => {
      const t = x > 0 ? (y > 0 ? x * y : Math.log(x)) : (y > 0 ? Math.sqrt(y) : 0);
      return t * t + t * x;
    }`,
    points: [[1.5, 2], [1.5, -1], [-1, 2], [-1, -2]],
  },
];

const modelOf = (fn: string) => modelText(`export const E = differentiable(${fn}, { hessian: true });`);

describe.each(CASES)('$what', (c) => {
  it('value = the original run on every side; gradient and Hessian = central differences, finite', async () => {
    const { module, original, compiled } = await compileFunctions(modelOf(c.fn));
    expect(compiled.expressions[0].looped).toBeUndefined();
    for (const point of c.points) {
      const got = callGenerated(module, 'E', point);
      const run = (p: readonly number[]) => original.E(...p);
      const at = `at (${point.join(', ')})`;
      expect(got.value, `value ${at}`).toBe(run(point));
      expect(got.valueFromGrad).toBe(got.value);
      expect(got.valueFromHess).toBe(got.value);
      expect([...got.grad, ...(got.hess ?? [])].every(Number.isFinite), `finite derivatives ${at}`).toBe(true);
      expectClose(got.grad, gradientByDifferences(run, point), 1e-6, 1e-7, `gradient ${at}`);
      const gradient = (p: readonly number[]) => callGenerated(module, 'E', [p[0], p[1]]).grad;
      expectClose(got.hess ?? [], jacobianByDifferences(gradient, point).flat(), 1e-5, 1e-6, `Hessian ${at}`);
    }
  });

  it('type-checks under tsc --strict', async () => {
    const { compiled } = await compileFunctions(modelOf(c.fn));
    expect(typeCheck(compiled.files[0].content)).toEqual([]);
  });
});

/** The generated module run with a Math whose functions count their calls. */
function countingModule(code: string): { fns: Record<string, (...a: unknown[]) => number>; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const counting = new Proxy(Math, {
    get(target, key: string) {
      const v = (target as unknown as Record<string, unknown>)[key];
      if (typeof v !== 'function') return v;
      return (...args: number[]) => {
        calls.set(key, (calls.get(key) ?? 0) + 1);
        return (v as (...a: number[]) => number)(...args);
      };
    },
  });
  const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const exports: Record<string, (...a: unknown[]) => number> = {};
  new Function('exports', 'Math', js)(exports, counting);
  return { fns: exports, calls };
}

describe('the side not taken is not computed', () => {
  it('x > 0 ? log(x) · y : 0 calls no log at x ≤ 0, in E, E_grad and E_hess, and gives the else side\'s value and derivatives exactly', async () => {
    const { compiled } = await compileFunctions(modelOf(CASES[0].fn));
    const { fns, calls } = countingModule(compiled.files[0].content);
    const grad = new Float64Array(2);
    const hess = new Float64Array(4);
    for (const x of [-1, 0, -1e-300]) {
      const y = 0.5;
      calls.clear();
      expect(fns.E(x, y)).toBe(y * y);
      expect(fns.E_grad(x, y, grad)).toBe(y * y);
      expect([...grad]).toEqual([0, 2 * y]);
      expect(fns.E_hess(x, y, hess)).toBe(y * y);
      expect([...hess]).toEqual([0, 0, 0, 2]);
      expect(calls.get('log') ?? 0, `log calls at x = ${x}`).toBe(0);
    }
    // and the then side computes it: the count is not 0 for want of a log in the code
    calls.clear();
    fns.E_grad(2, 0.5, grad);
    expect(calls.get('log')).toBe(1);
    expect(grad[0]).toBeCloseTo(0.5 / 2, 15);
  });

  it('an && condition: at x ≤ 0 neither log x nor √(y − 1) is computed, in the forward or the backward pass', async () => {
    const { compiled } = await compileFunctions(modelOf(CASES[1].fn));
    const { fns, calls } = countingModule(compiled.files[0].content);
    const grad = new Float64Array(2);
    const hess = new Float64Array(4);
    for (const [x, y] of [[-0.5, 2], [0.5, 0.5]]) {
      calls.clear();
      fns.E(x, y);
      fns.E_grad(x, y, grad);
      fns.E_hess(x, y, hess);
      expect(calls.get('log') ?? 0, `log at (${x}, ${y})`).toBe(0);
      expect(calls.get('sqrt') ?? 0, `sqrt at (${x}, ${y})`).toBe(0);
      expect(calls.get('exp') ?? 0, `exp at (${x}, ${y})`).toBe(0);
    }
    calls.clear();
    fns.E_grad(2, 3, grad);
    expect([calls.get('log'), calls.get('sqrt'), calls.get('exp') ?? 0]).toEqual([1, 1, 0]);
  });

  it('reads as if statements: each Math call of a side is inside its if, nothing is a ?: select', async () => {
    const { compiled } = await compileFunctions(modelOf(CASES[0].fn));
    const code = compiled.files[0].content;
    for (const name of ['E', 'E_grad', 'E_hess']) {
      const body = code.slice(code.indexOf(`export function ${name}(`), code.indexOf('\n}\n', code.indexOf(`export function ${name}(`)));
      expect(body, name).toContain('if (0 < x) {');
      expect(body, name).not.toContain(' ? ');
      // the function body is indented by 2; a statement of a branch by 4 or more
      const logs = body.split('\n').filter((line) => line.includes('Math.log('));
      expect(logs.length, name).toBeGreaterThan(0);
      for (const line of logs) expect(line, name).toMatch(/^ {4,}\S/);
    }
  });
});
