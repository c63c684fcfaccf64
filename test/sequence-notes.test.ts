// The BPTT notes of recurrent networks (src/backends/latex/network/recurrent/):
// every formula parses (KaTeX), the document compiles (pdflatex), the
// sections the issue asks for are there for each kind and mode, and the
// backward formulas the notes print for each kind (gate-derivatives.ts)
// compute what the compiled reverse step computes, on the worked numbers.
import { describe, expect, it } from 'vitest';
import { dense, gru, lstm, network, rnn, type Layer, type SequenceNetworkSpecInput } from '../src/dsl/network.js';
import { validateSequenceNetwork } from '../src/compile/network/validate-sequence.js';
import type { CompiledSequenceNetwork } from '../src/compile/network/compile-sequence.js';
import { type SequenceExample, sequenceWorkedValues } from '../src/compile/network/sequence-worked-values.js';
import { sequenceWorkedStep } from '../src/compile/network/sequence-worked-step.js';
import { buildNotes } from '../src/backends/latex/notes.js';
import { TexWriter } from '../src/backends/latex/tex-writer.js';
import { writeSequenceNetwork } from '../src/backends/latex/network/recurrent/sequence-section.js';
import type { GeneratedFrom } from '../src/backends/ts/module.js';
import { katexError } from './helpers/katex.js';
import { hasPdflatex, overfullBoxes, typesetLog } from './helpers/pdflatex.js';
import { DEFAULT_DIGITS, formatNumber } from '../src/backends/doc/number-format.js';
import { loadSequenceTrainer } from './helpers/sequence-module.js';
import { compileSequence, sequenceExample, withWorked } from './helpers/sequence-worked.js';

const FROM: GeneratedFrom = { source: 'examples/seq/model.ts', command: 'nncompile examples/seq/model.ts', notes: 'model.tex', version: '0.1.0' };

const compile = compileSequence;
const example = (net: CompiledSequenceNetwork, seed: number, steps: number): SequenceExample => sequenceExample(net, seed, steps);

const NETS = (): CompiledSequenceNetwork[] => {
  const elman = compile('Elman', [rnn(2, 'tanh'), dense(1, 'linear')]);
  const lstmNet = compile('Gated', [lstm(2, { returnSequences: true }), dense(1, 'linear')]);
  const gruNet = compile('Gru', [gru(2), dense(1, 'sigmoid')], { loss: 'bce', bptt: { truncate: 2 }, clip: { norm: 1 } });
  const stacked = compile('Stacked', [lstm(3), rnn(4, 'relu', { returnSequences: true }), dense(2, 'tanh'), dense(1, 'linear')], { lossOverSteps: 'sum' });
  const stackedElman = compile('StackedElman', [rnn(2, 'tanh'), rnn(2, 'tanh'), dense(1, 'linear')]);
  return [
    withWorked(elman, example(elman, 1, 3)),
    withWorked(stackedElman, example(stackedElman, 12, 5)), // five steps: the δ lines and ‖∂L/∂h_t‖ of each fit the line
    withWorked(lstmNet, example(lstmNet, 2, 2)),
    withWorked(gruNet, { ...example(gruNet, 3, 3), y: [[1]] }),
    stacked,
  ];
};

function render(): { document: string; formulas: readonly string[] } {
  const out = new TexWriter();
  for (const net of NETS()) writeSequenceNetwork(net, out);
  return { document: out.body(), formulas: out.formulas() };
}

