// The benchmark's functions in TensorFlow.js, differentiated by tf.valueAndGrads
// (float32, the 'cpu' backend): each call converts the point to tensors, runs
// the function and its gradient inside tf.tidy and reads the results back.

/** (a) staged, op by op as the Python source stages it. */
export function stagedTf(tf) {
  const f = (x, y) => {
    const sigy = tf.div(1, tf.add(1, tf.exp(tf.neg(y))));
    const num = tf.add(x, sigy);
    const sigx = tf.div(1, tf.add(1, tf.exp(tf.neg(x))));
    const xpy = tf.add(x, y);
    const xpysqr = tf.square(xpy);
    const den = tf.add(sigx, xpysqr);
    return tf.mul(num, tf.div(1, den));
  };
  const vg = tf.valueAndGrads(f);
  return (x, y, g) => tf.tidy(() => {
    const { value, grads } = vg([tf.scalar(x), tf.scalar(y)]);
    g[0] = grads[0].dataSync()[0];
    g[1] = grads[1].dataSync()[0];
    return value.dataSync()[0];
  });
}

/** (b) Rosenbrock, vectorised over the 100 entries. */
export function rosenbrockTf(tf) {
  const f = (x) => {
    const head = tf.slice(x, [0], [99]);
    const a = tf.sub(tf.slice(x, [1], [99]), tf.square(head));
    const b = tf.sub(1, head);
    return tf.sum(tf.add(tf.mul(100, tf.square(a)), tf.square(b)));
  };
  const vg = tf.valueAndGrads(f);
  return (x, g) => tf.tidy(() => {
    const { value, grads } = vg([tf.tensor1d(Float32Array.from(x))]);
    g.set(grads[0].dataSync());
    return value.dataSync()[0];
  });
}

/**
 * (c) Huber, vectorised over the 32 points. TF.js has no gradient for its
 * comparisons (tf.where needs one for its condition here), so the branches are
 * written the branch-free way: with m = min(|r|, δ), huber = ½m² + δ(|r| − m).
 */
export function huberTf(tf) {
  const t = tf.keep(tf.tensor1d(Float32Array.from({ length: 32 }, (_, i) => i / 8)));
  const s = tf.keep(tf.sin(t));
  const f = (slope, intercept) => {
    const r = tf.sub(s, tf.add(tf.mul(slope, t), intercept));
    const absR = tf.abs(r);
    const m = tf.minimum(absR, 0.5);
    return tf.mean(tf.add(tf.mul(0.5, tf.square(m)), tf.mul(0.5, tf.sub(absR, m))));
  };
  const vg = tf.valueAndGrads(f);
  return (slope, intercept, g) => tf.tidy(() => {
    const { value, grads } = vg([tf.scalar(slope), tf.scalar(intercept)]);
    g[0] = grads[0].dataSync()[0];
    g[1] = grads[1].dataSync()[0];
    return value.dataSync()[0];
  });
}

/** (d) The EMA, step by step as written (a recurrence does not vectorise). */
export function emaTf(tf) {
  const f = (p) => {
    const items = tf.unstack(p);
    const a = items[100];
    const b = tf.sub(1, a);
    let m = tf.scalar(0);
    for (let i = 0; i < 100; i++) m = tf.add(tf.mul(a, m), tf.mul(b, items[i]));
    return m;
  };
  const vg = tf.valueAndGrads(f);
  return (p, g) => tf.tidy(() => {
    const { value, grads } = vg([tf.tensor1d(Float32Array.from(p))]);
    g.set(grads[0].dataSync());
    return value.dataSync()[0];
  });
}
