// The given parameters of a worked recurrent network, laid out as a textbook does (issue 11): each gate's
// W, U and b as matrices side by side on one row, layer by layer, the numbers exactly as the model gives
// them; an array too wide for the page is a table of (θ, value) pairs, several side by side — never one
// long column of every entry (an LSTM 3 → 2 has 51 parameters).
import { describe, expect, it } from 'vitest';
import { dense, gru, lstm, rnn } from '../src/dsl/network.js';
import type { CompiledSequenceNetwork } from '../src/compile/network/compile-sequence.js';
import { TexWriter } from '../src/backends/latex/tex-writer.js';
import { writeSequenceNetwork } from '../src/backends/latex/network/recurrent/sequence-section.js';
import { buildNotes } from '../src/backends/latex/notes.js';
import type { GeneratedFrom } from '../src/backends/ts/module.js';
import { hasPdflatex, overfullBoxes, typesetLog } from './helpers/pdflatex.js';
import { katexError } from './helpers/katex.js';
import { compileSequence, sequenceExample, withWorked } from './helpers/sequence-worked.js';

const FROM: GeneratedFrom = { source: 'examples/seq/model.ts', command: 'nncompile examples/seq/model.ts', notes: 'model.tex', version: '0.1.0' };

function notes(net: CompiledSequenceNetwork): { body: string; out: TexWriter } {
  const out = new TexWriter();
  writeSequenceNetwork(net, out);
  return { body: out.body(), out };
}

/** The worked step's part of the notes, up to the inputs' table. */
const givenPart = (body: string) => body.slice(body.indexOf('One training step in numbers'), body.indexOf('Its inputs and target'));

describe('the given parameters of a worked recurrent network', () => {
  it('an LSTM 3 → 2 (51 parameters): one row per gate, W, U, b as matrices side by side, the head\'s W, b on a row of its own', () => {
    const net = compileSequence('Lstm', [lstm(2), dense(1, 'linear')], { inputs: { sequence: 3 } } as never);
    const base = sequenceExample(net, 3, 3);
    const ex = { ...base, params: { ...base.params, Wi1: [0.123456789, ...base.params.Wi1.slice(1)] } }; // a given number is printed as given, not rounded to the notes' digits
    const { body, out } = notes(withWorked(net, ex));
    const given = givenPart(body);
    for (const q of ['i', 'f', 'c', 'o']) {
      expect(given).toMatch(new RegExp(`W\\^\\{1\\}_\\{${q}\\} &= \\\\begin\\{bmatrix\\}[^\\n]*, & U\\^\\{1\\}_\\{${q}\\} &= \\\\begin\\{bmatrix\\}[^\\n]*, & b\\^\\{1\\}_\\{${q}\\} &= \\\\begin\\{bmatrix\\}`));
    }
    expect(given).toMatch(/W\^\{2\} &= \\begin\{bmatrix\} [^\n]*, & b\^\{2\} &= -?[\d.]+/);
    expect(given).not.toContain('longtable'); // no column of 51 (θ, value) rows
    expect(given).toContain('0.123456789');
    expect(out.values().values.find((v) => v.label === 'w^{1}_{i,11}')).toMatchObject({ value: 0.123456789, exact: true });
    expect(out.formulas().map(katexError).filter((e) => e !== undefined)).toEqual([]);
  });

  it('an Elman layer and a GRU: W, U, b of the layer (of each gate) on one row', () => {
    const elman = compileSequence('Elman', [rnn(2, 'tanh'), dense(1, 'linear')]);
    expect(givenPart(notes(withWorked(elman, sequenceExample(elman, 1, 2))).body))
      .toMatch(/W\^\{1\} &= \\begin\{bmatrix\}[^\n]*, & U\^\{1\} &= \\begin\{bmatrix\}[^\n]*, & b\^\{1\} &= \\begin\{bmatrix\}/);
    const gruNet = compileSequence('Gru', [gru(2), dense(1, 'linear')]);
    const given = givenPart(notes(withWorked(gruNet, sequenceExample(gruNet, 2, 2))).body);
    for (const q of ['z', 'r', 'n']) expect(given).toMatch(new RegExp(`W\\^\\{1\\}_\\{${q}\\} &= [^\\n]*, & U\\^\\{1\\}_\\{${q}\\} &= [^\\n]*, & b\\^\\{1\\}_\\{${q}\\} &= `));
  });

  it.skipIf(!hasPdflatex)('a layer too wide for matrices (LSTM of 12 units): its wide arrays as tables of (θ, value) pairs, typeset with nothing overfull', () => {
    const net = compileSequence('Wide', [lstm(12), dense(1, 'linear')]);
    const base = sequenceExample(net, 5, 2);
    // seven decimals: numbers as long as a model may give them
    const ex = { ...base, params: Object.fromEntries(Object.entries(base.params).map(([name, a]) => [name, a.map((v) => Math.round((v + 0.00012345) * 1e7) / 1e7)])) };
    const net2 = withWorked(net, ex);
    const given = givenPart(notes(net2).body);
    expect(given).toMatch(/\$U\^\{1\}_\{i\}\$ \(\$12 \\times 12\$, row-major\)/);
    expect(given).toMatch(/\\begin\{longtable\}\{(ll){3,4}\}/); // three or four (θ, value) pairs side by side
    const log = typesetLog(buildNotes([], FROM, [net2]).document);
    expect(overfullBoxes(log, 3)).toEqual([]);
  }, 300_000);
});
