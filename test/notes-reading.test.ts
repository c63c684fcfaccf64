// The examples' notes read as a student and a teacher read them (issue 11):
// the working lines break where a reader expects (the symbols, then the
// numbers and the value), a number is not set equal to itself, tables list
// units in order, a shared bias is one symbol throughout, and every column
// of a table has a heading. Each check compiles the example afresh.
import { describe, expect, it } from 'vitest';
import { exampleNotes } from './helpers/example-notes.js';

const notesOf = exampleNotes;

/** The rows of every align* block: `lhs &= …` and its `&= …` continuations. */
function alignRows(tex: string): string[] {
  return [...tex.matchAll(/\\begin\{align\*\}\n([\s\S]*?)\n\\end\{align\*\}/g)].flatMap((m) => m[1].split(' \\\\\n'));
}

/** The worked section of a network's notes (from its heading to the appendix). */
function workedSection(tex: string): string {
  const start = tex.search(/\\subsection\*\{(\d+ training steps|One training step)[^}]*in numbers\}/);
  expect(start, 'the notes have a worked section').toBeGreaterThan(0);
  return tex.slice(start, tex.indexOf('\\section{Appendix'));
}

describe('the working of the network examples', () => {
  it.each(['mazur-2-2-2', 'perceptron', 'xor'])('%s: a long row breaks after its symbols (the numbers and the value on the next)', async (name) => {
    const rows = alignRows(workedSection(await notesOf(name)));
    let continued = 0;
    rows.forEach((row, i) => {
      const next = rows[i + 1];
      if (row.startsWith('&') || next === undefined || !next.startsWith('&= ')) return;
      continued++;
      expect(row.slice(row.indexOf('&=') + 2), `row ${i}: ${row}\n${next}`).not.toContain(' = ');
    });
    expect(continued).toBeGreaterThan(0);
  });

  it.each(['mazur-2-2-2', 'perceptron', 'xor'])('%s: no number is set equal to itself', async (name) => {
    const number = String.raw`-?\d+(?:\.\d+)?(?: \\times 10\^\{-?\d+\})?`;
    const same = new RegExp(String.raw`= (?:\\left\()?(${number})(?:\\right\))?(?: \\\\\n&)? = \1(?![\d.])`);
    expect(workedSection(await notesOf(name))).not.toMatch(same);
  });
});

describe('the update of an optimizer with state (xor: momentum)', () => {
  it('names each entry\'s state and prints its new value as a result, not as an operand', async () => {
    const rows = alignRows(workedSection(await notesOf('xor'))).filter((r) => r.includes('\\leftarrow'));
    const states = rows.filter((r) => r.startsWith('v'));
    expect(states.length).toBeGreaterThan(0);
    for (const row of states) expect(row).toMatch(/^v_\{[wb]\^\{\d\}_\{\d+\}\} &\\leftarrow /);
    expect(states.some((r) => r.startsWith('v_{w^{1}_{12}} &\\leftarrow 0.9 \\times 0 + \\left(-0.151154\\right) = -0.151154'))).toBe(true);
    for (const row of rows) expect(row, row).not.toMatch(/= \\left\([^=]*\\right\)$/);
  });
});

/** The rows of the one longtable whose header contains `part`. */
function tableRows(tex: string, part: string): { header: string[]; rows: string[][] } {
  const found = [...tex.matchAll(/\\begin\{longtable\}\{[^}]*\}\n\\hline\n(.*) \\\\\n\\hline\n\\endhead\n([\s\S]*?)\n\\hline\n\\end\{longtable\}/g)]
    .filter((m) => m[1].includes(part));
  expect(found, part).toHaveLength(1);
  return { header: found[0][1].split(' & '), rows: found[0][2].split('\n').map((r) => r.replace(/ \\\\\*?$/, '').split(' & ')) };
}

describe('the tables and symbols of the network notes', () => {
  it('lists the backward table\'s units in order within each layer, output layer first (mazur-2-2-2)', async () => {
    const { rows } = tableRows(await notesOf('mazur-2-2-2'), '\\delta^{l}_{k}');
    expect(rows.map((r) => `${r[0]}${r[1]}`)).toEqual(['$2$$1$', '$2$$2$', '$1$$1$', '$1$$2$']);
  });

  it('writes a bias shared by a layer as one symbol b^{l} in the node-by-node form too (mazur-2-2-2)', async () => {
    const tex = await notesOf('mazur-2-2-2');
    const nodeByNode = tex.slice(tex.indexOf('\\subsection*{Node by node}'), tex.indexOf('training steps in numbers'));
    expect(nodeByNode).toContain('z^{1}_{1} &= w^{1}_{11} x_{1} + w^{1}_{12} x_{2} + b^{1} \\\\');
    expect(nodeByNode).not.toMatch(/b\^\{\d\}_\{\d\}/);
  });

  it.each(['mazur-2-2-2', 'perceptron', 'xor'])('%s: every column of the given table has a heading', async (name) => {
    const { header } = tableRows(await notesOf(name), 'activation $f^{l}$');
    for (const cell of header) expect(cell.trim()).not.toBe('');
  });

  it('calls a summed ½ sum of squares a squared error, not a mean squared error (mazur-2-2-2)', async () => {
    const tex = await notesOf('mazur-2-2-2');
    expect(tex).toContain('Loss: squared error (half the sum of squares per example), summed over the examples of a batch');
    expect(tex).not.toContain('mean squared error');
  });
});

