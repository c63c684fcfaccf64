// Hand-written JavaScript BPTT baseline for bench/run-recurrent.mjs: a simple
// (Elman) recurrent layer with tanh units, read out at the last step by a
// linear dense layer, trained on the mean squared error with plain SGD —
// written the way a careful person writes it without a code generator:
// typed arrays made once, the states of every step stored for the backward
// pass, inner loops over contiguous rows, the two products that read the
// same weight row fused into one loop, no allocation per step.
//
//   h_0 = 0,  h_t = tanh(W x_t + U h_{t−1} + b)       (t = 1 … T)
//   ŷ = V h_T + c,  L = (1/n) Σ_i ½ ‖ŷ_i − y_i‖²
//
// Layout: X is n × T × inputs (one sequence per row, its steps in order),
// Y is n × outputs; W is units × inputs, U units × units, V outputs × units,
// all row-major. params = [W, U, b, V, c] (layout), grads the same.

/**
 * The parameters [W, U, b, V, c] of a recurrent layer read out by a dense
 * layer: name, role, fan-in and fan-out (for initialization).
 */
export function recurrentLayout({ inputs, units, outputs }) {
  return [
    { name: 'W', role: 'weight', fanIn: inputs, fanOut: units },
    { name: 'U', role: 'weight', fanIn: units, fanOut: units },
    { name: 'b', role: 'bias' },
    { name: 'V', role: 'weight', fanIn: units, fanOut: outputs },
    { name: 'c', role: 'bias' },
  ];
}

export class HandwrittenElman {
  constructor({ inputs, units, outputs, steps, maxBatch, lr }) {
    this.inputs = inputs;
    this.units = units;
    this.outputs = outputs;
    this.steps = steps;
    this.lr = lr;
    this.W = new Float64Array(units * inputs);
    this.U = new Float64Array(units * units);
    this.b = new Float64Array(units);
    this.V = new Float64Array(outputs * units);
    this.c = new Float64Array(outputs);
    this.params = [this.W, this.U, this.b, this.V, this.c];
    this.grads = this.params.map((p) => new Float64Array(p.length));
    this.layout = recurrentLayout({ inputs, units, outputs });
    // H[t] (t = 0 … T): the states of every sequence at step t, n × units (H[0] stays 0)
    this.H = Array.from({ length: steps + 1 }, () => new Float64Array(maxBatch * units));
    this.dH = new Float64Array(maxBatch * units); // ∂L/∂h_t, then ∂L/∂h_{t−1}
    this.dHPrev = new Float64Array(maxBatch * units);
    this.dZ = new Float64Array(units); // ∂L/∂(pre-activation) of one sequence at one step
    this.Yhat = new Float64Array(maxBatch * outputs);
  }

  /** Mean loss of n sequences; writes the gradients into grads. */
  lossAndGradient(X, Y, n) {
    const { inputs: F, units: H, steps: T, W, U, b } = this;
    const rowStride = T * F;
    // ---- forward: h_t = tanh(W x_t + U h_{t−1} + b) ----
    for (let t = 1; t <= T; t++) {
      const hPrev = this.H[t - 1];
      const h = this.H[t];
      for (let i = 0; i < n; i++) {
        const x0 = i * rowStride + (t - 1) * F;
        const p0 = i * H;
        for (let j = 0; j < H; j++) {
          let s = b[j];
          const wj = j * F;
          for (let k = 0; k < F; k++) s += W[wj + k] * X[x0 + k];
          const uj = j * H;
          for (let m = 0; m < H; m++) s += U[uj + m] * hPrev[p0 + m];
          h[p0 + j] = Math.tanh(s);
        }
      }
    }
    // ---- read-out and loss: ŷ = V h_T + c; ∂L/∂V, ∂L/∂c and ∂L/∂h_T into dH ----
    const [dW, dU, db] = this.grads;
    const dH = this.dH;
    const total = readoutLossAndGradient(this, this.H[T], Y, n, dH);
    // ---- backward through time: δ_t = ∂L/∂h_t ⊙ (1 − h_t²), ∂L/∂h_{t−1} = Uᵀ δ_t ----
    dW.fill(0);
    dU.fill(0);
    db.fill(0);
    let dHNext = dH;
    let dHPrev = this.dHPrev;
    const dZ = this.dZ;
    for (let t = T; t >= 1; t--) {
      const h = this.H[t];
      const hPrev = this.H[t - 1];
      dHPrev.fill(0, 0, n * H);
      for (let i = 0; i < n; i++) {
        const p0 = i * H;
        const x0 = i * rowStride + (t - 1) * F;
        for (let j = 0; j < H; j++) {
          const a = h[p0 + j];
          dZ[j] = dHNext[p0 + j] * (1 - a * a); // d/dz tanh z = 1 − tanh² z
        }
        addStepGradients(H, dZ, X, x0, F, hPrev, p0, H, U, dW, dU, db, dHPrev);
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

/**
 * The dense read-out of the last state and the mse loss, shared by the
 * recurrent peers: ŷ = V h_T + c, L = (1/n) Σ ½ ‖ŷ − y‖²; writes ∂L/∂V and
 * ∂L/∂c into model.grads[3], [4] and ∂L/∂h_T = Vᵀ (ŷ − y) / n into dH. Returns L.
 */
export function readoutLossAndGradient(model, hT, Y, n, dH) {
  const { units: H, outputs: K, V, c } = model;
  const dV = model.grads[3];
  const dc = model.grads[4];
  dV.fill(0);
  dc.fill(0);
  dH.fill(0, 0, n * H);
  const invN = 1 / n;
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let o = 0; o < K; o++) {
      let s = c[o];
      const vo = o * H;
      for (let m = 0; m < H; m++) s += V[vo + m] * hT[i * H + m];
      const r = s - Y[i * K + o];
      total += 0.5 * r * r;
      const g = r * invN; // ∂L/∂ŷ = (ŷ − y) / n
      dc[o] += g;
      // ∂L/∂V += g h_Tᵀ, ∂L/∂h_T += Vᵀ g
      for (let m = 0; m < H; m++) {
        dV[vo + m] += g * hT[i * H + m];
        dH[i * H + m] += g * V[vo + m];
      }
    }
  }
  return total * invN;
}

/**
 * One sequence's share of a step's gradients, from the adjoints dZ of its
 * `rows` pre-activations z = W x_t + U h_{t−1} + b (the Elman layer's units,
 * or the LSTM's four gates stacked): ∂L/∂b_r += dZ_r, ∂L/∂W_r += dZ_r x_t,
 * ∂L/∂U_r += dZ_r h_{t−1}, and ∂L/∂h_{t−1} += Uᵀ dZ (the two products that
 * read row r of U in one loop).
 */
export function addStepGradients(rows, dZ, X, x0, F, hPrev, p0, H, U, dW, dU, db, dHPrev) {
  for (let r = 0; r < rows; r++) {
    const g = dZ[r];
    db[r] += g;
    const wr = r * F;
    for (let k = 0; k < F; k++) dW[wr + k] += g * X[x0 + k];
    const ur = r * H;
    for (let m = 0; m < H; m++) {
      dU[ur + m] += g * hPrev[p0 + m];
      dHPrev[p0 + m] += g * U[ur + m];
    }
  }
}

/** θ ← θ − η g for every parameter array. */
export function sgdStep(params, grads, lr) {
  for (let p = 0; p < params.length; p++) {
    const w = params[p];
    const g = grads[p];
    for (let i = 0; i < w.length; i++) w[i] -= lr * g[i];
  }
}