describe('BPTT notes', () => {
  const { document, formulas } = render();

  it('every formula renders (KaTeX)', () => {
    expect(formulas.length).toBeGreaterThan(50);
    expect(formulas.map(katexError).filter((e) => e !== undefined)).toEqual([]);
  });

  it('a worked mini-batch of two sequences: every formula renders (a state entry carries its sequence as a superscript after its layer\'s)', () => {
    const net = compile('Batch', [rnn(2, 'tanh'), dense(1, 'linear')]);
    const [a, b] = [example(net, 4, 2), example(net, 5, 2)];
    const worked = sequenceWorkedStep(net, { params: a.params, x: [a.x, b.x], y: [a.y, b.y] });
    const out = new TexWriter();
    writeSequenceNetwork({ ...net, worked }, out);
    const body = out.body();
    expect(body).toContain('{h^{1}_{1,1}}^{(2)}');
    expect(out.formulas().map(katexError).filter((e) => e !== undefined)).toEqual([]);
  });

  it('a worked mini-batch of LSTM and GRU sequences: the gate tables\' headers carry the sequence after the layer (z^{1}_{t,k}^{(1)} was a KaTeX error that stopped the CLI)', () => {
    for (const layer of [gru(2), lstm(2)]) {
      const net = compile('GatedBatch', [layer, dense(1, 'linear')]);
      const [a, b] = [example(net, 6, 2), example(net, 7, 2)];
      const out = new TexWriter();
      writeSequenceNetwork({ ...net, worked: sequenceWorkedStep(net, { params: a.params, x: [a.x, b.x], y: [a.y, b.y] }) }, out);
      expect(out.body()).toMatch(/\$\{[a-z]\^\{1\}_\{t,k\}\}\^\{\(2\)\}\$/);
      expect(out.formulas().map(katexError).filter((e) => e !== undefined)).toEqual([]);
      // an accented gate (c̃, ñ) carries its tag on an empty atom: TeX reads {\tilde{n}^{1}_{t,k}}^{(2)} as a double superscript
      expect(out.body()).toContain(`{\\tilde{${layer.kind === 'gru' ? 'n' : 'c'}}^{1}_{t,k}}{}^{(2)}`);
      if (hasPdflatex) expect(typesetLog(buildNotes([], FROM, [{ ...net, worked: sequenceWorkedStep(net, { params: a.params, x: [a.x, b.x], y: [a.y, b.y] }) }]).document)).not.toMatch(/^! /m);
    }
  }, 300_000);

  it('has the unrolled graph, the recurrences with both paths named, the sums over time and truncation', () => {
    expect(document).toContain('\\begin{tikzpicture}'); // the unrolled graph, a figure of the document model
    expect(document).not.toContain('\\begin{picture}');
    expect(document).toContain('\\text{from the loss at step } t');
    expect(document).toContain('\\text{from step } t+1 \\text{ (the recurrence)}');
    expect(document).toContain('\\frac{\\partial L}{\\partial U^{1}} &= \\sum_{t}');
    expect(document).toContain('Truncated BPTT with');
    expect(document).toContain('\\delta^{1}_{f,t}'); // the LSTM's forget-gate error
    expect(document).toContain('\\delta^{1}_{r,t}'); // the GRU's reset-gate error
    expect(document).toContain('h^{1}_{t} &= \\tanh'); // the Elman kind's own describe() row
    expect(document).toContain('One training step in numbers');
  });

  it('the worked tables print the interpreter\'s numbers, rounded, each recorded for the companion', () => {
    const [elman] = NETS();
    const v = elman.worked?.sequences[0];
    const out = new TexWriter();
    writeSequenceNetwork(elman, out);
    const body = out.body();
    const shown = out.values().values;
    for (const [value, label] of [
      [v!.states[2][0][1], 'h^{1}_{2,2}'],
      [v!.adjoint[0][0][0], '\\partial L / \\partial h^{1}_{1,1}'],
      [v!.gradient[1][3], '\\partial L / \\partial u^{1}_{22}'],
      [v!.loss, 'L'],
    ] as const) {
      const entry = shown.find((s) => s.label === label);
      expect(entry?.value, label).toBe(value);
      expect(entry?.shown).toBe(formatNumber(value, { digits: DEFAULT_DIGITS }));
      expect(body).toContain(`$${entry?.shown}$`);
    }
    expect(body).not.toMatch(/[1-9]\d{7,}/); // nothing printed at full precision (6 significant digits)
  });

  it('the document with an expression, a feedforward and the recurrent networks is a valid notes file', () => {
    const notes = buildNotes([], FROM, NETS());
    expect(notes.document).toContain('\\section{The recurrent network \\texttt{Stacked}}');
    expect(notes.formulas.map(katexError).filter((e) => e !== undefined)).toEqual([]);
  });

  it.skipIf(!hasPdflatex)('pdflatex compiles them without errors or big overfull boxes', () => {
    const preamble = buildNotes([], FROM, []).document.split('\\maketitle')[0];
    const log = typesetLog(`${preamble}\\maketitle\n${document}\n\\end{document}\n`);
    expect(log).not.toMatch(/^! /m);
    expect(overfullBoxes(log, 19)).toEqual([]); // nothing sticks out by 20pt or more
  }, 240_000);

  it.skipIf(!hasPdflatex)('a long sequence (T = 6, T = 12): the per-step terms fit the page, nothing overfull', () => {
    const elman = compile('Elman', [rnn(2, 'tanh'), dense(1, 'linear')]);
    const out = new TexWriter();
    for (const [seed, steps] of [[31, 6], [32, 12]]) writeSequenceNetwork(withWorked(elman, example(elman, seed, steps)), out);
    const preamble = buildNotes([], FROM, []).document.split('\\maketitle')[0];
    const log = typesetLog(`${preamble}\\maketitle\n${out.body()}\n\\end{document}\n`);
    expect(log).not.toMatch(/^! /m);
    expect(overfullBoxes(log)).toEqual([]);
  }, 240_000);

});

