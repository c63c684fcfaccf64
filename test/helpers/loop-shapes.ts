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

/** A constant array read at the loop index (T[i]). */
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

/** The shapes a user writes next (issue 10's trial): each a loop kept as a loop. */
export const NEXT_SHAPES: readonly LoopShape[] = [
  {
    what: 'lags: x[i] and x[i − 1] (a first difference of a signal)',
    name: 'lags',
    fn: `(a: number, x: Float64Array) => {
      let s = 0;
      for (let i = 1; i < x.length; i++) {
        const d = x[i] - a * x[i - 1];
        s += d * d;
      }
      return s;
    }`,
    lengths: { x: 50 },
    point: (seed) => [0.6 + 0.1 * seed, wave(50, seed)],
  },
  {
    what: 'a guarded continue, if (x[i] < c) continue, in a sum',
    name: 'skipSmall',
    fn: `(c: number, x: Float64Array) => {
      let s = 0;
      for (let i = 0; i < x.length; i++) {
        if (x[i] < c) continue;
        s += x[i] * x[i];
      }
      return s;
    }`,
    lengths: { x: 30 },
    point: (seed) => [0.1 * seed - 0.15, wave(30, seed)],
  },
  {
    what: 'a guarded continue with work before it, in a recurrence',
    name: 'skipEma',
    fn: `(a: number, x: Float64Array) => {
      let m = 0;
      let n = 0;
      for (let i = 0; i < x.length; i++) {
        if (Math.abs(x[i]) > 0.9) {
          n += 1;
          continue;
        }
        m = a * m + (1 - a) * x[i];
      }
      return m + 0.01 * n * a;
    }`,
    lengths: { x: 40 },
    point: (seed) => [0.8 + 0.05 * seed, wave(40, seed)],
  },
  {
    what: 'two vectors zipped, w[i]·x[i], feeding a recurrence',
    name: 'zipped',
    fn: `(a: number, w: Float64Array, x: Float64Array) => {
      let h = 0;
      for (let i = 0; i < x.length; i++) {
        const z = w[i] * x[i];
        h = Math.tanh(a * h + z);
      }
      return h;
    }`,
    lengths: { w: 20, x: 20 },
    point: (seed) => [0.5 + 0.1 * seed, wave(20, seed + 1), wave(20, seed)],
  },
  {
    what: 'a body calling a helper function of the file',
    name: 'helperCall',
    preamble: 'function sq(v: number): number {\n  return v * v;\n}',
    fn: `(mu: number, x: Float64Array) => {
      let s = 0;
      for (let i = 0; i < x.length; i++) s += sq(x[i] - mu);
      return s;
    }`,
    lengths: { x: 25 },
    point: (seed) => [0.2 * seed, wave(25, seed)],
  },
  {
    what: 'a kept loop followed by a second one using its result (mean, then variance)',
    name: 'variance',
    fn: `(c: number, x: Float64Array) => {
      let mu = 0;
      for (let i = 0; i < x.length; i++) mu += x[i];
      mu /= x.length;
      let v = 0;
      for (let i = 0; i < x.length; i++) v += (x[i] - mu) ** 2;
      return c * v / x.length;
    }`,
    lengths: { x: 25 },
    point: (seed) => [1 + 0.5 * seed, wave(25, seed)],
  },
  {
    what: 'a recurrence inside an outer loop',
    name: 'repeatedEma',
    fn: `(a: number, x: Float64Array) => {
      let s = 0;
      for (let e = 0; e < 3; e++) {
        let m = e;
        for (let i = 0; i < x.length; i++) m = a * m + (1 - a) * x[i];
        s += m * (e + 1);
      }
      return s;
    }`,
    lengths: { x: 40 },
    point: (seed) => [0.8 + 0.05 * seed, wave(40, seed)],
  },
  {
    what: 'a double sum over a matrix given as number[] with a length (rows of 10)',
    name: 'matrixSum',
    fn: `(b: number, A: number[], w: number[]) => {
      let s = 0;
      for (let i = 0; i < 12; i++) {
        let row = b;
        for (let j = 0; j < 10; j++) row += A[i * 10 + j] * w[j];
        s += row * row;
      }
      return s;
    }`,
    lengths: { A: 120, w: 10 },
    point: (seed) => [0.1 * seed, wave(120, seed), wave(10, seed + 2)],
  },
  {
    what: 'Euler integration of a 2-body spring system over 1000 steps',
    name: 'springs',
    fn: `(k: number, m1: number, m2: number, x1: number, x2: number) => {
      let p1 = x1;
      let p2 = x2;
      let v1 = 0;
      let v2 = 0;
      const dt = 0.001;
      for (let i = 0; i < 1000; i++) {
        const f = k * (p2 - p1 - 1);
        v1 += dt * f / m1;
        v2 -= dt * f / m2;
        p1 += dt * v1;
        p2 += dt * v2;
      }
      return (p2 - p1) ** 2 + 0.5 * m1 * v1 * v1;
    }`,
    point: (seed) => [3 + seed, 1 + 0.2 * seed, 2 - 0.3 * seed, 0.1 * seed, 1.6 + 0.1 * seed],
  },
  {
    what: 'a recurrence counting down, for (let i = n − 1; i >= 0; i--) (Horner)',
    name: 'countDown',
    fn: `(a: number, x: Float64Array) => {
      let h = 0;
      for (let i = x.length - 1; i >= 0; i--) h = a * h + x[i];
      return h * h;
    }`,
    lengths: { x: 100 },
    point: (seed) => [0.9 + 0.02 * seed, wave(100, seed)],
  },
  {
    what: 'counting down to i > 0 with x[i − 1] and a table, --i',
    name: 'countDownLag',
    fn: `(a: number, x: Float64Array) => {
      let h = 0.5;
      for (let i = 30; i > 0; --i) h = Math.tanh(a * h + x[i] - T[i - 1] * x[i - 1]);
      return h;
    }`,
    lengths: { x: 31 },
    point: (seed) => [0.6 + 0.1 * seed, wave(31, seed)],
  },
  {
    what: 'a sum counting down, s += …, i -= 1 (independent iterations, added from the last)',
    name: 'countDownSum',
    fn: `(c: number, x: Float64Array) => {
      let s = 0;
      for (let i = x.length - 1; i >= 0; i -= 1) s += (x[i] - c) ** 2;
      return s;
    }`,
    lengths: { x: 40 },
    point: (seed) => [0.1 * seed, wave(40, seed)],
  },
  {
    what: 'a recurrence with step 2, i += 2, reading x[i] and x[i + 1]',
    name: 'stepTwo',
    fn: `(c: number, x: Float64Array) => {
      let s = 0;
      for (let i = 0; i < x.length; i += 2) s = s * c + x[i] * x[i + 1];
      return s;
    }`,
    lengths: { x: 100 },
    point: (seed) => [0.7 + 0.05 * seed, wave(100, seed)],
  },
  {
    what: 'step 3 from 1, i = i + 3, with a table and a sum of independent iterations',
    name: 'stepThree',
    fn: `(a: number, b: number, x: Float64Array) => {
      let h = 0;
      let s = 0;
      for (let i = 1; i < 37; i = i + 3) {
        h = Math.tanh(a * h + T[i] * x[i - 1]);
        s += (x[i + 1] - b) ** 2;
      }
      return h + s;
    }`,
    lengths: { x: 38 },
    point: (seed) => [0.5 + 0.1 * seed, 0.1 * seed, wave(38, seed)],
  },
  {
    what: 'a sum with step 2 (independent iterations: lanes), odd elements against even',
    name: 'stepTwoSum',
    fn: `(a: number, x: Float64Array) => {
      let s = 0;
      for (let i = 0; i < x.length - 1; i += 2) s += (x[i + 1] - a * x[i]) ** 2;
      return s;
    }`,
    lengths: { x: 60 },
    point: (seed) => [0.6 + 0.1 * seed, wave(60, seed)],
  },
];
