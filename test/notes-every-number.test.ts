// Every number the notes show is in the companion: for each generated example, every number in the math of
// model.tex and model.html (as test/helpers/math-numbers.ts extracts it: decimals, powers of ten and settings
// like B = 32; not indices, exponents or the integer constants of formulas) is one the companion
// model.notes.json records, as its displayed rounding — so no hyper-parameter, point or worked input is
// printed past the writer's number/given.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../scripts/examples.js';
import { checkedNumbers, htmlFormulas, texFormulas, unrecordedNumbers } from './helpers/math-numbers.js';

const read = (name: string, file: string) => readFileSync(join('generated', name, file), 'utf8');
/** The Notation paragraph's illustration of how a product of numbers is written (latex/notes.ts), not a number of the derivation. */
const NOTATION_EXAMPLE = '0.5 \\times 3';
const derivationFormulas = (formulas: string[]) => formulas.filter((f) => f !== NOTATION_EXAMPLE);
const shownOf = (name: string) => (JSON.parse(read(name, 'model.notes.json')) as { values: { shown: string }[] }).values.map((v) => v.shown);

describe('every number shown in the notes is recorded in the companion', () => {
  it.each(EXAMPLES)('%s: .tex and .html', (name) => {
    const shown = shownOf(name);
    const tex = derivationFormulas(texFormulas(read(name, 'model.tex')));
    const html = derivationFormulas(htmlFormulas(read(name, 'model.html')));
    expect(tex.length).toBeGreaterThan(0);
    expect(html.length).toBeGreaterThan(0);
    expect(unrecordedNumbers(tex, shown)).toEqual([]);
    expect(unrecordedNumbers(html, shown)).toEqual([]);
  });

  it('the extraction takes decimals, powers of ten and settings, not indices, exponents or formula constants', () => {
    expect(checkedNumbers('x_{1} &= 4 - 0.02 \\times 112 = 1.76')).toEqual(['0.02', '1.76']);
    expect(checkedNumbers('\\eta = 0.02')).toEqual(['0.02']);
    expect(checkedNumbers('B = 32')).toEqual(['32']);
    expect(checkedNumbers('x = 4,\\; y = 1.5')).toEqual(['4', '1.5']);
    expect(checkedNumbers('t = 3, \\dots, 1')).toEqual([]);
    expect(checkedNumbers('\\varepsilon = 10^{-8}, \\quad a = 1.5 \\times 10^{-9}')).toEqual(['10^{-8}', '1.5 \\times 10^{-9}']);
    expect(checkedNumbers('w^{1}_{12} \\leftarrow 0.97^{e} \\cdot x^{2} + 3 v_{2} \\qquad \\text{(0.5 of it)}')).toEqual(['0.97']);
    expect(checkedNumbers('\\frac{1}{2} \\left(0.751365 - 0.01\\right)^{2}')).toEqual(['0.751365', '0.01']);
  });

  it('finds a number printed past the companion (a bypassed learning rate)', () => {
    const shown = ['4', '112', '1.76'];
    expect(unrecordedNumbers(['x_{1} &= 4 - 0.02 \\times 112 = 1.76'], shown)).toEqual([{ number: '0.02', formula: 'x_{1} &= 4 - 0.02 \\times 112 = 1.76' }]);
    expect(unrecordedNumbers(['x_{1} &= 4 - 0.02 \\times 112 = 1.76'], [...shown, '0.02'])).toEqual([]);
  });
});
