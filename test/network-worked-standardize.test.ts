// A worked example of a model that standardizes its inputs (issue 11): with
// worked.standardize the given x are raw rows, in the data's own units, and
// the notes work the standardization before the forward pass — each feature's
// mean and standard deviation, one row x_j = (x_raw,j − μ_j)/σ_j with its
// numbers, every example's standardized input — then train on those. The rows
// are four Boston tracts (/work/shared/data/boston_house_prices.csv, rows 1–4:
// RM, LSTAT, PTRATIO → MEDV in k$; Harrison & Rubinfeld 1978, via StatLib).
import { describe, expect, it } from 'vitest';
import { compileNetwork } from '../src/compile/network/compile-network.js';
import { validateNetwork } from '../src/compile/network/validate.js';
import { buildNotes } from '../src/backends/latex/notes.js';
import type { GeneratedFrom } from '../src/backends/ts/module.js';
import { dense, network, type NetworkSpec } from '../src/dsl/network.js';
import { alignRows, checkPrintedArithmetic, checkStepLosses, printedNumber, standardizedRows, workedSection } from './helpers/worked-check.js';

const FROM: GeneratedFrom = { source: 'trials/model.ts', command: 'nncompile trials/model.ts', notes: 'trials/model.tex', version: '0.1.0' };
const TRACTS = [[6.575, 4.98, 15.3], [6.421, 9.14, 17.8], [7.185, 4.03, 17.8], [6.998, 2.94, 18.7]];

function houses(standardize: NonNullable<NetworkSpec['worked']>['standardize'], x: number[][] = TRACTS): NetworkSpec {
  return network({
    inputs: 3,
    layers: [dense(3, 'relu'), dense(1, 'linear')],
    loss: 'mse',
    optimizer: { kind: 'sgd', lr: 0.01, batchSize: 4 },
    standardize: true,
    worked: {
      weights: [{ W: [[0.4, -0.2, 0.3], [0.1, 0.5, -0.4], [-0.3, 0.2, 0.6]], b: [0.1, 0, -0.1] }, { W: [[0.7, -0.5, 0.4]], b: [22] }],
      x, y: x.map((_r, i) => [[24], [21.6], [34.7], [33.4]][i]), steps: 2,
      ...(standardize === undefined ? {} : { standardize }),
    },
  });
}
const notes = (spec: NetworkSpec) => buildNotes([], FROM, [compileNetwork('Houses', validateNetwork(spec))]).document;
/** The value a row `lhs &= … = value` of the worked section prints for `lhs`. */
function printed(worked: string, lhs: string): number {
  const row = alignRows(worked).find((r) => r.startsWith(`${lhs} &= `));
  expect(row, lhs).toBeDefined();
  return printedNumber(row?.split(' = ').pop() ?? '');
}

describe('worked.standardize works the inputs\' standardization before the forward pass', () => {
  it("'batch': each feature's μ and σ over the four tracts, one row standardized, as plain loops compute them", () => {
    const worked = workedSection(notes(houses('batch')));
    const X = standardizedRows(TRACTS, 'batch');
    for (let j = 0; j < 3; j++) {
      const column = TRACTS.map((r) => r[j]);
      const mu = column.reduce((s, v) => s + v, 0) / 4;
      const sigma = Math.sqrt(column.reduce((s, v) => s + (v - mu) ** 2, 0) / 4);
      expect(printed(worked, `\\mu_{${j + 1}}`)).toBeCloseTo(mu, 4);
      expect(printed(worked, `\\sigma_{${j + 1}}`)).toBeCloseTo(sigma, 4);
      expect(printed(worked, `x^{(1)}_{${j + 1}}`)).toBeCloseTo(X[0][j], 5);
    }
    expect(worked).toContain('x^{(1)}_{\\text{raw}} &= \\begin{bmatrix} 6.575 & 4.98 & 15.3 \\end{bmatrix}^{\\top}');
    expect(worked).not.toContain('used as given (as if already standardized)');
    // the forward pass reads the standardized input: z¹₁ of example 1 with x₁ = −0.711481
    expect(alignRows(worked).find((r) => r.startsWith('z^{1}_{1} &= '))).toContain('= 0.4 \\times \\left(-0.711481\\right) + ');
    expect(checkPrintedArithmetic(worked)).toBeGreaterThan(40);
    checkStepLosses(houses('batch'), worked);
  });

  it('{ mean, std } as given (a training set\'s): a table of them, the rows standardized with them', () => {
    const given = { mean: [6.28, 12.65, 18.46], std: [0.70, 7.13, 2.16] };
    const worked = workedSection(notes(houses(given)));
    expect(worked).toContain('here as the model gives them');
    expect(worked).toContain('$1$ & $6.28$ & $0.7$ \\\\*');
    expect(printed(worked, 'x^{(1)}_{1}')).toBeCloseTo((6.575 - 6.28) / 0.7, 5);
    checkStepLosses(houses(given), worked);
  });

  it('a feature constant over the batch has σ = 0, taken as 1 (as the trainer takes it)', () => {
    const x = TRACTS.map((r) => [r[0], 0, r[2]]); // CHAS, the Charles River dummy, is 0 in all four
    const worked = workedSection(notes(houses('batch', x)));
    expect(worked).toMatch(/\\sigma_\{2\} &= \\sqrt\{[^\n]*\} = 0, \\text\{ taken as \} \\sigma_\{2\} = 1/);
    expect(printed(worked, 'x^{(1)}_{2}')).toBe(0);
    checkStepLosses(houses('batch', x), worked);
  });

  it.each([
    ['a model that does not standardize', { ...houses('batch'), standardize: false }, /does not standardize its inputs/],
    ["'batch' over one example", houses('batch', [TRACTS[0]]), /needs two or more worked examples/],
    ['a standard deviation of 0', houses({ mean: [0, 0, 0], std: [1, 0, 1] }), /a standard deviation must be positive, got 0/],
    ['a mean of the wrong length', houses({ mean: [0, 0], std: [1, 1, 1] }), /worked\.standardize\.mean must be an array of 3 numbers/],
    ['another word', houses('training' as 'batch'), /must be 'batch' or \{ mean, std \}/],
  ])('refuses %s, naming the option', (_what, spec, message) => {
    expect(() => validateNetwork(spec as NetworkSpec)).toThrow(message);
  });
});
