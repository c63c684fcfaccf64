// Reverse mode: fan-out accumulation, symbolic zero, the cheap-gradient
// principle (counted in nodes, not time) and Hessians by differentiating twice.
import { describe, expect, it } from 'vitest';
import { Graph, IrError, type NodeId, verifyGraph } from '../src/ir/graph.js';
import { evaluateScalars } from '../src/ir/evaluate.js';
import { differentiate, hessian } from '../src/passes/differentiate.js';
import { schedule } from '../src/passes/schedule.js';
import { parseExpression } from '../src/frontends/expression.js';
import { expectClose } from './helpers/numeric.js';

describe('fan-out accumulation', () => {
  it('x*x: x receives one term per use, and the adjoint is their sum', () => {
    const g = new Graph();
    const x = g.variable('x');
    const square = g.mul(x, x);
    const d = differentiate(g, square, [x]);
    const terms = d.contributions.get(x) ?? [];
    expect(terms.map((t) => [t.consumer, t.argIndex])).toEqual([[square, 0], [square, 1]]);
    expect(evaluateScalars(d.graph, d.gradient, { x: 3 })).toEqual([6]);
  });

  it('cos(sin(x^2) + 3x^2): x^2 feeds two branches, so its adjoint has two terms', () => {
    const { graph, output } = parseExpression('cos(sin(x^2) + 3*x^2)');
    const x = graph.variable('x');
    const square = graph.pow(x, graph.constant(2));
    const d = differentiate(graph, output, [x]);
    const consumers = (d.contributions.get(square) ?? []).map((t) => d.graph.node(t.consumer).op);
    expect(consumers.sort()).toEqual(['mul', 'sin']);

    const at = 0.5;
    const u = Math.sin(at ** 2) + 3 * at ** 2;
    const [adjointOfSquare, dJdx] = evaluateScalars(d.graph, [d.adjoints.get(square) as NodeId, d.gradient[0]], { x: at });
    expect(adjointOfSquare).toBeCloseTo(-Math.sin(u) * (Math.cos(at ** 2) + 3), 14);
    expect(dJdx).toBeCloseTo(-Math.sin(u) * (Math.cos(at ** 2) + 3) * 2 * at, 14);
  });

  it('a term that arrives twice is added once, as 2·t: u·x·x gives one product, not t + t', () => {
    const g = new Graph();
    const x = g.variable('x');
    const u = g.call('sin', g.variable('u'));
    const out = g.add(g.mul(u, g.mul(x, x)), g.call('cos', x));
    const d = differentiate(g, out, [x]);
    const adjoint = d.gradient[0];
    // d/dx = 2·u·x − sin x: the two uses of x in x·x give the same node, summed as a like term
    const sums = (id: NodeId): number => {
      const n = d.graph.node(id);
      return (n.op === 'add' || n.op === 'sub' ? 1 : 0) + n.args.filter((a) => a > out).reduce((k, a) => k + sums(a), 0);
    };
    expect(sums(adjoint)).toBe(1);
    for (const [xv, uv] of [[0.7, 0.3], [-1.2, 2]]) {
      const [dx] = evaluateScalars(d.graph, [adjoint], { x: xv, u: uv });
      const f = (t: number) => Math.sin(uv) * t * t + Math.cos(t);
      expectClose(dx, (f(xv + 1e-6) - f(xv - 1e-6)) / 2e-6, 1e-7);
    }
  });

  it('d(c/b) = −(c/b)²/c db: the reciprocal\'s derivative multiplies its value, no second division', () => {
    for (const c of [1, 3, -0.5]) {
      const g = new Graph();
      const b = g.variable('b');
      const out = g.div(g.constant(c), g.call('exp', b));
      const d = differentiate(g, out, [b]);
      const reached = new Set<NodeId>();
      const visit = (id: NodeId): void => { if (!reached.has(id)) { reached.add(id); d.graph.node(id).args.forEach(visit); } };
      visit(d.gradient[0]);
      const divisions = [...reached].filter((id) => id > out && d.graph.node(id).op === 'div' && d.graph.constantValue(d.graph.node(id).args[1]) === undefined);
      expect(divisions).toEqual([]);
      for (const at of [-2, 0.1, 1.5]) {
        const [db] = evaluateScalars(d.graph, [d.gradient[0]], { b: at });
        const f = (t: number) => c / Math.exp(t);
        expectClose(db, (f(at + 1e-6) - f(at - 1e-6)) / 2e-6, 1e-7);
      }
    }
  });

  it('extends a copy and leaves its input graph untouched', () => {
    const { graph, output } = parseExpression('x*y + sin(x)');
    const before = graph.nodes.length;
    const d = differentiate(graph, output, [graph.variable('x'), graph.variable('y')]);
    expect(graph.nodes.length).toBe(before);
    expect(d.graph.nodes.length).toBeGreaterThan(before);
    verifyGraph(d.graph);
  });
});

