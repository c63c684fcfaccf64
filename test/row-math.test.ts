// The straight-line tanh x and e^{−|z|} of a small network's rows
// (src/backends/ts/network/row-math.ts): the emitted statements, run with the
// module's tables, against Math.tanh and Math.exp over wide sweeps — within
// 4 ulp and 1 ulp everywhere, special values (±0 with its sign, ±∞, NaN,
// subnormals, the saturation near ±19.06, the underflow near 745) exactly.
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { expNegAbsStatements, tanhStatements } from '../src/backends/ts/network/row-math.js';
import { readTemplate } from '../src/util/templates.js';
import { seededRandom } from './helpers/random.js';

/** Emitted statements as a JS function of x, with the helper template's table. */
function emitted(statements: (x: string, out: string) => string[], table: string): (x: number) => number {
  const source = `${readTemplate(`helpers/${table}.ts`)}\nreturn (x: number): number => {\n${statements('x', 'y').join('\n')}\nreturn y;\n};`;
  const js = ts.transpile(source, { target: ts.ScriptTarget.ES2022 });
  return new Function(js)() as (x: number) => number;
}

const f64 = new Float64Array(1);
const bits = new BigUint64Array(f64.buffer);
/** Distance in units in the last place between two finite doubles of the same sign (∞ for opposite signs). */
function ulpDistance(a: number, b: number): number {
  if (a === b) return 0;
  if (a < 0 !== b < 0) return Infinity;
  f64[0] = Math.abs(a);
  const ia = bits[0];
  f64[0] = Math.abs(b);
  const ib = bits[0];
  return Number(ia > ib ? ia - ib : ib - ia);
}

describe('straight-line tanh', () => {
  const tanh = emitted(tanhStatements, 'powersOfTwo');

  it('gives the special values exactly: ±0 with its sign, ±∞ → ±1, NaN, subnormals, saturation', () => {
    expect(Object.is(tanh(0), 0)).toBe(true);
    expect(Object.is(tanh(-0), -0)).toBe(true);
    expect(tanh(Infinity)).toBe(1);
    expect(tanh(-Infinity)).toBe(-1);
    expect(tanh(NaN)).toBeNaN();
    for (const x of [5e-324, -5e-324, 2.2e-308, -1e-300, 1e-200, 3e-9, -7e-9]) expect(tanh(x), `${x}`).toBe(Math.tanh(x));
    for (const x of [19.06, 19.07, 19.1, 19.5, 19.6, 25, 300, 1e300, Number.MAX_VALUE]) {
      expect(tanh(x), `${x}`).toBe(Math.tanh(x));
      expect(tanh(-x), `${-x}`).toBe(Math.tanh(-x));
    }
  });

  it('is within 4 ulp of Math.tanh over a wide sweep, odd, and bounded by ±1', () => {
    const random = seededRandom(13);
    const points: number[] = [];
    for (let i = 0; i < 100_000; i++) points.push((random() - 0.5) * 44); // the whole curve, saturation included
    for (let i = 0; i < 50_000; i++) points.push((random() - 0.5) * 2.2); // where it bends
    for (let i = 0; i < 50_000; i++) points.push((random() < 0.5 ? -1 : 1) * Math.exp((random() - 0.9) * 60)); // magnitudes 1e-23 … 400
    // the reduction's seams: 2|x| near k ln 2 / 2 and the switch of form at |x| = 0.55
    for (let k = 0; k <= 56; k++) for (const d of [-1e-12, 0, 1e-12]) points.push(((k + 0.5) * Math.LN2) / 2 + d, (k * Math.LN2) / 2 + d);
    for (const d of [-1e-15, 0, 1e-15]) points.push(0.55 + d);
    let worst = 0;
    let at = 0;
    const notOdd: number[] = [];
    const unbounded: number[] = [];
    for (const x of points) {
      const y = tanh(x);
      const d = ulpDistance(y, Math.tanh(x));
      if (d > worst) [worst, at] = [d, x];
      if (!Object.is(tanh(-x), -y)) notOdd.push(x);
      if (!(Math.abs(y) <= 1)) unbounded.push(x);
    }
    expect(worst, `worst at x = ${at}`).toBeLessThanOrEqual(4);
    expect(notOdd).toEqual([]);
    expect(unbounded).toEqual([]);
  });
});

describe('straight-line e^{−|z|}', () => {
  const expNegAbs = emitted(expNegAbsStatements, 'expScales');

  it('gives the special values exactly: 1 at ±0, 0 at ±∞ and past the underflow, NaN, subnormal results', () => {
    expect(expNegAbs(0)).toBe(1);
    expect(expNegAbs(-0)).toBe(1);
    expect(expNegAbs(Infinity)).toBe(0);
    expect(expNegAbs(-Infinity)).toBe(0);
    expect(expNegAbs(NaN)).toBeNaN();
    for (const z of [5e-324, 1e-300, 1e-17, 745.2, 745.1, 746, 746.5, 800, 1e300, Number.MAX_VALUE]) {
      expect(expNegAbs(z), `${z}`).toBe(Math.exp(-z));
      expect(expNegAbs(-z), `${-z}`).toBe(Math.exp(-z));
    }
    // subnormal results: exact to the last place of the subnormal grid
    for (const z of [708.5, 710, 720, 730, 740, 744.4]) expect(Math.abs(expNegAbs(z) - Math.exp(-z)), `${z}`).toBeLessThanOrEqual(5e-324);
  });

  it('is within 1 ulp of Math.exp(−|z|) over a wide sweep', () => {
    const random = seededRandom(17);
    const points: number[] = [];
    for (let i = 0; i < 100_000; i++) points.push((random() - 0.5) * 1400); // the whole normal range
    for (let i = 0; i < 50_000; i++) points.push((random() - 0.5) * 8);
    for (let i = 0; i < 50_000; i++) points.push((random() < 0.5 ? -1 : 1) * Math.exp((random() - 0.8) * 40)); // magnitudes 1e-14 … 3000
    for (let k = 0; k <= 1020; k++) for (const d of [-1e-9, 0, 1e-9]) points.push(((k + 0.5) * Math.LN2) + d); // the reduction's seams
    let worst = 0;
    let at = 0;
    for (const z of points) {
      if (Math.abs(z) > 708) continue; // subnormal results: checked above
      const d = ulpDistance(expNegAbs(z), Math.exp(-Math.abs(z)));
      if (d > worst) [worst, at] = [d, z];
    }
    expect(worst, `worst at z = ${at}`).toBeLessThanOrEqual(1);
  });
});
