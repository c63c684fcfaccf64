/**
 * The first lines of a generated function: its arrays checked against the
 * sizes the compiler knows. Without them a vector parameter one entry short
 * reads `undefined` (the value is NaN), one too long is silently cut, and a
 * short `grad` drops the derivatives it has no room for. Each check is one
 * comparison per call; the error (and its message) is made only when it fails.
 */
export interface CheckedArrays {
  /** The function's name, as the error names it (`rosenbrock_grad`). */
  readonly fn: string;
  /** Its parameters: a vector one (with a length) must have exactly that many entries. */
  readonly parameters: readonly { readonly name: string; readonly length?: number }[];
  /** 'vector': the point comes as one array `input` of one number per parameter. */
  readonly form: 'positional' | 'vector';
  /** The vector form's array, when not `input` (a user's parameter has that name). */
  readonly input?: string;
  /** The output array (grad, hess) and how many entries it is written: it may be longer. */
  readonly output?: { readonly name: string; readonly size: number };
}

export function argumentChecks(spec: CheckedArrays): string[] {
  const vectors = spec.form === 'vector'
    ? [{ name: spec.input ?? 'input', length: spec.parameters.length }]
    : spec.parameters.flatMap((p) => (p.length === undefined ? [] : [{ name: p.name, length: p.length }]));
  const lines = vectors.map(({ name, length }) => check(spec.fn, name, `${name}.length !== ${length}`, length));
  const out = spec.output;
  if (out && out.size > 0) lines.push(check(spec.fn, out.name, `${out.name}.length < ${out.size}`, out.size));
  return lines;
}

function check(fn: string, name: string, failed: string, size: number): string {
  return `if (${failed}) throw new RangeError(\`${fn}: ${name} needs ${size} ${size === 1 ? 'number' : 'numbers'}, got \${${name}.length}\`);`;
}
