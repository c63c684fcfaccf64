// The expression language is what the README says, and every input beyond it
// is an error at its column (issue 12, items 7-12).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseExpression, EXPRESSION_LIMITS } from '../src/frontends/expression.js';
import { compileModel } from '../src/driver/compile-model.js';
import { columnOf, compileErrorOf, expectErrorOnLine2, modelOf } from './helpers/compile-error.js';
import { loadModule, typeCheck } from './helpers/generated-module.js';


describe('item 7: implicit multiplication, NaN, Infinity, huge numbers and comments are errors', () => {
  const cases = [
    { source: '2x', column: 2, message: /implicit multiplication/ },
    { source: '5 cm', column: 3, message: /implicit multiplication/ },
    { source: 'log(x)(y)', column: 7, message: /implicit multiplication/ },
    { source: '(x+1)(x-1)', column: 6, message: /implicit multiplication/ },
    { source: 'x/2y', column: 4, message: /implicit multiplication/ },
    { source: 'NaN', column: 1, message: /'NaN' is not a number/ },
    { source: 'x + Infinity', column: 5, message: /'Infinity' is not a number/ },
    { source: '1e400 * x', column: 1, message: /number too large/ },
    { source: 'x # comment', column: 3, message: /'#' is not part of the expression language/ },
  ];
  it.each(cases)('$source: column $column', async ({ source, column, message }) => {
    const error = await compileErrorOf(() => parseExpression(source));
    expect(error.message).toMatch(message);
    expect(error.location?.column).toBe(column);
    expect(error.hint).toBeTruthy();
  });

  it('products written with * still compile', () => {
    expect(parseExpression('2*x * (x+1)*(x-1) + 1e300*y').variables).toEqual(['x', 'y']);
  });
});

describe('item 8: constant expressions compile to working, type-correct code', () => {
  it('expr("3 + 4") and expr("pi^2 + e", { hessian: true }) give functions without variables', async () => {
    const { files } = await compileModel(modelOf("export const C = expr('3 + 4');\nexport const D = expr('pi^2 + e', { hessian: true });"));
    const code = files[0].content;
    expect(typeCheck(code)).toEqual([]);
    const m = await loadModule(code);
    expect(m.C()).toBe(7);
    expect(m.C_grad(new Float64Array(0))).toBe(7);
    expect(m.D_hess(new Float64Array(0))).toBe(Math.PI ** 2 + Math.E);
    expect(files[1].content).toContain('\\end{document}');
  });
});

describe('item 9: names the notes cannot typeset are rejected at their column', () => {
  it.each([
    { source: '$a + 1', column: 1, hint: /rename/ },
    { source: 'x * α', column: 5, hint: /write alpha: the notes print it as α/ },
    { source: '2 * π', column: 5, hint: /write pi for the constant π/ },
  ])('$source', async ({ source, column, hint }) => {
    const error = await compileErrorOf(() => parseExpression(source));
    expect(error.message).toMatch(/is not a plain name/);
    expect(error.location?.column).toBe(column);
    expect(error.hint).toMatch(hint);
  });
});

describe('item 10: export names the generated module needs are refused at the export', () => {
  const NET = "network({ inputs: 2, layers: [dense(1, 'sigmoid')], loss: 'bce', optimizer: { kind: 'sgd', lr: 0.1 } })";
  it.each(['Array', 'String', 'Int32Array', 'Float64Array', 'Map'])('%s', async (name) => {
    await expectErrorOnLine2(`export const ${name} = ${NET};`, { at: name, message: new RegExp(`export '${name}' clashes with generated code`) });
  });

  it("a network's kernel name taken by another export", async () => {
    await expectErrorOnLine2("export const matmul_nt_nx2x1 = expr('x^2');",
      { at: 'matmul', message: /export 'matmul_nt_nx2x1' clashes with generated code: .*kernel/ }, `export const N = ${NET};`);
  });
});

describe('item 11: inputs beyond the documented limits stop with a clear message', () => {
  const sum = (terms: number) => Array.from({ length: terms }, (_, i) => `x${i % 40}*y`).join(' + ');
  it.each([
    { what: 'a 3000-term sum', source: sum(3000), message: /expression too large: 5999 operations.*limit is 2000/ },
    { what: '300 nested calls', source: `${'sin('.repeat(300)}x${')'.repeat(300)}`, message: /nested too deeply \(the limit is 200 levels\)/ },
    { what: '300 nested parentheses', source: `${'('.repeat(300)}x${')'.repeat(300)}`, message: /nested too deeply/ },
    { what: 'a chain of 3000 unary minus signs', source: `${'-'.repeat(3000)}x`, message: /nested too deeply|too large/ },
    { what: 'a 5000-deep power tower', source: Array.from({ length: 5000 }, () => 'x').join('^'), message: /nested too deeply|too large/ },
  ])('$what', async ({ source, message }) => {
    const error = await compileErrorOf(() => parseExpression(source));
    expect(error.message).toMatch(message);
  });

  it('inputs at the limits compile', async () => {
    expect(EXPRESSION_LIMITS).toEqual({ operations: 2000, nesting: 200 });
    expect(parseExpression(`${'('.repeat(200)}x${')'.repeat(200)}`).variables).toEqual(['x']);
    const { files } = await compileModel(modelOf(`export const S = expr('${Array.from({ length: 2001 }, (_, i) => `x${i % 5}`).join(' + ')}');`));
    const m = await loadModule(files[0].content);
    expect(m.S_v(new Float64Array([1, 2, 3, 4, 5]))).toBe(401 * 1 + 400 * (2 + 3 + 4 + 5));
  });
});

describe('item 12: expr options are validated like network options', () => {
  it.each([
    { options: '{ hesian: true }', at: 'hesian', message: /unknown option 'hesian' of expr/, hint: /did you mean 'hessian'/ },
    { options: "{ wrt: 'x' }", at: "'x' }", message: /wrt must be an array of variable names/, hint: /wrt: \['x'\]/ },
    { options: '{ at: { x: 1, z: 2 } }', at: 'z:', message: /at gives a value for 'z', which is not a variable/, hint: /variables are x/ },
    { options: "{ hessian: 'yes' }", at: "'yes'", message: /hessian must be true or false/, hint: /hessian: true/ },
    { options: "{ at: { x: '1' } }", at: "'1'", message: /at: the value of 'x' must be a finite number, got '1'/, hint: /x: 1/ },
  ])('$options', async ({ options, ...expected }) => {
    await expectErrorOnLine2(`export const f = expr('x^2', ${options});`, expected);
  });

  it('a point outside the domain is an error at the step undefined there (test/expression-domain.test.ts has the cases)', async () => {
    await expectErrorOnLine2("export const f = expr('log(x) + 1/y', { at: { x: -1, y: 2 } });",
      { at: "log(x) + 1/y'", message: /^at x = -1, y = 2 the expression is not defined: log\(x\) is log\(-1\), which is not a real number$/ });
  });

  it('nncompile expr says so on stderr and exits 1', () => {
    const r = spawnSync(process.execPath, ['dist/cli/main.js', 'expr', 'sqrt(x)', '--at', 'x=0'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^column 1: error: at x = 0 the gradient is not defined: the derivative of sqrt\(x\) there is ∞/);
  });
});
