// Hand-written gradients: what a careful person writes by hand. Forward
// values, then adjoints (reverse order), no allocation per call (scratch
// buffers are allocated once, at module load). Each returns the value and
// writes the gradient into `grad`.

/** J(x) = cos(sin(x²) + 3x²); same signature as the generated J_grad(x, grad). */
export function chainRuleGrad(x, grad) {
  // forward
  const u = x * x;
  const a = Math.sin(u) + 3 * u;
  const value = Math.cos(a);
  // reverse: dJ/da = -sin(a), da/du = cos(u) + 3, du/dx = 2x
  const da = -Math.sin(a);
  const du = da * (Math.cos(u) + 3);
  grad[0] = du * 2 * x;
  return value;
}

/**
 * x1·x2·…·xn: prefix products forward (stored in grad), then suffix products
 * backward; ∂/∂xi = prefix(i) · suffix(i). 3n multiplications.
 */
export function productGrad(x, grad) {
  const n = x.length;
  let prefix = 1;
  for (let i = 0; i < n; i++) {
    grad[i] = prefix;
    prefix *= x[i];
  }
  let suffix = 1;
  for (let i = n - 1; i >= 0; i--) {
    grad[i] *= suffix;
    suffix *= x[i];
  }
  return prefix;
}

export const SIN_DEPTH = 100;
const sinTape = new Float64Array(SIN_DEPTH);

/**
 * sin(sin(…sin(x)…)), SIN_DEPTH deep: forward loop records each argument,
 * backward loop multiplies the local derivatives cos(argument).
 * Same signature as the generated S_grad(x, grad).
 */
export function sinChainGrad(x, grad) {
  let v = x;
  for (let k = 0; k < SIN_DEPTH; k++) {
    sinTape[k] = v;
    v = Math.sin(v);
  }
  let adjoint = 1;
  for (let k = SIN_DEPTH - 1; k >= 0; k--) adjoint *= Math.cos(sinTape[k]);
  grad[0] = adjoint;
  return v;
}

/**
 * Σ_{i=1}^{n-1} sin(x_i·x_{i+1}): one loop; term i contributes cos(p)·x_{i+1}
 * to ∂/∂x_i and cos(p)·x_i to ∂/∂x_{i+1}, carried to the next iteration
 * (forward and reverse fused, as a careful person writes it).
 */
export function sinPairSumGrad(x, grad) {
  const n = x.length;
  let value = 0;
  let carry = 0;
  for (let i = 0; i < n - 1; i++) {
    const a = x[i];
    const b = x[i + 1];
    const p = a * b;
    value += Math.sin(p);
    const c = Math.cos(p);
    grad[i] = carry + c * b;
    carry = c * a;
  }
  grad[n - 1] = carry;
  return value;
}
