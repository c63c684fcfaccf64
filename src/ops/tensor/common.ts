import { type Attrs, IrError } from '../../ir/graph.js';
import { type Dim, type Shape, formatShape } from '../../ir/shape.js';

/** `attrs.shape` of a shape-moving op (sum_to, broadcast_to, reshape). */
export function targetShape(op: string, attrs: Attrs): Shape {
  if (attrs.shape === undefined) throw new IrError(`${op} needs its target shape in attrs.shape`);
  return attrs.shape;
}

/** Throws unless `shape` is a matrix (rank 2). */
export function requireMatrix(op: string, shape: Shape, which: string): readonly [Dim, Dim] {
  if (shape.length !== 2) throw new IrError(`${op}: ${which} must be a matrix, got ${formatShape(shape)}`);
  return [shape[0], shape[1]];
}

/** Throws unless `shape` has a last axis (rank ≥ 1). */
export function requireAxis(op: string, shape: Shape): void {
  if (shape.length === 0) throw new IrError(`${op} works over the last axis and needs rank ≥ 1, got a scalar`);
}

/** The shape with its last axis kept as 1: a per-row value that broadcasts back over the row. */
export function rowShape(shape: Shape): Shape {
  return [...shape.slice(0, -1), 1];
}
