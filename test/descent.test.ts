// Gradient descent on an expression (issue 11): the option is validated like
// the other expr options (errors at file:line:col), and the iterates are those
// of an independent loop with the gradient written out by hand.
import { describe, expect, it } from 'vitest';
import { compileModel } from '../src/driver/compile-model.js';
import { compileExpression } from '../src/compile/expression.js';
import { columnOf, compileErrorOf, expectErrorOnLine2 } from './helpers/compile-error.js';
import { renderNotes } from '../src/backends/latex/notes.js';
import { DIVERGED } from '../src/compile/descent.js';

const NOTES = { source: 'm.ts', command: 'c', notes: 'm.tex', version: '0' };


describe('descent: the option is checked, errors located in model.ts', () => {
  it.each([
    { options: '{ at: { x: 1 }, descent: { steps: 10, rate: 0.1 } }', at: 'rate', message: /unknown option 'rate' of descent/, hint: /the options are steps/ },
    { options: '{ at: { x: 1 }, descent: { step: 10, lr: 0.1 } }', at: 'step:', message: /unknown option 'step' of descent/, hint: /did you mean 'steps'/ },
    { options: '{ at: { x: 1 }, descent: { steps: 2.5, lr: 0.1 } }', at: '2.5', message: /steps must be a whole number from 1 to 200, got 2.5/, hint: /steps: 10/ },
    { options: '{ at: { x: 1 }, descent: { steps: 0, lr: 0.1 } }', at: '0,', message: /steps must be a whole number/, hint: /steps: 10/ },
    { options: '{ at: { x: 1 }, descent: { steps: 5, lr: -1 } }', at: '-1', message: /lr must be a positive number, got -1/, hint: /lr: 0.1/ },
    { options: '{ at: { x: 1 }, descent: { steps: 5 } }', at: '{ steps', message: /descent needs lr/, hint: /descent: \{ steps: 10, lr: 0.1 \}/ },
    { options: '{ at: { x: 1 }, descent: 10 }', at: '10', message: /descent must be an object/, hint: /steps: 10, lr: 0.1/ },
    { options: '{ descent: { steps: 5, lr: 0.1 } }', at: 'descent', message: /descent starts from the point at, which is not given/, hint: /at: \{/ },
  ])('$options', async ({ options, ...expected }) => {
    await expectErrorOnLine2(`export const f = expr('x^2', ${options});`, expected);
  });
});

describe('descent: the iterates', () => {
  it('two variables: x_{n+1} = x_n − η ∇E(x_n), against a loop with the gradient by hand', () => {
    const e = compileExpression('E', 'sin(x) * y^2 + x^2', { wrt: ['x', 'y'], at: { x: 1, y: -0.5 }, descent: { steps: 15, lr: 0.1 } });
    const d = e.descent;
    if (!d) throw new Error('no descent');
    let [x, y] = [1, -0.5];
    expect(d.iterates).toHaveLength(16);
    for (const it of d.iterates) {
      // ∂/∂x = cos(x) y² + 2x, ∂/∂y = 2 sin(x) y
      const grad = [Math.cos(x) * y * y + 2 * x, 2 * Math.sin(x) * y];
      expect(it.point[0]).toBeCloseTo(x, 12);
      expect(it.point[1]).toBeCloseTo(y, 12);
      expect(it.value).toBeCloseTo(Math.sin(x) * y * y + x * x, 12);
      expect(it.gradient[0]).toBeCloseTo(grad[0], 12);
      expect(it.gradient[1]).toBeCloseTo(grad[1], 12);
      [x, y] = [x - 0.1 * grad[0], y - 0.1 * grad[1]];
    }
    expect(d.stop).toBeUndefined();
    expect(d.plot?.kind).toBe('contour');
  });

  it('one step: the notes say "after 1 step"', () => {
    const e = compileExpression('E', 'x^2', { at: { x: 1 }, descent: { steps: 1, lr: 0.1 } });
    expect(renderNotes([e], NOTES)).toMatch(/After 1 step \$/);
  });

  it('a rate too large: the run is stopped once E has grown a millionfold, and the notes say it diverges (no ∞ or NaN)', () => {
    // f(x) = x⁴ − 3x³ + 2 from 4 with η = 0.1: 66, 3809.13, 1.25 × 10⁹, 4.99 × 10²⁵, … (NaN at step 6)
    const e = compileExpression('f', 'x^4 - 3*x^3 + 2', { at: { x: 4 }, descent: { steps: 30, lr: 0.1 } });
    const d = e.descent;
    if (!d) throw new Error('no descent');
    expect(d.stop).toEqual({ reason: 'diverged', step: 3 });
    expect(d.iterates).toHaveLength(4);
    const values = d.iterates.map((it) => it.value);
    // stopped at the first value past 10⁶ · max(|f₀|, |f₁ − f₀|) above f₀, not before
    const scale = DIVERGED * Math.max(Math.abs(values[0]), Math.abs(values[1] - values[0]));
    expect(values[3] - values[0]).toBeGreaterThan(scale);
    expect(values[2] - values[0]).toBeLessThan(scale);
    // the plot: x₀ and x₁ (x₂ = 188.755 would make the curve a wall)
    expect(d.plot?.path).toHaveLength(2);
    const tex = renderNotes([e], NOTES);
    expect(tex).toContain('The run diverges: instead of decreasing');
    expect(tex).toContain('Only $x_{0}, \\dots, x_{1}$ are drawn');
    expect(tex).not.toMatch(/NaN|Infinity|\\infty/);
  });

  it('two variables diverging without overflow (x² + 5y², η = 0.25: y grows 1.5-fold a step): stopped, plotted readably', () => {
    const e = compileExpression('q', 'x^2 + 5*y^2', { wrt: ['x', 'y'], at: { x: 4, y: 1.5 }, descent: { steps: 40, lr: 0.25 } });
    const d = e.descent;
    if (!d) throw new Error('no descent');
    expect(d.stop?.reason).toBe('diverged');
    expect(d.iterates.length).toBeLessThan(41);
    const plot = d.plot;
    if (plot?.kind !== 'contour') throw new Error('expected a contour plot');
    expect(plot.path.length).toBeGreaterThanOrEqual(3);
    expect(plot.path.length).toBeLessThan(d.iterates.length);
    expect(renderNotes([e], NOTES)).toContain('The run diverges');
  });

  it('a step out of the domain (x² + ln x from 0.5 with η = 0.5 lands on x₁ = −1): the notes name the undefined step', () => {
    const e = compileExpression('h', 'x^2 + log(x)', { at: { x: 0.5 }, descent: { steps: 5, lr: 0.5 } });
    const d = e.descent;
    if (!d) throw new Error('no descent');
    expect(d.iterates).toHaveLength(1);
    expect(d.stop).toMatchObject({ reason: 'not finite', step: 1, point: [-1] });
    const tex = renderNotes([e], NOTES);
    expect(tex).toContain('The run stops at step 1: the step from $x_{0}$ lands on $x_{1} = -1$, where $h$ is not defined: '
      + '$\\ln \\left(-1\\right)$ is not a real number.');
    expect(tex).not.toMatch(/NaN|diverges/);
  });

  it('one variable: the curve covers every iterate', () => {
    const e = compileExpression('E', 'x^4 - 3*x^3 + 2', { at: { x: 4 }, descent: { steps: 12, lr: 0.02 } });
    const plot = e.descent?.plot;
    if (plot?.kind !== 'curve') throw new Error('expected a curve');
    const xs = plot.curve.flat().map((p) => p[0]);
    for (const [x] of plot.path) {
      expect(x).toBeGreaterThan(Math.min(...xs));
      expect(x).toBeLessThan(Math.max(...xs));
    }
    for (const [x, fx] of plot.curve.flat()) expect(fx).toBeCloseTo(x ** 4 - 3 * x ** 3 + 2, 9);
  });
});

describe('descent on a differentiable function', () => {
  it('runs from the point like an expression, and a mistake in it is located at the value', async () => {
    const text = `import { differentiable } from 'nncompile';
export const f = differentiable((x: number, y: number) => x * x + 5 * y * y, { at: { x: 4, y: 1.5 }, descent: { steps: 3, lr: 0.15 } });
export const g = differentiable((x: number) => x * x, { at: { x: 1 }, descent: { steps: 3, lr: 0 } });
`;
    const error = await compileErrorOf(() => compileModel({ text, fileName: 'model.ts' }));
    expect(error.message).toMatch(/lr must be a positive number, got 0/);
    const line = text.split('\n')[2];
    expect(error.location).toMatchObject({ line: 3, column: columnOf(line, 'lr: 0') + 'lr: '.length });
    const ok = await compileModel({ text: text.split('\n').slice(0, 2).join('\n'), fileName: 'model.ts' });
    const d = ok.expressions[0].descent;
    expect(d?.iterates.map((it) => it.point)).toEqual([[4, 1.5], [4 - 0.15 * 8, 1.5 - 0.15 * 15], [2.8 - 0.15 * 5.6, -0.75 + 0.15 * 7.5], expect.anything()]);
  });
});
