// The shared lowering stage (src/lower/), without any backend: how each node
// is computed, which fuse, the batch axis by its symbol, and workspace slots.
import { describe, expect, it } from 'vitest';
import { Graph, type NodeId } from '../../src/ir/graph.js';
import { BATCH } from '../../src/ir/shape.js';
import { lowerProgram, type LoweringSpec } from '../../src/lower/plan.js';
import { Workspace } from '../../src/lower/workspace.js';

const n = BATCH;

function plan(g: Graph, roots: NodeId[], more: Partial<LoweringSpec> = {}) {
  return lowerProgram({ graph: g, roots, outputs: new Set(), workspace: new Workspace(), ...more });
}

describe('classification and fusion', () => {
  it('a cheap element-wise tensor read twice by one loop is recomputed there; a costly one keeps its array', () => {
    const g = new Graph();
    const W = g.variable('W', [3, 4]);
    const scaled = g.mul(g.constant(0.5), W);
    const e = g.call('exp', W);
    const cheap = plan(g, [g.mul(scaled, scaled)]); // (c·W + c·W is 2c·W when built)
    expect(cheap.how.get(scaled)).toBe('inlined');
    const costly = plan(g, [g.mul(e, e)]);
    expect(costly.how.get(e)).toBe('array');
    expect(costly.slots.has(e)).toBe(true);
  });

  it('an element-wise tensor read once by a sum fuses into the sum (Σ W∘W fills no array)', () => {
    const g = new Graph();
    const W = g.variable('W', [30, 40]);
    const square = g.mul(W, W);
    const total = g.apply('sum', [square]);
    const p = plan(g, [total]);
    expect(p.how.get(square)).toBe('inlined');
    expect(p.how.get(total)).toBe('reduction');
    expect(p.slots.size).toBe(0);
  });

  it('a broadcast scalar read only by loops is uniform; a reshape is an alias of its argument', () => {
    const g = new Graph();
    const X = g.variable('X', [n, 4]);
    const s = g.variable('s');
    const spread = g.apply('broadcast_to', [s], { shape: [n] });
    const column = g.apply('reshape', [spread], { shape: [n, 1] });
    const scaled = g.mul(X, column);
    const p = plan(g, [scaled]);
    expect([p.how.get(spread), p.how.get(column), p.how.get(scaled)]).toEqual(['uniform', 'uniform', 'array']);
    const rows = g.apply('reshape', [g.call('exp', X)], { shape: [n, 2, 2] });
    expect(plan(g, [g.call('tanh', rows)]).how.get(rows)).toBe('alias');
  });

  it('softmax and softmax_ce of the same logits are paired: one statement writes both', () => {
    const g = new Graph();
    const Z = g.variable('Z', [n, 3]);
    const Y = g.variable('Y', [n, 3]);
    const p = g.call('softmax', Z);
    const ce = g.apply('softmax_ce', [Z, Y]);
    const lowered = plan(g, [p, ce]);
    expect(lowered.partner.get(p)).toBe(ce);
    expect(lowered.partner.get(ce)).toBe(p);
    expect(lowered.slots.get(p)).not.toBe(lowered.slots.get(ce));
  });
});

describe('layout and workspace', () => {
  it('the batch axis is the symbol n, never a length: a [3, 4] tensor is fixed-size even when 3 rows are run', () => {
    const g = new Graph();
    const X = g.variable('X', [n, 4]);
    const W = g.variable('W', [3, 4]);
    const Z = g.apply('matmul_nt', [X, W]); // [n, 3]
    const G = g.apply('matmul_tn', [Z, X]); // [3, 4]
    const p = plan(g, [G, Z]);
    expect(p.layout.isBatched(Z)).toBe(true);
    expect(p.layout.isBatched(G)).toBe(false);
    expect(p.slots.get(Z)).toMatchObject({ length: 3, batched: true });
    expect(p.slots.get(G)).toMatchObject({ length: 12, batched: false });
  });

  it('outputs take no slot; a slot is handed on after its tensor\'s last use', () => {
    const g = new Graph();
    const X = g.variable('X', [n, 40]);
    const W = g.variable('W', [40, 40]);
    const a = g.call('exp', X);
    const m1 = g.apply('matmul_nt', [a, W]); // a is dead after this statement
    const m2 = g.apply('matmul_nt', [m1, W]);
    const out = g.apply('matmul_nt', [m2, W]);
    const p = plan(g, [out], { outputs: new Set([out]) });
    expect(p.slots.has(out)).toBe(false);
    expect(p.slots.get(m1)).not.toBe(p.slots.get(a)); // written while a is read
    expect(p.slots.get(m2)).toBe(p.slots.get(a));
    expect(p.buffers).toHaveLength(2);
  });

  it('a backend\'s kernel scratch is borrowed for its statement only', () => {
    const g = new Graph();
    const X = g.variable('X', [n, 40]);
    const W = g.variable('W', [30, 40]);
    const Z = g.apply('matmul_nt', [X, W]);
    const out = g.call('tanh', g.call('exp', Z));
    const p = plan(g, [out], { scratchLength: (node) => (node.op === 'matmul_nt' ? 1200 : undefined) });
    const scratch = p.scratch.get(Z);
    expect(scratch).toMatchObject({ length: 1200, batched: false });
    expect([...p.slots.values()]).not.toContain(scratch);
    expect(p.buffers).toContain(scratch);
  });

  it('a symbol after the first axis is refused with the node named', () => {
    const g = new Graph();
    const X = g.variable('X', [n, 4]);
    const outer = g.apply('matmul_nt', [X, X]); // [n, n]
    expect(() => plan(g, [g.call('exp', outer)])).toThrow(/%\d+: shape f64\[n,n\] has a symbolic dimension after the first axis/);
  });
});