describe('symbolic zero', () => {
  it('a variable the output does not use gets the constant 0, and no adjoint work', () => {
    const g = new Graph();
    const x = g.variable('x');
    const y = g.variable('y');
    const d = differentiate(g, g.call('sin', x), [x, y]);
    expect(d.graph.isConstant(d.gradient[1], 0)).toBe(true);
    expect(d.adjoints.has(y)).toBe(false);
    expect(d.active).not.toContain(y);
  });

  it('constant subexpressions are not differentiated', () => {
    const g = new Graph();
    const x = g.variable('x');
    const c = g.call('exp', g.variable('c'));
    const d = differentiate(g, g.mul(c, x), [x]);
    expect(d.active).not.toContain(c);
    expect(d.gradient[0]).toBe(c);
  });

  it('only differentiates a scalar output', () => {
    const g = new Graph();
    const v = g.variable('v', [3]);
    expect(() => differentiate(g, g.call('sin', v), [v])).toThrow(IrError);
  });
});

describe('cheap-gradient principle: the gradient costs at most 4× the value, in nodes', () => {
  /** Nodes the value needs, and nodes value + gradient need (what E_grad computes). */
  function cost(g: Graph, output: NodeId, wrt: NodeId[]) {
    const d = differentiate(g, output, wrt);
    const ops = (ids: NodeId[]) => ids.filter((id) => !['const', 'var'].includes(d.graph.node(id).op)).length;
    const value = schedule(d.graph, [output]);
    const gradient = schedule(d.graph, [output, ...d.gradient]);
    return { d, nodes: [value.length, gradient.length], ops: [ops(value), ops(gradient)] };
  }
  function variables(g: Graph, n: number): NodeId[] {
    return Array.from({ length: n }, (_, i) => g.variable(`x${i + 1}`));
  }
  function expectCheap({ nodes, ops }: ReturnType<typeof cost>) {
    expect(nodes[1], `scheduled nodes: value ${nodes[0]}, gradient ${nodes[1]}`).toBeLessThanOrEqual(4 * nodes[0]);
    expect(ops[1], `op nodes: value ${ops[0]}, gradient ${ops[1]}`).toBeLessThanOrEqual(4 * ops[0]);
  }

  it('product of 50 variables', () => {
    const g = new Graph();
    const xs = variables(g, 50);
    const c = cost(g, xs.reduce((p, x) => g.mul(p, x)), xs);
    expectCheap(c);
    const point = Object.fromEntries(xs.map((_, i) => [`x${i + 1}`, 1 + i / 100]));
    const values = Object.values(point);
    const product = values.reduce((p, v) => p * v, 1);
    const expected = values.map((v) => product / v);
    expectClose(evaluateScalars(c.d.graph, c.d.gradient, point), expected, 1e-13, 0, 'gradient of the product');
  });

  it('sin nested 100 deep', () => {
    const g = new Graph();
    const x = g.variable('x');
    let out = x;
    for (let i = 0; i < 100; i++) out = g.call('sin', out);
    expectCheap(cost(g, out, [x]));
  });

  it('sum of sin(x_i x_{i+1}) over 100 variables', () => {
    const g = new Graph();
    const xs = variables(g, 100);
    const terms = xs.slice(1).map((x, i) => g.call('sin', g.mul(xs[i], x)));
    expectCheap(cost(g, terms.reduce((s, t) => g.add(s, t)), xs));
  });
});

describe('Hessian by differentiating the gradient again', () => {
  it('x*y + exp(x) gives [[e^x, 1], [1, 0]] exactly', () => {
    const { graph, output } = parseExpression('x*y + exp(x)');
    const wrt = [graph.variable('x'), graph.variable('y')];
    const h = hessian(differentiate(graph, output, wrt));
    verifyGraph(h.graph);
    expect(h.graph.constantValue(h.rows[0][1])).toBe(1);
    expect(h.graph.constantValue(h.rows[1][0])).toBe(1);
    expect(h.graph.constantValue(h.rows[1][1])).toBe(0);
    for (const [x, y] of [[0, 0], [1, 2], [-3.5, 7], [0.25, -1]]) {
      expect(evaluateScalars(h.graph, h.rows.flat(), { x, y })).toEqual([Math.exp(x), 1, 1, 0]);
    }
  });
});
