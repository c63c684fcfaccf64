// (d) A recurrence: the exponential moving average m = a·m + (1 − a)·x_i of 100 values, differentiated
// with respect to the values and the rate (p = [x_0, …, x_99, a]); kept as a loop, its gradient a
// reverse loop (backpropagation through time).
import { differentiable } from 'nncompile';

export const ema = differentiable((p: Float64Array) => {
  const a = p[100];
  let m = 0;
  for (let i = 0; i < 100; i++) m = a * m + (1 - a) * p[i];
  return m;
}, { lengths: { p: 101 } });
