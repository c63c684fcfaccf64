// The LaTeX derivation notes: every formula parses (KaTeX), the chain-rule
// example shows the fan-out sum, the table's numbers are the IR interpreter's,
// the output is deterministic, and (when pdflatex is installed) the document compiles.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileExpression, type CompiledExpression } from '../src/compile/expression.js';
import { evaluateScalars } from '../src/ir/evaluate.js';
import { ExpressionNames } from '../src/compile/naming.js';
import { texVariable } from '../src/backends/latex/tex-names.js';
import { buildNotes, renderNotes } from '../src/backends/latex/notes.js';
import { escapeText } from '../src/backends/latex/tex-writer.js';
import { texSymbols } from '../src/backends/latex/tex-symbols.js';
import type { GeneratedFrom } from '../src/backends/ts/module.js';
import { katexError } from './helpers/katex.js';
import { hasPdflatex, overfullBoxes, typesetLog } from './helpers/pdflatex.js';
import { expectValuesShown, valueLabelled } from './helpers/notes-values.js';
import { formatNumber } from '../src/backends/doc/number-format.js';
import { Graph } from '../src/ir/graph.js';
import { OPS, type OpName, TENSOR_OPS } from '../src/ops/registry.js';
import { printExpression } from '../src/backends/print/print-expression.js';

const FROM: GeneratedFrom = {
  source: 'examples/chain_rule/model.ts',
  command: 'nncompile examples/chain_rule/model.ts --out generated/chain_rule',
  notes: 'generated/chain_rule/notes.tex',
  version: '0.1.0',
};

const chain = () => compileExpression('J', 'cos(sin(x^2) + 3*x^2)', { at: { x: 0.5 }, hessian: true });
const twoVariables = () => compileExpression('f', 'x*y + exp(x)', { wrt: ['x', 'y'], at: { x: 1, y: 2 }, hessian: true });
const neuron = () => compileExpression('a', 'sigmoid(w*x+b)');
const everyOp = () =>
  compileExpression('g', 'relu(x) + softplus(y) + abs(x*y) + sqrt(x) / tanh(y) + log(x) - tan(y)', {
    at: { x: 0.7, y: 1.3 },
    hessian: true,
  });
/** Names that print alike in the pretty form (x1 and x_1 are both x_{1}; v_1 is the step v_{1}). */
const lookalikes = () =>
  compileExpression('f', 'x1 * x_1 + sin(x12) / x_12 + v_1', { at: { x1: 1, x_1: 2, x12: 3, x_12: 4, v_1: 5 }, hessian: true });
/** Edge cases: a lone variable, a constant step, an unused wrt variable, x*x, names with subscripts. */
const edgeCases = () => [
  compileExpression('id', 'x', { at: { x: 2 } }),
  compileExpression('c', 'x + log(-1)'), // a step undefined everywhere: no point (at) can be worked (test/expression-domain.test.ts)
  compileExpression('h', 'x*x - log(2) * y', { wrt: ['x', 'y', 'z'], at: { x: 3, y: 1, z: 0 }, hessian: true }),
  compileExpression('loss_1', 'alpha * x_1 / (1 + rate^2)', { hessian: true }),
  lookalikes(),
];

/** Long gradient and Hessian formulas: the v_k and "too long" fallbacks. */
const large = () =>
  compileExpression('L', 'exp(sin(x*y) * cos(x/y)) / (1 + x^2 * y^2) + tanh(tanh(tanh(x + y)))', {
    at: { x: 0.3, y: -1.2 },
    hessian: true,
  });

const ALL: readonly (() => CompiledExpression)[] = [chain, twoVariables, neuron, everyOp];
const everything = () => [...ALL.map((f) => f()), ...edgeCases(), large()];


/** The node table's rows (they start with the node's name in math): [name, value cell, adjoint cell]. */
function tableCells(document: string): [string, string, string][] {
  const table = /\\endhead\n([\s\S]*?)\n\\hline\n\\end\{longtable\}/.exec(document)?.[1] ?? '';
  return table.split('\n').map((row) => {
    const cells = row.replace(/ \\\\\*?$/, '').split(' & ');
    return [cells[0], cells[2], cells[3]];
  });
}

describe('LaTeX notes: every formula renders', () => {
  it.each(ALL.map((f) => [f().source, f]))('%s', (_source, make) => {
    const { formulas } = buildNotes([make()], FROM);
    expect(formulas.length).toBeGreaterThan(10);
    const errors = formulas.map(katexError).filter((x) => x !== undefined);
    expect(errors).toEqual([]);
  });

  it('edge cases: a lone variable, a constant factor, an unused variable, subscripted names', () => {
    const { formulas, document } = buildNotes(edgeCases(), FROM);
    expect(formulas.map(katexError).filter((x) => x !== undefined)).toEqual([]);
    expect(document).toContain('\\bar{z} &= 0'); // z is in wrt but not in the expression
    expect(document).toContain('x_{1}');
    expect(document).toContain('\\bar{x} &= \\frac{\\partial \\mathit{id}}{\\partial x} = 1'); // the output is a variable
    expect(document).toContain('\\ln\\left(-1\\right)'); // a step that depends on no variable is printed as it is
  });

  it('a large expression: long results name their parts (s_k, in the variables, never the steps v_k), and still render', () => {
    const { formulas, document } = buildNotes([large()], FROM);
    expect(formulas.map(katexError).filter((x) => x !== undefined)).toEqual([]);
    const result = document.slice(document.indexOf('subsection*{Result}'), document.indexOf('\\section{Appendix'));
    expect(result).toContain('s_{1} &= ');
    expect(result).not.toMatch(/v_\{\d+\}/);
    expect(result).not.toContain('\\cdots');
  });
});

