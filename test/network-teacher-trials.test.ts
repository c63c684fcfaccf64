// A second trial of the feedforward notes (issue 11): twelve models nobody
// had written, one per thing a course teaches — a standardized house-price
// regression on a mini-batch, logistic regression, a softmax classifier with
// cross-entropy from the logits, a deep narrow tanh net (the shrinking errors,
// ‖δ^l‖ layer by layer),
// L1 and L2 together, RMSprop and Nesterov steps, a layer without bias, a frozen
// first layer (a whole frozen layer used to crash the worked values: the
// sweep stopped above it), dropout with the trainer's own masks, clipping by value, the sum
// of squares without ½. Every printed calculation is re-evaluated from the TeX,
// the loss of every step recomputed by plain loops (helpers/worked-check.ts),
// every formula parsed by KaTeX, the HTML rendered, and the whole typeset by
// pdflatex with nothing overfull.
import { describe, expect, it } from 'vitest';
import { compileNetwork } from '../src/compile/network/compile-network.js';
import { validateNetwork } from '../src/compile/network/validate.js';
import { buildNotes } from '../src/backends/latex/notes.js';
import { renderHtml } from '../src/backends/html/render-html.js';
import { katexError } from './helpers/katex.js';
import { hasPdflatex, overfullBoxes, typesetLog } from './helpers/pdflatex.js';
import { checkPrintedArithmetic, checkStepLosses, givenOf, workedSection } from './helpers/worked-check.js';
import { backprop } from './helpers/textbook-backprop.js';
import { TEACHER_TRIALS } from './helpers/teacher-trials.js';
import { TRIAL_FROM, trialNotes } from './helpers/trial-notes.js';

const FROM = TRIAL_FROM;
const notesOf = trialNotes(TEACHER_TRIALS);
const names = Object.keys(TEACHER_TRIALS);
/** Trials whose masks the trainer draws: the plain-loop reference cannot know them (the dropout tests check those). */
const drawnMasks = new Set(['DropoutDrawn']);

describe('every printed calculation of each trial is right', () => {
  it.each(names)('%s: each side of each = (and ←) evaluates to the next', (name) => {
    expect(checkPrintedArithmetic(workedSection(notesOf(name).document))).toBeGreaterThan(10);
  });

  it.each(names.filter((n) => !drawnMasks.has(n)))('%s: the loss before and after every step, as plain loops compute it', (name) => {
    checkStepLosses(TEACHER_TRIALS[name], workedSection(notesOf(name).document));
  });

  it.each(names)('%s: every formula renders, and the HTML too', (name) => {
    const notes = notesOf(name);
    expect(notes.formulas.map(katexError).filter((e) => e !== undefined)).toEqual([]);
    expect(renderHtml(notes.blocks, FROM)).toContain('<math');
  });

  it.skipIf(!hasPdflatex)('pdflatex typesets all of them in one document, nothing overfull by more than 1pt', () => {
    const networks = names.map((name) => compileNetwork(name, validateNetwork(TEACHER_TRIALS[name])));
    const log = typesetLog(buildNotes([], FROM, networks).document);
    expect(log).not.toMatch(/^! /m);
    expect(overfullBoxes(log)).toEqual([]);
  }, 300_000);
});

describe('a deep narrow tanh network: the shrinking error in numbers', () => {
  it('‖δ^l‖ of every layer, from the output back, each the length of the textbook δ^l, and their ratio', () => {
    const spec = TEACHER_TRIALS.DeepTanh;
    const g = givenOf(spec);
    const delta = backprop(spec, g.W, g.b, g.X, g.Y).examples[0].delta;
    const tex = workedSection(notesOf('DeepTanh').document);
    const printed = [...tex.matchAll(/^\\lVert \\delta\^\{(\d)\} \\rVert_\{2\} &= \\sqrt\{[^\n]*\} = ([0-9.]+)/gm)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(printed.map(([l]) => l)).toEqual([6, 5, 4, 3, 2, 1]);
    for (const [l, value] of printed) expect(Math.abs(value - Math.hypot(...delta[l - 1]))).toBeLessThan(5e-6 * value);
    const ratio = Math.hypot(...delta[0]) / Math.hypot(...delta[5]);
    expect(ratio).toBeLessThan(0.5);
    expect(tex).toContain(`= ${ratio.toPrecision(6)}$. Each layer multiplies it by`);
    expect(tex).toContain('the first layers learn slowest (the vanishing gradient)');
  });

  it('a shallow network shows no norms', () => {
    expect(notesOf('HousePrices').document).not.toContain('\\lVert \\delta^{');
  });
});
