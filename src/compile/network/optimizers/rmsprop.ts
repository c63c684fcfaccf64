import type { OptimizerModule } from './optimizer.js';
import { add, div, g, hyper, lr, movingAverage, mul, sqrt, state, updated } from './rule.js';

/** RMSprop: s ← ρ s + (1 − ρ) g², θ ← θ − η g / (√s + ε). */
export const rmsprop: OptimizerModule<{ readonly rho: number; readonly epsilon: number }> = {
  options: {
    rho: { type: 'number', default: 0.9, range: 'unit', hint: 'rho is the decay of the average of squared gradients, typically 0.9' },
    epsilon: { type: 'number', default: 1e-8, range: 'positive', hint: 'epsilon guards the division by the root mean square, typically 1e-8' },
  },
  rule({ rho, epsilon }) {
    const r = hyper(rho, '\\rho');
    return {
      summary: 's ← ρs + (1−ρ)g², w ← w − η g / (√s + ε)',
      title: 'RMSprop',
      hyperParameters: [{ tex: '\\rho', value: rho }, { tex: '\\varepsilon', value: epsilon }],
      stateProse: (m) => `The running mean square ${m('s')} (one per entry) starts at 0 and scales each step by the recent gradient size.`,
      constants: [],
      state: [{ field: 'meanSquare', symbol: 's' }],
      stateUpdates: [movingAverage(r, state(0), g, g)],
      thetaUpdates: [{ amount: div(mul(lr, g), add(sqrt(updated(0)), hyper(epsilon, '\\varepsilon'))) }],
    };
  },
};
