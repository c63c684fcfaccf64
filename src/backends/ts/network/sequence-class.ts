import type { CompiledSequenceNetwork } from '../../../compile/network/compile-sequence.js';
import { lossScaleParts } from '../../../compile/network/sequence-worked-values.js';
import { Workspace } from '../../../lower/workspace.js';
import { emitLearningRate, emitStepBody, type ParamFields, rateUsesEpoch, stateFields, stepWithKernels } from './optimizer-step.js';
import { methodBody, SEQUENCE_FIELDS as F, sequencePrograms } from './sequence-programs.js';
import { type NetworkCode, parameterArrays, parameterNames, SEED_ONLY_CONSTRUCTOR, standardizationFields, type TrainerOptions } from './trainer-class.js';
import type { ProgramWasm } from '../tensor/program.js';
import { type SequenceArray as ArrayField, sequenceMemoryMembers, storedBytes } from './sequence-memory.js';
import { architectureField } from './architecture.js';
import { counted } from '../../../util/plural.js';

/**
 * The generated trainer of a sequence network: a subclass of the
 * SequenceTrainer template whose forward pass is a loop over t running the
 * compiled step, and whose backward pass is a reverse loop running the
 * compiled reverse step (backpropagation through time), in windows of k
 * steps for truncated BPTT. The code does not grow with T: T is a loop bound.
 * With options.wasm, the matrix products large enough run as WebAssembly
 * SIMD kernels, every array of the class in their linear memory
 * (sequence-memory.ts); the TypeScript kernels where WebAssembly does not run.
 */