describe('the update section', () => {
  it('mazur-2-2-2: says which entries are trained, names g by what it sums, and has no η_e without a schedule', async () => {
    const tex = await notesOf('mazur-2-2-2');
    const update = tex.slice(tex.indexOf('\\subsection*{The update}'), tex.indexOf('\\subsection*{Node by node}'));
    expect(update).toContain('every trained parameter entry $\\theta$ (each weight and bias not frozen) is updated from its gradient $g$, '
      + 'the sum of the batch\'s $\\partial \\ell / \\partial \\theta$');
    // L is the number of layers in these notes: the gradient is not ∂L/∂θ of an undefined batch loss
    expect(update).not.toContain('\\partial L');
    expect(update).not.toContain('\\eta_{e}');
    expect(update).toContain('\\theta &\\leftarrow \\theta - \\eta\\, g');
    expect(workedSection(tex)).toContain('$\\eta = 0.5$):');
  });
});

describe('one notation throughout', () => {
  it.each([
    ['mazur-2-2-2', '\\left(A^{2} - Y\\right) \\odot \\left(A^{2} - Y\\right)'],
    ['digits', '\\frac{0.0001}{2} \\sum\\left({W^{1}} \\odot {W^{1}}\\right)'], // ½λ₂ as a fraction, a coefficient
  ])('%s: the appendix writes the entrywise product of two arrays ⊙, as the main text does', async (name, expected) => {
    const tex = await notesOf(name);
    const appendix = tex.slice(tex.indexOf('The same computation as the compiler builds it'));
    expect(appendix).toContain(expected);
    expect(appendix).not.toMatch(/\}\}? \\cdot \{?\\?(left|W|A)/); // no · between two arrays
    if (name === 'digits') expect(appendix).toContain('\\cdot \\tfrac{1}{B}'); // a scalar factor keeps its ·
  });
});

describe('each step names its rule', () => {
  it('chain-rule: a product with a constant factor follows the constant factor rule; a product of two variables the product rule', async () => {
    const tex = await notesOf('chain-rule');
    expect(tex).toContain('\\frac{\\partial v_{3}}{\\partial v_{1}} &= 3 \\qquad \\text{(constant factor rule)}');
    expect(tex).toContain('&\\text{constant factor rule:} && \\frac{\\partial \\left(a \\cdot b\\right)}{\\partial b} = a');
    expect(tex).toContain('\\frac{\\partial v_{1}}{\\partial x} &= y = 2 \\qquad \\text{(product rule)}'); // f = x y + e^x
  });
});

describe('the given', () => {
  it('mazur-2-2-2: the trainer\'s initialization is not mistaken for the worked example\'s start (b = 0.35, 0.6 there)', async () => {
    expect(await notesOf('mazur-2-2-2')).toContain('the biases start at 0. $b^{1}$ and $b^{2}$ are frozen: given and fixed, not learned. '
      + 'The trainer keeps the values it is given (\\texttt{loadJSON}); without them, they are at 0 like the other biases and stay so. '
      + 'This is where the generated trainer starts; the worked example below starts from the model\'s own values:');
  });
});

describe('wording and notation by what the model is', () => {
  it('a frozen parameter is stated given and fixed, has no row in the gradient table, no update line, and no formula for a gradient it does not have', async () => {
    const tex = await notesOf('mazur-2-2-2');
    expect(tex).not.toContain('$b^{1}$ & ');
    expect(tex).toContain('$b^{1}$ and $b^{2}$ are frozen: given and fixed, not trained, so they have no gradient and the update leaves them as they are.');
    expect(tex).not.toMatch(/^b\^\{[12]\} &\\leftarrow/m);
    expect(tex).not.toContain('$\\delta^{1}_{1} + \\delta^{1}_{2}$ & ---');
  });

  it('a network with no hidden layer is not said to have hidden units', async () => {
    const perceptron = await notesOf('perceptron');
    expect(workedSection(perceptron)).not.toMatch(/hidden unit/);
    expect(workedSection(await notesOf('mazur-2-2-2'))).toMatch(/a hidden unit receives one term from every unit it feeds/);
  });

  it('numbers multiply with ×, in the forward substitution and the worked update alike', async () => {
    const rows = alignRows(workedSection(await notesOf('xor')));
    expect(rows.some((r) => /[0-9] \\times (\\left\()?-?[0-9]/.test(r))).toBe(true);
    for (const row of rows) expect(row, row).not.toMatch(/[0-9]\s*\\cdot\s*(\\left\()?-?[0-9]/);
  });

  it('a constant whose decimal does not end prints as a fraction in a formula (1/3, not 0.3333333333333333)', async () => {
    const tex = await notesOf('staged-backprop');
    const formulas = alignRows(tex).filter((r) => !r.includes('\\text{(line'));
    expect(formulas.some((r) => r.includes('\\frac{1}{3}'))).toBe(true);
    for (const row of formulas) expect(row).not.toContain('0.3333333333333333');
  });
});

describe('the results factored as a textbook would', () => {
  it('chain-rule: the Hessian takes a factor common to two terms of a longer sum out once, and writes x · … · x as x²', async () => {
    const tex = await notesOf('chain-rule');
    const hessian = /\\nabla\^2 J = \\begin\{bmatrix\} (.*) \\end\{bmatrix\}/.exec(tex)?.[1] ?? '';
    expect(hessian).toMatch(/^\d+ x\^\{2\} \\cdot \\left\(/); // the common factor (a number times x²) out once, before the bracket
    expect(hessian).not.toMatch(/\\cdot x -/); // no second x at the end of the product
    expect(hessian.match(/\\cos s_\{2\}/g)?.length ?? 0).toBe(1); // the cosine factor written once
  });
});
