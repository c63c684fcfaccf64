// Issue 10: asinh, acosh and atanh are ops in both frontends (they were a
// hint to write the logarithm out): value, gradient and Hessian of the
// generated code against Math and central differences, the TS function and
// the expression giving the same numbers, the notes' names and rules, and
// the point outside a domain refused as log's is.
import { describe, expect, it } from 'vitest';
import { callGenerated, compileFunctions, modelText } from './helpers/function-model.js';
import { compileErrorOf } from './helpers/compile-error.js';
import { typeCheck } from './helpers/generated-module.js';
import { expectClose, gradientByDifferences, jacobianByDifferences } from './helpers/numeric.js';
import { compileModel } from '../src/driver/compile-model.js';

const f = ([x, y, z]: readonly number[]) => Math.asinh(x) * Math.acosh(y) + Math.atanh(z) / (1 + x * x);

describe('asinh, acosh, atanh', () => {
  it('in an expression and in a function: the same values, gradients against differences, Hessians against the gradient\'s', async () => {
    const c = await compileFunctions(modelText(`export const E = expr('asinh(x) * acosh(y) + atanh(z) / (1 + x^2)', { at: { x: 0.5, y: 1.5, z: 0.3 }, hessian: true });
export const F = differentiable((x: number, y: number, z: number) => Math.asinh(x) * Math.acosh(y) + Math.atanh(z) / (1 + x * x),
  { at: { x: 0.5, y: 1.5, z: 0.3 }, hessian: true });`));
    const code = c.compiled.files[0].content;
    expect(typeCheck(code)).toEqual([]);
    expect(code).toContain('Math.asinh(x)');
    expect(code).toContain('Math.acosh(y)');
    expect(code).toContain('Math.atanh(z)');
    // inside each domain, near its edges too: arcosh just above 1, artanh near ±1, arsinh for large |x|
    for (const point of [[0.5, 1.5, 0.3], [-40, 1.01, -0.97], [3, 25, 0.95]]) {
      for (const name of ['E', 'F']) {
        const got = callGenerated(c.module, name, point);
        expect(got.value).toBeCloseTo(f(point), 12);
        const h = Math.min(1e-6, (point[1] - 1) / 10);
        expectClose(got.grad, gradientByDifferences(f, point, h), 1e-6, 1e-5, `${name} gradient at ${point}`);
        const gradient = (p: readonly number[]) => callGenerated(c.module, name, p).grad;
        expectClose(got.hess as number[], jacobianByDifferences(gradient, point, h).flat(), 1e-5, 1e-4, `${name} Hessian at ${point}`);
      }
      const [e, fn] = ['E', 'F'].map((name) => callGenerated(c.module, name, point));
      expect(fn.value).toBe(e.value);
      expectClose(fn.grad, e.grad, 1e-14, 1e-14, `F and E gradient at ${point}`);
    }
  });

  it('the notes name them arsinh, arcosh, artanh and state each rule', async () => {
    const c = await compileFunctions(modelText("export const E = expr('asinh(x) * acosh(y) + atanh(z)', { at: { x: 0.5, y: 1.5, z: 0.3 } });"));
    const tex = c.compiled.files.find((file) => file.name.endsWith('.tex'))?.content ?? '';
    expect(tex).toContain('E(x, y, z) = \\operatorname{arsinh} x \\cdot \\operatorname{arcosh} y + \\operatorname{artanh} z');
    expect(tex).toContain('\\text{derivative of arsinh:} && \\frac{d}{du} \\operatorname{arsinh} u = \\frac{1}{\\sqrt{u^{2} + 1}}');
    expect(tex).toContain('\\text{derivative of arcosh:} && \\frac{d}{du} \\operatorname{arcosh} u = \\frac{1}{\\sqrt{u^{2} - 1}}');
    expect(tex).toContain('\\text{derivative of artanh:} && \\frac{d}{du} \\operatorname{artanh} u = \\frac{1}{1 - u^{2}}');
    // the derivatives at the point: 1/√(1.25), 1/√(1.25), 1/0.91
    expect(tex).toMatch(/\\frac\{\\partial v_\{1\}\}\{\\partial x\} &= \\frac\{1\}\{\\sqrt\{x \\cdot x \+ 1\}\} = 0\.894427 \\qquad \\text\{\(derivative of arsinh\)\}/);
    expect(tex).toMatch(/\\frac\{\\partial v_\{4\}\}\{\\partial z\} &= \\frac\{1\}\{1 - z \\cdot z\} = 1\.0989 \\qquad \\text\{\(derivative of artanh\)\}/);
    const html = c.compiled.files.find((file) => file.name.endsWith('.html'))?.content ?? '';
    expect(html).toContain('arsinh');
    expect(html).toContain('derivative of artanh');
  });

  it.each([
    { source: "acosh(x) + y', { at: { x: 0.5, y: 1 }", message: 'at x = 0.5, y = 1 the expression is not defined: acosh(x) is acosh(0.5), which is not a real number' },
    { source: "atanh(x) * y', { at: { x: 1, y: 2 }", message: 'at x = 1, y = 2 the expression is not defined: atanh(x) is atanh(1) = ∞' },
    { source: "acosh(x) * y', { at: { x: 1, y: 2 }", message: 'at x = 1, y = 2 the gradient is not defined: the derivative of acosh(x) there is ∞ (the value, 0, is defined)' },
  ])('a point outside the domain: $message', async ({ source, message }) => {
    const text = `import { expr } from 'nncompile';\nexport const E = expr('${source} });\n`;
    const error = await compileErrorOf(() => compileModel({ text, fileName: 'model.ts' }));
    expect(error.message).toBe(message);
    expect(error.location?.line).toBe(2);
    expect(error.hint).toMatch(/choose a point where they are all defined, e\.g\. at: \{ x: (1\.5|0\.5), y/);
  });

  it('arcsinh, arctanh in an expression: a hint names the function', async () => {
    const text = "import { expr } from 'nncompile';\nexport const E = expr('arctanh(x)');\n";
    const error = await compileErrorOf(() => compileModel({ text, fileName: 'model.ts' }));
    expect(error.message).toBe("unknown function 'arctanh'");
    expect(error.hint).toBe('use atanh');
  });
});
