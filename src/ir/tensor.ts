import { type ConcreteShape, sizeOf } from './shape.js';

/** A dense row-major tensor value, used by the IR interpreter and the tests. Its shape is concrete: a value has sizes. */
export interface Tensor {
  readonly shape: ConcreteShape;
  readonly data: Float64Array;
}

export function scalar(value: number): Tensor {
  return { shape: [], data: Float64Array.of(value) };
}

export function tensor(shape: ConcreteShape, data?: ArrayLike<number>): Tensor {
  const buffer = new Float64Array(sizeOf(shape));
  if (data) buffer.set(data);
  return { shape, data: buffer };
}

/** The value of a scalar tensor. */
export function scalarValue(t: Tensor): number {
  if (t.data.length !== 1) throw new Error(`expected a scalar, got shape [${t.shape.join(',')}]`);
  return t.data[0];
}