/**
 * The backward formulas the notes print (gate-derivatives.ts), written out
 * here in plain loops on the worked values (states, gate values, adjoints at
 * step t + 1), against what the compiled reverse step handed back to step t.
 */
describe('the worked δ recursion (Elman layers) in numbers', () => {
  /** The recorded value of every label the notes printed (full precision). */
  const recorded = (out: TexWriter) => new Map(out.values().values.map((r) => [r.label, r.value]));
  const stackedNet = (upper: 'tanh' | 'relu') => {
    const net = compile('Stack', [rnn(2, 'tanh'), rnn(2, upper), dense(1, 'linear')]);
    return withWorked(net, example(net, 11, 3));
  };

  it('each g^l_{t,i} is its first path plus Σ_k u_{ki} δ_{t+1,k}, each δ^l_{t,i} = g · f′ — and δ is the interpreter\'s bias term', () => {
    for (const net of [NETS()[0], stackedNet('relu'), stackedNet('tanh')]) {
      const v = net.worked!.sequences[0];
      const out = new TexWriter();
      writeSequenceNetwork(net, out);
      const body = out.body();
      const value = recorded(out);
      let checked = 0;
      net.spec.recurrent.forEach((layer, k) => {
        const l = k + 1;
        const U = v.params[`U${l}`];
        const units = layer.units;
        for (let t = v.steps; t >= 1; t--) {
          for (let i = 0; i < units; i++) {
            const g = value.get(`g^{${l}}_{${t},${i + 1}}`)!;
            const delta = value.get(`\\delta^{${l}}_{${t},${i + 1}}`)!;
            const h = v.states[t][v.stateNames.indexOf(`h${l}`)][i];
            // δ is the step's term of ∂L/∂b^l (the compiled reverse step, run by the interpreter)
            expect(delta).toBeCloseTo(v.terms[t - 1][v.recurrentNames.indexOf(`b${l}`)][i], 15);
            // δ = g f′ with the printed g: tanh′ = 1 − h², relu′ = H(z) = [h > 0]
            expect(delta).toBeCloseTo(g * (layer.kind === 'rnn' && layer.activation === 'tanh' ? 1 - h * h : h > 0 ? 1 : 0), 15);
            // g = first path + Σ_k u_{ki} δ_{t+1,k}, with the δ's printed for step t + 1
            // (at t = T the first path is g itself, printed as g: its own number only where a sum follows it)
            const j = v.stateNames.indexOf(`h${l}`);
            const alone = (l === net.spec.recurrent.length ? v.fromLoss : v.fromAbove)[t - 1][j][i];
            const first = value.get(`g^{${l}}_{${t},${i + 1}} \\text{ first path}`) ?? (t === v.steps ? alone : 0);
            let sum = first;
            if (t < v.steps) for (let q = 0; q < units; q++) sum += U[q * units + i] * value.get(`\\delta^{${l}}_{${t + 1},${q + 1}}`)!;
            expect(g).toBeCloseTo(sum, 15);
            checked++;
          }
        }
      });
      expect(checked).toBe(v.steps * net.spec.recurrent.reduce((a, layer) => a + layer.units, 0));
      expect(body).toContain('\\delta^{1}_{3,1} &= g^{1}_{3,1} \\left(1 - \\left(h^{1}_{3,1}\\right)^{2}\\right) = ');
      expect(out.formulas().map(katexError).filter((e) => e !== undefined)).toEqual([]);
    }
  });

  it('a lower layer\'s ∂L/∂h^l_t in the backward table includes its path through the layer above at step t', () => {
    const net = stackedNet('tanh');
    const v = net.worked!.sequences[0];
    const out = new TexWriter();
    writeSequenceNetwork(net, out);
    const value = recorded(out);
    // layer 1 (tanh): the total adjoint times 1 − h² is its bias term; without the path through layer 2 it is not
    let through = 0;
    for (let t = 1; t <= v.steps; t++) {
      for (let i = 0; i < 2; i++) {
        const total = value.get(`\\partial L / \\partial h^{1}_{${t},${i + 1}}`)!;
        const above = value.get(`\\partial L / \\partial h^{1}_{${t},${i + 1}} \\text{ from the layer above at } t`)!;
        const h = v.states[t][0][i];
        expect(total * (1 - h * h)).toBeCloseTo(v.terms[t - 1][v.recurrentNames.indexOf('b1')][i], 15);
        through += Math.abs(above);
      }
    }
    expect(through).toBeGreaterThan(0);
  });
});

