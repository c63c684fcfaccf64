import type { NodeId } from '../../../ir/graph.js';
import type { HelperNames } from '../helper-names.js';
import type { CompiledNetwork } from '../../../compile/network/compile-network.js';
import type { NetworkGraph } from '../../../compile/network/build-graph.js';
import type { ResolvedNetwork } from '../../../compile/network/resolved.js';
import { emitProgram, type Program, type ProgramWasm } from '../tensor/program.js';
import { scalarBlockLocal } from '../tensor/kernel-scalars.js';
import type { MatmulOp, MatmulSizes } from '../../../lower/matmul.js';
import type { ElementLoop } from '../../../lower/element-loop.js';
import type { UpdateLoop } from '../../../lower/update-loop.js';
import type { RowLoop } from '../../../lower/row-loop.js';
import { linearMemoryMembers } from './linear-memory.js';
import { architectureField } from './architecture.js';
import { Workspace } from '../../../lower/workspace.js';
import { numberLiteral } from '../format.js';
import { layerSizes, type ParameterSlot } from '../../../compile/network/parameter-layout.js';
import { emitLearningRate, emitStepBody, type ParamFields, rateUsesEpoch, stateFields, stepWithKernels } from './optimizer-step.js';
import { lowerRowProgram } from '../../../lower/row-program.js';
import { emitRowStep, type RowStep } from './row-step.js';
import type { Precision } from '../../../dsl/network.js';
import { ARRAY_TYPES, type ArrayType } from '../typed-arrays.js';

/**
 * Training programs with at most this many scalars per row (every element of
 * every tensor of the forward and backward pass, plus the parameters) are
 * printed as one loop over the rows with straight-line code inside
 * (row-step.ts); larger ones as tensor loops and matrix kernels. Measured by
 * bench/unroll-threshold.mjs (tanh/softmax networks, batch 32, Node 20):
 * straight-line rows are 1.2× faster from 219 to 575 scalars, on par at 93,
 * and 14× slower at 839, where the method grows past what V8 optimizes.
 */
export const UNROLL_SCALARS = 512;

/** Generated code for one network: a subclass of the NetworkTrainer template. */
export interface NetworkCode {
  readonly classSource: string;
  readonly kernels: ReadonlyMap<string, string>;
}

/**
 * The three programs a trainer runs, each over the caller's n rows. They never
 * run at the same time, so they draw from one workspace.
 */
export function trainerPrograms(c: CompiledNetwork, workspace: Workspace, wasm?: ProgramWasm, helpers?: HelperNames) {
  const { train, gradient } = c;
  return {
    // L and ∂L/∂θ for a batch (with dropout masks)
    train: emitProgram({
      graph: gradient.graph,
      roots: [train.loss, ...gradient.gradient],
      ...bindings(train, wasm),
      outputs: gradientNames(c),
      workspace,
      ...(wasm === undefined ? {} : { wasm }),
      precision: c.spec.precision,
      ...(helpers === undefined ? {} : { helpers }),
    }),
    ...inferencePrograms(c, workspace, wasm, helpers),
  };
}

/** The programs of prediction and evaluation (no dropout), as tensor loops. */
function inferencePrograms(c: CompiledNetwork, workspace: Workspace, wasm?: ProgramWasm, helpers?: HelperNames) {
  const { inference } = c;
  const last = (net: NetworkGraph) => net.layers[net.layers.length - 1].a;
  const kernels = { ...(wasm === undefined ? {} : { wasm }), precision: c.spec.precision, ...(helpers === undefined ? {} : { helpers }) };
  return {
    // network outputs for a batch
    predict: emitProgram({
      graph: inference.graph,
      roots: [last(inference)],
      ...bindings(inference, wasm),
      outputs: new Map([[last(inference), 'out']]),
      workspace,
      ...kernels,
    }),
    // data loss and outputs (no penalties, no dropout)
    evaluate: emitProgram({
      graph: inference.graph,
      roots: [inference.dataLoss, last(inference)],
      ...bindings(inference, wasm),
      outputs: new Map([[last(inference), 'out']]),
      workspace,
      ...kernels,
    }),
  };
}

