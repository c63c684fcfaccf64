/**
 * One parameter array, as the compiler laid them out (the generated class's
 * parameterLayout): which layer it belongs to, its shape, and its role —
 * weights are initialized randomly (from fanIn and fanOut) and their gradient
 * norms reported, biases start at 0.
 */
export interface ParameterInfo {
  readonly name: string;
  /** 1-based layer number. */
  readonly layer: number;
  readonly role: 'weight' | 'bias';
  readonly shape: readonly number[];
  readonly fanIn: number;
  readonly fanOut: number;
  /** Not trained (present only when true): its gradient stays 0 and step() leaves it at its initial or loaded value. */
  readonly frozen?: true;
}
