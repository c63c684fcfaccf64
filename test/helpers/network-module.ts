import { validateNetwork } from '../../src/compile/network/validate.js';
import { type Activation, type Loss, dense, network, type NetworkSpecInput } from '../../src/dsl/network.js';
import { compileNetwork, type CompiledNetwork } from '../../src/compile/network/compile-network.js';
import { emitModule } from '../../src/backends/ts/module.js';
import type { TrainerOptions } from '../../src/backends/ts/network/trainer-class.js';
import { TEST_FROM, loadModule } from './generated-module.js';

/** Every hidden-layer activation. */
export const HIDDEN_ACTIVATIONS: readonly Activation[] = ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'softplus', 'linear'];

/** Output activation and loss pairs the tests cover, with a small width and the largest the property test draws. */
export const OUTPUT_LAYERS: readonly { activation: Activation; loss: Loss; units: number; maxUnits: number }[] = [
  { activation: 'sigmoid', loss: 'bce', units: 2, maxUnits: 4 },
  { activation: 'softmax', loss: 'cce', units: 3, maxUnits: 12 },
  { activation: 'linear', loss: 'mse', units: 2, maxUnits: 5 },
  { activation: 'tanh', loss: 'mae', units: 2, maxUnits: 3 },
  { activation: 'sigmoid', loss: 'mse', units: 1, maxUnits: 2 },
];

/** What the tests use of a generated trainer class. */
export interface Trainer {
  readonly params: readonly Float64Array[];
  readonly grads: readonly Float64Array[];
  readonly paramNames: readonly string[];
  lossAndGradient(X: Float64Array, Y: Float64Array, n: number): void;
  readonly lastLoss: number;
  step(): void;
  trainStep(X: Float64Array, Y: Float64Array, n: number): void;
  predictBatch(X: Float64Array, n: number, out: Float64Array): void;
  dataLoss(X: Float64Array, Y: Float64Array, n: number, out: Float64Array): number;
  reseed(seed: number): void;
  initialize(seed?: number): void;
}
export type TrainerClass = new (seed?: number) => Trainer;

/** lossAndGradient's loss (it returns nothing and leaves the loss in lastLoss). */
export function lossOf(trainer: Pick<Trainer, 'lossAndGradient' | 'lastLoss'>, X: Float64Array, Y: Float64Array, n: number): number {
  trainer.lossAndGradient(X, Y, n);
  return trainer.lastLoss;
}

/** A spec with the parts the tests do not vary filled in. */
export function testNetwork(partial: Partial<NetworkSpecInput> & Pick<NetworkSpecInput, 'layers' | 'loss'>) {
  return network({ inputs: 3, optimizer: { kind: 'sgd', lr: 0.1 }, init: { kind: 'xavier', seed: 7 }, ...partial });
}

/** Compiles networks into one module's source. */
export async function networkModuleSource(specs: Record<string, ReturnType<typeof network>>, options: TrainerOptions = {}) {
  const networks: CompiledNetwork[] = Object.entries(specs).map(([name, spec]) => compileNetwork(name, validateNetwork(spec)));
  const code = await emitModule({ expressions: [], networks }, TEST_FROM, options);
  return { code, networks };
}

/** Compiles and imports one network's trainer class. */
export async function loadTrainer(spec: ReturnType<typeof network>, name = 'Net', options: TrainerOptions = {}) {
  const { code, networks } = await networkModuleSource({ [name]: spec }, options);
  const mod = (await loadModule(code)) as unknown as Record<string, TrainerClass>;
  return { Trainer: mod[name], code, compiled: networks[0] };
}

export { dense };
