/**
 * Symbolic dimensions: sizes known only when the code runs. `n` is the batch
 * (the number of example rows), `T` the sequence length of a recurrent
 * network (time steps per example). Every symbol stands for one size ≥ 1
 * throughout a graph, so two axes with the same symbol have the same length
 * and a symbol never equals a number at compile time.
 */
export const DIM_SYMBOLS = ['n', 'T'] as const;

export type DimSymbol = (typeof DIM_SYMBOLS)[number];

/** The batch: how many examples (rows) one run processes. */
export const BATCH: DimSymbol = 'n';

/** The sequence length: time steps per example of a recurrent network (the same for every example of a call). */
export const STEPS: DimSymbol = 'T';

/** One dimension of a shape: a size known at compile time, or a symbol. */
export type Dim = number | DimSymbol;

/** A tensor shape: `[]` is a scalar, `[n]` a vector, `[m, n]` a matrix (row-major). */
export type Shape = readonly Dim[];

/** A shape with every dimension a number: the shape of an actual value. */
export type ConcreteShape = readonly number[];

/** The sizes of symbolic dimensions for one evaluation: `{ n: 32 }`. */
export type DimSizes = Readonly<Partial<Record<DimSymbol, number>>>;

export const SCALAR: Shape = [];

export function isDimSymbol(d: unknown): d is DimSymbol {
  return (DIM_SYMBOLS as readonly unknown[]).includes(d);
}

/** Checks a dimension is a non-negative integer or a known symbol; the reason when it is not. */
export function invalidDim(d: unknown): string | undefined {
  if (typeof d === 'number') return Number.isInteger(d) && d >= 0 ? undefined : `size ${d} is not a non-negative integer`;
  if (isDimSymbol(d)) return undefined;
  return `'${String(d)}' is not a symbolic dimension (known: ${DIM_SYMBOLS.join(', ')})`;
}

export function isConcrete(shape: Shape): shape is ConcreteShape {
  return shape.every((d) => typeof d === 'number');
}

/** The number of elements of a concrete shape; throws for a symbolic one (its size is known only at run time). */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) {
    if (typeof d !== 'number') throw new Error(`shape ${formatShape(shape)} has a symbolic dimension: its size is known only at run time`);
    n *= d;
  }
  return n;
}

/**
 * Whether two shapes hold the same number of elements for every size of
 * their symbols: equal constant products and the same symbols, as often.
 */
export function sameSize(a: Shape, b: Shape): boolean {
  const constant = (s: Shape) => s.reduce<number>((p, d) => (typeof d === 'number' ? p * d : p), 1);
  const symbols = (s: Shape) => s.filter((d) => typeof d !== 'number').sort().join(',');
  return constant(a) === constant(b) && (constant(a) === 0 || symbols(a) === symbols(b));
}

/** The element count as a formula: `12`, `4n`. */
export function formatSize(shape: Shape): string {
  const constant = shape.reduce<number>((p, d) => (typeof d === 'number' ? p * d : p), 1);
  const symbols = shape.filter((d) => typeof d !== 'number').join('');
  return symbols === '' ? String(constant) : constant === 1 ? symbols : `${constant}${symbols}`;
}

/** The shape with its symbols replaced by their sizes; throws naming the first symbol without one. */
export function concreteShape(shape: Shape, sizes: DimSizes): ConcreteShape {
  return shape.map((d) => {
    if (typeof d === 'number') return d;
    const size = sizes[d];
    if (size === undefined) throw new Error(`symbolic dimension ${d} has no size: pass one, e.g. { ${d}: 1 }`);
    return size;
  });
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** `f64[n,4]`: the type in the text dump and in error messages. */
export function formatShape(shape: Shape): string {
  return `f64[${shape.join(',')}]`;
}

/**
 * NumPy-style broadcasting of two shapes (trailing dimensions aligned; a 1 or a
 * missing dimension stretches). A symbol matches only itself or 1: `n` against
 * 4 is an error even though n might be 4 at run time. Returns undefined when
 * the shapes are incompatible.
 */
export function broadcastShapes(a: Shape, b: Shape): Shape | undefined {
  const rank = Math.max(a.length, b.length);
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) return undefined;
    out.push(da === 1 ? db : da);
  }
  return out;
}
