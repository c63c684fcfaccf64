// How emitProgram lowers element-wise tensors that need no array of their
// own: recomputed where they are read (when that is cheap), or a broadcast
// scalar read as the scalar itself.
import { describe, expect, it } from 'vitest';
import { Graph } from '../src/ir/graph.js';
import { emitProgram } from '../src/backends/ts/tensor/program.js';
import { Workspace } from '../src/lower/workspace.js';

function lower(g: Graph, roots: number[], inputs: [number, string][]) {
  return emitProgram({ graph: g, roots, inputs: new Map(inputs), outputs: new Map(), workspace: new Workspace() });
}

describe('tensors without an array of their own', () => {
  it('a cheap tensor read twice by one loop is recomputed there: (c·W)∘(c·W)', () => {
    const g = new Graph();
    const W = g.variable('W', [3, 4]);
    const scaled = g.mul(g.constant(0.5), W);
    const square = g.mul(scaled, scaled); // (c·W + c·W is 2c·W when built)
    const p = lower(g, [square], [[W, 'W']]);
    expect(p.slots.has(scaled)).toBe(false);
    expect(p.statements.join('\n')).toMatch(/= \(0\.5 \* W\[(\w|[ *+])+\]\) \* \(0\.5 \* W\[/);
  });

  it('a costly tensor read twice keeps its array: exp is computed once per element', () => {
    const g = new Graph();
    const W = g.variable('W', [30, 40]); // large enough for a loop (small sizes are unrolled)
    const e = g.call('exp', W);
    const square = g.mul(e, e);
    const p = lower(g, [square], [[W, 'W']]);
    expect(p.slots.has(e)).toBe(true);
    expect(p.statements.join('\n').match(/Math\.exp/g)).toHaveLength(1);
  });

  it('a scalar broadcast over rows and reshaped is read as the scalar (no n-long array of 1/n)', () => {
    const g = new Graph();
    const X = g.variable('X', [3, 4]);
    const s = g.variable('s');
    const column = g.apply('reshape', [g.apply('broadcast_to', [s], { shape: [3] })], { shape: [3, 1] });
    const scaled = g.mul(X, column);
    const p = lower(g, [scaled], [[X, 'X'], [s, 's']]);
    expect([...p.slots.keys()]).toEqual([scaled]);
    expect(p.statements.join('\n')).toMatch(/= X\[(\w|[ *+])+\] \* s;/);
  });

  it('a broadcast scalar that a matrix product reads still gets its array', () => {
    const g = new Graph();
    const s = g.variable('s');
    const B = g.variable('B', [4, 2]);
    const A = g.apply('broadcast_to', [s], { shape: [3, 4] });
    const C = g.apply('matmul', [A, B]);
    const p = lower(g, [C], [[s, 's'], [B, 'B']]);
    expect(p.slots.has(A)).toBe(true);
  });
});