describe('LaTeX notes: content', () => {
  const { document } = buildNotes([chain()], FROM);

  it('forward pass: one primitive per line, named as in the generated code', () => {
    for (const line of [
      'v_{1} &= x^{2}',
      'v_{2} &= \\sin v_{1}',
      'v_{3} &= 3 v_{1}',
      'v_{4} &= v_{2} + v_{3}',
      'v_{5} &= \\cos v_{4}',
      'J &= v_{5}',
    ]) {
      expect(document).toContain(line);
    }
  });

  it('local derivatives come from the ops\' rules, in terms of named nodes', () => {
    expect(document).toContain('\\frac{\\partial v_{1}}{\\partial x} &= 2 x');
    expect(document).toContain('\\frac{\\partial v_{2}}{\\partial v_{1}} &= \\cos v_{1}');
    expect(document).toContain('\\frac{\\partial v_{3}}{\\partial v_{1}} &= 3');
  });

  it('backward pass: the seed, then the fan-out of v_1 as a sum of two terms (upstream × local)', () => {
    expect(document).toContain('\\bar{v}_{5} &= \\frac{\\partial J}{\\partial v_{5}} = 1');
    expect(document).toContain(
      '\\bar{v}_{1} &= \\bar{v}_{2}\\,\\frac{\\partial v_{2}}{\\partial v_{1}} + \\bar{v}_{3}\\,\\frac{\\partial v_{3}}{\\partial v_{1}}',
    );
    expect(document).toContain('&= \\bar{v}_{2} \\cdot \\cos v_{1} + \\bar{v}_{3} \\cdot 3');
    // The backward pass ends in x̄, after every step's adjoint.
    expect(document.indexOf('\\bar{x} &=')).toBeGreaterThan(document.indexOf('\\bar{v}_{1} &='));
  });

  it('the result is the gradient factored in the variables (sin(…) once), and the Hessian when asked', () => {
    const row = document.split('\n').find((l) => l.startsWith('\\frac{\\partial J}{\\partial x} &= ')) ?? '';
    expect(row).toBe('\\frac{\\partial J}{\\partial x} &= -2 \\sin\\left(\\sin\\left(x^{2}\\right) + 3 x^{2}\\right) \\cdot \\left(3 + \\cos\\left(x^{2}\\right)\\right) \\cdot x');
    expect(document).toContain('\\nabla^2 J = \\begin{bmatrix}');
    const hessian = document.slice(document.indexOf('The Hessian'), document.indexOf('At the point:', document.indexOf('The Hessian')));
    expect(hessian).not.toMatch(/v_\{\d+\}/); // in the variables: no step names
  });

  it('the header says it is generated, from which file and by which command', () => {
    const head = document.split('\n').slice(0, 2).join('\n');
    expect(head).toContain('% Generated by nncompile 0.1.0 from examples/chain_rule/model.ts');
    expect(head).toContain(`%   ${FROM.command}`);
    expect(document).toContain('\\texttt{examples/chain\\_rule/model.ts}');
  });

  it('is deterministic: the same input gives byte-identical output, and rendering changes nothing', () => {
    const expressions = everything();
    const first = renderNotes(expressions, FROM);
    expect(renderNotes(expressions, FROM)).toBe(first);
    expect(renderNotes(everything(), FROM)).toBe(first);
  });
});

describe('LaTeX notes: numbers at the point', () => {
  it.each([['chain', chain], ['two variables', twoVariables], ['every op', everyOp]] as const)(
    '%s: the appendix\'s table is the IR interpreter\'s values and adjoints, at full precision, as the companion records them',
    (_label, make) => {
      const e = make();
      const { document, values: shown } = buildNotes([e], FROM);
      const names = new ExpressionNames(e, texVariable);
      const point = e.point;
      if (!point) throw new Error('test expressions have a point');
      const d = e.gradient;
      const nodes = [...e.variableNodes, ...names.steps];
      const values = evaluateScalars(d.graph, nodes, point.values);
      const adjoints = evaluateScalars(d.graph, nodes.map((id) => d.adjoints.get(id) ?? d.graph.constant(0)), point.values);
      const table = tableCells(document);
      const exact = { ...shown, values: shown.values.filter((v) => v.exact) }; // the appendix's table
      const recorded = nodes.map((id) => valueLabelled(exact, names.forwardName(id)?.tex ?? '?'));
      const recordedAdjoints = nodes.map((id) => valueLabelled(exact, names.adjointName(id)?.tex ?? '?'));
      expect(table.map((r) => r[0])).toEqual(nodes.map((id) => `$${names.forwardName(id)?.tex}$`));
      expect(recorded).toEqual(values);
      expect(recordedAdjoints).toEqual(adjoints);
      expect(table.map((r) => r[1])).toEqual(values.map((v) => `$${formatNumber(v, {})}$`));
      expect(table.map((r) => r[2])).toEqual(adjoints.map((v) => `$${formatNumber(v, {})}$`));
      // The variables' adjoints are the gradient.
      expect(recordedAdjoints.slice(0, e.variables.length)).toEqual(evaluateScalars(d.graph, d.gradient, point.values));
      expectValuesShown(document, shown);
    },
  );
});

