import type { Precision } from '../../dsl/network.js';

/** How a precision's arrays are printed in generated code. */
export interface ArrayType {
  /** The typed array that holds them. */
  readonly name: 'Float64Array' | 'Float32Array';
  /** Bytes per element (views into one buffer are placed by it). */
  readonly bytes: 8 | 4;
  /** Appended to the name of a kernel specialized to them (an f64 and an f32 network may share a module). */
  readonly suffix: '' | '_f32';
}

/**
 * f64: Float64Array. f32: Float32Array — the generated TypeScript still
 * computes every expression in doubles (JavaScript's numbers) and rounds to f32
 * as it stores an element; the WebAssembly kernels compute in f32x4.
 */
export const ARRAY_TYPES: Readonly<Record<Precision, ArrayType>> = {
  f64: { name: 'Float64Array', bytes: 8, suffix: '' },
  f32: { name: 'Float32Array', bytes: 4, suffix: '_f32' },
};
