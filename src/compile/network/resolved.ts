import type { Init, Loss, NetworkSpecInput } from '../../dsl/network.js';
import type { ResolvedLayer } from './layers/registry.js';
import type { ResolvedOptimizer } from './optimizers/registry.js';
import type { ResolvedSchedule } from './schedules/registry.js';

/**
 * A network spec after validation, with every default filled in: what the
 * graph builder, both backends and the worked numbers read. No later stage
 * invents a default; each is set once, in validate.ts or the module that owns it.
 */
export interface ResolvedNetwork {
  readonly kind: 'network';
  readonly inputs: number;
  readonly layers: readonly ResolvedLayer[];
  readonly loss: Loss;
  /** With its batch size (default 32) and every hyper-parameter (defaults from its module). */
  readonly optimizer: ResolvedOptimizer;
  /** Default: He for a relu / leaky_relu first layer, else Xavier; uniform; seed 1. */
  readonly init: Required<Init>;
  /** Default: constant. */
  readonly schedule: ResolvedSchedule;
  /** Default: 0 and 0 (no penalty). */
  readonly regularization: { readonly l1: number; readonly l2: number };
  /** Absent bounds do not clip. */
  readonly clip: { readonly value?: number; readonly norm?: number };
  readonly standardize: boolean;
  readonly worked?: NetworkSpecInput['worked'];
}
