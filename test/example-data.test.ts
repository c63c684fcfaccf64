// The examples' data helpers (examples/data.ts): the shifted-copy
// augmentation of the digits example and the k-fold splits its
// cross-validation uses.
import { describe, expect, it } from 'vitest';
import { type Dataset, kFolds, withShiftedCopies } from '../examples/data.js';

/** One 3 × 2 image (width 3, height 2) with pixels 1..6, and a 2-class label. */
const image: Dataset = { X: Float64Array.of(1, 2, 3, 4, 5, 6), Y: Float64Array.of(0, 1), n: 1, inputs: 6, outputs: 2 };

describe('withShiftedCopies', () => {
  it('adds the image shifted right, left, down and up, filling with 0', () => {
    const shifted = withShiftedCopies(image, 3, 2);
    expect(shifted.n).toBe(5);
    const rows = Array.from({ length: 5 }, (_, i) => Array.from(shifted.X.subarray(i * 6, i * 6 + 6)));
    expect(rows).toEqual([
      [1, 2, 3, 4, 5, 6], // as is
      [0, 1, 2, 0, 4, 5], // right
      [2, 3, 0, 5, 6, 0], // left
      [0, 0, 0, 1, 2, 3], // down
      [4, 5, 6, 0, 0, 0], // up
    ]);
  });

  it('copies every label next to its images', () => {
    const two: Dataset = { X: new Float64Array(12).fill(1), Y: Float64Array.of(1, 0, 0, 1), n: 2, inputs: 6, outputs: 2 };
    const shifted = withShiftedCopies(two, 3, 2);
    expect(Array.from(shifted.Y)).toEqual([...Array(5).fill([1, 0]).flat(), ...Array(5).fill([0, 1]).flat()]);
  });

  it('refuses data that are not width × height images', () => {
    expect(() => withShiftedCopies(image, 4, 2)).toThrow(/6 inputs are not 4×2 images/);
  });
});

describe('kFolds', () => {
  it('holds out every row exactly once and trains on the rest', () => {
    const folds = kFolds(23, 5, 7);
    const heldOut = folds.flatMap((f) => Array.from(f.heldOut)).sort((a, b) => a - b);
    expect(heldOut).toEqual(Array.from({ length: 23 }, (_, i) => i));
    for (const f of folds) {
      expect(f.train.length + f.heldOut.length).toBe(23);
      const train = new Set(f.train);
      expect(Array.from(f.heldOut).some((r) => train.has(r))).toBe(false);
    }
  });
});
