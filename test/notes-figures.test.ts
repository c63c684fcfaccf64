// The figures of the examples' notes (computational graphs, descent plots, network diagrams), as the
// notes build them: a sound layout (no overlapping nodes, every label on the canvas and off the nodes,
// every edge joining two nodes), SVG that parses as XML, and every number drawn recorded in the
// JSON companion at the figure's place with the same printed form — and equal to the value the
// rest of the notes print for the same quantity.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../scripts/examples.js';
import { compileModel } from '../src/driver/compile-model.js';
import { buildNotes } from '../src/backends/latex/notes.js';
import type { Block } from '../src/backends/doc/document.js';
import type { Figure } from '../src/backends/doc/figure.js';
import { figureProblems } from '../src/backends/doc/figure-geometry.js';
import { edgeCrossings, layoutProblems } from '../src/backends/doc/figure-edges.js';
import type { ShownValue } from '../src/backends/doc/companion.js';
import { parseXml } from './helpers/xml.js';

type FigureBlock = Extract<Block, { kind: 'figure' }>;

/** An example's notes as blocks, each figure with the section / subsection it is in (the companion's `where`). */
async function notesOf(name: string) {
  const path = `examples/${name}/model.ts`;
  const m = await compileModel({ text: readFileSync(path, 'utf8'), fileName: 'model.ts', path });
  const notes = buildNotes(m.expressions, { source: 'model.ts', command: 'test', notes: 'model.tex', version: '0' }, m.networks);
  const figures: { block: FigureBlock; where: string }[] = [];
  let place = { section: '', subsection: undefined as string | undefined };
  for (const b of notes.blocks) {
    if (b.kind === 'section') place = { section: b.title, subsection: undefined };
    if (b.kind === 'subsection') place = { ...place, subsection: b.title };
    if (b.kind === 'figure') figures.push({ block: b, where: place.subsection === undefined ? place.section : `${place.section} / ${place.subsection}` });
  }
  return { figures, values: notes.values.values };
}

/** Every number a figure prints: node values and notes, edge labels, tick labels (a drawn number is TeX like -0.84, 1.5 \times 10^{-3}). */
function drawnNumbers(figure: Figure): string[] {
  const number = /^-?\d+(\.\d+)?( \\times 10\^\{-?\d+\})?$/;
  const texts = [
    ...(figure.nodes ?? []).flatMap((n) => [n.value, n.note?.replace(/^.* = /, '')]),
    ...(figure.edges ?? []).map((e) => e.label),
    ...(figure.axes ? [...(figure.axes.x.tickLabels ?? []), ...(figure.axes.y.tickLabels ?? [])] : []),
  ];
  return texts.filter((t): t is string => t !== undefined && number.test(t));
}

const sorted = (xs: readonly string[]) => [...xs].sort();

