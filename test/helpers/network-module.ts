import { validateNetwork } from '../../src/compile/network/validate.js';
import { type Activation, type Loss, dense, network, type NetworkSpecInput } from '../../src/dsl/network.js';
import { compileNetwork, type CompiledNetwork } from '../../src/compile/network/compile-network.js';
import { emitModule } from '../../src/backends/ts/module.js';
import type { TrainerOptions } from '../../src/backends/ts/network/trainer-class.js';
import { TEST_FROM, loadModule } from './generated-module.js';
import { FD_STEP, expectClose } from './numeric.js';

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

/** Rows the trainer reads: n examples, rows of X and Y. */
export interface TrainerRows {
  readonly X: Float64Array;
  readonly Y: Float64Array;
  readonly n: number;
}

/** Which gradient entries to check against differences, and how the loss is recomputed. */
export interface DifferenceOptions {
  /** Every `stride`-th entry of each array (1: all). */
  readonly stride?: number;
  /** Only this parameter array (index into params). */
  readonly array?: number;
}

/**
 * The trainer's gradient, entry by entry, next to the central difference of
 * `loss` (the loss at the trainer's current parameters), (L(θ + h) − L(θ − h)) / 2h:
 * `visit(analytic, difference, array, entry)`. The gradient is the trainer's
 * after one `loss()` call (lossAndGradient leaves it in grads); every parameter is
 * restored after its two loss calls.
 */
export function forEachCentralDifference(
  trainer: Pick<Trainer, 'params' | 'grads'>,
  loss: () => number,
  visit: (analytic: number, difference: number, array: number, entry: number) => void,
  { stride = 1, array }: DifferenceOptions = {},
): void {
  loss();
  const analytic = trainer.grads.map((g) => Float64Array.from(g)); // loss() may overwrite the trainer's own
  trainer.params.forEach((p, k) => {
    if (array !== undefined && k !== array) return;
    for (let i = 0; i < p.length; i += stride) {
      const keep = p[i];
      p[i] = keep + FD_STEP;
      const up = loss();
      p[i] = keep - FD_STEP;
      const down = loss();
      p[i] = keep;
      visit(analytic[k][i], (up - down) / (2 * FD_STEP), k, i);
    }
  });
}

/**
 * The trainer's gradient at `rows` equals central differences of its own loss
 * there (`loss` instead when given: a dropout test reseeds first).
 */
export function expectGradientMatchesDifferences(
  trainer: Pick<Trainer, 'params' | 'grads' | 'lossAndGradient' | 'lastLoss'>,
  rows: TrainerRows,
  { loss = () => lossOf(trainer, rows.X, rows.Y, rows.n), ...options }: DifferenceOptions & { readonly loss?: () => number } = {},
): void {
  forEachCentralDifference(trainer, loss, (analytic, difference) => expectClose(analytic, difference, 1e-5, 1e-7), options);
}

/**
 * `count` training steps on `rows`, each followed by the predictions into `out` when given, the losses
 * summed: a loop for countGcDuring (no callback in it: a call V8 does not inline could box a value).
 */
export function trainingLoop(trainer: Pick<Trainer, 'trainStep' | 'lastLoss' | 'predictBatch'>, rows: TrainerRows, out?: Float64Array) {
  return (count: number): number => {
    let sum = 0;
    for (let i = 0; i < count; i++) {
      trainer.trainStep(rows.X, rows.Y, rows.n);
      sum += trainer.lastLoss;
      if (out !== undefined) trainer.predictBatch(rows.X, rows.n, out);
    }
    return sum;
  };
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

/**
 * Compiles networks into one module and imports it: each one's trainer class and compiled network, in the
 * order given. Many networks in one module share its trainer template, formatted and loaded once for all.
 */
export async function loadTrainers(specs: Record<string, ReturnType<typeof network>>, options: TrainerOptions = {}) {
  const { code, networks } = await networkModuleSource(specs, options);
  const mod = (await loadModule(code)) as unknown as Record<string, TrainerClass>;
  return { code, trainers: networks.map((compiled) => ({ Trainer: mod[compiled.name], compiled })) };
}

/** Compiles and imports one network's trainer class. */
export async function loadTrainer(spec: ReturnType<typeof network>, name = 'Net', options: TrainerOptions = {}) {
  const { code, trainers: [{ Trainer, compiled }] } = await loadTrainers({ [name]: spec }, options);
  return { Trainer, code, compiled };
}

export { dense };
