// What a generated trainer must compute, from the IR interpreter: the loss,
// the gradients and the outputs of a network for a given batch.
import { evaluateGraph } from '../../src/ir/evaluate.js';
import type { NetworkSpec } from '../../src/dsl/network.js';
import { type CompiledNetwork, withoutDropout } from '../../src/compile/network/compile-network.js';
import { buildNetworkGraph } from '../../src/compile/network/build-graph.js';
import { differentiate } from '../../src/passes/differentiate.js';
import type { Trainer } from './network-module.js';
import { seededRandom } from './random.js';

export interface Batch {
  readonly X: Float64Array;
  readonly Y: Float64Array;
  readonly n: number;
}

/** Inputs and targets fitting the loss: one-hot rows for cce, 0/1 for bce, reals otherwise. */
export function batch(spec: NetworkSpec, n: number, seed: number): Batch {
  const random = seededRandom(seed);
  const outputs = spec.layers[spec.layers.length - 1].units;
  const X = Float64Array.from({ length: n * spec.inputs }, () => random() * 2 - 1);
  const Y = new Float64Array(n * outputs);
  for (let r = 0; r < n; r++) {
    if (spec.loss === 'cce') Y[r * outputs + Math.floor(random() * outputs)] = 1;
    else for (let k = 0; k < outputs; k++) Y[r * outputs + k] = spec.loss === 'bce' ? (random() < 0.5 ? 0 : 1) : random() * 2 - 1;
  }
  return { X, Y, n };
}

/** The network's loss graph without dropout, for the symbolic batch n (evaluate it with `{ n: rows }`). */
export function compileFor(c: CompiledNetwork) {
  const train = buildNetworkGraph(withoutDropout(c.spec));
  return { train, gradient: differentiate(train.graph, train.loss, train.params) };
}

/**
 * The IR interpreter at the trainer's current parameters (no dropout): the
 * training loss (with penalties), its gradients, the data loss and the
 * network's outputs (rows of n × outputs).
 */
export function reference(c: CompiledNetwork, trainer: Trainer, data: Batch) {
  const inputs: Record<string, Float64Array | number> = { X: data.X, Y: data.Y, invN: 1 / data.n };
  trainer.paramNames.forEach((name, i) => (inputs[name] = trainer.params[i]));
  const { train, gradient } = compileFor(c);
  const output = train.layers[train.layers.length - 1].a;
  const values = evaluateGraph(gradient.graph, [train.loss, train.dataLoss, output, ...gradient.gradient], inputs, { n: data.n });
  return {
    loss: values.get(train.loss)!.data[0],
    dataLoss: values.get(train.dataLoss)!.data[0],
    outputs: values.get(output)!.data,
    grads: gradient.gradient.map((id) => values.get(id)!.data),
  };
}
