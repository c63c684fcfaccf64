// Hand-written value-and-gradient code for the functions benchmark: what a
// careful programmer writes by hand, allocation-free, same signatures as the
// generated functions (the gradient written into g, the value returned).

/** (a) CS231n's own backward pass ("Backpropagation, Intuitions"), transcribed from Python. */
export function stagedGrad(x, y, g) {
  const sigy = 1.0 / (1 + Math.exp(-y));
  const num = x + sigy;
  const sigx = 1.0 / (1 + Math.exp(-x));
  const xpy = x + y;
  const xpysqr = xpy * xpy;
  const den = sigx + xpysqr;
  const invden = 1.0 / den;
  const dnum = invden;
  const dinvden = num;
  const dden = (-1.0 / (den * den)) * dinvden;
  const dxpy = 2 * xpy * dden;
  g[0] = dxpy + (1 - sigx) * sigx * dden + dnum;
  g[1] = dxpy + (1 - sigy) * sigy * dnum;
  return num * invden;
}

/** (b) Rosenbrock: ∂/∂x_i gets −400 a x_i − 2 b from term i and 200 a from term i − 1. */
export function rosenbrockGrad(x, g) {
  const n = x.length;
  let f = 0;
  g[0] = 0;
  for (let i = 0; i < n - 1; i++) {
    const a = x[i + 1] - x[i] * x[i];
    const b = 1 - x[i];
    f += 100 * a * a + b * b;
    g[i] += -400 * a * x[i] - 2 * b;
    g[i + 1] = 200 * a;
  }
  return f;
}

const T = Float64Array.from({ length: 32 }, (_, i) => i / 8);
const S = T.map(Math.sin);

/** (c) Huber loss (δ = 0.5) of the residuals r = sin t − (slope t + intercept): dL/dr = clamp(r, −δ, δ). */
export function huberGrad(slope, intercept, g) {
  let loss = 0;
  let dslope = 0;
  let dintercept = 0;
  for (let i = 0; i < 32; i++) {
    const t = T[i];
    const r = S[i] - (slope * t + intercept);
    let dr;
    if (r > 0.5) {
      loss += 0.5 * (r - 0.25);
      dr = 0.5;
    } else if (r < -0.5) {
      loss += 0.5 * (-r - 0.25);
      dr = -0.5;
    } else {
      loss += 0.5 * r * r;
      dr = r;
    }
    dslope -= dr * t;
    dintercept -= dr;
  }
  g[0] = dslope / 32;
  g[1] = dintercept / 32;
  return loss / 32;
}

const EMA_TAPE = new Float64Array(100);

/**
 * (d) The EMA m_i = a m_{i−1} + (1 − a) x_i by backpropagation through time, as one writes it by hand:
 * the m_{i−1} kept on a tape, then δ_{i−1} = a δ_i, ∂m/∂x_i = δ_i (1 − a), ∂m/∂a = Σ δ_i (m_{i−1} − x_i).
 */
export function emaGrad(p, g) {
  const a = p[100];
  const b = 1 - a;
  let m = 0;
  for (let i = 0; i < 100; i++) {
    EMA_TAPE[i] = m;
    m = a * m + b * p[i];
  }
  let dm = 1;
  let da = 0;
  for (let i = 99; i >= 0; i--) {
    g[i] = dm * b;
    da += dm * (EMA_TAPE[i] - p[i]);
    dm *= a;
  }
  g[100] = da;
  return m;
}
