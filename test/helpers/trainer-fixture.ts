import { readFileSync } from 'node:fs';
import type { Dataset, Evaluation, FitOptions, FitResult, ModelJSON, ModelJSONInput } from '../../templates/trainer/contract.js';
import type { ParameterInfo } from '../../templates/trainer/parameter-info.js';
import type { TestNetConfig } from './test-net.js';

export type { TestNetConfig } from './test-net.js';

/**
 * The hand-written subclass of test-net.ts (type-checked there by tsc against
 * the template's contract), as source to append to the trainer template
 * (templates/trainer/): the code below its marker.
 */
const MARKER = '// ---- the fixture (appended to the trainer template) ----\n';
const FIXTURE = readFileSync(new URL('./test-net.ts', import.meta.url), 'utf8');
export const TEST_NET_SOURCE = FIXTURE.slice(FIXTURE.indexOf(MARKER) + MARKER.length);

/** The public surface of a TestNet instance (template API + the fixture's probes). */
export interface TestNet {
  readonly modelName: string;
  readonly params: readonly Float64Array[];
  readonly grads: readonly Float64Array[];
  readonly paramNames: readonly string[];
  /** The fixture's own array: a test may relabel an entry to see the template follow the layout. */
  readonly parameterLayout: ParameterInfo[];
  readonly layerSizes: readonly number[];
  epoch: number;
  stepCount: number;
  lastX: Float64Array;
  lastN: number;
  optimizerResets: number;
  learningRate(): number;
  random(): number;
  gaussian(): number;
  reseed(seed: number): void;
  initialize(seed?: number): void;
  fit(train: Dataset, options: FitOptions): FitResult;
  evaluate(data: Dataset): Evaluation;
  predict(x: Float64Array, out: Float64Array): void;
  predictBatch(X: Float64Array, n: number, out: Float64Array): void;
  dataLoss(X: Float64Array, Y: Float64Array, n: number, out: Float64Array): number;
  lossAndGradient(X: Float64Array, Y: Float64Array, n: number): void;
  readonly lastLoss: number;
  reserveRows(n: number): void;
  gradientNorms(out: Float64Array): void;
  toJSON(): ModelJSON;
  loadJSON(json: ModelJSON | ModelJSONInput | string): void;
}

export type TestNetClass = new (config: TestNetConfig) => TestNet;
