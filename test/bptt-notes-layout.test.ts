// The worked BPTT notes of long sequences typeset within the page: small weights make the δ's of the early
// steps vanish, so they print as ×10ᵏ and the lines of the working grow long; each line of the δ recursion
// breaks (working-rows.ts) and pdflatex reports nothing overfull by more than a few points.
import { describe, expect, it } from 'vitest';
import { dense, gru, lstm, rnn } from '../src/dsl/network.js';
import type { CompiledSequenceNetwork } from '../src/compile/network/compile-sequence.js';
import { buildNotes } from '../src/backends/latex/notes.js';
import type { GeneratedFrom } from '../src/backends/ts/module.js';
import { hasPdflatex, overfullBoxes, typesetLog } from './helpers/pdflatex.js';
import { compileSequence, sequenceExample, withWorked } from './helpers/sequence-worked.js';

const FROM: GeneratedFrom = { source: 'examples/seq/model.ts', command: 'nncompile examples/seq/model.ts', notes: 'model.tex', version: '0.1.0' };

/** Every parameter and input uniform in ±0.4 (two decimals): the adjoints shrink step by step, to ×10ᵏ. */
const withSequence = (net: CompiledSequenceNetwork, seed: number, T: number) => withWorked(net, sequenceExample(net, seed, T, 0.4));
const compile = compileSequence;

describe('long worked sequences fit the page', () => {
  it.skipIf(!hasPdflatex)('Elman (3 units) at T = 8, 12 and 25, LSTM at T = 8, GRU at T = 12, stacked LSTM → GRU: nothing overfull', () => {
    const elman = compile('Elman', [rnn(3, 'tanh'), dense(1, 'linear')]);
    const nets = [
      withSequence(elman, 7, 8),
      withSequence(elman, 7, 12),
      withSequence(elman, 7, 25),
      withSequence(compile('Lstm', [lstm(2), dense(1, 'linear')]), 7, 8),
      withSequence(compile('Gru', [gru(2, { returnSequences: true }), dense(1, 'linear')], { bptt: { truncate: 5 } }), 7, 12),
      withSequence(compile('Stacked', [lstm(2), gru(2, { returnSequences: true }), dense(1, 'linear')]), 7, 4),
    ];
    const notes = buildNotes([], FROM, nets);
    // the numbers that make the lines long are there: δ's of early steps written ×10ᵏ
    expect(notes.document).toMatch(/&= \\left\(-?[\d.]+ \\times 10\^\{-\d+\}\\right\) \\times \\left\(1 - /); // g × (1 − h²), g ×10ᵏ
    const log = typesetLog(notes.document);
    expect(log).not.toMatch(/^! /m);
    expect(overfullBoxes(log, 3)).toEqual([]);
  }, 300_000);
});
