// Gradient descent made visible, the two classic exercises of an
// optimisation course: x_{n+1} = x_n − η f′(x_n) on a curve, and the same
// for a function of two variables, whose path crosses the contour lines.
import { expr } from 'nncompile';

// One variable: f(x) = x⁴ − 3x³ + 2 (the function of Wikipedia's "Gradient
// descent" article) from x = 4 with η = 0.02: the first step overshoots the
// minimum at x = 9/4, then the iterates climb back towards it.
export const f = expr('x^4 - 3*x^3 + 2', { at: { x: 4 }, descent: { steps: 12, lr: 0.02 } });

// Two variables: an elongated bowl, g(x, y) = x² + 5y², from (4, 1.5) with
// η = 0.15. The y-direction is five times steeper, so the path zigzags across
// the valley while it creeps along x towards the minimum at (0, 0).
export const g = expr('x^2 + 5*y^2', { wrt: ['x', 'y'], at: { x: 4, y: 1.5 }, descent: { steps: 10, lr: 0.15 } });
