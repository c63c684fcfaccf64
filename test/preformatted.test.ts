// Straight-line statements skip prettier (backends/ts/preformatted.ts): every
// line it holds out must be one prettier prints unchanged, or the generated
// code would depend on the shortcut. Checked on the statements of expressions
// that use every element-wise op, negative and huge constants, and long names.
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../src/compile/expression.js';
import { emitExpressionFunctions } from '../src/backends/ts/expression-functions.js';
import { PreformattedLines, asPrettierPrints } from '../src/backends/ts/preformatted.js';
import { formatTypeScript } from '../src/backends/ts/format.js';
import { emitModule } from '../src/backends/ts/module.js';
import { HelperNames } from '../src/backends/ts/helper-names.js';
import { TEST_FROM } from './helpers/generated-module.js';

const SOURCES = [
  'sin(x) * cos(y) + tan(x) - exp(y) / log(x) + sqrt(y) ^ abs(x) + tanh(x) * sigmoid(y) + relu(x) - softplus(y)',
  'asin(x / 4) + acos(y / 4) + atan2(y, x) + sinh(x) * cosh(y) + expm1(x) + log1p(y) + log2(x) + log10(y)',
  'cbrt(x) + hypot(x, y) + max(x, y, -3) + min(x, 1e21) + sign(x) + floor(y) + ceil(x) + round(y) + trunc(x)',
  'x^y + x^(-2) + (-3) * x + 1e-7 * y - 5e+21 * x + log(sigmoid(x)) + x / -y',
  'averyveryveryverylongvariablenamenumberone * averyveryveryverylongvariablenamenumbertwo + sin(averyveryveryverylongvariablenamenumberone)',
  'max(x, y) * min(x, -y) + relu(x - y) + x^y + max(averyveryveryverylongvariablenamenumberone, averyveryveryverylongvariablenamenumbertwo)',
];

/** The statements of an expression's generated functions, unformatted: `const`s, and the assignments in branches. */
function statementsOf(source: string): string[] {
  const e = compileExpression('E', source, { hessian: true });
  const code = emitExpressionFunctions(e, new HelperNames(), { hold: (lines: readonly string[]) => [...lines] } as unknown as PreformattedLines);
  return code.split('\n').filter((line) => /^(const )?\w+ = /.test(line));
}

describe('lines held out of prettier', () => {
  it.each(SOURCES)('are held in the form prettier prints them: %s', async (source) => {
    const lines = statementsOf(source);
    const held = lines.map((line) => asPrettierPrints(line, 2));
    expect(held.filter((h) => h !== undefined).length, 'some lines are held').toBeGreaterThan(0);
    // a select is an if statement (lower/branch-blocks.ts): the assignments in its branches are held too
    if (/max|relu/.test(source)) expect(held.some((h) => h !== undefined && !h.startsWith('const ')), 'an assignment in a branch is held').toBe(true);
    const originals = lines.filter((_, i) => held[i] !== undefined);
    const formatted = await formatTypeScript(`function f() {\n${originals.join('\n')}\n}\n`);
    const expected = held.filter((h): h is string => h !== undefined).map((l) => `  ${l}`);
    expect(formatted).toBe(`function f() {\n${expected.join('\n')}\n}\n`);
  });

  it.each(SOURCES)('the module is byte-identical to formatting every line: %s', async (source) => {
    const e = compileExpression('E', source, { hessian: true });
    const shortcut = await emitModule({ expressions: [e], networks: [] }, TEST_FROM);
    const everything = await formatTypeScript(shortcut); // prettier is idempotent on its own output
    expect(shortcut).toBe(everything);
  });
});
