// Several training steps on a recurrent network's worked sequences (issue 11: "a network's notes can show N
// training steps (the loss after each)"): worked.steps for sequence networks, the first step worked in numbers,
// then the loss before and after every step — each checked against the generated trainer taking the same steps
// (Adam: its moments and t carry over from step to step, so a wrong carry changes every loss after the first).
import { describe, expect, it } from 'vitest';
import { dense, network, rnn } from '../src/dsl/network.js';
import { TexWriter } from '../src/backends/latex/tex-writer.js';
import { writeSequenceNetwork } from '../src/backends/latex/network/recurrent/sequence-section.js';
import { loadSequenceTrainer } from './helpers/sequence-module.js';
import { katexError } from './helpers/katex.js';

// a character model over {h, e, l, o}: "hell" one-hot, the next symbol "o" by softmax + categorical cross-entropy
const oneHot = (k: number) => [0, 1, 2, 3].map((i) => (i === k ? 1 : 0));
const CHAR = network({
  inputs: { sequence: 4 },
  layers: [rnn(3, 'tanh'), dense(4, 'softmax')],
  loss: 'cce',
  optimizer: { kind: 'adam', lr: 0.1, batchSize: 1 },
  worked: {
    weights: [
      { W: [[0.5, -0.3, 0.2, 0.1], [-0.2, 0.4, -0.1, 0.3], [0.1, 0.2, 0.6, -0.4]], U: [[0.1, -0.2, 0.3], [0.2, 0.1, -0.1], [-0.3, 0.2, 0.1]], b: [0, 0, 0] },
      { W: [[0.4, -0.2, 0.1], [-0.3, 0.5, 0.2], [0.2, 0.1, -0.4], [0.1, -0.3, 0.3]], b: [0, 0, 0, 0] },
    ],
    x: [oneHot(0), oneHot(1), oneHot(2), oneHot(2)],
    y: [oneHot(3)],
    steps: 6,
  },
});

describe('several training steps on the worked sequences', () => {
  it('a character model with Adam, 6 steps: the table of losses is what the generated trainer computes step after step', async () => {
    const { Trainer, compiled } = await loadSequenceTrainer(CHAR);
    const worked = compiled.worked!;
    expect(worked.losses).toHaveLength(6);
    const out = new TexWriter();
    writeSequenceNetwork(compiled, out);
    expect(out.body()).toContain('the loss before and after each of the 6 steps');
    expect(out.formulas().map(katexError).filter((e) => e !== undefined)).toEqual([]);
    const printed = new Map(out.values().values.map((r) => [r.label, r.value]));
    const trainer = new Trainer(1);
    compiled.layout.forEach((p, a) => trainer.params[a].set(worked.sequences[0].params[p.name]));
    trainer.sequenceLength = 4;
    const X = Float64Array.from(worked.sequences[0].x.flat());
    const Y = Float64Array.from(worked.sequences[0].y.flat());
    const trainerLosses: number[] = [];
    for (let s = 0; s <= 6; s++) {
      trainer.lossAndGradient(X, Y, 1);
      trainerLosses.push(trainer.lastLoss);
      if (s < 6) trainer.step();
    }
    for (let s = 0; s <= 6; s++) expect(printed.get(`L_{${s}}`)).toBeCloseTo(trainerLosses[s], 12);
    worked.losses.forEach((l, s) => {
      expect(l.before).toBeCloseTo(trainerLosses[s], 12);
      expect(l.after).toBeCloseTo(trainerLosses[s + 1], 12);
    });
    expect(trainerLosses[6]).toBeLessThan(trainerLosses[0] / 2); // it learns: the loss falls
  }, 120_000);

  it('one step (the default) prints no table of steps', async () => {
    const { compiled } = await loadSequenceTrainer({ ...CHAR, worked: { ...CHAR.worked!, steps: 1 } } as typeof CHAR, 'One');
    const out = new TexWriter();
    writeSequenceNetwork(compiled, out);
    expect(out.body()).not.toContain('Each further step');
    expect(compiled.worked!.losses).toHaveLength(1);
  }, 120_000);
});
