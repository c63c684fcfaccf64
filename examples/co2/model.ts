// Exercise: many-to-many — read a year of weekly CO₂ changes and predict,
// at every week, the change to the next one.
//
// Data (data/co2.csv, Mauna Loa weekly CO₂ 1958–2001, Keeling and Whorf,
// public domain; 59 missing weeks filled by linear interpolation). The level
// rises by ~1.5 ppm a year under a ~6 ppm seasonal swing, so train.ts works on
// the weekly changes d_t = x_{t+1} − x_t (scaled with the mean and standard
// deviation of the changes before 1995): a level never seen in training
// becomes a change that has been seen.
//
// The model: a GRU of 16 units reads 52 weekly changes and a linear unit
// reads its state at every step (returnSequences: true), so the network
// makes one prediction per step, each from the weeks up to that step:
//     z_t = σ(W_z x_t + U_z h_{t−1} + b_z),  r_t = σ(W_r x_t + U_r h_{t−1} + b_r)
//     ñ_t = tanh(W_n x_t + U_n (r_t ⊙ h_{t−1}) + b_n)
//     h_t = (1 − z_t) ⊙ ñ_t + z_t ⊙ h_{t−1},   ŷ_t = W² h_t + b²
// Loss: L = (1/n) Σ_sequences (1/T) Σ_t ½ (ŷ_t − d_{t+1})², the mean over the
// steps (lossOverSteps: 'mean'); backpropagation through time adds, at each
// step, the loss's own gradient to the one coming back from later steps.
//
// train.ts trains on the weeks before 1995 and forecasts each week of
// 1995–2001 from the 52 changes before it (the prediction at the window's
// last step), next to persistence (next week = this week) and a linear
// autoregression on the same 52 changes, fitted by least squares.
//
// Run it:  npm run example -- co2
import { dense, gru, network } from 'nncompile';

export const Co2 = network({
  inputs: { sequence: 1 },
  layers: [gru(16, { returnSequences: true }), dense(1, 'linear')],
  loss: 'mse',
  lossOverSteps: 'mean',
  optimizer: { kind: 'adam', lr: 0.002, batchSize: 32 },
  clip: { norm: 1 },
  init: { kind: 'xavier', seed: 1 },
});
