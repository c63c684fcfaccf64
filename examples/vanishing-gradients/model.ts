// Exercise: vanishing gradients, shown. The textbook's challenge of
// backpropagation through time: in a long sequence the gradient that reaches
// the early steps is a product of one Jacobian per step, and for a simple
// recurrent network those factors shrink it geometrically.
//
// The task (train.ts makes the data): sequences of T = 50 steps of two
// numbers, a signal and noise; the signal is +1 or −1 at the first step and
// decides the label (1 for +1), then 0, while the noise goes on at every
// step. The network has to carry one bit across 49 noisy steps.
//
// Two networks, the same size, the same training:
//   SimpleRnn:  h_t = tanh(W x_t + U h_{t−1} + b), then p = σ(W² h_T + b²)
//   Lstm:       the LSTM's cell c_t = f_t ⊙ c_{t−1} + i_t ⊙ c̃_t carries the
//               bit; ∂c_t/∂c_{t−1} = f_t, a factor the forget gate can hold
//               near 1, so the gradient need not vanish.
// Loss: binary cross-entropy on the last step, from the logit. Training:
// plain SGD with momentum, the textbook setting of the challenge. (Adam
// rescales each parameter's gradient by its own running size, which hides
// much of the decay: with Adam the simple RNN learns this task too. See the
// README.) train.ts starts the LSTM's forget gate at σ(2) ≈ 0.88 (its bias
// bf1 = 2), the usual practice, so its cell starts out remembering.
//
// train.ts prints ‖∂L/∂h_t‖ at every 5th step for both, before and after
// training (the trainer measures it at every step of every batch), plots
// them on a log scale (generated/vanishing-gradients/gradient-norms.svg) and
// reports both test accuracies.
//
// Run it:  npm run example -- vanishing-gradients
import { dense, lstm, network, rnn } from 'nncompile';

const training = {
  loss: 'bce',
  optimizer: { kind: 'sgd', lr: 0.1, momentum: 0.9, batchSize: 32 },
  clip: { norm: 1 },
  init: { kind: 'xavier', seed: 3 },
} as const;

export const SimpleRnn = network({
  inputs: { sequence: 2 },
  layers: [rnn(16, 'tanh'), dense(1, 'sigmoid')],
  ...training,
});

export const Lstm = network({
  inputs: { sequence: 2 },
  layers: [lstm(16), dense(1, 'sigmoid')],
  ...training,
});