/** The WebAssembly side as the trainers see it (the driver provides it; backends/wasm builds the kernels). */
export interface WasmMatmuls {
  /**
   * The kernel's name for this product in a precision (default f64), recorded for the module, or undefined where the TS kernel runs;
   * zeroRichA: A is expected to hold many zeros (lower/matmul.ts zeroRich).
   */
  kernelFor(op: MatmulOp, sizes: MatmulSizes, precision?: Precision, zeroRichA?: boolean): string | undefined;
  /** Elements of scratch the kernel kernelFor would name takes as its last argument, or undefined (none, or no kernel). */
  scratchFor(op: MatmulOp, sizes: MatmulSizes, precision?: Precision, zeroRichA?: boolean): number | undefined;
  /** The kernel's name for this element-wise loop in a precision (default f64), recorded for the module, or undefined where the TS loop runs. */
  elementKernel(loop: ElementLoop, precision?: Precision): string | undefined;
  /** The kernel's name for this optimizer update loop in a precision (default f64), recorded for the module, or undefined where the TS loop runs. */
  updateKernel(loop: UpdateLoop, precision?: Precision): string | undefined;
  /** The kernel's name for this row loop (softmax / cross-entropy rows, column sums) in a precision, or undefined where the TS loop runs. */
  rowKernel(loop: RowLoop, precision?: Precision): string | undefined;
  /** The module's embedding (bytes, loader) once every trainer asked for its kernels; undefined when none did. */
  embed(): string | undefined;
}

/** The copies of the input rows and the target rows in linear memory (the caller's X and Y are anywhere). */
const X_IN_MEMORY = 'Xw';
const Y_IN_MEMORY = 'Yw';

/** ∂L/∂θ of each parameter → the name of its gradient array (dL_dW1). */
function gradientNames(c: CompiledNetwork): Map<NodeId, string> {
  const names = new Map<NodeId, string>();
  // ∂L/∂θ of the trained parameters (a frozen array's gradient is not computed: its field stays 0)
  c.gradient.gradient.forEach((id, i) => names.set(id, `dL_d${c.train.paramNames[c.train.params.indexOf(c.train.trained[i])]}`));
  return names;
}

/** How the trainer is printed (tests and benchmarks compare the choices). */
export interface TrainerOptions {
  /** Train in straight-line rows up to this many scalars per row (default UNROLL_SCALARS; 0: never). */
  readonly unrollScalars?: number;
  /** WebAssembly kernels for the matrix products of larger networks (their arrays then live in linear memory). */
  readonly wasm?: WasmMatmuls;
  /** The module's helpers, by their names there (default: a module of its own). */
  readonly helpers?: HelperNames;
}

/** The training program as one pass of straight-line rows, when its row program exists and is small enough. */
export function unrolledTraining(c: CompiledNetwork, limit = UNROLL_SCALARS, helpers?: HelperNames): RowStep | undefined {
  const program = lowerRowProgram(c.gradient.graph, [c.train.loss, ...c.gradient.gradient]);
  if ('reason' in program || program.scalars > limit) return undefined;
  return emitRowStep({ program, ...bindings(c.train), outputs: gradientNames(c), ...(helpers === undefined ? {} : { helpers }) });
}

/** Variables → code: X, Y, out are arguments (X copied into linear memory for the kernels); parameters and masks are locals copied from fields. */
function bindings(net: NetworkGraph, wasm?: ProgramWasm) {
  const inputs = new Map<NodeId, string>();
  inputs.set(net.X, wasm === undefined ? 'X' : X_IN_MEMORY);
  inputs.set(net.Y, wasm === undefined ? 'Y' : Y_IN_MEMORY);
  inputs.set(net.invN, 'invN');
  net.params.forEach((id, i) => inputs.set(id, net.paramNames[i]));
  net.layers.forEach((l, i) => {
    if (l.mask !== undefined) inputs.set(l.mask, `M${i + 1}`);
  });
  return { inputs };
}