describe('the notes\' backward formulas compute what the reverse step computes', () => {
  const H = 3;
  /** (Mᵀ d)_m = Σ_j M[j, m] d_j for an H × H matrix M, row-major. */
  const tmul = (M: readonly number[], d: readonly number[]) => Array.from({ length: H }, (_v, m) => d.reduce((s, dj, j) => s + M[j * H + m] * dj, 0));
  const add = (...vs: number[][]) => vs[0].map((_x, i) => vs.reduce((s, v) => s + v[i], 0));
  const mul = (...vs: readonly (readonly number[])[]) => vs[0].map((_x, i) => vs.reduce((s, v) => s * v[i], 1));
  const oneMinus = (v: readonly number[]) => v.map((x) => 1 - x);
  const sq = (v: readonly number[]) => v.map((x) => x * x);
  const dsig = (v: readonly number[]) => mul(v, oneMinus(v)); // σ′ = σ(1 − σ)
  const expectVector = (actual: readonly number[], expected: readonly number[]) => actual.forEach((a, i) => expect(a).toBeCloseTo(expected[i], 13));

  function worked(layers: Layer[], seed: number) {
    const net = compile('N', layers);
    const ex = example(net, seed, 3);
    return { v: sequenceWorkedValues(net, ex), P: ex.params };
  }

  it('Elman (tanh): δ_{t+1} = g ⊙ (1 − h²), Uᵀ δ_{t+1} into h_t, δ_t h_{t−1}ᵀ the term of U', () => {
    const { v, P } = worked([rnn(H, 'tanh', { returnSequences: true }), dense(1, 'linear')], 21);
    for (let t = 1; t < v.steps; t++) {
      const delta = mul(v.adjoint[t][0], oneMinus(sq(v.states[t + 1][0])));
      expectVector(v.fromNext[t - 1][0], tmul(P.U1, delta));
      const uTerm = v.terms[t][v.recurrentNames.indexOf('U1')];
      expectVector(uTerm, delta.flatMap((dj) => v.states[t][0].map((hm) => dj * hm)));
    }
  });

  it('LSTM: e, δ_i, δ_f, δ_c, δ_o; Σ_q U_qᵀ δ_q into h_t and e ⊙ f into c_t', () => {
    const { v, P } = worked([lstm(H), dense(1, 'linear')], 22);
    for (let t = 1; t < v.steps; t++) {
      const [gH, gC] = v.adjoint[t];
      const [i, f, cand, o] = v.saved[t];
      const c = v.states[t + 1][1];
      const tanhC = c.map(Math.tanh);
      const e = add(mul(gH, o, oneMinus(sq(tanhC))), [...gC]);
      const deltas: Record<string, number[]> = {
        i: mul(e, cand, dsig(i)),
        f: mul(e, v.states[t][1], dsig(f)),
        c: mul(e, i, oneMinus(sq(cand))),
        o: mul(gH, tanhC, dsig(o)),
      };
      expectVector(v.fromNext[t - 1][0], add(...['i', 'f', 'c', 'o'].map((q) => tmul(P[`U${q}1`], deltas[q]))));
      expectVector(v.fromNext[t - 1][1], mul(e, f));
    }
  });

  it('GRU: δ_n, δ_z, δ_r and g ⊙ z + U_zᵀδ_z + U_rᵀδ_r + (U_nᵀδ_n) ⊙ r into h_t', () => {
    const { v, P } = worked([gru(H, { returnSequences: true }), dense(1, 'linear')], 23);
    for (let t = 1; t < v.steps; t++) {
      const [g] = v.adjoint[t];
      const [z, r, n] = v.saved[t];
      const hPrev = v.states[t][0];
      const dn = mul(g, oneMinus(z), oneMinus(sq(n)));
      const dz = mul(g, add([...hPrev], n.map((x) => -x)), dsig(z));
      const unT = tmul(P.Un1, dn);
      const dr = mul(unT, hPrev, dsig(r));
      expectVector(v.fromNext[t - 1][0], add(mul(g, z), tmul(P.Uz1, dz), tmul(P.Ur1, dr), mul(unT, r)));
    }
  });
});

