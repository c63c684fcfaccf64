// TF.js peer of bench/run-recurrent.mjs: the same recurrent networks as the
// hand-written ones (bench/recurrent/handwritten-*.mjs), written with TF.js
// ops the way tf.layers.simpleRNN / tf.layers.lstm compute them — a loop over
// the steps, x_t K + h_{t−1} R + b with Keras's kernel layout (inputs × units,
// the LSTM's gates stacked in the order i, f, g, o) — differentiated by
// TF.js's tape and trained with tf.train.sgd. float32 variables.
// (Only tfjs-core is installed; tf.layers would add the layer objects'
// per-call overhead on top of these same ops.)
import { minimizeStep } from '../tfjs-setup.mjs';

/** A recurrent network in TF.js; `kind` is 'elman' or 'lstm'. */
export class TfRecurrent {
  /**
   * env: { tf, useBackend } (bench/tfjs-setup.mjs); batches: [{ X, Y, n }] with
   * X n × T × inputs and Y n × outputs, as for the hand-written peers.
   */
  constructor(env, backend, { kind, inputs, units, outputs, steps, lr }, batches) {
    const { tf, useBackend } = env;
    useBackend(backend);
    this.tf = tf;
    this.useBackend = useBackend;
    this.backend = backend;
    this.kind = kind;
    this.units = units;
    const gates = kind === 'lstm' ? 4 : 1;
    const v = (shape, name) => tf.variable(tf.zeros(shape), true, `${name}_${kind}_${backend}`);
    this.vars = [
      v([inputs, gates * units], 'kernel'),
      v([units, gates * units], 'recurrentKernel'),
      v([gates * units], 'bias'),
      v([units, outputs], 'denseKernel'),
      v([outputs], 'denseBias'),
    ];
    // Each batch's steps as T tensors of n × inputs (tf.unstack along the time axis), made once.
    this.steps = batches.map((b) =>
      tf.tidy(() => tf.unstack(tf.tensor3d(Float32Array.from(b.X), [b.n, steps, inputs]), 1)),
    );
    this.Y = batches.map((b) => tf.tensor2d(Float32Array.from(b.Y), [b.n, outputs]));
    this.zeros = batches.map((b) => tf.zeros([b.n, units]));
    this.halfOverN = batches.map((b) => tf.scalar(0.5 / b.n));
    this.optimizer = tf.train.sgd(lr);
    this.losses = batches.map((_, i) => () => this.loss(i));
  }

  /** Copies the hand-written layout [W, U, b, V, c] (rows are units) into the variables (transposed, float32). */
  setParams(params) {
    const { tf } = this;
    this.useBackend(this.backend);
    tf.tidy(() =>
      this.vars.forEach((variable, p) => {
        const values = Float32Array.from(params[p]);
        if (variable.shape.length === 1) variable.assign(tf.tensor1d(values));
        else {
          const [rows, cols] = variable.shape;
          variable.assign(tf.transpose(tf.tensor2d(values, [cols, rows])));
        }
      }),
    );
  }

  /** The variables in the hand-written layout (float64 copies). */
  getParams() {
    const { tf } = this;
    this.useBackend(this.backend);
    return tf.tidy(() =>
      this.vars.map((variable) =>
        Float64Array.from((variable.shape.length === 1 ? variable : tf.transpose(variable)).dataSync()),
      ),
    );
  }

  /** Mean loss of batch i: (1/n) Σ ½ ‖ŷ − y‖² (a scalar tensor). */
  loss(i) {
    const { tf } = this;
    const [kernel, recurrent, bias, denseKernel, denseBias] = this.vars;
    let h = this.zeros[i];
    let c = this.zeros[i];
    for (const x of this.steps[i]) {
      const z = tf.add(tf.add(tf.matMul(x, kernel), tf.matMul(h, recurrent)), bias);
      if (this.kind === 'elman') {
        h = tf.tanh(z);
        continue;
      }
      const [zi, zf, zg, zo] = tf.split(z, 4, 1);
      c = tf.add(tf.mul(tf.sigmoid(zf), c), tf.mul(tf.sigmoid(zi), tf.tanh(zg)));
      h = tf.mul(tf.sigmoid(zo), tf.tanh(c));
    }
    const residual = tf.sub(tf.add(tf.matMul(h, denseKernel), denseBias), this.Y[i]);
    return tf.mul(tf.sum(tf.square(residual)), this.halfOverN[i]);
  }

  /** The gradients of batch i's loss in the hand-written layout, without a step. */
  gradients(i) {
    const { tf } = this;
    this.useBackend(this.backend);
    return tf.tidy(() => {
      const { grads } = tf.variableGrads(this.losses[i], this.vars);
      return this.vars.map((variable) => {
        const g = grads[variable.name];
        return Float64Array.from((g.shape.length === 1 ? g : tf.transpose(g)).dataSync());
      });
    });
  }

  /** One SGD step on batch i; returns the loss (read back) when asked. */
  train(i, wantLoss) {
    return minimizeStep(this.optimizer, this.losses[i], this.vars, wantLoss);
  }

  dispose() {
    const { tf } = this;
    this.useBackend(this.backend);
    tf.dispose([...this.vars, ...this.steps.flat(), ...this.Y, ...this.zeros, ...this.halfOverN]);
    this.optimizer.dispose();
  }
}
