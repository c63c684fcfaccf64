// Hand-written JavaScript BPTT baseline for bench/run-recurrent.mjs: an LSTM
// layer read out at the last step by a linear dense layer, mean squared
// error, plain SGD — typed arrays made once, the gates and cell states of
// every step stored for the backward pass, the four gates' weights stacked
// in one matrix (one pass over a row computes a gate's pre-activation), the
// products that read the same weight row fused, no allocation per step.
//
//   z_t = W x_t + U h_{t−1} + b,  split into the four gates (order i, f, g, o):
//   i = σ(z_i), f = σ(z_f), g = tanh(z_g), o = σ(z_o)
//   c_t = f ⊙ c_{t−1} + i ⊙ g,  h_t = o ⊙ tanh(c_t)       (h_0 = c_0 = 0)
//   ŷ = V h_T + c,  L = (1/n) Σ_i ½ ‖ŷ_i − y_i‖²
//
// Layout: X is n × T × inputs, Y is n × outputs; W is 4·units × inputs,
// U 4·units × units, b 4·units (rows units·k … units·(k+1)−1 belong to gate
// k of i, f, g, o), V outputs × units. params = [W, U, b, V, c].
import { addStepGradients, readoutLossAndGradient, recurrentLayout, sgdStep } from './handwritten-elman.mjs';


const sigmoid = (z) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export class HandwrittenLSTM {
  constructor({ inputs, units, outputs, steps, maxBatch, lr }) {
    this.inputs = inputs;
    this.units = units;
    this.outputs = outputs;
    this.steps = steps;
    this.lr = lr;
    const G = 4 * units;
    this.W = new Float64Array(G * inputs);
    this.U = new Float64Array(G * units);
    this.b = new Float64Array(G);
    this.V = new Float64Array(outputs * units);
    this.c = new Float64Array(outputs);
    this.params = [this.W, this.U, this.b, this.V, this.c];
    this.grads = this.params.map((p) => new Float64Array(p.length));
    this.layout = recurrentLayout({ inputs, units, outputs });
    const perStep = (width) => Array.from({ length: steps + 1 }, () => new Float64Array(maxBatch * width));
    this.H = perStep(units); // H[t]: h_t of every sequence, n × units (H[0] = 0)
    this.C = perStep(units); // C[t]: c_t
    this.A = perStep(G); // A[t]: the gates i, f, g, o after their activations, n × 4·units (A[0] unused)
    this.dH = new Float64Array(maxBatch * units);
    this.dHPrev = new Float64Array(maxBatch * units);
    this.dC = new Float64Array(maxBatch * units); // ∂L/∂c_t, carried to c_{t−1} through f
    this.dZ = new Float64Array(G);
  }

  /** Mean loss of n sequences; writes the gradients into grads. */
  lossAndGradient(X, Y, n) {
    const { inputs: F, units: H, steps: T, W, U, b } = this;
    const G = 4 * H;
    const rowStride = T * F;
    // ---- forward ----
    for (let t = 1; t <= T; t++) {
      const hPrev = this.H[t - 1];
      const cPrev = this.C[t - 1];
      const h = this.H[t];
      const cell = this.C[t];
      const a = this.A[t];
      for (let i = 0; i < n; i++) {
        const x0 = i * rowStride + (t - 1) * F;
        const p0 = i * H;
        const a0 = i * G;
        for (let r = 0; r < G; r++) {
          let s = b[r];
          const wr = r * F;
          for (let k = 0; k < F; k++) s += W[wr + k] * X[x0 + k];
          const ur = r * H;
          for (let m = 0; m < H; m++) s += U[ur + m] * hPrev[p0 + m];
          a[a0 + r] = r >= 2 * H && r < 3 * H ? Math.tanh(s) : sigmoid(s);
        }
        for (let j = 0; j < H; j++) {
          const ig = a[a0 + j];
          const fg = a[a0 + H + j];
          const gg = a[a0 + 2 * H + j];
          const og = a[a0 + 3 * H + j];
          const cj = fg * cPrev[p0 + j] + ig * gg;
          cell[p0 + j] = cj;
          h[p0 + j] = og * Math.tanh(cj);
        }
      }
    }
    // ---- read-out and loss: ŷ = V h_T + c; ∂L/∂V, ∂L/∂c and ∂L/∂h_T into dH ----
    const [dW, dU, db] = this.grads;
    const dH = this.dH;
    const total = readoutLossAndGradient(this, this.H[T], Y, n, dH);
    // ---- backward through time ----
    dW.fill(0);
    dU.fill(0);
    db.fill(0);
    const dC = this.dC;
    dC.fill(0, 0, n * H);
    const dZ = this.dZ;
    let dHNext = dH;
    let dHPrev = this.dHPrev;
    for (let t = T; t >= 1; t--) {
      const hPrev = this.H[t - 1];
      const cPrev = this.C[t - 1];
      const cell = this.C[t];
      const a = this.A[t];
      dHPrev.fill(0, 0, n * H);
      for (let i = 0; i < n; i++) {
        const p0 = i * H;
        const a0 = i * G;
        const x0 = i * rowStride + (t - 1) * F;
        for (let j = 0; j < H; j++) {
          const ig = a[a0 + j];
          const fg = a[a0 + H + j];
          const gg = a[a0 + 2 * H + j];
          const og = a[a0 + 3 * H + j];
          const tc = Math.tanh(cell[p0 + j]);
          const dh = dHNext[p0 + j];
          // ∂L/∂c_t: from the next step (through f_{t+1}) and from h_t = o ⊙ tanh(c_t)
          const dcj = dC[p0 + j] + dh * og * (1 - tc * tc);
          dC[p0 + j] = dcj * fg; // ∂L/∂c_{t−1}
          dZ[j] = dcj * gg * ig * (1 - ig); // σ′ = σ(1 − σ)
          dZ[H + j] = dcj * cPrev[p0 + j] * fg * (1 - fg);
          dZ[2 * H + j] = dcj * ig * (1 - gg * gg); // tanh′ = 1 − tanh²
          dZ[3 * H + j] = dh * tc * og * (1 - og);
        }
        addStepGradients(G, dZ, X, x0, F, hPrev, p0, H, U, dW, dU, db, dHPrev);
      }
      const swap = dHNext;
      dHNext = dHPrev;
      dHPrev = swap;
    }
    return total;
  }

  /** Plain SGD: θ ← θ − η g. */
  step() {
    sgdStep(this.params, this.grads, this.lr);
  }
}
