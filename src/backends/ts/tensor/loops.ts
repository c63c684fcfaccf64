/**
 * Loop emission shared by all kernels. A bound is a number (known at compile
 * time) or the name of a runtime variable: a symbolic dimension prints as
 * itself, so the batch n runs to the local `n` (the rows of this call).
 * Loops with a small constant bound are unrolled: the body is emitted once per
 * index with the index as a literal, so small layers become straight-line code.
 */
export type Bound = number | string;

/** Constant loops up to this many iterations are unrolled. */
export const UNROLL_LIMIT = 8;

export function isUnrolled(bound: Bound): boolean {
  return typeof bound === 'number' && bound <= UNROLL_LIMIT;
}

/** `for (let i = 0; i < bound; i++) body(i)`, or the body per index when unrolled. */
export function loop(index: string, bound: Bound, body: (i: string) => string): string {
  if (typeof bound === 'number' && bound <= UNROLL_LIMIT) {
    return Array.from({ length: bound }, (_, k) => body(String(k))).join('\n');
  }
  return `for (let ${index} = 0; ${index} < ${bound}; ${index}++) {\n${body(index)}\n}`;
}

/** `a * b` simplified where a factor is a literal 0 or 1 (for unrolled index arithmetic). */
export function times(a: string, b: Bound): string {
  if (a === '0' || b === 0) return '0';
  if (b === 1) return a;
  if (a === '1') return String(b);
  if (/^\d+$/.test(a) && typeof b === 'number') return String(Number(a) * b);
  return `${a} * ${b}`;
}

/** `a + b` simplified where a term is a literal 0 (and literals are folded). */
export function plus(a: string, b: string): string {
  if (a === '0') return b;
  if (b === '0') return a;
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return String(Number(a) + Number(b));
  return `${a} + ${b}`;
}

/** A flat element count: `n * 128`, or a number. */
export function product(bounds: readonly Bound[]): Bound {
  const constant = bounds.reduce<number>((p, b) => (typeof b === 'number' ? p * b : p), 1);
  const symbolic = bounds.filter((b): b is string => typeof b === 'string');
  if (symbolic.length === 0) return constant;
  return [...symbolic, ...(constant === 1 ? [] : [String(constant)])].join(' * ');
}

/**
 * Index into an argument broadcast to the output: the output is walked as
 * (first axis i, flattened rest j); an argument covers the trailing axes it has.
 */
export function broadcastIndex(argDims: readonly Bound[], outDims: readonly Bound[], idx: readonly string[]): string {
  const argRest = product(argDims.slice(1));
  const outRest = product(outDims.slice(1));
  if (argDims.length === outDims.length) {
    const sameFirst = argDims[0] === outDims[0];
    const sameRest = argRest === outRest;
    if (idx.length === 1) return sameFirst ? idx[0] : '0';
    const row = sameFirst ? times(idx[0], argRest) : '0';
    return plus(row, sameRest ? idx[1] : '0'); // [n, 1] per-row values: the row only
  }
  // Fewer axes: the argument repeats over the leading output axis ([k] bias over [n, k]).
  if (idx.length === 1) return '0';
  return product(argDims) === outRest ? idx[1] : '0';
}
