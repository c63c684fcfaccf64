// The chain rule on a composite function, the classic first exercise of
// backpropagation: J(x) = cos(sin(x²) + 3x²). x² feeds two branches, so its
// adjoint is a sum of two terms (fan-out).
import { expr } from 'nncompile';

export const J = expr('cos(sin(x^2) + 3*x^2)', { at: { x: 0.5 }, hessian: true });

// Two variables, a point and the Hessian (the gradient differentiated again).
export const f = expr('x*y + exp(x)', { wrt: ['x', 'y'], at: { x: 1, y: 2 }, hessian: true });
