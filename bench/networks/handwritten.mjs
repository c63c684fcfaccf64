// Hand-written JavaScript baseline for bench/run-networks.mjs: a dense
// feedforward network trained with plain SGD, written the way a careful
// person writes it without a code generator — typed arrays, buffers made
// once, the straightforward triple loops (inner loops over contiguous
// memory), no allocation per step. Generic over the layer sizes and the
// activations tanh / relu / sigmoid / softmax (softmax and sigmoid only as
// the output of 'cce' and 'bce').
//
// Conventions match the generated trainers: params are [W1, b1, W2, b2, …],
// W^l is units × fanIn row-major, z = a Wᵀ + b with examples as rows, and
// the loss is the mean over the batch of the per-example loss (summed over
// the outputs), computed from the logits.

const ACTIVATIONS = new Set(['tanh', 'relu', 'sigmoid', 'softmax', 'linear']);

export class HandwrittenMLP {
  /**
   * sizes: [inputs, units1, …]; activations: one per layer; loss: 'bce'
   * (sigmoid output) or 'cce' (softmax output); maxBatch: rows per step at most.
   */
  constructor({ sizes, activations, loss, lr, maxBatch }) {
    const L = sizes.length - 1;
    if (activations.length !== L) throw new Error('one activation per layer');
    for (const a of activations) if (!ACTIVATIONS.has(a)) throw new Error(`unsupported activation ${a}`);
    const out = activations[L - 1];
    if (!((loss === 'cce' && out === 'softmax') || (loss === 'bce' && out === 'sigmoid'))) {
      throw new Error(`unsupported output/loss pair ${out}/${loss}`);
    }
    if (activations.slice(0, -1).some((a) => a === 'softmax')) throw new Error('softmax only as output');
    this.sizes = Int32Array.from(sizes);
    this.kinds = Int32Array.from(activations, (a) => ['linear', 'tanh', 'relu', 'sigmoid', 'softmax'].indexOf(a));
    this.loss = loss;
    this.lr = lr;
    this.L = L;
    this.maxBatch = maxBatch;
    this.W = [];
    this.b = [];
    this.dW = [];
    this.db = [];
    this.A = [null]; // A[l]: activations of layer l (A[0] is the caller's X)
    this.D = [null]; // D[l]: ∂L/∂z^l
    for (let l = 1; l <= L; l++) {
      const fanIn = sizes[l - 1];
      const units = sizes[l];
      this.W.push(new Float64Array(units * fanIn));
      this.b.push(new Float64Array(units));
      this.dW.push(new Float64Array(units * fanIn));
      this.db.push(new Float64Array(units));
      this.A.push(new Float64Array(maxBatch * units));
      this.D.push(new Float64Array(maxBatch * units));
    }
    this.Z = new Float64Array(maxBatch * sizes[L]); // output logits
    this.params = this.W.flatMap((W, l) => [W, this.b[l]]);
    this.grads = this.dW.flatMap((dW, l) => [dW, this.db[l]]);
  }

