// Hand-unrolled JavaScript peer of workload (a) in bench/run-networks.mjs:
// the XOR 2-4-1 (tanh, sigmoid output, binary cross-entropy) training step —
// forward, loss, backward, plain SGD update — written out by hand for these
// sizes, as a careful person would: every parameter and gradient in a local,
// the four hidden units spelled out, one exponential per row shared by the
// loss and σ, the parameters written back once per step. Same conventions
// as the generated trainer (W1 is 4×2 row-major, z = a Wᵀ + b, loss is the
// mean over the rows, computed from the logit).

export class UnrolledXor {
  constructor(lr) {
    this.lr = lr;
    this.W1 = new Float64Array(8);
    this.b1 = new Float64Array(4);
    this.W2 = new Float64Array(4);
    this.b2 = new Float64Array(1);
    this.params = [this.W1, this.b1, this.W2, this.b2];
  }

  /** One SGD step on n rows of X (n × 2) and Y (n × 1); returns the mean loss before the update. */
  trainStep(X, Y, n) {
    const W1 = this.W1, b1 = this.b1, W2 = this.W2, b2 = this.b2;
    const w00 = W1[0], w01 = W1[1], w10 = W1[2], w11 = W1[3], w20 = W1[4], w21 = W1[5], w30 = W1[6], w31 = W1[7];
    const c0 = b1[0], c1 = b1[1], c2 = b1[2], c3 = b1[3];
    const v0 = W2[0], v1 = W2[1], v2 = W2[2], v3 = W2[3];
    const d = b2[0];
    let gw00 = 0, gw01 = 0, gw10 = 0, gw11 = 0, gw20 = 0, gw21 = 0, gw30 = 0, gw31 = 0;
    let gc0 = 0, gc1 = 0, gc2 = 0, gc3 = 0;
    let gv0 = 0, gv1 = 0, gv2 = 0, gv3 = 0;
    let gd = 0;
    let loss = 0;
    const invN = 1 / n;
    for (let i = 0; i < n; i++) {
      const x0 = X[2 * i], x1 = X[2 * i + 1], y = Y[i];
      const h0 = Math.tanh(x0 * w00 + x1 * w01 + c0);
      const h1 = Math.tanh(x0 * w10 + x1 * w11 + c1);
      const h2 = Math.tanh(x0 * w20 + x1 * w21 + c2);
      const h3 = Math.tanh(x0 * w30 + x1 * w31 + c3);
      const z = h0 * v0 + h1 * v1 + h2 * v2 + h3 * v3 + d;
      // bce from the logit: max(z, 0) − z y + ln(1 + e^{−|z|}); σ(z) from the same e^{−|z|}
      const e = Math.exp(-Math.abs(z));
      loss += Math.max(z, 0) - z * y + Math.log1p(e);
      const p = z >= 0 ? 1 / (1 + e) : e / (1 + e);
      const dz = invN * (p - y);
      gd += dz;
      gv0 += dz * h0; gv1 += dz * h1; gv2 += dz * h2; gv3 += dz * h3;
      // δ¹ = dz · v ⊙ (1 − h²)
      const d0 = dz * v0 * (1 - h0 * h0);
      const d1 = dz * v1 * (1 - h1 * h1);
      const d2 = dz * v2 * (1 - h2 * h2);
      const d3 = dz * v3 * (1 - h3 * h3);
      gc0 += d0; gc1 += d1; gc2 += d2; gc3 += d3;
      gw00 += d0 * x0; gw01 += d0 * x1;
      gw10 += d1 * x0; gw11 += d1 * x1;
      gw20 += d2 * x0; gw21 += d2 * x1;
      gw30 += d3 * x0; gw31 += d3 * x1;
    }
    const lr = this.lr;
    W1[0] = w00 - lr * gw00; W1[1] = w01 - lr * gw01; W1[2] = w10 - lr * gw10; W1[3] = w11 - lr * gw11;
    W1[4] = w20 - lr * gw20; W1[5] = w21 - lr * gw21; W1[6] = w30 - lr * gw30; W1[7] = w31 - lr * gw31;
    b1[0] = c0 - lr * gc0; b1[1] = c1 - lr * gc1; b1[2] = c2 - lr * gc2; b1[3] = c3 - lr * gc3;
    W2[0] = v0 - lr * gv0; W2[1] = v1 - lr * gv1; W2[2] = v2 - lr * gv2; W2[3] = v3 - lr * gv3;
    b2[0] = d - lr * gd;
    return loss * invN;
  }
}
