import type { Argument } from './function-model.js';

/** A function with a long loop, as a user writes it, and a point to try it at. */
export interface LoopShape {
  readonly what: string;
  /** Its export name. */
  readonly name: string;
  /** Top-level declarations it reads (a constant table). */
  readonly preamble?: string;
  readonly fn: string;
  readonly lengths?: Readonly<Record<string, number>>;
  readonly point: (seed: number) => readonly Argument[];
}

const wave = (n: number, seed: number, scale = 1) => Array.from({ length: n }, (_, i) => Math.sin(seed * (i + 1) + 0.3) * scale);
const TABLE = Array.from({ length: 40 }, (_, i) => Number((0.5 + 0.4 * Math.cos(0.37 * i)).toFixed(3)));

export const LOOP_SHAPES: readonly LoopShape[] = [
  {
    what: 'a recurrence reading a top-level table at the loop index, T[i]',
    name: 'tableEma',
    preamble: `const T = [${TABLE.join(', ')}];`,
    fn: `(a: number, b: number) => {
      let m = 0;
      for (let i = 0; i < T.length; i++) m = a * m + b * T[i];
      return m * m;
    }`,
    point: (seed) => [0.8 + 0.05 * seed, 0.3 * seed],
  },
  {
    what: 'a least-squares sum over a table, T[i] and T[i + 1] (independent iterations)',
    name: 'tableFit',
    fn: `(a: number, b: number) => {
      let s = 0;
      for (let i = 0; i < T.length - 1; i++) {
        const r = a * T[i] + b - T[i + 1];
        s += r * r;
      }
      return s;
    }`,
    point: (seed) => [0.7 + 0.1 * seed, 0.2 * seed],
  },
  {
    what: 'a table read from index 3 on (T[i − 3]) beside a vector parameter',
    name: 'tableWeights',
    fn: `(x: Float64Array, c: number) => {
      let h = c;
      for (let i = 3; i < 23; i++) h = Math.tanh(T[i - 3] * h + x[i]);
      return h;
    }`,
    lengths: { x: 23 },
    point: (seed) => [wave(23, seed), 0.4 * seed],
  },
];