export function emitNetworkClass(c: CompiledNetwork, options: TrainerOptions = {}): NetworkCode {
  const { spec, train, update } = c;
  const precision = spec.precision;
  const F = ARRAY_TYPES[precision];
  const learningRate = emitLearningRate(c);
  const workspace = new Workspace();
  // Small networks train in straight-line rows (no workspace); larger ones in tensor loops.
  const unrolled = unrolledTraining(c, options.unrollScalars, options.helpers);
  const params: ParamFields[] = c.layout.map((q) => ({
    name: q.name, grad: `dL_d${q.name}`, size: q.size, isWeight: q.role === 'weight', frozen: q.frozen === true,
  }));
  const masks = spec.layers.flatMap((l, i) => (l.options.dropout > 0 ? [{ name: `M${i + 1}`, units: l.units, rate: l.options.dropout }] : []));
  // Larger networks: every array in the WebAssembly kernels' memory, products as WASM kernels where large enough
  const memoryNames = new Set([X_IN_MEMORY, Y_IN_MEMORY, ...params.flatMap((q) => [q.name, q.grad]), ...masks.map((m) => m.name)]);
  const wasm: ProgramWasm | undefined = options.wasm === undefined || unrolled !== undefined ? undefined : {
    kernelFor: (op, sizes, zeroRichA) => options.wasm?.kernelFor(op, sizes, precision, zeroRichA),
    scratchFor: (op, sizes, zeroRichA) => options.wasm?.scratchFor(op, sizes, precision, zeroRichA),
    elementKernel: (loop) => options.wasm?.elementKernel(loop, precision),
    rowKernel: (loop) => options.wasm?.rowKernel(loop, precision),
    inMemory: { has: (name) => memoryNames.has(name) || workspace.slots.some((s) => s.name === name) },
  };
  const p = unrolled === undefined ? trainerPrograms(c, workspace, wasm, options.helpers) : { train: unrolled, ...inferencePrograms(c, workspace, undefined, options.helpers) };
  const sizes = layerSizes(spec);
  const batched = [...workspace.slots.filter((b) => b.batched), ...masks.map((m) => ({ name: m.name, length: m.units }))];
  const fixed = workspace.slots.filter((b) => !b.batched);
  const state = params.filter((q) => !q.frozen).flatMap((q) => stateFields(update, q).map((s) => ({ name: s, size: q.size })));
  const task = spec.loss === 'bce' ? 'binary' : spec.loss === 'cce' ? 'multiclass' : 'regression';
  const step = wasm === undefined
    ? { code: emitStepBody(c, params), scalarSlots: 0 }
    : stepWithKernels(c, params, (loop) => options.wasm?.updateKernel(loop, precision));
  // the kernels' scalar block: as many slots as the method that passes the most scalars
  const scalarSlots = Math.max(step.scalarSlots, ...[p.train, p.predict, p.evaluate].map((q) => ('scalarSlots' in q ? q.scalarSlots : 0)));
  const init = spec.init;
  // a parameter of shape [] (a bias shared by a layer's units) is read as a number, as the programs read scalar inputs
  const paramLocals = `const ${c.layout.map((q) => `${q.name} = this.${q.name}${q.shape.length === 0 ? '[0]' : ''}`).join(', ')};`;
  // a method's first lines: the workspace sized, the input rows copied into linear memory
  const outputs = sizes[sizes.length - 1];
  const copyRows = (local: string, from: string, width: number) => `
    const ${local} = this.${local};
    // ${from}'s rows are exactly the batch (as fit gives them): one block copy; else the first n rows
    if (${from}.length === n * ${width}) ${local}.set(${from});
    else for (let i = 0; i < n * ${width}; i++) ${local}[i] = ${from}[i];`;
  // with the targets Y too for the methods that read them
  const prologue = (withY: boolean) => (wasm === undefined ? 'this.ensureCapacity(n);' : `this.ensureCapacity(n);${copyRows(X_IN_MEMORY, 'X', spec.inputs)}${withY ? copyRows(Y_IN_MEMORY, 'Y', outputs) : ''}`);
  const lossAndGradient = `    ${prologue(true)}
    ${paramLocals}
    const ${params.filter((q) => !q.frozen).map((q) => `${q.grad} = this.${q.grad}`).join(', ')};
${masks.map((m) => `    // inverted dropout on a^${m.name.slice(1)}: keep with probability ${1 - m.rate}, scaled by 1 / keep
    const ${m.name} = this.${m.name};
    this.fillDropoutMask(${m.name}, n * ${m.units}, ${numberLiteral(1 - m.rate)}, ${numberLiteral(1 / (1 - m.rate))});`).join('\n')}
${'code' in p.train ? withInvN(p.train.code) : programBody(p.train)}`;

  const classSource = `
/**
 * ${c.name}: ${sizes.join('-')} network (${spec.layers.map((l) => l.activation).join(', ')}), loss ${spec.loss}, optimizer ${spec.optimizer.kind}.
 * W^l is units × inputs (row-major), so z^l = a^{l-1} (W^l)ᵀ + b^l with examples as rows.${precision === 'f32' ? `
 * Precision f32: parameters, gradients, optimizer state and workspace are Float32Arrays; inputs, targets
 * and outputs stay Float64Arrays (each row converted as it is copied or read); losses are numbers.` : ''}
 */
export class ${c.name} extends NetworkTrainer${task === 'multiclass' ? '<Float64Array | ClassLabels>' : ''} {
  readonly modelName = ${JSON.stringify(c.name)};
  readonly inputSize = ${spec.inputs};
  readonly outputSize = ${sizes[sizes.length - 1]};
  readonly task = ${JSON.stringify(task)};
  readonly layerSizes: readonly number[] = [${sizes.join(', ')}];
${architectureField(spec.layers)}
  readonly initKind = ${JSON.stringify(init.kind)};
  readonly initDistribution = ${JSON.stringify(init.distribution)};
  readonly seed = ${init.seed};
  readonly defaultBatchSize: number | 'full' = ${JSON.stringify(spec.optimizer.batchSize)};
${standardizationFields(spec)}

${wasm === undefined ? '' : linearMemoryMembers(c.name, {
    params,
    state: state.map((s) => ({ name: s.name, length: s.size })),
    fixed,
    batched: [...batched, { name: X_IN_MEMORY, length: spec.inputs }, { name: Y_IN_MEMORY, length: outputs }],
    scalars: scalarSlots,
  }, typeof spec.optimizer.batchSize === 'number' ? spec.optimizer.batchSize : 64, F)}
${wasm !== undefined ? '' : `  // Parameters θ (the notes' W^l, b^l) and gradients ∂L/∂θ
${parameterArrays(params, F)}`}
${parameterNames(params, c.layout)}

${wasm !== undefined ? '' : `  // Optimizer state
${state.map((s) => `  private readonly ${s.name} = new ${F.name}(${s.size});`).join('\n')}`}

${wasm !== undefined ? '' : `  // Workspace, shared by lossAndGradient, forwardBatch and dataLoss (a tensor holds a slot from its statement to its last use):
  // fixed-size arrays, and per-example arrays grown by ensureCapacity (never in the hot path once sized)
${fixed.map((b) => `  private readonly ${b.name} = new ${F.name}(${b.length});`).join('\n')}
  private capacity = 0;
${batched.map((b) => `  private ${b.name} = new ${F.name}(0);`).join('\n')}

${SEED_ONLY_CONSTRUCTOR}

  protected ensureCapacity(n: number): void {
    if (n <= this.capacity) return;
    this.capacity = n;
${batched.map((b) => `    this.${b.name} = new ${F.name}(n * ${b.length});`).join('\n')}
  }
`}
  /** L (into lastLoss) and ∂L/∂θ for n examples (rows of X, Y): the forward pass, then the backward pass of the notes. */
  protected computeLossAndGradient(X: Float64Array, Y: Float64Array, n: number): void {
${lossAndGradient}
    this.lastLoss = ${p.train.reference(train.loss)};
  }
${unrolled === undefined ? '' : fusedTrainStep(c, params, unrolled, lossAndGradient)}
  /** Network outputs for n examples given as the network sees them (standardized), no dropout. */
  protected forwardBatch(X: Float64Array, n: number, out: Float64Array): void {
    ${prologue(false)}
    ${paramLocals}
${programBody(p.predict)}
  }

  /** Data loss (no penalties, no dropout) for n examples; writes the outputs to out. */
  dataLoss(X: Float64Array, Y: Float64Array, n: number, out: Float64Array): number {
    ${prologue(true)}
    ${paramLocals}
${programBody(p.evaluate)}
    return ${p.evaluate.reference(c.inference.dataLoss)};
  }

  /** One optimizer update from the gradients. */
  step(): void {
${step.code}
  }

  baseLearningRate(${rateUsesEpoch(c) ? 'epoch' : '_epoch'}: number): number {
    ${learningRate}
  }

  protected resetOptimizerState(): void {
${state.map((s) => `    this.${s.name}.fill(0);`).join('\n')}
  }
}
`;
  const trainKernels = 'kernels' in p.train ? p.train.kernels : [];
  const kernels = new Map([...trainKernels, ...p.predict.kernels, ...p.evaluate.kernels]);
  return { classSource, kernels };
}