  /** Mean loss of n rows of X (n × inputs) and Y (n × outputs); writes dW, db. */
  lossAndGradient(X, Y, n) {
    const L = this.L;
    const sizes = this.sizes;
    // ---- forward: a^l = f(a^{l-1} W^lᵀ + b^l) ----
    let a = X;
    for (let l = 1; l <= L; l++) {
      const fanIn = sizes[l - 1];
      const units = sizes[l];
      const W = this.W[l - 1];
      const b = this.b[l - 1];
      const z = l === L ? this.Z : this.A[l];
      for (let i = 0; i < n; i++) {
        const ai = i * fanIn;
        const zi = i * units;
        for (let j = 0; j < units; j++) {
          const wj = j * fanIn;
          let s = 0;
          for (let k = 0; k < fanIn; k++) s += a[ai + k] * W[wj + k];
          z[zi + j] = s + b[j];
        }
      }
      if (l < L) activate(this.kinds[l - 1], z, n * units);
      a = z;
    }

    // ---- loss and δ^L = (ŷ − y) / n at the logits ----
    const outputs = sizes[L];
    const Z = this.Z;
    const dOut = this.D[L];
    const invN = 1 / n;
    let total = 0;
    if (this.loss === 'cce') {
      for (let i = 0; i < n; i++) {
        const o = i * outputs;
        let m = -Infinity;
        for (let j = 0; j < outputs; j++) if (Z[o + j] > m) m = Z[o + j];
        let sum = 0;
        let dot = 0;
        for (let j = 0; j < outputs; j++) {
          const e = Math.exp(Z[o + j] - m);
          dOut[o + j] = e;
          sum += e;
          dot += Y[o + j] * Z[o + j];
        }
        total += m + Math.log(sum) - dot; // log Σ e^z − y·z
        const inv = 1 / sum;
        for (let j = 0; j < outputs; j++) dOut[o + j] = (dOut[o + j] * inv - Y[o + j]) * invN;
      }
    } else {
      for (let i = 0; i < n * outputs; i++) {
        const z = Z[i];
        const y = Y[i];
        total += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
        const p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
        dOut[i] = (p - y) * invN;
      }
    }

    // ---- backward ----
    for (let l = L; l >= 1; l--) {
      const fanIn = sizes[l - 1];
      const units = sizes[l];
      const d = this.D[l];
      const aPrev = l === 1 ? X : this.A[l - 1];
      const dW = this.dW[l - 1];
      const db = this.db[l - 1];
      // ∂L/∂W = δᵀ a^{l-1}, ∂L/∂b = Σ_rows δ
      dW.fill(0);
      db.fill(0);
      for (let i = 0; i < n; i++) {
        const di = i * units;
        const ai = i * fanIn;
        for (let j = 0; j < units; j++) {
          const g = d[di + j];
          db[j] += g;
          const wj = j * fanIn;
          for (let k = 0; k < fanIn; k++) dW[wj + k] += g * aPrev[ai + k];
        }
      }
      if (l === 1) break;
      // δ^{l-1} = (δ W) ⊙ f'(a^{l-1})
      const W = this.W[l - 1];
      const dPrev = this.D[l - 1];
      dPrev.fill(0, 0, n * fanIn);
      for (let i = 0; i < n; i++) {
        const di = i * units;
        const pi = i * fanIn;
        for (let j = 0; j < units; j++) {
          const g = d[di + j];
          const wj = j * fanIn;
          for (let k = 0; k < fanIn; k++) dPrev[pi + k] += g * W[wj + k];
        }
      }
      activationGrad(this.kinds[l - 2], aPrev, dPrev, n * fanIn);
    }
    return total * invN;
  }

  /** Plain SGD: w ← w − η g. */
  step() {
    const lr = this.lr;
    for (let p = 0; p < this.params.length; p++) {
      const w = this.params[p];
      const g = this.grads[p];
      for (let i = 0; i < w.length; i++) w[i] -= lr * g[i];
    }
  }
}

/** In place: x ← f(x) for the first count entries (kind: 1 tanh, 2 relu, 3 sigmoid). */
function activate(kind, x, count) {
  switch (kind) {
    case 1:
      for (let i = 0; i < count; i++) x[i] = Math.tanh(x[i]);
      break;
    case 2:
      for (let i = 0; i < count; i++) if (x[i] < 0) x[i] = 0;
      break;
    case 3:
      for (let i = 0; i < count; i++) {
        const z = x[i];
        x[i] = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
      }
      break;
    default:
      break;
  }
}

/** d ← d ⊙ f'(z) given the activations a = f(z). */
function activationGrad(kind, a, d, count) {
  switch (kind) {
    case 1:
      for (let i = 0; i < count; i++) d[i] *= 1 - a[i] * a[i];
      break;
    case 2:
      for (let i = 0; i < count; i++) if (a[i] <= 0) d[i] = 0;
      break;
    case 3:
      for (let i = 0; i < count; i++) d[i] *= a[i] * (1 - a[i]);
      break;
    default:
      break;
  }
}
