// Everything a user can get wrong in an expression is a CompileError that
// points at the column and says what to do.
import { describe, expect, it } from 'vitest';
import { parseExpression } from '../src/frontends/expression.js';
import { compileExpression } from '../src/compile/expression.js';
import { checkVariableNames, expressionExportNames, findExportClash, networkExportNames } from '../src/driver/name-clashes.js';
import type { ExprOptions } from '../src/dsl/expr.js';
import { CompileError, formatCompileError } from '../src/util/errors.js';
import { compileErrorOf } from './helpers/compile-error.js';


interface BadExpression {
  readonly source: string;
  readonly column: number;
  readonly message: RegExp;
  readonly hint: RegExp;
}

const BAD: readonly BadExpression[] = [
  { source: 'x + * 3', column: 5, message: /syntax error/, hint: /operators and parentheses/ },
  { source: 'x +', column: 4, message: /syntax error/, hint: /operators and parentheses/ },
  { source: 'sin(x', column: 6, message: /syntax error.*\)/, hint: /parentheses/ },
  { source: 'foo(x)', column: 1, message: /unknown function 'foo'/, hint: /sin, cos, tan, exp, log/ },
  { source: 'sin(x) + foo(y)', column: 10, message: /unknown function 'foo'/, hint: /functions are/ },
  { source: 'ln(x)', column: 1, message: /unknown function 'ln'/, hint: /\blog\b/ },
  { source: '(x + y) * (z + ln(x))', column: 16, message: /'ln'/, hint: /\blog\b/ },
  { source: 'x % 3', column: 3, message: /unsupported operator '%'/, hint: /\+ - \* \/ \^/ },
  { source: 'x ^ 2 % 3', column: 7, message: /'%'/, hint: /\+ - \* \/ \^/ },
  { source: '50%', column: 3, message: /unsupported operator '%'/, hint: /\+ - \* \/ \^/ },
  { source: '[1,2]', column: 1, message: /matrix/, hint: /numbers, variables/ },
  { source: '2 * (x + [1])', column: 10, message: /matrix/, hint: /numbers, variables/ },
  { source: 'a ? b : c', column: 1, message: /conditional/, hint: /numbers, variables/ },
  { source: 'log(x, 2)', column: 1, message: /log takes 1 argument, got 2/, hint: /log\(x\) \/ log\(b\)/ },
  { source: 'x == y', column: 3, message: /unsupported operator '=='/, hint: /operators are/ },
  { source: '"s"', column: 1, message: /unsupported constant "s"/, hint: /only numbers/ },
  { source: 'x = 3', column: 1, message: /assignment/, hint: /numbers, variables/ },
];

describe('bad expressions', () => {
  it.each(BAD)('$source: column $column', async ({ source, column, message, hint }) => {
    const error = await compileErrorOf(() => parseExpression(source));
    expect(error.message).toMatch(message);
    expect(error.location?.column).toBe(column);
    expect(error.location?.lineText).toBe(source);
    expect(error.hint).toMatch(hint);
  });
});

describe('formatCompileError', () => {
  it.each(BAD)('$source: caret under the reported column', async ({ source }) => {
    const error = await compileErrorOf(() => parseExpression(source));
    const column = error.location?.column ?? Number.NaN;
    const lines = formatCompileError(error).split('\n');
    expect(lines[0]).toBe(`column ${column}: error: ${error.message}`);
    expect(lines[1]).toBe(`  ${source}`);
    expect(lines[2]).toBe(`${' '.repeat(2 + column - 1)}^`);
    expect(lines[3]).toBe(`hint: ${error.hint}`);
  });

  it('prints file:line:col when the error is mapped into a file', async () => {
    const error = await compileErrorOf(() => parseExpression('ln(x)'));
    const lineText = "export const J = expr('ln(x)');";
    const text = formatCompileError(error.at({ file: 'model.ts', line: 3, column: 24, lineText }));
    expect(text.split('\n')).toEqual([
      "model.ts:3:24: error: unknown function 'ln'",
      `  ${lineText}`,
      `  ${' '.repeat(23)}^`,
      `hint: ${error.hint}`,
    ]);
  });

  it('prints an error without a location as error: … and the hint', () => {
    expect(formatCompileError(new CompileError('bad', undefined, 'do this'))).toBe('error: bad\nhint: do this');
  });
});

