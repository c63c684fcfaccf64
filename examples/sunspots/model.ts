// Exercise: forecast next year's sunspot number from the years before it.
//
// Data (data/sunspots.csv, NOAA NGDC, public domain): the yearly mean
// sunspot number 1700–2008, a quasi-periodic series (the ~11-year solar
// cycle, of varying height). train.ts scales it with the mean and standard
// deviation of the years before 1960, cuts it into windows of 20 years
// (a sequence of T = 20 steps with one feature each) and asks for the next
// year: many-to-one.
//
// The model: an LSTM of 16 cells reads the window one year at a time,
//     i_t, f_t, o_t = σ(W x_t + U h_{t−1} + b) (one W, U, b per gate)
//     c̃_t = tanh(W_c x_t + U_c h_{t−1} + b_c)
//     c_t = f_t ⊙ c_{t−1} + i_t ⊙ c̃_t,   h_t = o_t ⊙ tanh(c_t)
// and a linear unit reads its last state: ŷ = W² h_T + b².
// Loss: L = (1/n) Σ ½ (ŷ − y)², trained by backpropagation through time over
// the whole window, Adam, gradients clipped to norm 1 (see the notes).
//
// train.ts trains on the windows whose target year is before 1960 (the last
// 20 % of them for early stopping) and reports the test RMSE on 1960–2008
// next to persistence (next year = this year) and a linear autoregression on
// the same 20 years, fitted by least squares.
//
// Run it:  npm run example -- sunspots
import { dense, lstm, network } from 'nncompile';

export const Sunspots = network({
  inputs: { sequence: 1 },
  layers: [lstm(16), dense(1, 'linear')],
  loss: 'mse',
  optimizer: { kind: 'adam', lr: 0.01, batchSize: 16 },
  clip: { norm: 1 },
  init: { kind: 'xavier', seed: 1 },
});
