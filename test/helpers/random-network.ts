// Random feedforward networks for property tests: depth, widths on both sides
// of the unrolling and WebAssembly limits, every hidden activation, every
// output/loss pair, penalties, and 1 to 3 batch sizes to train them on.
import fc from 'fast-check';
import type { NetworkSpecInput } from '../../src/dsl/network.js';
import { HIDDEN_ACTIVATIONS, OUTPUT_LAYERS, dense, testNetwork } from './network-module.js';

export const randomNetwork = fc.record({
  inputs: fc.integer({ min: 1, max: 30 }),
  hidden: fc.array(fc.record({ units: fc.integer({ min: 1, max: 40 }), activation: fc.constantFrom(...HIDDEN_ACTIVATIONS) }), { maxLength: 3 }),
  output: fc.constantFrom(...OUTPUT_LAYERS).chain((o) =>
    fc.integer({ min: o.loss === 'cce' ? 2 : 1, max: o.maxUnits }).map((units) => ({ o, units }))),
  regularization: fc.constantFrom(undefined, { l2: 0.01 }, { l1: 0.003, l2: 0.02 }),
  batches: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 3 }),
  seed: fc.integer({ min: 1, max: 1000 }),
});

export type RandomNetwork = typeof randomNetwork extends fc.Arbitrary<infer T> ? T : never;

/**
 * `count` networks drawn together, for a property that compiles them into one module (loadTrainers): its
 * trainer template is formatted and loaded once for all of them, which is most of a small network's cost.
 */
export const randomNetworks = (count: number) => fc.array(randomNetwork, { minLength: count, maxLength: count });

/** The drawn networks' specs, named Net0, Net1, … */
export function randomNetworkSpecs(drawn: readonly RandomNetwork[], extra: Partial<NetworkSpecInput> = {}) {
  return Object.fromEntries(drawn.map((d, i) => [`Net${i}`, randomNetworkSpec(d, extra)]));
}

/** The drawn network's spec (Xavier initialization from its seed), with any other fields given. */
export function randomNetworkSpec({ inputs, hidden, output, regularization, seed }: RandomNetwork, extra: Partial<NetworkSpecInput> = {}) {
  return testNetwork({
    inputs,
    layers: [...hidden.map((h) => dense(h.units, h.activation)), dense(output.units, output.o.activation)],
    loss: output.o.loss,
    regularization,
    init: { kind: 'xavier', seed },
    ...extra,
  });
}
