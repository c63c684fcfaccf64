// The backends' op tables: every op has a TS form and a print form (the
// tables are `satisfies Record<OpName, …>`, so a missing line does not
// compile); the TS form is a scalar expression exactly for the element-wise
// ops, and each expression computes what the op's own evaluate computes.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { Graph } from '../../src/ir/graph.js';
import { evaluateScalars } from '../../src/ir/evaluate.js';
import { OPS, type OpName } from '../../src/ops/registry.js';
import { TS_FORMS, tsExpression } from '../../src/backends/ts/op-forms.js';
import { HelperNames } from '../../src/backends/ts/helper-names.js';
import { PRINT_FORMS } from '../../src/backends/print/op-forms.js';
import { seededRandom, uniform } from '../helpers/random.js';

const ALL = Object.keys(OPS) as OpName[];

/** The helpers' declarations as the generated module gets them (templates/helpers/<name>.ts, renamed there), transpiled. */
function helperSource(declaration: string): string {
  return ts.transpileModule(declaration, { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText;
}

describe('op tables', () => {
  it('each table has exactly the registry\'s ops', () => {
    expect(Object.keys(TS_FORMS).sort()).toEqual([...ALL].sort());
    expect(Object.keys(PRINT_FORMS).sort()).toEqual([...ALL].sort());
  });

  it('a TS expression form exactly for element-wise ops; the others name their kernel', () => {
    for (const op of ALL) {
      const form = TS_FORMS[op];
      expect(form.kind === 'expression', op).toBe(OPS[op].traits.elementwise);
      if (form.kind !== 'expression') expect(() => tsExpression(op, ['a', 'b'], {}, new HelperNames()), op).toThrow(/kernel/);
    }
  });

  // the helpers under their own names, and renamed as in a module where a user's names take those (softplus_)
  it.each([
    { names: 'the templates\' names', taken: [] },
    { names: 'renamed', taken: ['softplus', 'POWERS_OF_TWO', 'EXP_SCALES'] },
  ])('every element-wise TS form computes what evaluate computes (helpers from the templates, $names)', ({ taken }) => {
    const random = seededRandom(8);
    for (const op of ALL.filter((o) => OPS[o].traits.elementwise)) {
      const attrs = op === 'leaky_relu' ? { value: 0.1 } : {};
      const helpers = new HelperNames(new Set(taken));
      const args = Array.from({ length: OPS[op].arity }, (_, i) => `x${i}`);
      const body = tsExpression(op, args, attrs, helpers);
      // a helper's template name, where the module renamed it, is not declared: a call to it would throw
      const shadows = taken.map((name) => `const ${name} = undefined;`).join('\n');
      const prelude = helpers.declarations().map(helperSource).join('\n');
      const compiled = new Function(...args, `${shadows}\n${prelude}\nreturn ${body};`) as (...xs: number[]) => number;
      for (let trial = 0; trial < 20; trial++) {
        // positive arguments for the logarithms, sqrt and pow's base; an integer exponent for pow; |x| < 1 for asin, acos, atanh; x > 1 for acosh
        const xs = args.map((_, i) => (op === 'pow' && i === 1 ? 2 + (trial % 3)
          : ['log', 'log1p', 'log2', 'log10', 'sqrt', 'pow'].includes(op) ? uniform(random, 0.1, 3)
            : ['asin', 'acos', 'atanh'].includes(op) ? uniform(random, -0.9, 0.9) : op === 'acosh' ? uniform(random, 1.1, 5) : uniform(random, -3, 3)));
        const g = new Graph();
        const vars = args.map((name) => g.variable(name));
        const node = op === 'broadcast_to' ? g.apply(op, vars, { shape: [1] }) : g.apply(op, vars, attrs);
        const [expected] = evaluateScalars(g, [node], Object.fromEntries(args.map((name, i) => [name, xs[i]])));
        expect(compiled(...xs), `${op}(${xs.join(', ')})`).toBeCloseTo(expected, 14);
      }
    }
  });
});
