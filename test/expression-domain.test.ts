// A worked point outside the expression's domain (issue 11): the notes would
// print ∞ and NaN through every table, so it is an error at the step of the
// expression that is undefined there, with the point and a point that works.
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../src/compile/expression.js';
import type { ExprOptions } from '../src/dsl/expr.js';
import { evaluateScalars } from '../src/ir/evaluate.js';
import { compileErrorOf, expectErrorOnLine2 } from './helpers/compile-error.js';

/** The error compiling `source` at `options` gives. */
const errorOf = (source: string, options: ExprOptions) => compileErrorOf(() => compileExpression('f', source, options));

describe('a point where a step of the expression is undefined', () => {
  it.each<{ source: string; at: Record<string, number>; column: number; message: string }>([
    { source: 'x*log(x)', at: { x: 0 }, column: 3, message: 'at x = 0 the expression is not defined: log(x) is log(0) = −∞' },
    { source: 'sqrt(x) + y', at: { x: -1, y: 2 }, column: 1,
      message: 'at x = -1, y = 2 the expression is not defined: sqrt(x) is sqrt(-1), which is not a real number' },
    { source: '3 + 1/x', at: { x: 0 }, column: 6, message: 'at x = 0 the expression is not defined: 1/x is 1 / 0, a division by zero' },
    { source: 'log(x - y)', at: { x: 1, y: 1 }, column: 1, message: 'at x = 1, y = 1 the expression is not defined: log(x - y) is log(0) = −∞' },
    { source: 'exp(exp(x))', at: { x: 10 }, column: 1,
      message: 'at x = 10 the numbers overflow: exp(exp(x)) is exp(22026.5), larger than the largest double (about 1.8e308)' },
  ])('$source at $at: column $column', async ({ source, at, column, message }) => {
    const error = await errorOf(source, { wrt: Object.keys(at), at });
    expect(error.message).toBe(message);
    expect(error.location).toMatchObject({ line: 1, column, lineText: source });
  });

  it('where the value is defined but not the derivative (√x at 0: a vertical tangent), the step whose derivative is not', async () => {
    const error = await errorOf('x^2 + sqrt(x)', { at: { x: 0 } });
    expect(error.message).toBe('at x = 0 the gradient is not defined: the derivative of sqrt(x) there is ∞ (the value, 0, is defined)');
    expect(error.location?.column).toBe(7);
  });

  it('where only the Hessian is not (x^1.5 at 0), says which entry, when the Hessian is asked for', async () => {
    const error = await errorOf('x^1.5', { at: { x: 0 }, hessian: true });
    expect(error.message).toBe('at x = 0 the second derivative ∂²f/∂x² (in the Hessian) is ∞');
    expect(error.option).toBe('at');
    expect(compileExpression('f', 'x^1.5', { at: { x: 0 } }).point?.value).toBe(0); // without the Hessian every number is defined
  });

  it('the hint offers a point nearby where every number is defined, and it is one', async () => {
    const cases: [string, Record<string, number>][] = [['x*log(x)', { x: 0 }], ['log(x - y)', { x: 1, y: 1 }], ['1/(x*y)', { x: 0, y: 3 }]];
    for (const [source, at] of cases) {
      const error = await errorOf(source, { wrt: Object.keys(at), at });
      const offered = /e\.g\. at: \{ (.*) \}$/.exec(error.hint ?? '')?.[1];
      expect(offered, source).toBeDefined();
      const point = Object.fromEntries((offered ?? '').split(', ').map((kv) => kv.split(': ')).map(([k, v]) => [k, Number(v)]));
      const c = compileExpression('f', source, { wrt: Object.keys(at), at: point });
      const numbers = evaluateScalars(c.gradient.graph, [c.gradient.output, ...c.gradient.gradient], point);
      expect(numbers.every(Number.isFinite), source).toBe(true);
    }
  });

  it('in model.ts the caret is under the step, inside the expression string', async () => {
    const line = "export const f = expr('x*log(x)', { at: { x: 0 } });";
    await expectErrorOnLine2(line, { at: "log(x)'", message: /log\(x\) is log\(0\)/, hint: /e\.g\. at: \{ x: 0\.5 \}/ });
  });

  it('a point inside the domain compiles as before; abs at its kink and x^y at x = 0 with y ≥ 1 too', () => {
    expect(compileExpression('f', 'x*log(x)', { at: { x: 1 } }).point?.gradient).toEqual([1]);
    expect(compileExpression('f', 'abs(x)', { at: { x: 0 } }).point?.value).toBe(0);
    expect(compileExpression('f', 'x^y', { wrt: ['x', 'y'], at: { x: 0, y: 2 } }).point?.gradient).toEqual([0, 0]);
  });
});
