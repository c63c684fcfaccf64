import type { NetworkSpecInput } from '../../src/dsl/network.js';

/** Every optimizer module, with clipping and a schedule: the cases the step() tests run. */
export const OPTIMIZER_CASES: readonly { what: string; spec: Partial<NetworkSpecInput> }[] = [
  { what: 'sgd', spec: { optimizer: { kind: 'sgd', lr: 0.3 } } },
  { what: 'sgd with momentum', spec: { optimizer: { kind: 'sgd', lr: 0.3, momentum: 0.9 } } },
  { what: 'sgd with Nesterov momentum', spec: { optimizer: { kind: 'sgd', lr: 0.3, momentum: 0.7, nesterov: true } } },
  { what: 'rmsprop', spec: { optimizer: { kind: 'rmsprop', lr: 0.01, rho: 0.95 } } },
  { what: 'adam', spec: { optimizer: { kind: 'adam', lr: 0.01 } } },
  { what: 'adamw (decay on weights only)', spec: { optimizer: { kind: 'adamw', lr: 0.01, weightDecay: 0.1 } } },
  { what: 'adam, clipped by norm and value, with a schedule', spec: { optimizer: { kind: 'adam', lr: 0.05 }, clip: { norm: 0.1, value: 0.02 }, schedule: { kind: 'step', every: 1, factor: 0.5 } } },
];

/** RMSprop clipped by value alone (no global-norm scale). */
export const RMSPROP_CLIPPED = { what: 'rmsprop clipped by value', spec: { optimizer: { kind: 'rmsprop', lr: 0.01 }, clip: { value: 0.01 } } } as const;