export function emitSequenceClass(c: CompiledSequenceNetwork, options: TrainerOptions = {}): NetworkCode {
  const { spec, step } = c;
  const workspace = new Workspace();
  const memoryNames = new Set<string>();
  const wasm: ProgramWasm | undefined = options.wasm === undefined ? undefined : {
    kernelFor: (op, sizes) => options.wasm?.kernelFor(op, sizes),
    inMemory: { has: (name) => memoryNames.has(name) || workspace.slots.some((s) => s.name === name) },
  };
  const recurrentUnits = spec.recurrent.map((l) => l.units);
  const top = recurrentUnits[recurrentUnits.length - 1];
  const outputs = spec.head[spec.head.length - 1].units;
  const sizes = [spec.inputs, ...recurrentUnits, ...spec.head.map((l) => l.units)];
  const params: ParamFields[] = c.layout.map((q) => ({ name: q.name, grad: F.gradient(q.name), size: q.size, isWeight: q.role === 'weight', frozen: false }));
  const recurrentParams = params.slice(0, step.params.length);
  const headParams = params.slice(step.params.length);
  const state = params.flatMap((q) => stateFields(c.update, q).map((s) => ({ name: s, size: q.size })));
  const task = spec.loss === 'bce' ? 'binary' : spec.loss === 'cce' ? 'multiclass' : 'regression';
  const manyToMany = spec.returnSequences;
  const savedLength = (id: number) => step.graph.shapeOf(id).slice(1).reduce<number>((a, d) => a * (d as number), 1);

  // the arrays passed between the programs and steps (the workspace's come with the programs)
  const stepArrays: ArrayField[] = [
    { name: F.input, length: spec.inputs, per: 'row' },
    ...step.states.flatMap((s) => [
      { name: s.name, length: s.units, per: 'row' as const },
      { name: F.prev(s.name), length: s.units, per: 'row' as const },
      { name: F.seed(s.name), length: s.units, per: 'row' as const },
      { name: F.previousAdjoint(s.name), length: s.units, per: 'row' as const },
      { name: F.store(s.name), length: s.units, per: 'stored state' as const },
    ]),
    ...step.saved.flatMap((id, k) => [
      { name: F.saved(k), length: savedLength(id), per: 'row' as const },
      { name: F.store(F.saved(k)), length: savedLength(id), per: 'stored step' as const },
    ]),
    { name: F.headSeed, length: top, per: 'row' },
    ...(manyToMany ? [
      { name: F.target, length: outputs, per: 'row' as const },
      { name: F.output, length: outputs, per: 'row' as const },
      { name: F.store(F.headSeed), length: top, per: 'stored step' as const },
    ] : []),
  ];
  const stepGradients = [...recurrentParams, ...(manyToMany ? headParams : [])];
  for (const name of [...params.flatMap((q) => [q.name, q.grad]), ...stepGradients.map((q) => F.stepGradient(q.name)), ...stepArrays.map((a) => a.name)]) {
    memoryNames.add(name);
  }
  const p = sequencePrograms(c, workspace, wasm, options.helpers);
  const arrays: ArrayField[] = [
    ...workspace.slots.map((s) => ({ name: s.name, length: s.length, per: s.batched ? 'row' as const : 'fixed' as const })),
    ...stepArrays,
  ];
  // arrays in linear memory only when some product runs as a WASM kernel
  const usesKernels = Object.values(p).some((x) => x.program.statements.some((st) => st.startsWith('if (wasm !== undefined)')));
  // step(): with the arrays in linear memory, each parameter's update as the shared WASM update kernel (the TS loop where it does not run)
  const update = usesKernels && options.wasm !== undefined
    ? stepWithKernels(c, params, (loop) => options.wasm?.updateKernel(loop))
    : { code: emitStepBody(c, params), scalarSlots: 0 };
  const topState = step.states.find((s) => s.next === step.top)?.name as string;
  const block = (units: number, k: string) => `${k} * n * ${units}`;
  const truncate = spec.bptt.truncate;
  const window = truncate === undefined ? 'T' : `Math.min(${truncate}, T)`;
  // the head's loss scale, as lossScale computes it: 1/n for the mean over the batch, 1/T for the mean over steps
  const means = lossScaleParts(spec);
  const scale = lossScaleText(means.batch, means.steps);
  const meanScale = lossScaleText(true, means.steps);
  const stepsWord = truncate === undefined ? 'T' : `min(${truncate}, T)`;

  const forwardWindow = `
      for (let k = 0; k < length; k++) {
        const t = start + k;
        this.gatherStep(X, n, T, t, ${spec.inputs}, this.${F.input});
${step.states.map((s) => `        this.copyBlock(this.${F.store(s.name)}, ${block(s.units, 'k')}, this.${F.prev(s.name)}, 0, n * ${s.units});`).join('\n')}
        this.forwardStep(n);
${step.states.map((s) => `        this.copyBlock(this.${s.name}, 0, this.${F.store(s.name)}, ${block(s.units, '(k + 1)')}, n * ${s.units});`).join('\n')}
${step.saved.map((id, k) => `        this.copyBlock(this.${F.saved(k)}, 0, this.${F.store(F.saved(k))}, k * n * ${savedLength(id)}, n * ${savedLength(id)});`).join('\n')}
${manyToMany ? `        // the head at step t: ℓ_t, its parameters' gradient terms, and ∂ℓ_t/∂h_t
        this.gatherStep(Y, n, T, t, ${outputs}, this.${F.target});
        this.headTrain(this.${F.target}, n);
        loss += this.stepLoss;
${headParams.map((q) => `        this.addBlock(this.${F.stepGradient(q.name)}, 0, this.${q.grad}, 0, ${q.size});`).join('\n')}
        this.copyBlock(this.${F.headSeed}, 0, this.${F.store(F.headSeed)}, k * n * ${top}, n * ${top});` : ''}
      }`;
  const headOnLast = manyToMany ? '' : `
      if (start + length < T) {
        // no loss in this window (many-to-one): nothing to propagate back
${carryState(step.states)}
        continue;
      }
      // the head on the last state: ℓ, the head's gradients and ∂ℓ/∂h_{T−1}
      this.headTrain(Y, n);
      loss += this.stepLoss;`;
  const backwardWindow = `
      // reverse sweep: the adjoint from beyond the window is 0 (the next window takes this one's last state as given)
${step.states.map((s) => `      this.${F.seed(s.name)}.fill(0, 0, n * ${s.units});`).join('\n')}
      for (let k = length - 1; k >= 0; k--) {
        const t = start + k;
        this.gatherStep(X, n, T, t, ${spec.inputs}, this.${F.input});
${step.states.map((s) => `        this.copyBlock(this.${F.store(s.name)}, ${block(s.units, 'k')}, this.${F.prev(s.name)}, 0, n * ${s.units});
        this.copyBlock(this.${F.store(s.name)}, ${block(s.units, '(k + 1)')}, this.${s.name}, 0, n * ${s.units});`).join('\n')}
${step.saved.map((id, k) => `        this.copyBlock(this.${F.store(F.saved(k))}, k * n * ${savedLength(id)}, this.${F.saved(k)}, 0, n * ${savedLength(id)});`).join('\n')}
        // ∂L/∂h_t = (from step t+1) + ∂ℓ_t/∂h_t (the head's)
${manyToMany
    ? `        this.addBlock(this.${F.store(F.headSeed)}, k * n * ${top}, this.${F.seed(topState)}, 0, n * ${top});`
    : `        if (k === length - 1) this.addBlock(this.${F.headSeed}, 0, this.${F.seed(topState)}, 0, n * ${top});`}
        this.normInto(this.${F.seed(topState)}, n * ${top}, this.stateGradientNorms, t);
        this.reverseStep(n);
${step.states.map((s) => `        this.copyBlock(this.${F.previousAdjoint(s.name)}, 0, this.${F.seed(s.name)}, 0, n * ${s.units});`).join('\n')}
${recurrentParams.map((q) => `        this.addBlock(this.${F.stepGradient(q.name)}, 0, this.${q.grad}, 0, ${q.size});`).join('\n')}
      }
${carryState(step.states)}`;

  const inferenceLoop = (perStep: string) => `
${step.states.map((s) => `    this.${F.prev(s.name)}.fill(0, 0, n * ${s.units});`).join('\n')}
    for (let t = 0; t < T; t++) {
      this.gatherStep(X, n, T, t, ${spec.inputs}, this.${F.input});
      this.inferStep(n);
${step.states.map((s) => `      this.copyBlock(this.${s.name}, 0, this.${F.prev(s.name)}, 0, n * ${s.units});`).join('\n')}
${perStep}
    }`;

  const memory = c.memory;
  const classSource = `
/**
 * ${c.name}: sequence network ${sizes.join('-')} (${[...spec.recurrent.map((l) => l.kind === 'rnn' ? `rnn ${l.activation}` : l.kind), ...spec.head.map((l) => l.activation)].join(', ')}), ${manyToMany ? `many-to-many (loss: ${spec.lossOverSteps} over steps)` : 'many-to-one'}, loss ${spec.loss}, optimizer ${spec.optimizer.kind}.
 * X is n × T × ${spec.inputs} (each sequence step after step), Y is n × ${manyToMany ? `T × ${outputs}` : outputs}; T is read from X at run time.
 * Training: backpropagation through time, ${truncate === undefined ? 'full (one window of T steps)' : `truncated: windows of ${counted(truncate, 'step')} counted back from the last step, the state carried into a window taken as given`}.
 * Memory of the stored steps: ${counted(memory.perStep, 'number')} per step and sequence, ${memory.formula} (bpttMemoryBytes(n, T)).
 */
export class ${c.name} extends SequenceTrainer {
  readonly modelName = ${JSON.stringify(c.name)};
  readonly featureSize = ${spec.inputs};
  readonly stepOutputSize = ${outputs};
  readonly returnSequences = ${manyToMany};
  readonly task = ${JSON.stringify(task)};
  readonly layerSizes: readonly number[] = [${sizes.join(', ')}];
${architectureField([...spec.recurrent, ...spec.head])}
  readonly initKind = ${JSON.stringify(spec.init.kind)};
  readonly initDistribution = ${JSON.stringify(spec.init.distribution)};
  readonly seed = ${spec.init.seed};
  readonly defaultBatchSize: number | 'full' = ${JSON.stringify(spec.optimizer.batchSize)};
${standardizationFields(spec, 'mean') /* dataLoss is the mean over the sequences (lossScale) */}

${usesKernels ? sequenceMemoryMembers(c.name, {
    params,
    state: state.map((s) => ({ name: s.name, length: s.size })),
    arrays: [...stepGradients.map((q) => ({ name: F.stepGradient(q.name), length: q.size, per: 'fixed' as const })), ...arrays],
    scalars: update.scalarSlots,
  }, window) : `  // Parameters θ and gradients ∂L/∂θ (summed over the time steps)
${parameterArrays(params)}`}
${parameterNames(params, c.layout)}
${usesKernels ? '' : `  // One time step's term of ∂L/∂θ
${stepGradients.map((q) => `  private readonly ${F.stepGradient(q.name)} = new Float64Array(${q.size});`).join('\n')}`}

${usesKernels ? '' : `  // Optimizer state
${state.map((s) => `  private readonly ${s.name} = new Float64Array(${s.size});`).join('\n')}`}

  // Diagnostics: ‖∂L/∂h_t‖ per step of the last batch (see hiddenGradientNorms())
  stateGradientNorms = new Float64Array(0);
  /** ℓ of the head's last run (a field: a returned double would be boxed). */
  private stepLoss = 0;
  /** 1/n, or 1/(n·T) for the mean over steps: the head's invN. */
  private lossScale = 1;

${usesKernels ? '' : `  // Arrays of the step programs (the workspace and the values passed between steps), grown by ensureCapacity
${arrays.filter((a) => a.per === 'fixed').map((a) => `  private readonly ${a.name} = new Float64Array(${a.length});`).join('\n')}
  private capacity = 0;
  private capacitySteps = 0;
${arrays.filter((a) => a.per !== 'fixed').map((a) => `  private ${a.name} = new Float64Array(0);`).join('\n')}

${SEED_ONLY_CONSTRUCTOR}
`}
  /** Bytes of the arrays one training batch of n sequences of T steps keeps for the backward pass. */
  bpttMemoryBytes(n: number, T: number): number {
    const stored = ${truncate === undefined ? 'T' : `Math.min(${truncate}, T)`};
    return ${storedBytes(arrays)};
  }
${usesKernels ? '' : `
  protected ensureCapacity(n: number): void {
    const T = this.sequenceLength;
    if (T > this.stateGradientNorms.length) this.stateGradientNorms = new Float64Array(T);
    const steps = ${window};
    if (n <= this.capacity && steps <= this.capacitySteps) return;
    const rows = Math.max(n, this.capacity);
    const stored = Math.max(steps, this.capacitySteps);
    this.capacity = rows;
    this.capacitySteps = stored;
${arrays.filter((a) => a.per !== 'fixed').map((a) => `    this.${a.name} = new Float64Array(${times('rows', a.per === 'row' ? a.length : a.per === 'stored step' ? times('stored', a.length) : times('(stored + 1)', a.length))});`).join('\n')}
  }
`}
  /** L (into lastLoss) and ∂L/∂θ for n sequences: forward over t, storing the states, and back through time. */
  protected computeLossAndGradient(X: Float64Array, Y: Float64Array, n: number): void {
    const T = this.sequenceLength;
    this.ensureCapacity(n);
${params.map((q) => `    this.${q.grad}.fill(0);`).join('\n')}
    this.stateGradientNorms.fill(0, 0, T);
    this.lossScale = ${scale};
    let loss = 0;
    // the states before the first step are 0
${step.states.map((s) => `    this.${F.store(s.name)}.fill(0, 0, n * ${s.units});`).join('\n')}
    // windows of ${stepsWord} steps ending at T (the first one shorter when they do not divide T)
    const window = ${window};
    for (let start = 0, length = T - window * Math.floor((T - 1) / window); start < T; start += length, length = window) {${forwardWindow}${headOnLast}${backwardWindow}
    }
    this.lastLoss = loss;
  }

  /** Network outputs for n sequences, no dropout: ${manyToMany ? 'one row per step' : 'from the last step'}. */
  protected forwardBatch(X: Float64Array, n: number, out: Float64Array): void {
    const T = this.sequenceLength;
    this.ensureCapacity(n);${inferenceLoop(manyToMany ? `      this.headPredict(n, this.${F.output});
      this.scatterStep(this.${F.output}, n, T, t, ${outputs}, out);` : '')}${manyToMany ? '' : `
    this.headPredict(n, out);`}
  }

  /** Data loss of n sequences; writes the outputs to out. */
  dataLoss(X: Float64Array, Y: Float64Array, n: number, out: Float64Array): number {
    const T = this.sequenceLength;
    this.ensureCapacity(n);
    this.lossScale = ${meanScale}; // the mean per sequence, whatever the training loss's reduction
    let loss = 0;${inferenceLoop(manyToMany ? `      this.gatherStep(Y, n, T, t, ${outputs}, this.${F.target});
      this.headEvaluate(this.${F.target}, n, this.${F.output});
      loss += this.stepLoss;
      this.scatterStep(this.${F.output}, n, T, t, ${outputs}, out);` : '')}${manyToMany ? '' : `
    this.headEvaluate(Y, n, out);
    loss = this.stepLoss;`}
    return loss;
  }

  /** One time step forward (training): every layer's new state, and the values the reverse step reads. */
  private forwardStep(n: number): void {
${methodBody(p.forwardStep)}
  }

  /** One time step forward (prediction): every layer's new state. */
  private inferStep(n: number): void {
${methodBody(p.inferStep)}
  }

  /** One step of the reverse sweep: from ∂L/∂s_t (G_s), this step's term of ∂L/∂θ and ∂L/∂s_{t−1}. */
  private reverseStep(n: number): void {
${methodBody(p.reverseStep)}
  }

  /** The dense head on one step's top state: ℓ (into stepLoss), its gradients and ∂ℓ/∂h (into ${F.headSeed}). */
  private headTrain(Y: Float64Array, n: number): void {
${methodBody(p.headTrain)}
    this.stepLoss = ${p.headTrain.program.reference(c.head.loss)};
  }

  /** The head's outputs on one step's top state. */
  private headPredict(n: number, out: Float64Array): void {
${methodBody(p.headPredict)}
  }

  /** The head's data loss (into stepLoss) and outputs on one step's top state. */
  private headEvaluate(Y: Float64Array, n: number, out: Float64Array): void {
${methodBody(p.headEvaluate)}
    this.stepLoss = ${p.headEvaluate.program.reference(c.head.dataLoss)};
  }

  /** One optimizer update from the gradients. */
  step(): void {
${update.code}
  }

  baseLearningRate(${rateUsesEpoch(c) ? 'epoch' : '_epoch'}: number): number {
    ${emitLearningRate(c)}
  }

  protected resetOptimizerState(): void {
${state.map((s) => `    this.${s.name}.fill(0);`).join('\n')}
  }
}
`;
  const all = Object.values(p).map((x) => x.program);
  const kernels = new Map(all.flatMap((x) => [...x.kernels]));
  return { classSource, kernels };
}

/** The next window starts from this one's last state: store[0] ← store[length]. */
function carryState(states: readonly { readonly name: string; readonly units: number }[]): string {
  return states.map((s) => `      this.copyBlock(this.${F.store(s.name)}, length * n * ${s.units}, this.${F.store(s.name)}, 0, n * ${s.units});`).join('\n');
}

/** `count * k` as printed code, without a factor 1 (rows, not rows * 1). */
function times(count: string, k: number | string): string {
  return k === 1 || k === '1' ? count : `${count} * ${k}`;
}

/** The loss scale as code: 1/n for the mean over the batch (n sequences), times 1/T for the mean over steps. */
function lossScaleText(meanOverBatch: boolean, meanOverSteps: boolean): string {
  const divisors = [...(meanOverBatch ? ['n'] : []), ...(meanOverSteps ? ['T'] : [])];
  return divisors.length === 0 ? '1' : divisors.length === 1 ? `1 / ${divisors[0]}` : `1 / (${divisors.join(' * ')})`;
}
