import { network, type Layer, type SequenceNetworkSpecInput } from '../../src/dsl/network.js';
import { validateSequenceNetwork } from '../../src/compile/network/validate-sequence.js';
import { compileSequenceNetwork, type CompiledSequenceNetwork } from '../../src/compile/network/compile-sequence.js';
import type { SequenceExample } from '../../src/compile/network/sequence-worked-values.js';
import { sequenceWorkedStep } from '../../src/compile/network/sequence-worked-step.js';
import { seededRandom } from './random.js';

/** A sequence network of two features per step, mse and SGD unless `extra` says otherwise, compiled. */
export function compileSequence(name: string, layers: Layer[], extra: Partial<SequenceNetworkSpecInput> = {}): CompiledSequenceNetwork {
  const spec = network({ inputs: { sequence: 2 }, layers, loss: 'mse', optimizer: { kind: 'sgd', lr: 0.1 }, ...extra });
  return compileSequenceNetwork(name, validateSequenceNetwork(spec));
}

/** One sequence of `steps` steps, its targets and every parameter: numbers uniform in ±`bound`, two decimals, from `seed`. */
export function sequenceExample(net: CompiledSequenceNetwork, seed: number, steps: number, bound = 1): SequenceExample {
  const random = seededRandom(seed);
  const u = () => Math.round((2 * random() - 1) * 100 * bound) / 100;
  const params = Object.fromEntries(net.layout.map((p) => [p.name, Array.from({ length: p.shape.reduce((a, b) => a * b, 1) }, u)]));
  const outputs = net.layout[net.layout.length - 1].shape[0];
  const rows = (count: number, width: number) => Array.from({ length: count }, () => Array.from({ length: width }, u));
  return { x: rows(steps, net.spec.inputs), y: rows(net.spec.returnSequences ? steps : 1, outputs), params };
}

/** The network with a worked step on one sequence (as a model's worked option gives it). */
export function withWorked(net: CompiledSequenceNetwork, ex: SequenceExample): CompiledSequenceNetwork {
  return { ...net, worked: sequenceWorkedStep(net, { params: ex.params, x: [ex.x], y: [ex.y] }) };
}