/**
 * computeTrainStep of a small network: its straight-line rows, then, when the
 * loss is finite, the optimizer update entry by entry with each gradient
 * read from the local that summed it and θ from the local the rows read
 * (step()'s rule, with no second pass over the arrays and no second call).
 */
function fusedTrainStep(c: CompiledNetwork, params: readonly ParamFields[], rows: RowStep, lossAndGradient: string): string {
  const gradientNode = new Map(c.train.trained.map((id, i) => [c.train.paramNames[c.train.params.indexOf(id)], c.gradient.gradient[i]]));
  const gradientOf = (q: ParamFields, k: number) => rows.elementsOf(gradientNode.get(q.name) as NodeId)[k];
  // θ's entries as the rows read them: locals loaded once before the rows
  const thetaOf = (q: ParamFields, k: number): string | undefined =>
    rows.elementsOf(c.train.params[c.train.paramNames.indexOf(q.name)])?.[k];
  return `
  /** One training step in one pass: L and ∂L/∂θ as computeLossAndGradient, then step()'s update from the gradients' locals. */
  protected override computeTrainStep(X: Float64Array, Y: Float64Array, n: number): void {
${lossAndGradient}
    const loss = ${rows.reference(c.train.loss)};
    this.lastLoss = loss;
    if (!Number.isFinite(loss)) return; // no update: fit reports the divergence
${emitStepBody(c, params, gradientOf, thetaOf)}
  }
`;
}