/**
 * A model's worked mini-batch (the spec's worked option: two sequences, many-to-many,
 * clipped Adam) gives the numbers the generated trainer computes on the same batch:
 * lossAndGradient's loss and every gradient entry, and step()'s parameters after it.
 */
describe('the worked step of a mini-batch is what the generated trainer does', () => {
  it('one feature per step: x as a list of sequences of T numbers each (as the README writes one sequence) is a mini-batch', () => {
    const weights = [{ W: [[0.5], [-0.3]], U: [[0.1, 0.4], [-0.2, 0.3]], b: [0, 0.1] }, { W: [[0.7, -0.5]], b: [0.2] }];
    const spec = (x: unknown) => network({ inputs: { sequence: 1 }, layers: [rnn(2, 'tanh'), dense(1, 'linear')], loss: 'mse',
      optimizer: { kind: 'sgd', lr: 0.1 }, worked: { weights, x, y: [[0.5], [-0.5]] } } as SequenceNetworkSpecInput);
    expect(validateSequenceNetwork(spec([[1, -1, 0.5], [0.2, 0.4, 0.6]])).worked?.x).toEqual([[[1], [-1], [0.5]], [[0.2], [0.4], [0.6]]]);
    // the nested form says the same
    expect(validateSequenceNetwork(spec([[[1], [-1], [0.5]], [[0.2], [0.4], [0.6]]])).worked?.x).toEqual([[[1], [-1], [0.5]], [[0.2], [0.4], [0.6]]]);
  });
  it('LSTM many-to-many, mean over steps, Adam with clipping', async () => {
    const layers = [lstm(2, { returnSequences: true }), dense(1, 'linear')];
    const shape = compile('Shape', layers);
    const given = example(shape, 7, 3);
    const perLayer = [0, 1].map((l) => Object.fromEntries(shape.layout.filter((p) => p.layer === l + 1)
      .map((p) => [p.name.slice(0, -1), p.shape.length === 2 ? Array.from({ length: p.shape[0] }, (_v, i) => given.params[p.name].slice(i * p.shape[1], (i + 1) * p.shape[1])) : given.params[p.name]])));
    const second = example(shape, 8, 3);
    const spec = network({
      inputs: { sequence: 2 }, layers, loss: 'mse', optimizer: { kind: 'adam', lr: 0.05 }, clip: { norm: 0.5 },
      worked: { weights: perLayer, x: [given.x, second.x], y: [given.y, second.y] },
    });
    const { Trainer, compiled } = await loadSequenceTrainer(spec);
    const worked = compiled.worked;
    expect(worked?.sequences).toHaveLength(2);
    const trainer = new Trainer(1);
    compiled.layout.forEach((p, a) => trainer.params[a].set(given.params[p.name]));
    trainer.sequenceLength = 3;
    trainer.lossAndGradient(Float64Array.from([...given.x, ...second.x].flat()), Float64Array.from([...given.y, ...second.y].flat()), 2);
    expect(worked!.loss).toBeCloseTo(trainer.lastLoss, 14);
    compiled.layout.forEach((p, a) => Array.from(trainer.grads[a]).forEach((g, i) => expect(worked!.gradient[a][i], `${p.name}[${i}]`).toBeCloseTo(g, 14)));
    trainer.step();
    compiled.layout.forEach((p, a) => Array.from(trainer.params[a]).forEach((v, i) => expect(worked!.update.updated[a][i], `${p.name}[${i}]`).toBeCloseTo(v, 14)));
    expect(worked!.update.norm).toBeGreaterThan(0.5); // the clipping took effect
  });
});