describe('LaTeX notes: every name prints differently', () => {
  it('x1 and x_1, x12 and x_12 in one expression: the underscored name keeps the subscript, the other is spelled out', () => {
    const { document, formulas } = buildNotes([lookalikes()], FROM);
    expect(formulas.map(katexError).filter((x) => x !== undefined)).toEqual([]);
    expect(document).toContain('f(\\mathit{x1}, x_{1}, \\mathit{x12}, x_{12}, \\mathit{v\\_1})');
    expect(document).toContain('\\frac{\\partial f}{\\partial \\mathit{x1}} &= ');
    expect(document).toContain('\\frac{\\partial f}{\\partial x_{1}} &= ');
    expect(document).toContain('$\\mathit{x1} = 1,\\; x_{1} = 2,\\; \\mathit{x12} = 3,\\; x_{12} = 4,');
    // v_1 is not confused with the first forward step v_{1}.
    expect(document).toContain('\\bar{\\mathit{v\\_1}} &= ');
    expect(document).not.toMatch(/\\partial f\}\{\\partial v_\{1\}\}/);
  });

  it('one document: x1 in one expression and x_1 in another print differently; alone, x1 is x_{1}', () => {
    const a = compileExpression('a', 'x1^2', { at: { x1: 1 } });
    const b = compileExpression('b', 'sin(x_1)', { at: { x_1: 1 } });
    expect(renderNotes([a], FROM)).toContain('\\frac{\\partial a}{\\partial x_{1}}');
    const both = renderNotes([a, b], FROM);
    expect(both).toContain('\\frac{\\partial a}{\\partial \\mathit{x1}}');
    expect(both).toContain('\\frac{\\partial b}{\\partial x_{1}}');
    expect(both).not.toContain('\\frac{\\partial a}{\\partial x_{1}}');
  });

  it('is one-to-one over any set of names, and a name no other one shares keeps its pretty form', () => {
    // Few parts, so lookalikes (x1 and x_1, v_1 and the step v_{1}) are common.
    const identifier = fc
      .tuple(fc.constantFrom('x', 'ab', 'alpha', 'v'), fc.constantFrom('', '_'), fc.constantFrom('', '1', '12', '01', 'a', 'b1'))
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(identifier, { maxLength: 12 }), (names) => {
        const tex = texSymbols(names);
        const printed = names.map(tex);
        expect(new Set(printed).size).toBe(names.length);
        for (const name of names) {
          const alone = names.every((other) => other === name || texVariable(other) !== texVariable(name));
          if (alone && !/^v_\{\d+\}$/.test(texVariable(name))) expect(tex(name)).toBe(texVariable(name));
        }
      }),
    );
  });
});

describe('escapeText', () => {
  it('escapes every LaTeX special character in user text', () => {
    expect(escapeText('a_b^2 % {x} & #1 $ ~ \\')).toBe(
      'a\\_b\\^{}2 \\% \\{x\\} \\& \\#1 \\$ \\~{} \\textbackslash{}',
    );
  });
});

describe('LaTeX notes: the document compiles', () => {
  it.skipIf(!hasPdflatex)('pdflatex accepts the notes of every test expression', () => {
    const log = typesetLog(renderNotes(everything(), FROM));
    expect(log).not.toMatch(/^! /m);
    expect(overfullBoxes(log, 19)).toEqual([]); // nothing sticks out by 20pt or more
  }, 120_000);
});


describe('every element-wise op has a LaTeX form KaTeX renders', () => {
  const tensorOps: readonly string[] = TENSOR_OPS;
  const scalarOps = (Object.keys(OPS) as OpName[]).filter((op) => !tensorOps.includes(op));
  it.each(scalarOps)('%s', (op) => {
    const g = new Graph();
    const args = Array.from({ length: OPS[op].arity }, (_, i) => g.variable(`x${i}`));
    const id = g.apply(op, args);
    const tex = printExpression(g, id, 'tex', (n) => (g.node(n).op === 'var' ? `x_{${n}}` : undefined)) ?? '';
    expect(katexError(tex)).toBeUndefined();
    // and as an argument of a product, where it must group
    expect(katexError(printExpression(g, g.mul(id, g.variable('y')), 'tex', (n) => (g.node(n).op === 'var' ? 'x' : undefined)) ?? '')).toBeUndefined();
  });
});
