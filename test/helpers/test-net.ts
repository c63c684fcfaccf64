/*
 * A hand-written stand-in for the generated subclass of the trainer template
 * (templates/trainer/):
 * a dense network with tanh hidden layers and a linear (½-MSE), sigmoid
 * (binary cross-entropy from the logits) or softmax (categorical
 * cross-entropy) output, trained by plain SGD. Like generated code it works on
 * Float64Arrays made once per capacity; it also records what the template
 * passed in (lastX, lastN) so tests can see batching, shuffling and
 * standardization.
 *
 * `tsc` checks this file as a subclass of the template's NetworkTrainer (the
 * declarations above the marker stand for the template: its class as the
 * committed xor module holds it, the template's parts being one class body
 * and not modules); trainer-fixture.ts appends the code below the marker to
 * the template, which the tests run (and type-check with the template as it is).
 */
import type { NetworkTrainerClass } from '../../generated/xor/model.js';
import type { OutputLoss } from '../../templates/trainer/contract.js';
import type { ParameterInfo } from '../../templates/trainer/parameter-info.js';

declare const NetworkTrainer: NetworkTrainerClass;

// ---- the fixture (appended to the trainer template) ----
export interface TestNetConfig {
  readonly name?: string;
  readonly layerSizes: readonly number[];
  readonly task: 'binary' | 'multiclass' | 'regression';
  /** Learning rate at epoch e: lr · decay^e. */
  readonly lr: number;
  readonly decay?: number;
  readonly init?: 'xavier' | 'he';
  readonly distribution?: 'uniform' | 'normal';
  readonly seed?: number;
  readonly batchSize?: number | 'full';
  readonly standardize?: boolean;
  /** The architecture field (default: what the fixture computes, tanh hidden layers). */
  readonly architecture?: readonly string[];
}

export class TestNet extends NetworkTrainer {
  readonly modelName: string;
  readonly inputSize: number;
  readonly outputSize: number;
  readonly task: 'binary' | 'multiclass' | 'regression';
  readonly params: Float64Array[] = [];
  readonly grads: Float64Array[] = [];
  readonly paramNames: string[] = [];
  readonly parameterLayout: ParameterInfo[] = [];
  readonly layerSizes: readonly number[];
  readonly architecture: readonly string[];
  readonly initKind: 'xavier' | 'he';
  readonly initDistribution: 'uniform' | 'normal';
  readonly seed: number;
  readonly defaultBatchSize: number | 'full';
  readonly standardizeInputs: boolean;
  readonly standardizeTargets = false;
  readonly outputLoss: OutputLoss;
  readonly lossReduction = 'mean';
  /** What the template passed to the last lossAndGradient call, and how often it reset the optimizer. */
  lastX: Float64Array = new Float64Array(0);
  lastN = 0;
  optimizerResets = 0;

  readonly #lr: number;
  readonly #decay: number;
  #capacity = 0;
  /** a[l]: activations of layer l (a[0] unused: the input is X), rows × units. */
  #a: Float64Array[] = [];
  /** d[l]: δ^l = ∂L/∂z^l, rows × units. */
  #d: Float64Array[] = [];
  /** Logits of the output layer. */
  #z = new Float64Array(0);

  constructor(c: TestNetConfig) {
    super();
    this.modelName = c.name ?? 'TestNet';
    this.layerSizes = c.layerSizes.slice();
    // tanh hidden layers, and the output of the task (a test may name other layers to see loadJSON refuse them)
    const output = c.task === 'binary' ? 'sigmoid' : c.task === 'multiclass' ? 'softmax' : 'linear';
    this.architecture = c.architecture ?? c.layerSizes.slice(1).map((units, l) => `dense ${units} ${l === c.layerSizes.length - 2 ? output : 'tanh'}`);
    this.inputSize = c.layerSizes[0];
    this.outputSize = c.layerSizes[c.layerSizes.length - 1];
    this.task = c.task;
    this.initKind = c.init ?? 'xavier';
    this.initDistribution = c.distribution ?? 'uniform';
    this.seed = c.seed ?? 1;
    this.defaultBatchSize = c.batchSize ?? 32;
    this.standardizeInputs = c.standardize ?? false;
    this.outputLoss = c.task === 'regression' ? 'half-squared' : 'cross-entropy';
    this.#lr = c.lr;
    this.#decay = c.decay ?? 1;
    for (let l = 1; l < c.layerSizes.length; l++) {
      const units = c.layerSizes[l];
      const fanIn = c.layerSizes[l - 1];
      this.params.push(new Float64Array(units * fanIn), new Float64Array(units));
      this.grads.push(new Float64Array(units * fanIn), new Float64Array(units));
      this.paramNames.push('W' + l, 'b' + l);
      this.parameterLayout.push(
        { name: 'W' + l, layer: l, role: 'weight', shape: [units, fanIn], fanIn, fanOut: units },
        { name: 'b' + l, layer: l, role: 'bias', shape: [units], fanIn, fanOut: units },
      );
    }
    this.initialize();
  }

  /** Public for tests: the workspace the template reserves before running rows. */
  reserveRows(n: number): void {
    this.ensureCapacity(n);
  }

