// The vanishing/exploding gradient story in numbers (issue 11): the worked BPTT notes of an Elman layer print,
// for every step back, the size of the step's Jacobian J_t = ∂h_t/∂h_{t−1} = diag(f′) U (its largest singular
// value) and the running product ∏ ‖J_u‖₂, which bounds how much of the gradient at h_T reaches h_{t−1}.
import { describe, expect, it } from 'vitest';
import { dense, network, rnn } from '../src/dsl/network.js';
import { validateSequenceNetwork } from '../src/compile/network/validate-sequence.js';
import { compileSequenceNetwork } from '../src/compile/network/compile-sequence.js';
import { sequenceWorkedStep } from '../src/compile/network/sequence-worked-step.js';
import { TexWriter } from '../src/backends/latex/tex-writer.js';
import { writeSequenceNetwork } from '../src/backends/latex/network/recurrent/sequence-section.js';
import { spectralNorm } from '../src/backends/latex/network/recurrent/worked-jacobians.js';
import { katexError } from './helpers/katex.js';

/** σ_max of a 2 × 2 matrix in closed form: √((S + √(S² − 4 det²)) / 2), S the sum of the squared entries. */
const sigmaMax2 = ([[a, b], [c, d]]: number[][]) => {
  const S = a * a + b * b + c * c + d * d;
  const det = a * d - b * c;
  return Math.sqrt((S + Math.sqrt(S * S - 4 * det * det)) / 2);
};

/** An Elman 1 → 2 → 1 on x = (0.1, 0, 0, 0, 0, 0), U as given: the notes' values by label. */
function notesOf(U: number[][]) {
  const spec = network({ inputs: { sequence: 1 }, layers: [rnn(2, 'tanh'), dense(1, 'linear')], loss: 'mse', optimizer: { kind: 'sgd', lr: 0.1 } });
  const net = compileSequenceNetwork('Long', validateSequenceNetwork(spec));
  const params = { W1: [0.1, 0.05], U1: U.flat(), b1: [0, 0], W2: [2, -1.5], b2: [0] };
  const worked = sequenceWorkedStep(net, { params, x: [[[0.1], [0], [0], [0], [0], [0]]], y: [[[1]]] });
  const out = new TexWriter();
  writeSequenceNetwork({ ...net, worked }, out);
  const value = (label: string) => out.values().values.find((v) => v.label === label)?.value;
  return { out, value, states: worked.sequences[0].states };
}

describe('the Jacobians of the steps, in numbers', () => {
  it('spectralNorm is the largest singular value (2 × 2 in closed form; a permutation; a rank-one and a zero matrix)', () => {
    for (const J of [[[1.6, 0.8], [-0.9, 1.4]], [[0.3, -0.2], [0.1, 0.05]], [[2, 2], [1, 1]], [[0, 0], [0, 0]]]) expect(spectralNorm(J)).toBeCloseTo(sigmaMax2(J), 12);
    expect(spectralNorm([[0, 3, 0], [0, 0, -2], [0.5, 0, 0]])).toBeCloseTo(3, 12);
    expect(spectralNorm([[1, 1, 1], [1, 1, 1], [1, 1, 1]])).toBeCloseTo(3, 12);
  });

  it('large recurrent weights: ‖J_t‖₂ > 1 at every step and the product grows; it bounds the adjoint\'s growth back in time', () => {
    const U = [[1.6, 0.8], [-0.9, 1.4]];
    const { out, value, states } = notesOf(U);
    expect(out.body()).toContain('How far back the gradient reaches');
    let product = 1;
    const top = value('\\lVert \\partial L / \\partial h^{1}_{6} \\rVert')!;
    for (let t = 6; t >= 2; t--) {
      const h = states[t][0];
      const J = U.map((row, r) => row.map((u) => (1 - h[r] * h[r]) * u));
      const norm = value(`\\lVert J^{1}_{${t}} \\rVert_{2}`);
      expect(norm).toBeCloseTo(sigmaMax2(J), 12);
      expect(norm).toBeGreaterThan(1);
      product *= sigmaMax2(J);
      expect(value(`\\prod_{u=${t}}^{6} \\lVert J^{1}_{u} \\rVert_{2}`)).toBeCloseTo(product, 10);
      // ‖∂L/∂h_{t−1}‖ ≤ ∏_{u=t}^{T} ‖J_u‖₂ ‖∂L/∂h_T‖ (many-to-one: the gradient enters at h_T only)
      expect(value(`\\lVert \\partial L / \\partial h^{1}_{${t - 1}} \\rVert`)!).toBeLessThanOrEqual(product * top * (1 + 1e-12));
    }
    expect(product).toBeGreaterThan(10);
    expect(out.formulas().map(katexError).filter((e) => e !== undefined)).toEqual([]);
  });

  it('small recurrent weights: the product falls below 1 and keeps falling (vanishing)', () => {
    const { value } = notesOf([[0.3, -0.2], [0.1, 0.25]]);
    const products = [6, 5, 4, 3, 2].map((t) => value(`\\prod_{u=${t}}^{6} \\lVert J^{1}_{u} \\rVert_{2}`)!);
    products.slice(1).forEach((p, i) => expect(p).toBeLessThan(products[i]));
    expect(products[4]).toBeLessThan(1e-2);
  });
});
