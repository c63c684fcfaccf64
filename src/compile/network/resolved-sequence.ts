import type { LossOverSteps } from '../../dsl/network.js';
import type { ResolvedLayer, ResolvedRecurrentLayer } from './layers/registry.js';
import type { ResolvedNetwork } from './resolved.js';
import type { ResolvedSequenceWorked } from './sequence-worked-spec.js';

/**
 * A sequence network after validation, every default filled in: recurrent
 * layers (numbered 1…R) over the time steps, then dense layers (R+1…L), the
 * head, on the last step's state (many-to-one) or on every step's
 * (returnSequences, many-to-many). Training options as for a feedforward network.
 */
export interface ResolvedSequenceNetwork extends Omit<ResolvedNetwork, 'kind' | 'layers' | 'worked'> {
  readonly kind: 'sequence-network';
  /** Features per time step (F). */
  readonly inputs: number;
  readonly recurrent: readonly ResolvedRecurrentLayer[];
  /** The dense layers after the recurrent ones; the last is the output layer. */
  readonly head: readonly ResolvedLayer[];
  /** Many-to-many: the head runs at every step and the loss covers every step. */
  readonly returnSequences: boolean;
  /** Many-to-many: L = (1/n) Σ_examples (1/T) Σ_t ℓ_t ('mean', the default) or (1/n) Σ Σ_t ℓ_t ('sum'). */
  readonly lossOverSteps: LossOverSteps;
  /** Backward windows of `truncate` steps counted back from the last step; absent: full BPTT. */
  readonly bptt: { readonly truncate?: number };
  /** Given parameters and a short sequence (or a mini-batch of them): the notes work one BPTT step in numbers. */
  readonly worked?: ResolvedSequenceWorked;
}
