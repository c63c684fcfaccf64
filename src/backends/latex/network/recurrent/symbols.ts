import type { ParameterSlot } from '../../../../compile/network/parameter-layout.js';

/**
 * How the BPTT notes name entries: a parameter entry by the textbook's
 * lower-case letter with the layer as superscript and the gate and indices
 * as subscripts (W1[0][1] → w^{1}_{12}, Uf1[1][0] → u^{1}_{f,21}, bf1[0] →
 * b^{1}_{f,1}, a shared b2 → b^{2}), a state entry by its step and unit
 * (h^{1}_{t,i}).
 */
export function entrySymbol(p: ParameterSlot, index: number): string {
  const match = /^([WUb])([a-z]?)(\d+)$/.exec(p.name);
  if (match === null) return `\\texttt{${p.name}}_{${index + 1}}`;
  const [, array, gate, layer] = match;
  const letter = array.toLowerCase();
  if (p.shape.length === 0) return gate === '' ? `${letter}^{${layer}}` : `${letter}^{${layer}}_{${gate}}`;
  const indices = p.shape.length === 1 ? `${index + 1}` : pair(Math.floor(index / p.shape[1]) + 1, (index % p.shape[1]) + 1, p.shape);
  return `${letter}^{${layer}}_{${gate === '' ? '' : `${gate},`}${indices}}`;
}

/** i j run together (w_{12}), or with a comma when a dimension has two digits (w_{10,2}). */
function pair(i: number, j: number, shape: readonly number[]): string {
  return shape.some((d) => d >= 10) ? `${i},${j}` : `${i}${j}`;
}

/** h1 → h^{1}_{t}, c2 → c^{2}_{t}. */
export function stateSymbol(name: string, t: string): string {
  const match = /^([a-z]+)(\d+)$/.exec(name);
  return match ? `${match[1]}^{${match[2]}}_{${t}}` : name;
}

/** Entry i (0-based) of state `name` at step t: h^{1}_{t,1}. */
export function stateEntry(name: string, t: string, i: number): string {
  return stateSymbol(name, `${t},${i + 1}`);
}
