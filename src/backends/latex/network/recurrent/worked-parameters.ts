import type { ParameterSlot } from '../../../../compile/network/parameter-layout.js';
import { formatNumber } from '../../../doc/number-format.js';
import { packRows } from '../../tex-sum.js';
import { bmatrix } from '../../tex-print.js';
import type { TexWriter } from '../../tex-writer.js';
import { numberTable } from '../number-table.js';
import { entrySymbol } from './symbols.js';
import { ROW_WIDTH, printedWidth } from './working-rows.js';

/** (θ, value) column pairs side by side, at most, in the table of an array too wide for a matrix. */
const MAX_TABLE_PAIRS = 4;
/** Matrix rows in one display at most (about half a page: a display cannot break across pages). */
const MAX_DISPLAY_LINES = 24;

/** An array of the model's parameters with its values as the model gives them (row-major). */
interface GivenArray {
  readonly slot: ParameterSlot;
  readonly values: readonly number[];
}

/**
 * The given parameters as the textbook writes them: per layer, the gate's
 * matrices side by side on one row (W^{1}_{i}, U^{1}_{i}, b^{1}_{i}; then
 * the f, c and o gates of an LSTM, the z, r and n gates of a GRU; an Elman
 * layer's W, U, b; the head's W, b), each a bmatrix of the given numbers,
 * exactly as the model states them. A row too wide for the page continues
 * on the next (the notes' row packing, measured by the matrices' columns);
 * an array wider than the page by itself is a table of (θ, value) pairs.
 */
export function writeGivenParameters(out: TexWriter, layout: readonly ParameterSlot[], params: readonly (readonly number[])[]): void {
  const arrays = layout.map((slot, a) => ({ slot, values: params[a] }));
  const fits = (a: GivenArray) => arrayWidth(a) <= ROW_WIDTH;
  const groups = groupByGate(arrays.filter(fits));
  const rows = groups.flatMap((group) => packRows(group, (row) => row.reduce((w, a) => w + arrayWidth(a) + 2, 0) <= ROW_WIDTH)
    .map((row) => ({ tex: row.map((a) => `${arrayTex(a.slot)} &= ${matrixTex(out, a)}`).join(', & '), height: Math.max(...row.map(matrixRows)) })));
  // a display does not break across pages: rows of matrices go in displays of at most MAX_DISPLAY_LINES matrix rows
  for (const display of packRows(rows, (shown) => shown.reduce((h, row) => h + row.height, 0) <= MAX_DISPLAY_LINES)) {
    out.align(display.map((row) => row.tex));
  }
  for (const wide of arrays.filter((a) => !fits(a))) {
    out.paragraph(`${out.inline(arrayTex(wide.slot))} (${out.inline(wide.slot.shape.join(' \\times '))}, row-major):`);
    const symbols = wide.values.map((_v, i) => entrySymbol(wide.slot, i));
    const entries = wide.values.map((value, i) => [out.inline(symbols[i]), out.numberCell(value, symbols[i], 'exact')]);
    // as many pairs side by side as the widest symbol and number allow (a table is in \small: the page's row width is a safe bound)
    const pairWidth = Math.max(...symbols.map(printedWidth)) + Math.max(...wide.values.map((v) => printedWidth(exactTex(v)))) + 4;
    const height = Math.ceil(entries.length / Math.max(1, Math.min(MAX_TABLE_PAIRS, Math.floor(ROW_WIDTH / pairWidth))));
    const pairs = Math.ceil(entries.length / height);
    numberTable(out, 'll'.repeat(pairs), Array.from({ length: pairs }, () => [out.inline('\\theta'), 'value']).flat(),
      Array.from({ length: height }, (_r, r) => Array.from({ length: pairs }, (_p, p) => entries[p * height + r] ?? ['', '']).flat()));
  }
}

/** W1 → W^{1}, Uf1 → U^{1}_{f}, b2 → b^{2}: the array as the notes' equations name it. */
function arrayTex(slot: ParameterSlot): string {
  const match = /^([WUb])([a-z]?)(\d+)$/.exec(slot.name);
  if (match === null) return `\\texttt{${slot.name}}`;
  const [, array, gate, layer] = match;
  return `${array}^{${layer}}${gate === '' ? '' : `_{${gate}}`}`;
}

/** Consecutive arrays of one layer and one gate (W, U, b of the LSTM's input gate; W, b of a dense layer). */
function groupByGate(arrays: readonly GivenArray[]): GivenArray[][] {
  const key = (a: GivenArray) => `${a.slot.layer}:${/^[WUb]([a-z]?)\d+$/.exec(a.slot.name)?.[1] ?? a.slot.name}`;
  const groups: GivenArray[][] = [];
  arrays.forEach((a, i) => {
    if (i > 0 && key(arrays[i - 1]) === key(a)) groups[groups.length - 1].push(a);
    else groups.push([a]);
  });
  return groups;
}

/** The entries as rows of TeX numbers (a vector as a column; one number as a 1 × 1). */
function cells(a: GivenArray, cell: (value: number, index: number) => string): string[][] {
  const columns = a.slot.shape.length === 2 ? a.slot.shape[1] : 1;
  return Array.from({ length: a.values.length / columns }, (_r, r) =>
    Array.from({ length: columns }, (_c, k) => cell(a.values[r * columns + k], r * columns + k)));
}

/** The rows an array takes as a matrix (a vector is a column). */
const matrixRows = (a: GivenArray) => (a.slot.shape.length === 0 ? 1 : a.slot.shape[0]);

/** One number as itself, an array as a bmatrix of its given entries (each recorded under its entry's name). */
function matrixTex(out: TexWriter, a: GivenArray): string {
  const rows = cells(a, (value, i) => out.given(value, entrySymbol(a.slot, i)));
  return a.values.length === 1 ? rows[0][0] : bmatrix(rows);
}

/** Printed characters of `A &= [matrix]`: the name, the relation, and each column as wide as its widest entry, with the brackets and gaps. */
function arrayWidth(a: GivenArray): number {
  const rows = cells(a, exactTex);
  const columns = rows[0].map((_c, k) => Math.max(...rows.map((row) => printedWidth(row[k]))));
  return printedWidth(`${arrayTex(a.slot)} =`) + columns.reduce((w, c) => w + c + 2, 0) + 2;
}

/** A given number as `TexWriter.given` prints it (exact), for measuring. */
const exactTex = (value: number) => formatNumber(value, { digits: undefined });
