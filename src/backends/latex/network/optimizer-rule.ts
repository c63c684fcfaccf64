import type { NetworkSpec } from '../../../dsl/network.js';

/**
 * The update rule the generated `step()` applies (src/backends/ts/network/
 * optimizer-step.ts), with the spec's hyper-parameters and the same defaults.
 */
export type UpdateRule =
  | { readonly kind: 'sgd'; readonly lr: number }
  | { readonly kind: 'momentum' | 'nesterov'; readonly lr: number; readonly mu: number }
  | { readonly kind: 'rmsprop'; readonly lr: number; readonly rho: number; readonly eps: number }
  | {
      readonly kind: 'adam' | 'adamw';
      readonly lr: number;
      readonly beta1: number;
      readonly beta2: number;
      readonly eps: number;
      /** AdamW's decoupled decay on weights (0 for Adam, or when turned off). */
      readonly decay: number;
    };

export function updateRule(spec: NetworkSpec): UpdateRule {
  const o = spec.optimizer;
  switch (o.kind) {
    case 'sgd': {
      const mu = o.momentum ?? 0;
      if (mu === 0) return { kind: 'sgd', lr: o.lr };
      return { kind: o.nesterov ? 'nesterov' : 'momentum', lr: o.lr, mu };
    }
    case 'rmsprop':
      return { kind: 'rmsprop', lr: o.lr, rho: o.rho ?? 0.9, eps: o.epsilon ?? 1e-8 };
    case 'adam':
    case 'adamw':
      return {
        kind: o.kind,
        lr: o.lr,
        beta1: o.beta1 ?? 0.9,
        beta2: o.beta2 ?? 0.999,
        eps: o.epsilon ?? 1e-8,
        decay: o.kind === 'adamw' ? o.weightDecay ?? 0.01 : 0,
      };
  }
}

/** The optimizer's state per parameter entry, as TeX symbols (v, s, or m and v). */
export function stateSymbols(rule: UpdateRule): readonly string[] {
  switch (rule.kind) {
    case 'sgd':
      return [];
    case 'momentum':
    case 'nesterov':
      return ['v'];
    case 'rmsprop':
      return ['s'];
    case 'adam':
    case 'adamw':
      return ['m', 'v'];
  }
}

/** The learning rate at epoch e (0-based) under the spec's schedule, computed as the generated code does. */
export function learningRateAt(spec: NetworkSpec, epoch: number): number {
  const lr = spec.optimizer.lr;
  const s = spec.schedule;
  if (!s) return lr;
  if (s.kind === 'step') return lr * Math.pow(s.factor, Math.floor(epoch / s.every));
  return lr * Math.pow(s.rate, epoch);
}
