// Plain TypeScript functions as models: nncompile reads their source (it
// never runs them), translates each to its IR and differentiates it like an
// expression, into allocation-free gradient and Hessian functions and notes
// whose forward pass cites these lines.
import { differentiable } from 'nncompile';

// The staged computation of CS231n's "Backpropagation, Intuitions" notes
// (Stanford CS231n, A. Karpathy), f(x, y) = (x + σ(y)) / (σ(x) + (x + y)²),
// copied stage by stage from its Python forward pass, at its example values
// x = 3, y = −4. The notes' backward pass is the one the course writes by hand.
export const f = differentiable(
  (x: number, y: number) => {
    const sigy = 1.0 / (1 + Math.exp(-y)); // sigmoid in numerator   #(1)
    const num = x + sigy; // numerator                               #(2)
    const sigx = 1.0 / (1 + Math.exp(-x)); // sigmoid in denominator #(3)
    const xpy = x + y; //                                            #(4)
    const xpysqr = xpy ** 2; //                                      #(5)
    const den = sigx + xpysqr; // denominator                        #(6)
    const invden = 1.0 / den; //                                     #(7)
    return num * invden; // done!                                    #(8)
  },
  { at: { x: 3, y: -4 }, hessian: true },
);

// The energy of a pendulum of length len at angle theta and angular velocity
// omega (unit mass, g = 9.81): kinetic ½ len² ω² plus potential g·height.
export const pendulumEnergy = differentiable(
  (theta: number, omega: number, len: number) => {
    const height = len * (1 - Math.cos(theta));
    return 0.5 * len * len * omega * omega + 9.81 * height;
  },
  { at: { theta: 0.3, omega: 1.5, len: 2 }, hessian: true },
);

// A loop with a branch: the Huber loss of three residuals r = y − w·x, each
// quadratic within delta of zero and linear beyond (a piecewise function;
// the derivative is that of the branch each residual falls in).
const delta = 1;

function huber(r: number): number {
  if (Math.abs(r) <= delta) return 0.5 * r * r;
  return delta * (Math.abs(r) - 0.5 * delta);
}

export const robustLoss = differentiable(
  (w: number, x: [number, number, number], y: [number, number, number]) => {
    let loss = 0;
    for (let i = 0; i < x.length; i++) loss += huber(y[i] - w * x[i]);
    return loss / x.length;
  },
  { at: { w: 0.5, x: [1, 2, 3], y: [1, 0.5, 4] } },
);
