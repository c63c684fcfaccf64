import type { OptimizerModule } from './optimizer.js';
import { add, g, hyper, lr, mul, state, updated } from './rule.js';

/**
 * Stochastic gradient descent, with optional (Nesterov) momentum:
 *   θ ← θ − η g;  or  v ← μ v + g, θ ← θ − η v;  Nesterov: θ ← θ − η (g + μ v).
 */
export const sgd: OptimizerModule<{ readonly momentum: number; readonly nesterov: boolean }> = {
  options: {
    momentum: { type: 'number', default: 0, range: 'unit', hint: 'momentum is typically 0.9; 0 is plain SGD' },
    nesterov: { type: 'boolean', default: false, hint: 'nesterov: true uses Nesterov momentum' },
  },
  check: (o) => (o.nesterov && !(o.momentum > 0)
    ? { key: 'nesterov', message: 'nesterov needs momentum > 0', hint: 'add momentum: 0.9 (Nesterov is a variant of momentum), or remove nesterov' }
    : undefined),
  rule({ momentum, nesterov }) {
    const none = { constants: [], hyperParameters: [] as { tex: string; value: number }[] };
    if (momentum === 0) {
      return { ...none, summary: 'w ← w − η g', title: 'stochastic gradient descent', stateProse: () => 'Plain gradient descent keeps no state.',
        state: [], stateUpdates: [], thetaUpdates: [{ amount: mul(lr, g) }] };
    }
    const mu = hyper(momentum, '\\mu');
    const v = updated(0);
    return {
      ...none,
      summary: nesterov ? 'v ← μv + g, w ← w − η(g + μv) (Nesterov)' : 'v ← μv + g, w ← w − ηv',
      title: `stochastic gradient descent with ${nesterov ? 'Nesterov momentum' : 'momentum'}`,
      hyperParameters: [{ tex: '\\mu', value: momentum }],
      stateProse: (m) => `The velocity ${m('v')} (one per entry) starts at 0 and accumulates past gradients`
        + `${nesterov ? "; Nesterov's variant steps along the gradient plus the updated velocity (the look-ahead)" : ''}.`,
      state: [{ field: 'velocity', symbol: 'v' }],
      stateUpdates: [add(mul(mu, state(0)), g)], // v ← μ v + g
      thetaUpdates: [{ amount: nesterov ? mul(lr, add(g, mul(mu, v))) : mul(lr, v) }],
    };
  },
};
