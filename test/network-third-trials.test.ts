// A third trial of the feedforward notes (issue 11): thirteen models nobody
// had written (test/helpers/third-trials.ts) — a 3-3-2 softmax classifier
// with categorical cross-entropy, MAE regression, tanh XOR with momentum, two
// ReLU layers with He initialization and L2, Adam on logistic regression over
// four standardized rows of real data, dropout with the textbook's mask, no
// bias, a shared bias, a mini-batch of four with the mean loss, clipping by
// norm that clips, ten steps, a frozen output layer with momentum, a batch of
// three. Every printed calculation is re-evaluated from the TeX, every step's
// loss recomputed by plain loops, every formula parsed by KaTeX.
import { describe, expect, it } from 'vitest';
import { katexError } from './helpers/katex.js';
import { checkPrintedArithmetic, checkStepLosses, workedSection } from './helpers/worked-check.js';
import { THIRD_TRIALS } from './helpers/third-trials.js';
import { trialNotes } from './helpers/trial-notes.js';

const thirdTrialNotes = trialNotes(THIRD_TRIALS);
const names = Object.keys(THIRD_TRIALS);

describe('third trial: every printed calculation and every step\'s loss is right', () => {
  it.each(names)('%s: each side of each = (and ←) evaluates to the next', (name) => {
    expect(checkPrintedArithmetic(workedSection(thirdTrialNotes(name).document))).toBeGreaterThan(10);
  });

  // ReluOnKink: its units sit on the kink up to rounding, where another order of the same sum takes the other side
  it.each(names.filter((n) => n !== 'ReluOnKink'))('%s: the loss before and after every step, as plain loops compute it', (name) => {
    checkStepLosses(THIRD_TRIALS[name], workedSection(thirdTrialNotes(name).document));
  });

  it.each(names)('%s: every formula renders', (name) => {
    expect(thirdTrialNotes(name).formulas.map(katexError).filter((e) => e !== undefined)).toEqual([]);
  });
});

/** The appendix: the graph the code is printed from. */
const appendix = (tex: string) => tex.slice(tex.indexOf('\\section{Appendix'));

describe('third trial: what a student objected to, fixed', () => {
  it('the appendix\'s graph writes the ½ of the loss and the ½λ₂ of the penalty as fractions, not 0.5 and 0.005', () => {
    const relu = appendix(thirdTrialNotes('ReluHeL2').document);
    expect(relu).toMatch(/^L &= \\sum\\left\(\\frac\{1\}\{2\} \\left\(/m);
    expect(relu).toContain('\\frac{0.01}{2} \\sum\\left({W^{1}} \\odot {W^{1}}\\right)');
    expect(relu).not.toMatch(/0\.005|0\.5 \\left/);
  });

  it('clipping by norm states its rule with c (min(1, 1/‖g‖) read as a number of the rule when c = 1), and the worked update says it clips first', () => {
    const tex = thirdTrialNotes('ClipNorm').document;
    expect(tex).toContain('First the gradient is clipped, with $c = 1$, $\\mathbf{g}$ every gradient entry of every layer as one vector:');
    expect(tex).toContain('g &\\leftarrow g \\cdot \\min\\left(1, \\frac{c}{\\lVert \\mathbf{g} \\rVert_{2}}\\right)');
    const worked = workedSection(tex);
    expect(worked).toContain('\\emph{Update.} First the gradient is clipped, then each entry moves against its clipped gradient $g$ ($\\eta = 0.1$):');
    // and it does clip: ‖g‖ = 6.44331 > c = 1
    expect(worked).toContain('\\text{scale} &= \\min\\left(1, \\frac{1}{6.44331}\\right) = 0.1552');
  });

  it('a ReLU unit on its kink up to rounding (shown z = 0, held 2.8 × 10⁻¹⁷, H = 1) is explained, an exact 0 is not', () => {
    const worked = workedSection(thirdTrialNotes('ReluOnKink').document);
    expect(worked).toContain('\\operatorname{ReLU}\'\\left(z^{1}_{1}\\right) &= H\\left(z^{1}_{1}\\right) = H\\left(0\\right) = 1');
    expect(worked).toContain('A pre-activation shown as 0 above is 0 only up to rounding: $z^{1}_{1}$ of example 1 is $2.77556 \\times 10^{-17}$, '
      + 'which is positive');
    expect(worked).not.toContain('of example 2 is'); // z¹₂ of example 2 is exactly 0: H(0) = 0, as stated
    expect(workedSection(thirdTrialNotes('MaeRegression').document)).not.toContain('up to rounding');
  });
});
