// Fixes that came with issue 10, through the generated code: generated names
// adapt to the user's (v1, w0, w1, dE_dx are fine variable names), x^y at the
// base's edge x = 0, and ln σ(x) that stays finite where σ(x) underflows.
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../src/driver/api.js';
import { loadModule, run, interpret, typeCheck } from './helpers/generated-module.js';
import { katexError } from './helpers/katex.js';
import { buildNotes } from '../src/backends/latex/notes.js';
import { expectClose } from './helpers/numeric.js';

describe('generated names adapt to the user names', () => {
  const source = 'v1 * w1 + sin(w0) * dE_dx + u1 / (2 + t1)';
  it('the module type-checks and computes what the IR interpreter computes', async () => {
    const { files, expressions } = await compileExpression(source, { hessian: true, at: { v1: 1, w1: 2, w0: 3, dE_dx: 4, u1: 5, t1: 6 } });
    const code = files[0].content;
    expect(typeCheck(code)).toEqual([]);
    // steps: v and u are taken, so s1, s2, …; temporaries: w and t are taken, so r1, …; adjoints: dE_d is taken, so dE_d_…
    expect(code).toMatch(/const s1 = /);
    expect(code).toMatch(/const r1 = /);
    expect(code).toMatch(/const dE_d_v1 = |dE_d_s\d+ = /);
    expect(code).not.toMatch(/const (v|w|u|t)\d+ = (?!input)/); // the user's v1 is unpacked from input in E_v
    const mod = await loadModule(code);
    const point = [1, 2, 3, 4, 5, 6];
    const expected = interpret(expressions[0], point);
    const got = run(mod, 'E', point);
    expect(got.value).toBe(expected.value);
    expectClose(got.grad, expected.grad, 1e-15, 1e-15, 'gradient');
    expectClose(got.hess ?? [], expected.hess ?? [], 1e-15, 1e-15, 'Hessian');
  });

  it('the notes name the steps s_k like the code, and every formula parses', async () => {
    const { files, expressions } = await compileExpression(source, { at: { v1: 1, w1: 2, w0: 3, dE_dx: 4, u1: 5, t1: 6 } });
    expect(files[1].content).toContain('s_{1} &=');
    expect(files[1].content).toContain('as \\texttt{s1}, \\texttt{s2}');
    const { formulas } = buildNotes(expressions, { source: 'm.ts', command: 'c', notes: 'm.tex', version: '0' });
    expect(formulas.map(katexError).filter((e) => e !== undefined)).toEqual([]);
  });
});

describe('x^y with a variable exponent at x = 0', () => {
  it('the generated gradient is 0 (not NaN) and the Hessian exact', async () => {
    const { files } = await compileExpression('x^y', { hessian: true });
    const mod = await loadModule(files[0].content);
    const got = run(mod, 'E', [0, 2]);
    expect(got.value).toBe(0);
    expect(got.grad).toEqual([0, 0]);
    expect(got.hess).toEqual([2, 0, 0, 0]);
    // away from the edge, ∂/∂y = x^y ln x as before
    expectClose(run(mod, 'E', [2, 3]).grad, [3 * 4, 8 * Math.log(2)], 1e-15);
  });
});

describe('log(sigmoid(x))', () => {
  it('is −softplus(−x) in the generated code: finite at x = −1000 with slope 1', async () => {
    const { files } = await compileExpression('log(sigmoid(x))', { hessian: true, at: { x: -1000 } });
    expect(files[0].content).toContain('-softplus(-x)');
    const mod = await loadModule(files[0].content);
    const got = run(mod, 'E', [-1000]);
    expect(got.value).toBe(-1000);
    expect(got.grad).toEqual([1]);
    expect(Number.isFinite(got.hess?.[0])).toBe(true);
    expectClose(run(mod, 'E', [0.3]).grad, [1 - 1 / (1 + Math.exp(-0.3))], 1e-15);
  });

  it('the notes say so', async () => {
    const { files } = await compileExpression('log(sigmoid(x))', { at: { x: -1000 } });
    expect(files[1].content).toContain('is computed as $-\\operatorname{softplus}(-x) = -\\ln(1 + e^{-x})$');
    expect(files[1].content).toContain('\\ln \\sigma\\left(x\\right)');
  });
});
