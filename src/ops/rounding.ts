import type { Graph } from '../ir/graph.js';
import { unaryOp } from './elementwise.js';

// Rounding is piecewise constant: its derivative is 0 wherever it is defined
// (everywhere but the jumps, where it does not exist; the code takes 0 there too).
const zero = (g: Graph) => g.constant(0);

// ⌊x⌋: d/dx = 0 (almost everywhere)
export const floor = unaryOp({ fn: Math.floor, derivative: zero, cost: 'call' });

// ⌈x⌉: d/dx = 0 (almost everywhere)
export const ceil = unaryOp({ fn: Math.ceil, derivative: zero, cost: 'call' });

// round(x), halves towards +∞ as Math.round: d/dx = 0 (almost everywhere)
export const round = unaryOp({ fn: Math.round, derivative: zero, cost: 'call' });

// trunc(x), towards 0: d/dx = 0 (almost everywhere)
export const trunc = unaryOp({ fn: Math.trunc, derivative: zero, cost: 'call' });