describe('the examples\' figures', async () => {
  const all = await Promise.all(EXAMPLES.map(async (name) => [name, await notesOf(name)] as const));

  it('the small models have their figures', () => {
    const count = (name: string) => all.find(([n]) => n === name)?.[1].figures.length;
    expect(count('chain-rule')).toBe(2); // J and f
    expect(count('staged-backprop')).toBeGreaterThanOrEqual(1); // f; the others are too large to draw
    expect(count('gradient-descent')).toBe(4); // f and g: each its graph and its descent plot
    for (const name of ['mazur-2-2-2', 'perceptron', 'xor']) expect(count(name), name).toBe(1); // the network diagram
    expect(count('house-prices')).toBe(1); // HousePricesByHand's diagram; HousePrices has 32 units in a layer
    for (const name of ['digits', 'logistic']) expect(count(name), name).toBe(0); // more than 12 units in a layer
  });

  it.each(all.filter(([, n]) => n.figures.length > 0))('%s: no overlapping nodes, labels on the canvas, every edge joins two nodes', (_name, notes) => {
    for (const { block } of notes.figures) expect(figureProblems(block.figure), block.caption).toEqual([]);
  });

  it.each(['mazur-2-2-2', 'perceptron', 'xor'])('%s: the network diagram reads clean: no edge through a unit or across a label, '
    + 'no more crossings than the layers force', (name) => {
    const notes = all.find(([n]) => n === name)?.[1];
    const figure = notes?.figures[0]?.block.figure;
    if (!figure) throw new Error(`${name} has no network diagram`);
    expect(layoutProblems(figure)).toEqual([]);
    // two columns fully joined, m sources (the units and the bias box) into n units, cross m(m−1)/2 · n(n−1)/2 times
    // at least, whatever the order; the diagram has no crossing beyond that
    const units = (prefix: string) => (figure.nodes ?? []).filter((u) => u.id.startsWith(prefix)).length;
    let forced = 0;
    for (let l = 1; units(`u${l}-`) > 0; l++) {
      const m = units(`u${l - 1}-`) + (units(`b${l}`) > 0 ? 1 : 0);
      const n = units(`u${l}-`);
      forced += (m * (m - 1) / 2) * (n * (n - 1) / 2);
    }
    expect(edgeCrossings(figure).length).toBeLessThanOrEqual(forced);
  });

  it.each(EXAMPLES.filter((name) => readFileSync(`generated/${name}/model.html`, 'utf8').includes('<svg')))(
    '%s: every SVG figure of the generated HTML parses as XML', (name) => {
      const html = readFileSync(`generated/${name}/model.html`, 'utf8');
      const svgs = [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
      expect(svgs.length).toBeGreaterThan(0);
      for (const svg of svgs) expect(parseXml(svg).name).toBe('svg');
    });

  it('a network diagram names the weights and biases as the notes do, frozen ones dashed', () => {
    const mazur = all.find(([n]) => n === 'mazur-2-2-2')?.[1].figures[0]?.block.figure;
    const labels = (mazur?.edges ?? []).flatMap((e) => (e.label ? [e.label] : []));
    expect(sorted(labels)).toEqual(sorted(['1', '2'].flatMap((l) => ['11', '12', '21', '22'].map((ij) => `w^{${l}}_{${ij}}`))));
    const biases = (mazur?.nodes ?? []).filter((n) => n.shape === 'box');
    expect(biases.map((b) => [b.label, b.dashed])).toEqual([['b^{1}', true], ['b^{2}', true]]);
    expect((mazur?.edges ?? []).filter((e) => e.dashed)).toHaveLength(4); // each shared frozen bias into its 2 units
  });

  it.each(all.filter(([, n]) => n.figures.some((f) => drawnNumbers(f.block.figure).length > 0)))('%s: every number drawn is in the companion, at the figure\'s place, printed the same', (_name, notes) => {
    for (const { block, where } of notes.figures.filter((f) => drawnNumbers(f.block.figure).length > 0)) {
      const recorded = notes.values.filter((v) => v.where === where).map((v) => v.shown);
      const drawn = drawnNumbers(block.figure);
      expect(drawn.length, block.caption).toBeGreaterThan(0);
      // each drawn number is one recorded value (the place records nothing the figure does not draw but its text's numbers)
      const left = [...recorded];
      for (const d of drawn) {
        const i = left.indexOf(d);
        expect(i, `${d} in ${where}`).toBeGreaterThanOrEqual(0);
        left.splice(i, 1);
      }
    }
  });

  it('a computational graph draws the same values and adjoints as the forward and backward passes print', () => {
    for (const [, notes] of all) {
      for (const { where } of notes.figures.filter((f) => f.where.endsWith('/ The computational graph'))) {
        const section = where.replace(/ \/ The computational graph$/, '');
        const elsewhere = (v: ShownValue) => notes.values.filter((o) => o.label === v.label && o.where.startsWith(`${section} / `) && o.where !== where);
        const inFigure = notes.values.filter((v) => v.where === where);
        expect(inFigure.length).toBeGreaterThan(0);
        for (const v of inFigure) {
          const same = elsewhere(v);
          // every value and adjoint is printed in the passes too; a constant (the seed 1, a local derivative 3) may be only in the figure
          if (same.length === 0) expect(Number.isInteger(v.value), `${v.label} in ${section}`).toBe(true);
          for (const o of same) expect(o.value, v.label).toBe(v.value);
        }
      }
    }
  });
});

it('every drawn-number pattern is exercised', () => {
  expect(sorted(drawnNumbers({ view: { xMin: 0, xMax: 1, yMin: 0, yMax: 1, width: 1 }, nodes: [
    { id: 'a', at: { x: 0, y: 0 }, label: 'v_{1}', value: '1.5 \\times 10^{-3}', note: '\\bar{v}_{1} = -2' },
  ] }))).toEqual(['-2', '1.5 \\times 10^{-3}']);
});
