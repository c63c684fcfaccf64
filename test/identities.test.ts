// The builder: hash-consing, the cheap identities applied as nodes are made,
// constant folding, and the invariants verifyGraph checks.
import { afterEach, describe, expect, it } from 'vitest';
import { Graph, type IrNode, IrError, dumpGraph, verifyGraph } from '../src/ir/graph.js';

/** Every graph a test builds is verified when the test ends. */
const built: Graph[] = [];
function graph(): Graph {
  const g = new Graph();
  built.push(g);
  return g;
}
afterEach(() => {
  for (const g of built.splice(0)) expect(() => verifyGraph(g)).not.toThrow();
});

function scalars() {
  const g = graph();
  return { g, x: g.variable('x'), y: g.variable('y') };
}

describe('hash-consing', () => {
  it('building x*y twice gives one node', () => {
    const { g, x, y } = scalars();
    const before = g.nodes.length;
    const first = g.mul(x, y);
    const second = g.mul(x, y);
    expect(second).toBe(first);
    expect(g.nodes.length).toBe(before + 1);
  });

  it('shares whole subexpressions, leaves and constants included', () => {
    const { g, x } = scalars();
    const build = () => g.call('sin', g.add(g.mul(g.constant(3), x), g.constant(2)));
    const a = build();
    const size = g.nodes.length;
    expect(build()).toBe(a);
    expect(g.variable('x')).toBe(x);
    expect(g.constant(3)).toBe(g.constant(3));
    expect(g.nodes.length).toBe(size);
  });

  it('keeps different ops, argument orders and constants apart', () => {
    const { g, x, y } = scalars();
    const ids = [g.add(x, y), g.sub(x, y), g.sub(y, x), g.mul(x, y), g.constant(2), g.constant(3)];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a variable is one node per name: the same shape gives it again, another shape throws', () => {
    const g = graph();
    const v = g.variable('v', [3]);
    expect(g.variable('v', [3])).toBe(v);
    const x = g.variable('x');
    const size = g.nodes.length;
    expect(() => g.variable('x', [3])).toThrow(IrError);
    expect(() => g.variable('x', [3])).toThrow("variable 'x' already exists with shape f64[] (%1); it cannot also have shape f64[3]");
    expect(() => g.variable('v')).toThrow(/shape f64\[3\].*cannot also have shape f64\[\]/);
    expect(() => g.variable('v', [3, 1])).toThrow(IrError);
    expect(g.nodes.length).toBe(size); // nothing was added
    expect(g.variable('x')).toBe(x);
  });

  it('treats -0 and 0 as one constant', () => {
    const g = graph();
    expect(g.constant(-0)).toBe(g.constant(0));
    expect(Object.is(g.constantValue(g.constant(-0)), 0)).toBe(true);
  });
});

describe('identities applied while building', () => {
  const cases: readonly [string, (s: ReturnType<typeof scalars>) => number, 'x' | number][] = [
    ['x + 0', ({ g, x }) => g.add(x, g.constant(0)), 'x'],
    ['0 + x', ({ g, x }) => g.add(g.constant(0), x), 'x'],
    ['x - 0', ({ g, x }) => g.sub(x, g.constant(0)), 'x'],
    ['x * 1', ({ g, x }) => g.mul(x, g.constant(1)), 'x'],
    ['1 * x', ({ g, x }) => g.mul(g.constant(1), x), 'x'],
    ['x / 1', ({ g, x }) => g.div(x, g.constant(1)), 'x'],
    ['-(-x)', ({ g, x }) => g.neg(g.neg(x)), 'x'],
    ['x ^ 1', ({ g, x }) => g.pow(x, g.constant(1)), 'x'],
    ['x * 0', ({ g, x }) => g.mul(x, g.constant(0)), 0],
    ['0 * x', ({ g, x }) => g.mul(g.constant(0), x), 0],
    ['0 / x', ({ g, x }) => g.div(g.constant(0), x), 0],
    ['x - x', ({ g, x }) => g.sub(x, x), 0],
    ['sin(x) - sin(x)', ({ g, x }) => g.sub(g.call('sin', x), g.call('sin', x)), 0],
    ['x ^ 0', ({ g, x }) => g.pow(x, g.constant(0)), 1],
  ];
  it.each(cases)('%s', (_, build, expected) => {
    const s = scalars();
    const id = build(s);
    if (expected === 'x') expect(id).toBe(s.x);
    else expect(s.g.constantValue(id)).toBe(expected);
  });

  it('0 - x is -x and x * -1 is -x', () => {
    const { g, x } = scalars();
    const neg = g.neg(x);
    expect(g.sub(g.constant(0), x)).toBe(neg);
    expect(g.mul(x, g.constant(-1))).toBe(neg);
    expect(g.mul(g.constant(-1), x)).toBe(neg);
  });

  it('leaves x + y, x * y and x - y alone', () => {
    const { g, x, y } = scalars();
    for (const id of [g.add(x, y), g.mul(x, y), g.sub(x, y)]) expect(g.node(id).args).toEqual([x, y]);
  });

  it('never changes a tensor shape: x * 0 and v - v on a vector stay ops', () => {
    const g = graph();
    const v = g.variable('v', [3]);
    const times0 = g.mul(v, g.constant(0));
    expect(g.node(times0).op).toBe('mul');
    expect(g.shapeOf(times0)).toEqual([3]);
    const minusSelf = g.sub(v, v);
    expect(g.node(minusSelf).op).toBe('sub');
    expect(g.shapeOf(minusSelf)).toEqual([3]);
    // a scalar 0 added to a vector is still the vector
    expect(g.add(v, g.constant(0))).toBe(v);
  });

  it('1 spread to x\'s shape times x is x (a sum\'s adjoint times a seed: no 1 * G_h1 in a reverse step); a 1 spread wider stays a product', () => {
    const g = graph();
    const G = g.variable('G', ['n', 2]);
    const one = g.apply('broadcast_to', [g.constant(1)], { shape: ['n', 2] });
    expect(g.mul(one, G)).toBe(G);
    expect(g.mul(G, one)).toBe(G);
    // a 1 spread to a larger shape than x's gives the product that shape: kept
    const column = g.variable('c', ['n', 1]);
    const wide = g.mul(one, column);
    expect(g.node(wide).op).toBe('mul');
    expect(g.shapeOf(wide)).toEqual(['n', 2]);
    // a 2 spread is a coefficient, not a 1
    expect(g.node(g.mul(g.apply('broadcast_to', [g.constant(2)], { shape: ['n', 2] }), G)).op).toBe('mul');
  });

  it('a loop index shifted by an integer is another index vector: range(s) ± c = range(s ± c); i / 2 and i + 0.5 stay ops', () => {
    const g = graph();
    const i = g.apply('range', [], { value: 0, shape: [5] });
    const plus = g.add(i, g.constant(1));
    expect(g.node(plus)).toMatchObject({ op: 'range', attrs: { value: 1, shape: [5] } });
    expect(g.add(g.constant(1), i)).toBe(plus);
    expect(g.node(g.sub(i, g.constant(2)))).toMatchObject({ op: 'range', attrs: { value: -2, shape: [5] } });
    expect(g.node(g.add(i, g.constant(0.5))).op).toBe('add');
    expect(g.node(g.div(i, g.constant(2))).op).toBe('div');
  });
});

