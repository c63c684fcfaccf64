// Graph.clone of a large graph: a 20 000-step recurrence written out for its notes is a graph of
// a few hundred thousand nodes, and clone's push(...nodes) passed them all as arguments (RangeError).
import { describe, expect, it } from 'vitest';
import { Graph } from '../../src/ir/graph.js';

describe('Graph.clone', () => {
  it('copies a graph of 300 000 nodes (no stack overflow), independent of the original', () => {
    const g = new Graph();
    let m = g.variable('m');
    const a = g.variable('a');
    for (let k = 0; k < 100_000; k++) m = g.add(g.mul(a, m), g.constant(k + 1));
    expect(g.nodes.length).toBeGreaterThan(300_000);
    const copy = g.clone();
    expect(copy.nodes.length).toBe(g.nodes.length);
    expect(copy.add(m, a)).toBe(g.nodes.length); // a new node in the copy …
    expect(g.find('add', [m, a])).toBeUndefined(); // … not in the original
  });
});