describe('compileExpression options', () => {
  const cases: readonly { what: string; source: string; options: ExprOptions; check: (e: CompileError) => void }[] = [
    {
      what: 'wrt missing a variable points at its first use',
      source: 'x*y + y',
      options: { wrt: ['x'] },
      check: (e) => {
        expect(e.message).toMatch(/'y' is not listed in wrt/);
        expect(e.location?.column).toBe(3);
        expect(e.hint).toContain("wrt: ['x', 'y']");
      },
    },
    {
      what: 'a duplicate in wrt',
      source: 'x*y',
      options: { wrt: ['x', 'y', 'x'] },
      check: (e) => {
        expect(e.message).toMatch(/'x' appears twice in wrt/);
        expect(e.option).toBe('wrt');
      },
    },
    {
      what: 'wrt naming something that is not a variable',
      source: 'x',
      options: { wrt: ['x', '2y'] },
      check: (e) => {
        expect(e.message).toMatch(/'2y'/);
        expect(e.option).toBe('wrt');
      },
    },
    {
      what: 'at missing a variable',
      source: 'x*y',
      options: { at: { x: 1 } },
      check: (e) => {
        expect(e.message).toMatch(/'at' gives no finite value for variable 'y'/);
        expect(e.option).toBe('at');
        expect(e.hint).toContain('x: 1, y: 1');
      },
    },
    {
      what: 'at with a non-finite value',
      source: 'x*y',
      options: { at: { x: 1, y: Number.NaN } },
      check: (e) => expect(e.message).toMatch(/'y'/),
    },
  ];
  it.each(cases)('$what', async ({ source, options, check }) => {
    check(await compileErrorOf(() => compileExpression('E', source, options)));
  });
});

describe('variable names the generated code uses', () => {
  it.each([
    { source: 'RangeError * x', column: 1 },
    { source: 'x * Math', column: 5 },
    { source: 'new + 1', column: 1 },
    { source: 'Math * x', column: 1 },
  ])('$source is rejected at column $column', async ({ source, column }) => {
    const compiled = compileExpression('E', source);
    const error = await compileErrorOf(() => checkVariableNames(compiled));
    expect(error.message).toMatch(/is used by the generated code/);
    expect(error.location?.column).toBe(column);
    expect(error.hint).toMatch(/rename/);
  });

  it('rejects a variable with the name of its expression, at its column', async () => {
    const error = await compileErrorOf(() => checkVariableNames(compileExpression('x', 'y * x')));
    expect(error.message).toBe("variable 'x' has the name of its expression");
    expect(error.location?.column).toBe(5);
  });

  it('accepts names that only look close (gradient, v, w1x, dF_dx for E)', () => {
    expect(() => checkVariableNames(compileExpression('E', 'gradient + v + w1x + dF_dx'))).not.toThrow();
  });

  it('accepts the names generated code would use (v1, w0, w1, dE_dx, grad, hess, input, softplus, NetworkTrainer): those adapt instead', () => {
    expect(() => checkVariableNames(compileExpression('E', 'v1 * w0 + sin(w1) * dE_dx + grad * hess * input'))).not.toThrow();
    expect(() => checkVariableNames(compileExpression('E', 'softplus * console + NetworkTrainer * POWERS_OF_TWO'))).not.toThrow();
  });
});

describe('export names in the generated module', () => {
  it('are unique across exports and templates', () => {
    expect(findExportClash([expressionExportNames('f'), expressionExportNames('g'), networkExportNames('Net')])).toBeUndefined();
    expect(findExportClash([expressionExportNames('f'), expressionExportNames('f_grad')])?.name).toBe('f_grad');
    expect(findExportClash([networkExportNames('f_hess_v'), expressionExportNames('f')])?.name).toBe('f');
    // a template's names are taken where the module includes it: the trainer's with a network, the sequence trainer's with a sequence network
    for (const template of ['NetworkTrainer', 'Dataset', 'FitOptions', 'Math', 'Array']) {
      expect(findExportClash([networkExportNames(template)])?.error.message).toMatch(/uses itself/);
      expect(findExportClash([expressionExportNames('f'), networkExportNames('Net'), expressionExportNames(template)])?.name).toBe(template);
    }
    expect(findExportClash([networkExportNames('SequenceTrainer', true)])?.error.message).toMatch(/uses itself/);
    // elsewhere they are free, and a helper's name always is (the helper takes another)
    for (const name of ['NetworkTrainer', 'Dataset', 'SequenceTrainer', 'softplus', 'POWERS_OF_TWO', 'WasmKernels']) {
      expect(findExportClash([expressionExportNames(name)])).toBeUndefined();
    }
    expect(findExportClash([networkExportNames('SequenceTrainer'), networkExportNames('softplus')])).toBeUndefined();
    for (const name of ['Math', 'Array', 'RangeError', 'new']) expect(findExportClash([expressionExportNames(name)])?.name).toBe(name);
  });
});