describe('constant folding', () => {
  it('2 * 3 is the constant 6, with no mul node', () => {
    const g = graph();
    const six = g.mul(g.constant(2), g.constant(3));
    expect(g.constantValue(six)).toBe(6);
    expect(g.nodes.some((n) => n.op === 'mul')).toBe(false);
  });

  it('folds nested constant expressions: sin(0) + 2^3 / 4 = 2', () => {
    const g = graph();
    const id = g.add(g.call('sin', g.constant(0)), g.div(g.pow(g.constant(2), g.constant(3)), g.constant(4)));
    expect(g.constantValue(id)).toBe(2);
    expect(g.nodes.every((n) => n.op === 'const')).toBe(true);
  });

  it.each([
    ['log(-1)', (g: Graph) => g.call('log', g.constant(-1)), 'log'],
    ['log(0)', (g: Graph) => g.call('log', g.constant(0)), 'log'],
    ['sqrt(-4)', (g: Graph) => g.call('sqrt', g.constant(-4)), 'sqrt'],
    ['1 / 0', (g: Graph) => g.div(g.constant(1), g.constant(0)), 'div'],
    ['exp(1000)', (g: Graph) => g.call('exp', g.constant(1000)), 'exp'],
  ] as const)('does not fold %s into NaN or Infinity: it stays an op', (_, build, op) => {
    const g = graph();
    const id = build(g);
    expect(g.node(id).op).toBe(op);
    expect(g.constantValue(id)).toBeUndefined();
    expect(g.nodes.some((n) => n.op === 'const' && !Number.isFinite(n.attrs.value))).toBe(false);
  });
});

describe('dumpGraph', () => {
  it('prints one line per node: %id:shape = op detail args', () => {
    const g = graph();
    const x = g.variable('x');
    g.call('sin', g.mul(x, g.constant(2)));
    expect(dumpGraph(g)).toBe(
      ['%0:f64[] = var x', '%1:f64[] = const 2', '%2:f64[] = mul %0 %1', '%3:f64[] = sin %2'].join('\n'),
    );
  });

  it('prints tensor shapes', () => {
    const g = graph();
    g.call('tanh', g.variable('W', [2, 3]));
    expect(dumpGraph(g)).toBe('%0:f64[2,3] = var W\n%1:f64[2,3] = tanh %0');
  });
});

describe('verifyGraph', () => {
  /** x, y, x*y, sin(x*y): a valid graph to corrupt. */
  function valid(): Graph {
    const g = new Graph();
    const x = g.variable('x');
    g.call('sin', g.mul(x, g.variable('y')));
    return g;
  }
  const corruptions: readonly [string, (nodes: IrNode[]) => void, RegExp][] = [
    ['an argument defined after its use', (n) => (n[2] = { ...n[2], args: [0, 3] }), /not defined before/],
    ['a node stored under another id', (n) => (n[1] = { ...n[1], id: 7 }), /stored at index 1/],
    ['a duplicated node', (n) => n.push({ ...n[3], id: 4 }), /duplicates/],
    ['a wrong arity', (n) => (n[3] = { ...n[3], args: [2, 1] }), /arity/],
    ['a wrong shape', (n) => (n[3] = { ...n[3], shape: [2] }), /shape/],
    ['a leaf with arguments', (n) => (n[1] = { ...n[1], args: [0] }), /leaf/],
  ];
  it.each(corruptions)('rejects %s', (_, corrupt, message) => {
    const g = valid();
    expect(() => verifyGraph(g)).not.toThrow();
    corrupt(g.nodes);
    expect(() => verifyGraph(g)).toThrow(IrError);
    expect(() => verifyGraph(g)).toThrow(message);
  });
});
