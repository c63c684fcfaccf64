// The saved model's format and architecture (toJSON / loadJSON): a generated
// trainer writes formatVersion and its layers as model.ts declares them, and
// refuses weights of the same name and sizes trained with other activations
// or another layer kind — a mismatch no size check can see.
import { describe, expect, it } from 'vitest';
import { dense, loadTrainer, testNetwork } from '../helpers/network-module.js';
import { loadSequenceTrainer, testSequenceNetwork } from '../helpers/sequence-module.js';
import { gru, lstm } from '../../src/dsl/network.js';

interface Saved {
  toJSON(): { formatVersion: number; architecture: string[]; model: string };
  loadJSON(json: unknown): void;
  readonly params: readonly Float64Array[];
}

describe('toJSON / loadJSON of generated trainers', () => {
  it('a feedforward trainer saves its format and layers and refuses the same sizes with other activations', async () => {
    const tanh = await loadTrainer(testNetwork({ layers: [dense(4, 'tanh'), dense(2, 'softmax')], loss: 'cce' }), 'Net');
    const relu = await loadTrainer(testNetwork({ layers: [dense(4, 'relu'), dense(2, 'softmax')], loss: 'cce' }), 'Net');
    const a = new tanh.Trainer() as unknown as Saved;
    const b = new relu.Trainer() as unknown as Saved;
    const json = a.toJSON();
    expect(json.formatVersion).toBe(1);
    expect(json.architecture).toEqual(['dense 4 tanh', 'dense 2 softmax']);
    const before = b.params.map((p) => Array.from(p));
    expect(() => b.loadJSON(json)).toThrow(
      'loadJSON (Net): the weights are for the layers dense 4 tanh, dense 2 softmax, this Net has dense 4 relu, dense 2 softmax ' +
        '(layer 1 differs: dense 4 tanh in the JSON, dense 4 relu here; model.ts changed since they were saved?)');
    expect(b.params.map((p) => Array.from(p))).toEqual(before);
    const copy = new tanh.Trainer(5) as unknown as Saved;
    copy.loadJSON(JSON.stringify(json));
    expect(copy.toJSON()).toEqual(json);
  });

  it('a sequence trainer names its recurrent layers; an LSTM\'s weights do not load into a GRU of the same name', async () => {
    const rnn = await loadSequenceTrainer(testSequenceNetwork({ layers: [lstm(3), dense(1, 'linear')] }), 'Seq');
    const other = await loadSequenceTrainer(testSequenceNetwork({ layers: [gru(3), dense(1, 'linear')] }), 'Seq');
    const json = (new rnn.Trainer() as unknown as Saved).toJSON();
    expect(json.architecture).toEqual(['lstm 3', 'dense 1 linear']);
    // the sizes agree (3 units, 1 output); the parameters do not: the architecture is named first
    expect(() => (new other.Trainer() as unknown as Saved).loadJSON(json)).toThrow(
      "the weights are for the layers lstm 3, dense 1 linear, this Seq has gru 3, dense 1 linear (layer 1 differs");
  });
});
