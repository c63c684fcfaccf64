import { describe, expect, it } from 'vitest';
import { PAGE_BYTES, planMemory } from '../src/backends/wasm/memory-plan.js';

const arrays = [
  { name: 'ws0', length: 128, batched: true }, // a hidden layer's activations, per row
  { name: 'W1', length: 784 * 128, batched: false },
  { name: 'b1', length: 3, batched: false }, // an odd length: the next array still starts on 16 bytes
  { name: 'X', length: 784, batched: true },
  { name: 'dL_dW1', length: 784 * 128, batched: false },
];

describe('the linear-memory plan', () => {
  it('places every array 16-byte aligned, without overlap, fixed-size arrays first', () => {
    const plan = planMemory(arrays, 64);
    const placed = arrays.map((a) => ({ ...a, start: plan.offsets.get(a.name) as number, end: (plan.offsets.get(a.name) as number) + a.length * (a.batched ? 64 : 1) * 8 }))
      .sort((p, q) => p.start - q.start);
    expect(placed.map((p) => p.name)).toEqual(['W1', 'b1', 'dL_dW1', 'ws0', 'X']);
    for (const [i, p] of placed.entries()) {
      expect(p.start % 16).toBe(0);
      if (i > 0) expect(p.start).toBeGreaterThanOrEqual(placed[i - 1].end);
    }
    expect(plan.bytes).toBeGreaterThanOrEqual(placed[placed.length - 1].end);
    expect(plan.pages).toBe(Math.ceil(plan.bytes / PAGE_BYTES));
  });

  it('moves only the batched arrays when the capacity grows', () => {
    const [small, large] = [planMemory(arrays, 32), planMemory(arrays, 256)];
    for (const name of ['W1', 'b1', 'dL_dW1']) expect(large.offsets.get(name)).toBe(small.offsets.get(name));
    expect(large.offsets.get('X')).toBeGreaterThan(small.offsets.get('X') as number);
    expect(large.pages).toBeGreaterThan(small.pages);
  });

  it('sizes f32 arrays by 4 bytes, and rejects a bad capacity or a name placed twice', () => {
    expect(planMemory([{ name: 'a', length: 5, batched: false }], 1, 4).bytes).toBe(32);
    expect(planMemory([{ name: 'a', length: 5, batched: false }], 1).bytes).toBe(48);
    expect(() => planMemory(arrays, 0)).toThrow('batch capacity 0 must be a positive integer');
    expect(() => planMemory([arrays[0], arrays[0]], 8)).toThrow('array ws0 is placed twice');
  });
});
