/** A layer as the trainer's architecture field names it: its kind, units and activation, if it has one. */
export interface ArchitectureLayer {
  readonly kind: string;
  readonly units: number;
  readonly activation?: string;
}

/**
 * The generated class's `architecture` field: every layer as model.ts
 * declares it (`dense 16 tanh`, `rnn 6 tanh`, `lstm 8`). toJSON saves it and
 * loadJSON compares it, so weights of the same sizes trained with another
 * activation or layer kind are refused instead of computing another function.
 */
export function architectureField(layers: readonly ArchitectureLayer[]): string {
  const names = layers.map((l) => [l.kind, l.units, ...(l.activation === undefined ? [] : [l.activation])].join(' '));
  return `  readonly architecture: readonly string[] = [${names.map((n) => JSON.stringify(n)).join(', ')}];`;
}
