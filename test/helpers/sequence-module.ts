import { validateSequenceNetwork } from '../../src/compile/network/validate-sequence.js';
import { compileSequenceNetwork, type CompiledSequenceNetwork } from '../../src/compile/network/compile-sequence.js';
import { emitModule } from '../../src/backends/ts/module.js';
import type { TrainerOptions } from '../../src/backends/ts/network/trainer-class.js';
import type { SequenceNetworkSpec, SequenceNetworkSpecInput } from '../../src/dsl/network.js';
import { network } from '../../src/dsl/network.js';
import { TEST_FROM, loadModule } from './generated-module.js';
import type { Trainer } from './network-module.js';
import type { ReferenceNet, SequenceData } from './sequence-reference.js';
import { seededRandom, uniform } from './random.js';

/** What the tests use of a generated sequence trainer. */
export interface SequenceTrainer extends Trainer {
  sequenceLength: number;
  readonly stateGradientNorms: Float64Array;
  hiddenGradientNorms(): Float64Array;
  bpttMemoryBytes(n: number, T: number): number;
  toJSON(): unknown;
  loadJSON(json: unknown): void;
  predict(x: Float64Array, out: Float64Array): void;
  fit(data: { X: Float64Array; Y: Float64Array; n: number }, options: Record<string, unknown>): { history: { loss: number }[] };
  evaluate(data: { X: Float64Array; Y: Float64Array; n: number }): { loss: number; rmse?: number; accuracy?: number };
}
export type SequenceTrainerClass = new (seed?: number) => SequenceTrainer;

/** A sequence spec with the parts the tests do not vary filled in. */
export function testSequenceNetwork(partial: Partial<SequenceNetworkSpecInput> & Pick<SequenceNetworkSpecInput, 'layers'>): SequenceNetworkSpec {
  return network({ inputs: { sequence: 2 }, loss: 'mse', optimizer: { kind: 'sgd', lr: 0.1 }, init: { kind: 'xavier', seed: 3 }, ...partial });
}

/** The module of these sequence networks (options.wasm: their larger products as WebAssembly kernels, as the driver prints them). */
export async function sequenceModuleSource(specs: Record<string, SequenceNetworkSpec>, options: TrainerOptions = {}) {
  const compiled: CompiledSequenceNetwork[] = Object.entries(specs).map(([name, spec]) => compileSequenceNetwork(name, validateSequenceNetwork(spec)));
  const code = await emitModule({ expressions: [], networks: [], sequenceNetworks: compiled }, TEST_FROM, options);
  return { code, compiled };
}

/** Compiles and imports one sequence network's trainer class. */
export async function loadSequenceTrainer(spec: SequenceNetworkSpec, name = 'Seq', options: TrainerOptions = {}) {
  const { code, compiled } = await sequenceModuleSource({ [name]: spec }, options);
  const mod = (await loadModule(code)) as unknown as Record<string, SequenceTrainerClass>;
  return { Trainer: mod[name], code, compiled: compiled[0] };
}

/** The reference network of a spec (test/helpers/sequence-reference.ts reads the same parameters by name). */
export function referenceOf(spec: SequenceNetworkSpec): ReferenceNet {
  const last = spec.layers.flatMap((l) => (l.kind === 'dense' ? [] : [l])).at(-1);
  return {
    features: spec.inputs.sequence,
    layers: spec.layers,
    loss: typeof spec.loss === 'string' ? spec.loss : spec.loss.kind,
    returnSequences: last?.options.returnSequences === true,
    lossOverSteps: spec.lossOverSteps ?? 'mean',
  };
}

/** n random sequences of T steps and their targets (in [0, 1], so bce fits too). */
export function randomSequences(spec: SequenceNetworkSpec, n: number, T: number, seed: number): SequenceData {
  const random = seededRandom(seed);
  const net = referenceOf(spec);
  const outputs = spec.layers[spec.layers.length - 1].units;
  const X = Float64Array.from({ length: n * T * net.features }, () => uniform(random, -1.5, 1.5));
  const Y = Float64Array.from({ length: n * (net.returnSequences ? T : 1) * outputs }, () => random());
  return { X, Y, n, T };
}

/** The trainer's parameters by name (the reference reads them so). */
export function paramsOf(trainer: SequenceTrainer): Record<string, Float64Array> {
  return Object.fromEntries(trainer.paramNames.map((name, k) => [name, trainer.params[k]]));
}
