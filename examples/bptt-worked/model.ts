// Worked example: one step of backpropagation through time, every number
// shown — the kind of exercise a textbook's BPTT section sets.
//
// An Elman RNN with one input and two tanh units reads a sequence of T = 3
// numbers, h_t = tanh(W x_t + U h_{t−1} + b) from h_0 = 0; a linear unit
// reads the last state, ŷ = W² h_3 + b²; the loss is ½ (ŷ − y)² and one step
// of plain gradient descent (η = 0.1) follows. The notes work it in numbers:
// the states of every step, the prediction and loss, the two paths into
// every state (from the loss, from the next step), each parameter's term at
// every step and their sum, the update and the loss after it.
//
// Compile it:  npx nncompile examples/bptt-worked/model.ts --out generated/bptt-worked
// and read generated/bptt-worked/model.tex (or model.html).
import { dense, network, rnn } from 'nncompile';

export const Elman = network({
  inputs: { sequence: 1 },
  layers: [rnn(2, 'tanh'), dense(1, 'linear')],
  loss: 'mse', // ½ (ŷ − y)², many-to-one: on the prediction after the last step
  optimizer: { kind: 'sgd', lr: 0.1, batchSize: 1 },
  worked: {
    weights: [
      // W: 2 × 1 (a row per unit), U: 2 × 2, b: 2
      { W: [[0.5], [-0.3]], U: [[0.1, 0.4], [-0.2, 0.3]], b: [0, 0.1] },
      { W: [[0.7, -0.5]], b: [0.2] },
    ],
    x: [1, 0.5, -0.5], // x_1, x_2, x_3 (one feature per step)
    y: [0.3],
  },
});
