// The feedforward examples' notes checked as a teacher checks a handout
// against the classic walkthroughs (issue 11): Nielsen's BP1–BP4 named where
// the notes state them in general, the update shown once (its lines, not also
// a before/after table), a mini-batch's batch gradient worked out from the
// examples' values, no compiler word ("fused") in the derivation, and no
// table broken leaving a row alone under its header or at the top of a page.
import { describe, expect, it } from 'vitest';
import { exampleNotes } from './helpers/example-notes.js';
import { renderTexBody } from '../src/backends/latex/render-tex.js';
import { updateLines } from './helpers/worked-update.js';

const notesOf = exampleNotes;

const body = (tex: string) => tex.slice(0, tex.indexOf('\\section{Appendix'));
const worked = (tex: string) => body(tex).slice(body(tex).search(/\\subsection\*\{(\d+ training steps|One training step) in numbers\}/));

describe('Nielsen\'s four equations, tagged where they are stated in general', () => {
  // Mazur's biases are frozen (given and fixed): BP3, a bias's gradient, has no line there
  it.each([['mazur-2-2-2', 'BP4'], ['xor', 'BP4, BP3']])('%s: BP1 at the output error, BP2 at the recursion, %s at each layer\'s gradients', async (name, tags) => {
    const tex = await notesOf(name);
    expect(tex).toMatch(/\\delta\^\{2\} = [^\n]*\\tag\{BP1\}\n/);
    expect(tex).toMatch(/\\delta\^\{l\} = \\left\(\\left\(W\^\{l\+1\}\\right\)\^\{\\top\} \\delta\^\{l\+1\}\\right\) \\odot f\^\{l\\prime\}[^\n]*\\tag\{BP2\}\n/);
    expect(tex).toContain(`\\frac{\\partial \\ell}{\\partial W^{1}} &= \\delta^{1} x^{\\top}${tags === 'BP4' ? '' : ', & '}`);
    for (const l of [1, 2]) expect(tex).toMatch(new RegExp(`\\\\frac\\{\\\\partial \\\\ell\\}\\{\\\\partial W\\^\\{${l}\\}\\} &= [^\\n]* \\\\tag\\{${tags}\\}`));
    expect(tex).toContain('The tags (BP1)--(BP4) are the equations of backpropagation as Nielsen numbers them');
  });

  it('perceptron: no hidden layer, so no BP2, and the sentence says why', async () => {
    const tex = await notesOf('perceptron');
    expect(tex).toContain('\\tag{BP1}');
    expect(tex).toContain('\\tag{BP4, BP3}');
    expect(tex).not.toContain('\\tag{BP2}');
    expect(tex).toContain('(BP2, the error of a hidden layer, has no work here: there is no hidden layer)');
  });
});

describe('the worked update, shown once', () => {
  it.each(['mazur-2-2-2', 'perceptron', 'xor'])('%s: each trained entry has its update line, and no table repeats them', async (name) => {
    const tex = worked(await notesOf(name));
    expect(tex).not.toMatch(/& before & [^\n]*after \\\\\n\\hline\n\\endhead/);
    expect(tex).not.toContain('The optimizer state after the step');
    const lines = updateLines(tex);
    expect(lines.size).toBe({ 'mazur-2-2-2': 8, perceptron: 3, xor: 17 }[name]);
    for (const [entry, { before, after }] of lines) expect(Number.isFinite(before) && Number.isFinite(after), entry).toBe(true);
  });
});

describe('a mini-batch: the batch gradient worked out', () => {
  it('perceptron: each entry is ¼ of the sum of its four examples\' values, with the numbers', async () => {
    const tex = worked(await notesOf('perceptron'));
    expect(tex).toContain('The batch column worked out: each entry is the mean of the 4 examples\' values.');
    expect(tex).toContain('\\frac{1}{4}\\sum_{i} \\frac{\\partial \\ell^{(i)}}{\\partial w^{1}_{11}} &= '
      + '\\frac{1}{4} \\left(-2.5 + 0 + \\left(-1\\right) + \\left(-5\\right)\\right) = -2.125');
    expect(tex).toContain('&= \\frac{1}{4} \\left(-2.5 + 0.5 + \\left(-1\\right) + \\left(-2.5\\right)\\right) = -1.375');
  });
});

describe('the derivation speaks the reader\'s words', () => {
  it.each(['mazur-2-2-2', 'perceptron', 'xor'])('%s: no "fused" before the appendix', async (name) => {
    expect(body(await notesOf(name))).not.toMatch(/fused/i);
  });
});

describe('tables break only where a page can take them', () => {
  const table = (rows: number) => renderTexBody([{
    kind: 'table', columns: 'll', header: ['a', 'b'], rows: Array.from({ length: rows }, (_x, i) => [`$${i}$`, 'x']), small: true,
  }]);
  const ends = (tex: string) => [...tex.matchAll(/^\$\d+\$ & x \\\\(\*?)$/gm)].map((m) => m[1] === '*');

  it('a short table is never broken (every row keeps the next with it)', () => {
    expect(ends(table(10))).toEqual(Array(10).fill(true));
  });

  it('a long one leaves at least three rows on each side of a break', () => {
    const kept = ends(table(40));
    expect(kept.slice(0, 2)).toEqual([true, true]);
    expect(kept.slice(-3)).toEqual([true, true, true]);
    expect(kept.slice(2, 37).every((k) => !k)).toBe(true);
  });
});
