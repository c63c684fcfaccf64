// The notes of every bundled example compile with pdflatex (when it is
// installed): no LaTeX error, nothing sticking out of the page by more than 1pt.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../scripts/examples.js';
import { hasPdflatex, overfullBoxes, typesetLog } from './helpers/pdflatex.js';

describe.skipIf(!hasPdflatex)('pdflatex compiles the notes of every example', () => {
  it.each(EXAMPLES)('%s', (name) => {
    const log = typesetLog(readFileSync(`generated/${name}/model.tex`, 'utf8'));
    expect(log).not.toMatch(/^! /m);
    expect(overfullBoxes(log)).toEqual([]); // every overfull line sticking out by more than 1pt
  });
});
