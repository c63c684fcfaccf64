/** A tensor shape: `[]` is a scalar, `[n]` a vector, `[m, n]` a matrix (row-major). */
export type Shape = readonly number[];

export const SCALAR: Shape = [];

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export function formatShape(shape: Shape): string {
  return `f64[${shape.join(',')}]`;
}

/**
 * NumPy-style broadcasting of two shapes (trailing dimensions aligned; a 1 or a
 * missing dimension stretches). Returns undefined when the shapes are incompatible.
 */
export function broadcastShapes(a: Shape, b: Shape): Shape | undefined {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) return undefined;
    out.push(Math.max(da, db));
  }
  return out;
}