/**
 * The constructor of a trainer whose arrays are its own fields (no kernels to choose, unlike linear-memory.ts's):
 * the seed alone, a JavaScript caller's second argument refused (argument-checks.ts).
 */
export const SEED_ONLY_CONSTRUCTOR = `  constructor(seed?: number) {
    super();
    this.checkSeedOnly(arguments);
    this.initialize(seed ?? this.seed);
  }`;

/** The fields of the parameters θ and their gradients ∂L/∂θ, and the lists the template reads them through. */
export function parameterArrays(params: readonly ParamFields[], F: ArrayType = ARRAY_TYPES.f64): string {
  return `${params.map((q) => `  readonly ${q.name} = new ${F.name}(${q.size});\n  readonly ${q.grad} = new ${F.name}(${q.size});`).join('\n')}
  readonly params: readonly ${F.name}[] = [${params.map((q) => `this.${q.name}`).join(', ')}];
  readonly grads: readonly ${F.name}[] = [${params.map((q) => `this.${q.grad}`).join(', ')}];`;
}

/** The parameters' names and layout (the template's ParameterInfo), as fields. */
export function parameterNames(params: readonly ParamFields[], layout: readonly ParameterSlot[]): string {
  return `  readonly paramNames: readonly string[] = [${params.map((q) => JSON.stringify(q.name)).join(', ')}];
  readonly parameterLayout: readonly ParameterInfo[] = [
${layout.map((q) => `    ${parameterInfo(q)},`).join('\n')}
  ];`;
}

/** One entry of the emitted parameterLayout (the template's ParameterInfo). */
function parameterInfo(q: ParameterSlot): string {
  const { name, layer, role, shape, fanIn, fanOut, frozen } = q;
  return JSON.stringify({ name, layer, role, shape, fanIn, fanOut, ...(frozen === true ? { frozen } : {}) });
}

/** A program's statements, with its workspace arrays loaded into locals first. */
function programBody(program: Program): string {
  // program.buffers is workspace only: outputs (gradients, `out`) come in as locals or arguments.
  const loads = program.buffers.map((b) => `const ${b.name} = this.${b.name};`);
  const callsWasm = program.statements.some((s) => s.startsWith('if (wasm !== undefined)'));
  const scalars = program.scalarSlots > 0 ? [scalarBlockLocal()] : [];
  return withInvN([...(callsWasm ? ['const wasm = this.wasm;'] : []), ...scalars, ...loads, ...program.statements].join('\n'));
}

/** Code preceded by `const invN = 1 / n;` when it reads invN (declared only where read: noUnusedLocals). */
function withInvN(code: string): string {
  const usesInvN = code.split('\n').some((line) => !line.trim().startsWith('//') && /\binvN\b/.test(line));
  return usesInvN ? `const invN = 1 / n;\n${code}` : code;
}

/**
 * The class's standardization flags, its loss of one output (what evaluate
 * reports in the targets' units when the targets are standardized) and
 * whether dataLoss is the mean or the sum over the rows: shared by
 * feedforward and sequence classes.
 */
export function standardizationFields(
  spec: Pick<ResolvedNetwork, 'loss' | 'lossConvention' | 'standardize'>,
  reduction: 'mean' | 'sum' = spec.lossConvention.reduction,
): string {
  const outputLoss = spec.loss === 'mae' ? 'absolute' : spec.loss !== 'mse' ? 'cross-entropy'
    : spec.lossConvention.half ? 'half-squared' : 'squared';
  return `  readonly standardizeInputs = ${spec.standardize.inputs};
  readonly standardizeTargets = ${spec.standardize.targets};
  readonly outputLoss = ${JSON.stringify(outputLoss)};
  readonly lossReduction = ${JSON.stringify(reduction)};`;
}
