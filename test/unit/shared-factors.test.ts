import { describe, expect, it } from 'vitest';
import { Graph, type NodeId } from '../../src/ir/graph.js';
import { factorResults } from '../../src/compile/shared-factors.js';
import { printExpression, printedLengths } from '../../src/backends/print/print-expression.js';

const sizes = (g: Graph, root: NodeId, named: (id: NodeId) => boolean) =>
  printedLengths(g, root, 'tex', (x) => (named(x) ? 's_{1}' : g.node(x).op === 'var' ? 'x' : undefined), 960);

/** a·b + a·c with a = sin x (and, with `others`, 200 terms of y the result does not read, built first). */
function graph(others: boolean): { g: Graph; root: NodeId } {
  const g = new Graph();
  if (others) {
    const y = g.variable('y');
    for (let i = 1; i <= 200; i++) g.mul(g.constant(i), g.call('sin', g.add(y, g.constant(i))));
  }
  const x = g.variable('x');
  const a = g.call('sin', x);
  return { g, root: g.add(g.mul(a, g.call('cos', x)), g.mul(a, g.call('exp', x))) };
}

describe('factorResults', () => {
  it('works on the nodes the results need only: nodes they do not read are dropped, the result is the same', () => {
    const full = graph(true);
    const alone = graph(false);
    const f = factorResults(full.g, [[full.root]], sizes, 240);
    const g = factorResults(alone.g, [[alone.root]], sizes, 240);
    expect(f.graph.nodes.length).toBe(g.graph.nodes.length);
    expect(f.graph.nodes.length).toBeLessThan(20);
    const text = (r: typeof f) => printExpression(r.graph, r.groups[0].roots[0], 'tex', (id) => r.graph.node(id).attrs.name);
    expect(text(f)).toBe(text(g));
    expect(text(f)).toContain('\\left('); // sin x factored out: sin x · (cos x + e^x)
  });
});