  protected ensureCapacity(n: number): void {
    if (n <= this.#capacity) return;
    this.#capacity = n;
    this.#a = this.layerSizes.map((units) => new Float64Array(n * units));
    this.#d = this.layerSizes.map((units) => new Float64Array(n * units));
    this.#z = new Float64Array(n * this.outputSize);
  }

  protected resetOptimizerState(): void {
    this.optimizerResets++;
  }

  baseLearningRate(epoch: number): number {
    return this.#lr * Math.pow(this.#decay, epoch);
  }

  /** a^l = f(W^l a^(l−1) + b^l) for n rows; returns the data loss against Y. */
  #forward(X: Float64Array, Y: Float64Array | null, n: number): number {
    const L = this.layerSizes.length - 1;
    if (n > this.#capacity) throw new Error('capacity ' + this.#capacity + ' < ' + n);
    for (let l = 1; l <= L; l++) {
      const fanIn = this.layerSizes[l - 1];
      const units = this.layerSizes[l];
      const W = this.params[2 * (l - 1)];
      const b = this.params[2 * (l - 1) + 1];
      const input = l === 1 ? X : this.#a[l - 1];
      const a = this.#a[l];
      const z = l === L ? this.#z : a;
      for (let r = 0; r < n; r++) {
        for (let u = 0; u < units; u++) {
          let s = b[u];
          for (let k = 0; k < fanIn; k++) s += W[u * fanIn + k] * input[r * fanIn + k];
          z[r * units + u] = s;
          if (l < L) a[r * units + u] = Math.tanh(s);
        }
      }
    }
    // Output activation and loss, mean over rows.
    const m = this.outputSize;
    const z = this.#z;
    const a = this.#a[L];
    let loss = 0;
    for (let r = 0; r < n; r++) {
      const o = r * m;
      if (this.task === 'multiclass') {
        let max = z[o];
        for (let j = 1; j < m; j++) max = Math.max(max, z[o + j]);
        let sum = 0;
        for (let j = 0; j < m; j++) sum += Math.exp(z[o + j] - max);
        const logSumExp = max + Math.log(sum);
        for (let j = 0; j < m; j++) {
          a[o + j] = Math.exp(z[o + j] - logSumExp);
          if (Y) loss -= Y[o + j] * (z[o + j] - logSumExp);
        }
      } else {
        for (let j = 0; j < m; j++) {
          const zj = z[o + j];
          if (this.task === 'binary') {
            a[o + j] = 1 / (1 + Math.exp(-zj));
            // −[y ln σ(z) + (1 − y) ln(1 − σ(z))] = softplus(z) − y z
            if (Y) loss += Math.max(zj, 0) + Math.log1p(Math.exp(-Math.abs(zj))) - Y[o + j] * zj;
          } else {
            a[o + j] = zj;
            if (Y) loss += 0.5 * (zj - Y[o + j]) * (zj - Y[o + j]);
          }
        }
      }
    }
    return loss / n;
  }

  protected computeLossAndGradient(X: Float64Array, Y: Float64Array, n: number): void {
    this.lastX = X;
    this.lastN = n;
    const loss = this.#forward(X, Y, n);
    const L = this.layerSizes.length - 1;
    // δ^L = (a^L − y) / n for all three output/loss pairs
    const dL = this.#d[L];
    const aL = this.#a[L];
    for (let i = 0; i < n * this.outputSize; i++) dL[i] = (aL[i] - Y[i]) / n;
    for (let l = L; l >= 1; l--) {
      const fanIn = this.layerSizes[l - 1];
      const units = this.layerSizes[l];
      const W = this.params[2 * (l - 1)];
      const dW = this.grads[2 * (l - 1)];
      const db = this.grads[2 * (l - 1) + 1];
      const input = l === 1 ? X : this.#a[l - 1];
      const d = this.#d[l];
      dW.fill(0);
      db.fill(0);
      // ∂L/∂W^l = Σ_rows δ^l (a^(l−1))ᵀ, ∂L/∂b^l = Σ_rows δ^l
      for (let r = 0; r < n; r++) {
        for (let u = 0; u < units; u++) {
          const g = d[r * units + u];
          db[u] += g;
          for (let k = 0; k < fanIn; k++) dW[u * fanIn + k] += g * input[r * fanIn + k];
        }
      }
      if (l === 1) break;
      // δ^(l−1) = (W^l)ᵀ δ^l ⊙ (1 − (a^(l−1))²)
      const prev = this.#d[l - 1];
      for (let r = 0; r < n; r++) {
        for (let k = 0; k < fanIn; k++) {
          let s = 0;
          for (let u = 0; u < units; u++) s += W[u * fanIn + k] * d[r * units + u];
          const a = input[r * fanIn + k];
          prev[r * fanIn + k] = s * (1 - a * a);
        }
      }
    }
    this.lastLoss = loss;
  }

  step(): void {
    this.stepCount++;
    const lr = this.learningRate();
    for (let k = 0; k < this.params.length; k++) {
      const w = this.params[k];
      const g = this.grads[k];
      for (let i = 0; i < w.length; i++) w[i] -= lr * g[i];
    }
  }

  #copyOutputs(n: number, out: Float64Array): void {
    const a = this.#a[this.layerSizes.length - 1];
    for (let i = 0; i < n * this.outputSize; i++) out[i] = a[i];
  }

  protected forwardBatch(X: Float64Array, n: number, out: Float64Array): void {
    this.#forward(X, null, n);
    this.#copyOutputs(n, out);
  }

  dataLoss(X: Float64Array, Y: Float64Array, n: number, out: Float64Array): number {
    const loss = this.#forward(X, Y, n);
    this.#copyOutputs(n, out);
    return loss;
  }
}
