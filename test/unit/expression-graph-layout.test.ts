// The computational graph of an expression laid out as data (the figure's
// positions): columns by depth, rows in creation order, an edge per argument
// with the local derivative the backward pass uses.
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../../src/compile/expression.js';
import { deriveNotes } from '../../src/compile/expression-derivation.js';
import { layoutGraph } from '../../src/compile/expression-graph-layout.js';
import { forwardSteps } from '../../src/passes/schedule.js';
import { printExpression } from '../../src/backends/print/print-expression.js';

describe('layoutGraph', () => {
  it('cos(sin(x²) + 3x²): x, then v1 = x², then sin and 3·, then the sum, then cos', () => {
    const e = compileExpression('J', 'cos(sin(x^2) + 3*x^2)');
    const g = e.gradient.graph;
    const steps = forwardSteps(g, e.gradient.output);
    const d = deriveNotes(e);
    const layout = layoutGraph(g, e.variableNodes, steps, d);
    const byOp = (id: number) => g.node(id).op;
    expect(layout.nodes.map((n) => [byOp(n.node), n.layer, n.row])).toEqual([
      ['var', 0, 0], ['pow', 1, 0], ['sin', 2, 0], ['mul', 2, 1], ['add', 3, 0], ['cos', 4, 0],
    ]);
    expect([layout.layers, layout.rows]).toEqual([5, 2]);
    // x² fans out to sin and 3·: two edges leave it, each labelled with its local derivative.
    const fromSquare = layout.edges.filter((edge) => edge.from === steps[0]);
    expect(fromSquare.map((edge) => byOp(edge.to))).toEqual(['sin', 'mul']);
    const names = (id: number) => (d.graph.node(id).op === 'var' ? 'x' : id === steps[0] ? 'v_{1}' : undefined);
    expect(fromSquare.map((edge) => (edge.local ? printExpression(d.graph, edge.local.node, 'tex', names) : undefined)))
      .toEqual(['\\cos v_{1}', '3']);
    // every edge between a variable or step and a step it feeds; each active one has its local derivative
    expect(layout.edges).toHaveLength(6);
    expect(layout.edges.every((edge) => edge.local !== undefined)).toBe(true);
  });

  it('x·y + exp(x): a layer\'s rows follow their arguments\' rows, so the edges do not cross', () => {
    const e = compileExpression('f', 'x*y + exp(x)', { wrt: ['x', 'y'] });
    const g = e.gradient.graph;
    const layout = layoutGraph(g, e.variableNodes, forwardSteps(g, e.gradient.output), deriveNotes(e));
    const rowOf = (op: string) => layout.nodes.find((n) => g.node(n.node).op === op)?.row;
    // exp(x) has x (row 0) alone: mean 0; x·y has x and y: mean 0.5
    expect([rowOf('exp'), rowOf('mul')]).toEqual([0, 1]);
  });

  it('a constant expression has no nodes', () => {
    const e = compileExpression('c', 'pi^2 + e');
    const layout = layoutGraph(e.gradient.graph, e.variableNodes, forwardSteps(e.gradient.graph, e.gradient.output), deriveNotes(e));
    expect([layout.layers, layout.rows]).toEqual([0, 0]);
  });
});
