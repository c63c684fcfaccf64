// ir/evaluate-taken.ts: the interpreter that computes only the side taken of each select, as code with real branches runs.
import { describe, expect, it } from 'vitest';
import { Graph } from '../../src/ir/graph.js';
import { evaluateTaken } from '../../src/ir/evaluate-taken.js';
import { evaluateScalars } from '../../src/ir/evaluate.js';

describe('evaluateTaken', () => {
  it('computes the comparison, then only the side taken: ln x at x = −1 is not computed', () => {
    const g = new Graph();
    const x = g.variable('x');
    const log = g.apply('log', [x]);
    const out = g.apply('select_lt', [g.constant(0), x, log, g.constant(0)]);
    const at = (v: number) => evaluateTaken(g, [out], { x: v });
    expect(at(-1).get(out)).toBe(0);
    expect(at(-1).has(log)).toBe(false);
    expect(at(Math.E).get(out)).toBe(1);
    expect(at(Math.E).has(log)).toBe(true);
  });

  it('agrees with evaluateGraph where every node is computed, and runs a chain deeper than the call stack', () => {
    const g = new Graph();
    const x = g.variable('x');
    let s = x;
    for (let i = 0; i < 50_000; i++) s = g.apply('add', [g.apply('mul', [s, g.constant(0.5)]), x]);
    const got = evaluateTaken(g, [s], { x: 1.25 }).get(s);
    expect(got).toBe(evaluateScalars(g, [s], { x: 1.25 })[0]);
  });
});
